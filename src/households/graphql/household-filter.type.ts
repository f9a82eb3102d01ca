import { Type } from 'class-transformer';
import { PageArgs } from '../../common/pagination.js';
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, ValidateNested, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';
import { INCOME_SOURCES } from '../../engine/model.js';
import { IncomeSourceEnum, MAX_HOUSEHOLD_SIZE } from './household.type.js';

@InputType()
export class HouseholdFilter {
  @Field({ nullable: true }) @IsOptional() @IsBoolean() onWaitingList?: boolean;
  @Field({ nullable: true, description: 'true: holds an urgency; false: does not' }) @IsOptional() @IsBoolean() urgent?: boolean;
  @Field(() => IncomeSourceEnum, { nullable: true }) @IsOptional() @IsIn(INCOME_SOURCES) incomeSource?: IncomeSourceEnum;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(MAX_HOUSEHOLD_SIZE) minSize?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(MAX_HOUSEHOLD_SIZE) maxSize?: number;
  @Field({ nullable: true }) @IsOptional() @IsIsoDate() registeredBefore?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) referencePrefix?: string;
}

@ArgsType()
export class HouseholdListArgs extends PageArgs {
  @Field(() => HouseholdFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => HouseholdFilter) filter?: HouseholdFilter;
}
