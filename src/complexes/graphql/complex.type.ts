import { Type } from 'class-transformer';
import { PageArgs } from '../../common/pagination.js';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, PartialType } from '@nestjs/graphql';
import { IsInt, IsOptional, ValidateNested, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BUURT_CODE, IsIsoDate, MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({ description: 'A building or group of dwellings managed as one' })
export class Complex {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  neighbourhoodId: number;
}

@ObjectType()
export class CategoryShare {
  @Field() category: string;
  @Field(() => Int, { nullable: true, description: 'null for managers when 1-4 households (or when it would give such a cell away)' }) count: number | null;
  @Field(() => Float, { nullable: true, description: 'count / total, 0..1, rounded to 4 decimals; null when count is' }) share: number | null;
}

@ObjectType()
export class DimensionComposition {
  @Field({ description: 'HOUSEHOLD_TYPE, AGE_BAND, INCOME_BAND, INCOME_SOURCE or VULNERABILITY' }) dimension: string;
  @Field(() => Int) total: number;
  @Field(() => [CategoryShare]) categories: CategoryShare[];
}

@ObjectType({ description: 'Households that moved in during the inflow period' })
export class InflowComposition {
  @Field() periodStart: string;
  @Field() periodEnd: string;
  @Field(() => Int, { nullable: true, description: 'null for managers when 1-4 households' }) count: number | null;
  @Field(() => Int, { nullable: true, description: 'null for managers when it or the rest is 1-4 households' }) urgentCount: number | null;
  @Field(() => Float, { nullable: true }) urgentShare: number | null;
  @Field(() => Int, { nullable: true, description: 'null for managers when it or the rest is 1-4 households' }) vulnerableCount: number | null;
  @Field(() => Float, { nullable: true }) vulnerableShare: number | null;
}

@ObjectType({ description: "Who lives in the complex on asOf, derived from tenancies; income bands use that year's limits" })
export class Composition {
  @Field() asOf: string;
  @Field(() => Int) parameterYear: number;
  @Field(() => Int) dwellingCount: number;
  @Field(() => Int) occupiedCount: number;
  @Field(() => Int) vacantCount: number;
  @Field(() => [DimensionComposition]) dimensions: DimensionComposition[];
  @Field(() => InflowComposition) inflow: InflowComposition;
}

@ArgsType()
export class CompositionArgs {
  @Field({ nullable: true, description: 'Date of the snapshot (default: today)' }) @IsOptional() @IsIsoDate() asOf?: string;
  @Field(() => Int, { defaultValue: 3, description: 'Length of the inflow period in years, ending at asOf' })
  @IsInt()
  @Min(1)
  @Max(30)
  inflowYears: number = 3;
}

@InputType()
export class ComplexFilter {
  @Field({ nullable: true }) @IsOptional() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits' }) buurtCode?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be GM followed by 4 digits' })
  municipalityCode?: string;
  @Field(() => Int, { nullable: true, description: 'Only complexes in buurten with resilience class at most this' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  maxResilienceClass?: number;
  @Field({ nullable: true, description: 'Case-insensitive match on code or name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

@InputType()
export class ComplexFieldsInput {
  @Field() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'code must be 1-40 letters, digits, _, . or -' }) code: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @Field() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
}

@InputType()
export class CreateComplexInput extends ComplexFieldsInput {}

@InputType()
export class UpdateComplexInput extends PartialType(ComplexFieldsInput) {}

@ArgsType()
export class ComplexListArgs extends PageArgs {
  @Field(() => ComplexFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => ComplexFilter) filter?: ComplexFilter;
}
