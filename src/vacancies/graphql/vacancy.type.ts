import { Type } from 'class-transformer';
import { PageArgs } from '../../common/pagination.js';
import { ArgsType, Field, ID, InputType, ObjectType, PartialType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested, IsString, Matches, MaxLength } from 'class-validator';
import { BUURT_CODE, IsIsoDate } from '../../common/validators.js';
import { ALLOCATION_ROUTES, VACANCY_STATUSES } from '../../engine/model.js';

export enum AllocationRouteEnum {
  REGULAR = 'REGULAR',
  URGENCY = 'URGENCY',
  DIRECT = 'DIRECT',
  LOTTERY = 'LOTTERY',
  POINTS = 'POINTS',
}
export enum VacancyStatusEnum {
  OPEN = 'OPEN',
  PROPOSED = 'PROPOSED',
  OFFERED = 'OFFERED',
  ALLOCATED = 'ALLOCATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AllocationRouteEnum, {
  name: 'AllocationRoute',
  description: 'How the vacancy is let: REGULAR (registration time), URGENCY, DIRECT (direct bemiddeling), LOTTERY',
});
registerEnumType(VacancyStatusEnum, { name: 'VacancyStatus' });

@ObjectType()
export class Vacancy {
  @Field(() => ID) id: string;
  @Field() reference: string;
  dwellingId: number;
  @Field() availableFrom: string;
  @Field(() => AllocationRouteEnum) route: AllocationRouteEnum;
  @Field(() => VacancyStatusEnum) status: VacancyStatusEnum;
  @Field({ description: 'Nobody met the label or indication in earlier rounds: the policy fallback applies' }) labelFallbackActive: boolean;
  @Field({ description: 'Advertised with local-ties priority (Huisvestingswet art. 14)' }) localTiesPriority: boolean;
}

@ObjectType()
export class VacancyResponse {
  householdId: number;
  @Field() respondedAt: Date;
}

@InputType()
export class VacancyFilter {
  @Field(() => VacancyStatusEnum, { nullable: true }) @IsOptional() @IsIn(VACANCY_STATUSES) status?: VacancyStatusEnum;
  @Field(() => AllocationRouteEnum, { nullable: true }) @IsOptional() @IsIn(ALLOCATION_ROUTES) route?: AllocationRouteEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() complexId?: string;
  @Field({ nullable: true, description: 'The complex by its code' }) @IsOptional() @IsString() @MaxLength(40) complexCode?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits' }) buurtCode?: string;
  @Field(() => [VacancyStatusEnum], { nullable: true, description: 'Any of these statuses (with status: both must hold)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(VACANCY_STATUSES.length)
  @IsIn(VACANCY_STATUSES, { each: true })
  statusIn?: VacancyStatusEnum[];
  @Field({ nullable: true, description: 'Part of the reference, any case (the worklist search)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  referenceContains?: string;
}

@InputType()
export class VacancyFieldsInput {
  @Field({ nullable: true, description: 'Business reference; generated when omitted' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'reference must be 1-40 letters, digits, _, . or -' })
  reference?: string;
  @Field() @IsIsoDate() availableFrom: string;
  @Field(() => AllocationRouteEnum) @IsIn(ALLOCATION_ROUTES) route: AllocationRouteEnum;
  // no defaultValues here: PartialType would copy them into the update input (defaults apply on create)
  @Field({ nullable: true, description: 'Default on create: false' }) @IsOptional() @IsBoolean() labelFallbackActive?: boolean;
  @Field({ nullable: true, description: 'Default on create: false' }) @IsOptional() @IsBoolean() localTiesPriority?: boolean;
}

@InputType()
export class CreateVacancyInput extends VacancyFieldsInput {
  @Field(() => ID) @IsString() dwellingId: string;
}

@InputType()
export class UpdateVacancyInput extends PartialType(VacancyFieldsInput) {}

@ArgsType()
export class VacancyListArgs extends PageArgs {
  @Field(() => VacancyFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => VacancyFilter) filter?: VacancyFilter;
}
