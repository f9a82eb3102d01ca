import { JobStatusEnum } from '../../common/graphql/output-enums.js';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

@InputType()
export class TurnoverRateInput {
  @Field({ description: 'SINGLE, COUPLE, FAMILY, SINGLE_PARENT or OTHER' }) @IsString() householdType: string;
  @Field(() => Float, { description: 'Annual probability that such a tenant moves out (0-1)' }) @IsNumber() rate: number;
}

@InputType()
export class ApplicantShareInput {
  @Field() @IsString() category: string;
  @Field(() => Float, { description: '0-1; the shares add up to 1' }) @IsNumber() share: number;
}

@InputType({ description: "A given mix of respondents in one composition dimension, instead of the waiting list's own" })
export class ApplicantMixInput {
  @Field({ description: 'HOUSEHOLD_TYPE, AGE_BAND, INCOME_BAND, INCOME_SOURCE or VULNERABILITY' }) @IsString() dimension: string;
  @Field(() => [ApplicantShareInput]) @IsArray() @ValidateNested({ each: true }) @Type(() => ApplicantShareInput) shares: ApplicantShareInput[];
}

@InputType()
export class AcceptanceRateInput {
  @Field() @IsString() category: string;
  @Field(() => Float, { description: 'Probability (0-1) that a household of this category accepts an offer' }) @IsNumber() rate: number;
}

@InputType({
  description: 'Who accepts an offer, per category of one composition dimension (households with other options decline homes in a complex with a reputation)',
})
export class AcceptanceInput {
  @Field({ description: 'HOUSEHOLD_TYPE, AGE_BAND, INCOME_BAND, INCOME_SOURCE or VULNERABILITY' }) @IsString() dimension: string;
  @Field(() => [AcceptanceRateInput])
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceRateInput)
  rates: AcceptanceRateInput[];
}

@InputType({ description: 'What to simulate: complexes, policies to compare with the plain order, horizon, runs, seed' })
export class StartSimulationInput {
  @Field(() => [ID]) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @IsString({ each: true }) complexIds: string[];
  @Field(() => [ID], { nullable: true, description: 'Composition policy versions to compare (at most two); default: the version in force' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  compositionPolicyIds?: string[] | null;
  @Field(() => Int, { description: 'Years ahead (1-30)' }) @IsInt() horizonYears: number;
  @Field(() => Int, { description: 'Monte Carlo runs (1-2000)' }) @IsInt() runs: number;
  @Field(() => Float, { nullable: true, description: 'Seed (default 1): same seed, same results' }) @IsOptional() @IsInt() @Min(0) @Max(0xffffffff) seed?:
    number | null;
  @Field(() => [TurnoverRateInput], { nullable: true, description: 'Override the move-out rates (default: the complex history, else documented defaults)' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TurnoverRateInput)
  turnover?: TurnoverRateInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Respondents per vacancy (default: the complex history, else 30)' })
  @IsOptional()
  @IsInt()
  respondentsPerVacancy?: number | null;
  @Field(() => ApplicantMixInput, { nullable: true, description: 'Respondents in a given mix (default: drawn from the current waiting list)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantMixInput)
  applicantMix?: ApplicantMixInput | null;
  @Field(() => AcceptanceInput, { nullable: true, description: "Acceptance rates (default: the complex's own offer records, else everyone offered accepts)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => AcceptanceInput)
  acceptance?: AcceptanceInput | null;
}

@ObjectType()
export class SimulationProgress {
  @Field() stage: string;
  @Field(() => Int) percent: number;
  @Field() message: string;
}

@ObjectType()
export class BandPolicyOutcome {
  @Field() policy: string;
  @Field(() => Int, { description: 'Simulated years with the mean share outside the band' }) yearsOutside: number;
  @Field(() => Int, { nullable: true, description: 'First year the mean share is inside the band' }) firstYearInside: number | null;
  @Field(() => Int) startBasisPoints: number;
  @Field(() => Int) endBasisPoints: number;
}

@ObjectType()
export class SimulationBand {
  @Field() targetId: string;
  @Field() label: string;
  @Field() seriesId: string;
  @Field() dimension: string;
  @Field() bound: string;
  @Field(() => Int) basisPoints: number;
  @Field() setBy: string;
  @Field(() => [BandPolicyOutcome]) perPolicy: BandPolicyOutcome[];
}

@ObjectType({ description: 'The price of differentiation and quota use of a policy' })
export class SimulationPrice {
  @Field() policy: string;
  @Field(() => Float) allocationsPerRun: number;
  @Field(() => Float, { description: 'Offers made per household housed (above 1 when offers are declined)' }) offersPerAllocation: number;
  @Field(() => Int) deviatedShareBasisPoints: number;
  @Field(() => Float) meanChosenWaitYears: number;
  @Field(() => Float) meanPlainOrderWaitYears: number;
  @Field(() => Float, { description: 'Registration time the plain-order candidate had beyond the chosen household, in years' })
  registrationTimeGivenUpYears: number;
  @Field(() => Float, { nullable: true }) urgentMeanWaitYears: number | null;
  @Field(() => Int) daebTargetGroupShareBasisPoints: number;
  @Field(() => Int) passendWithinCapShareBasisPoints: number;
}

@ObjectType()
export class SimulationChart {
  @Field() seriesId: string;
  @Field() title: string;
  @Field({ description: 'Signed link to an SVG chart (valid one hour)' }) url: string;
}

@ObjectType()
export class SimulationComplexResult {
  @Field(() => ID) complexId: string;
  @Field() complexCode: string;
  @Field(() => Int) years: number;
  @Field(() => Int) runs: number;
  @Field(() => [SimulationBand]) bands: SimulationBand[];
  @Field(() => [SimulationPrice]) prices: SimulationPrice[];
  @Field({ description: 'Where turnover and respondents came from (JSON)' }) sources: string;
  @Field() inputHash: string;
  @Field({ description: 'The series as CSV (policy, series, dimension, year, mean, p10, p90 in basis points)' }) csv: string;
  @Field(() => [SimulationChart]) charts: SimulationChart[];
}

@ObjectType()
export class Simulation {
  @Field(() => ID) id: string;
  @Field(() => JobStatusEnum) status: string;
  @Field(() => Int) attempts: number;
  @Field(() => SimulationProgress) progress: SimulationProgress;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field({ description: 'The request as JSON' }) request: string;
  @Field(() => [SimulationComplexResult]) results: SimulationComplexResult[];
}
