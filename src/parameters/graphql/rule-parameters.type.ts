import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_CENTS } from '../../common/validators.js';

@ObjectType()
export class ParameterSource {
  @Field() field: string;
  @Field() source: string;
}

@ObjectType({ description: 'Legal parameters of one calendar year (effective 1 January); amounts in cents' })
export class RuleParameterYear {
  @Field(() => Int) year: number;
  @Field(() => Int) daebIncomeLimitSingleCents: number;
  @Field(() => Int) daebIncomeLimitMultiCents: number;
  @Field(() => Int) daebRentLimitCents: number;
  @Field(() => Int) passendIncomeSingleBelowAowCents: number;
  @Field(() => Int) passendIncomeMultiBelowAowCents: number;
  @Field(() => Int) passendIncomeSingleAowCents: number;
  @Field(() => Int) passendIncomeMultiAowCents: number;
  @Field(() => Int) rentCapLowCents: number;
  @Field(() => Int) rentCapHighCents: number;
  @Field(() => Int) qualityDiscountLimitCents: number;
  @Field(() => Int) youthAgeLimit: number;
  @Field(() => Int) aowAgeYears: number;
  @Field(() => Int) aowAgeMonths: number;
  @Field(() => Int, { nullable: true }) middleSegmentLimitCents: number | null;
  @Field(() => Int, { nullable: true }) elderlyAssetLimitSingleCents: number | null;
  @Field(() => Int, { nullable: true }) elderlyAssetLimitMultiCents: number | null;
  @Field(() => [ParameterSource]) sources: ParameterSource[];
}

@InputType()
export class ParameterSourceInput {
  @Field() @IsString() @MinLength(1) @MaxLength(60) field: string;
  @Field() @IsString() @MinLength(1) @MaxLength(500) source: string;
}

const cents = () => [IsInt(), Min(1), Max(MAX_CENTS)];
function Cents(): PropertyDecorator {
  return (target, key) => cents().forEach((d) => d(target, key));
}

@InputType({ description: 'A new year of legal parameters; every limit is required and positive' })
export class AddRuleParameterYearInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field(() => Int) @Cents() daebIncomeLimitSingleCents: number;
  @Field(() => Int) @Cents() daebIncomeLimitMultiCents: number;
  @Field(() => Int) @Cents() daebRentLimitCents: number;
  @Field(() => Int) @Cents() passendIncomeSingleBelowAowCents: number;
  @Field(() => Int) @Cents() passendIncomeMultiBelowAowCents: number;
  @Field(() => Int) @Cents() passendIncomeSingleAowCents: number;
  @Field(() => Int) @Cents() passendIncomeMultiAowCents: number;
  @Field(() => Int) @Cents() rentCapLowCents: number;
  @Field(() => Int) @Cents() rentCapHighCents: number;
  @Field(() => Int) @Cents() qualityDiscountLimitCents: number;
  @Field(() => Int) @IsInt() @Min(16) @Max(30) youthAgeLimit: number;
  @Field(() => Int) @IsInt() @Min(60) @Max(75) aowAgeYears: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(11) aowAgeMonths: number = 0;
  @Field(() => Int, { nullable: true }) @IsOptional() @Cents() middleSegmentLimitCents?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Cents() elderlyAssetLimitSingleCents?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Cents() elderlyAssetLimitMultiCents?: number | null;
  @Field(() => [ParameterSourceInput], { description: 'Where each figure comes from (Staatscourant, rijksoverheid.nl, ...)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'sources must name at least one source' })
  @ValidateNested({ each: true })
  @Type(() => ParameterSourceInput)
  sources: ParameterSourceInput[];
}

@ObjectType({ description: 'A parameter year the work of the next 90 days needs' })
export class NeededParameterYear {
  @Field(() => Int) year: number;
  @Field({ description: 'The first day within the horizon that needs it' }) neededFrom: string;
  @Field() present: boolean;
  @Field(() => [String]) reasons: string[];
}

@ObjectType({ description: 'Which years of legal parameters exist, and which the next 90 days of work need' })
export class RuleParameterCoverage {
  @Field() today: string;
  @Field(() => [Int]) years: number[];
  @Field(() => [NeededParameterYear]) needed: NeededParameterYear[];
  @Field(() => String, { nullable: true, description: 'Set from 60 days before a missing year is first needed' }) warning: string | null;
}
