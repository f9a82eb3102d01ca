import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';
import { ALLOCATION_ROUTES } from '../../engine/model.js';
import { AllocationRouteEnum } from '../../vacancies/graphql/vacancy.type.js';

@ObjectType({ description: 'A household living in a dwelling; history is kept (end date), never overwritten' })
export class Tenancy {
  @Field(() => ID) id: string;
  householdId: number;
  dwellingId: number;
  @Field() startDate: string;
  @Field(() => String, { nullable: true }) endDate: string | null;
  @Field(() => AllocationRouteEnum, { nullable: true }) allocationRoute: AllocationRouteEnum | null;
  @Field(() => String, { nullable: true, description: 'Why it ended: a VERA EINDEDETAILREDEN code (see tenancyEndReasons)' }) endReason: string | null;
}

@InputType()
export class StartTenancyInput {
  @Field(() => ID) @IsString() householdId: string;
  @Field(() => ID) @IsString() dwellingId: string;
  @Field() @IsIsoDate() startDate: string;
  @Field(() => AllocationRouteEnum, {
    nullable: true,
    description: 'Given: an allocation, judged on startDate (refused when ineligible) and counted in the quotas. Omitted: registers an existing tenancy',
  })
  @IsOptional()
  @IsIn(ALLOCATION_ROUTES)
  allocationRoute?: AllocationRouteEnum;
}

@InputType()
export class EndTenancyInput {
  @Field(() => ID) @IsString() tenancyId: string;
  @Field() @IsIsoDate() endDate: string;
  @Field(() => String, { nullable: true, description: 'Why it ends: a VERA EINDEDETAILREDEN code (see tenancyEndReasons)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'endReason must be a tenancy end reason code (three capitals, see tenancyEndReasons)' })
  endReason?: string | null;
}
