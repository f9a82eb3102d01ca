import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { BUURT_CODE, IsIsoDate, IsNumberWithDecimals } from '../../common/validators.js';
import { PARTNER_TEXT } from '../../common/graphql/free-text.js';

export const PARTNER_ACTION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED'] as const;
export enum PartnerActionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  DROPPED = 'DROPPED',
}
registerEnumType(PartnerActionStatus, { name: 'PartnerActionStatus' });

@ObjectType({ description: 'What a programme aims for: an indicator at or better than a target by a date' })
export class ProgrammeGoal {
  @Field() indicatorCode: string;
  @Field({ description: 'The indicator’s name in the reader’s language' }) indicatorName: string;
  @Field(() => Float, { description: 'Per 100 homes per year, or per 100 households or respondents (the indicator’s basis)' }) target: number;
  @Field() byDate: string;
}

@ObjectType({ description: 'What a partner does in the programme' })
export class PartnerAction {
  @Field(() => ID) id: string;
  @Field({ description: `The partner: wijkteam, zorg, gemeente, politie, ... ${PARTNER_TEXT}` }) partner: string;
  @Field({ description: PARTNER_TEXT }) action: string;
  @Field() dueDate: string;
  @Field(() => PartnerActionStatus) status: PartnerActionStatus;
  @Field() updatedAt: Date;
}

@ObjectType({ description: 'A programme in one buurt: its complexes, dates, the composition policy it allocates by, goals and partner actions' })
export class Programme {
  @Field(() => ID) id: string;
  @Field({ description: PARTNER_TEXT }) name: string;
  @Field() buurtCode: string;
  @Field() buurtName: string;
  @Field(() => [String], { description: 'The complexes in scope (every complex of the buurt when the programme names none)' }) complexCodes: string[];
  @Field({ description: 'True when the programme covers the whole buurt' }) wholeBuurt: boolean;
  @Field() startDate: string;
  @Field() reviewDate: string;
  @Field(() => Int) compositionPolicyVersion: number;
  @Field({ description: PARTNER_TEXT }) description: string;
  @Field({ description: 'Started on or before today and not past its review date' }) active: boolean;
  @Field(() => [ProgrammeGoal]) goals: ProgrammeGoal[];
  @Field(() => [PartnerAction]) actions: PartnerAction[];
  @Field() createdBy: string;
}

@InputType()
export class ProgrammeGoalInput {
  @Field() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'indicatorCode must be an indicator code (see outcomeIndicators)' }) indicatorCode: string;
  @Field(() => Float) @IsNumberWithDecimals(2) @Min(0) @Max(100_000) target: number;
  @Field() @IsIsoDate() byDate: string;
}

@InputType()
export class PartnerActionInput {
  @Field({ description: PARTNER_TEXT }) @IsString() @MinLength(2) @MaxLength(120) partner: string;
  @Field({ description: PARTNER_TEXT }) @IsString() @MinLength(3) @MaxLength(500) action: string;
  @Field() @IsIsoDate() dueDate: string;
  @Field(() => PartnerActionStatus, { defaultValue: PartnerActionStatus.PLANNED }) @IsIn(PARTNER_ACTION_STATUSES) status: PartnerActionStatus;
}

@InputType({ description: 'A new programme (manager); audited' })
export class CreateProgrammeInput {
  @Field({ description: PARTNER_TEXT }) @IsString() @MinLength(3) @MaxLength(120) name: string;
  @Field() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
  @Field(() => [String], { defaultValue: [], description: 'Complexes of the buurt in scope; empty: the whole buurt' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  complexCodes: string[];
  @Field() @IsIsoDate() startDate: string;
  @Field() @IsIsoDate() reviewDate: string;
  @Field(() => Int, { description: 'The composition policy version the programme allocates by' }) @IsInt() @Min(1) compositionPolicyVersion: number;
  @Field({ defaultValue: '', description: PARTNER_TEXT }) @IsString() @MaxLength(2000) description: string;
  @Field(() => [ProgrammeGoalInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeGoalInput)
  goals: ProgrammeGoalInput[];
  @Field(() => [PartnerActionInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartnerActionInput)
  actions: PartnerActionInput[];
}

@InputType({ description: 'A partner action’s new status (manager); audited' })
export class UpdatePartnerActionInput {
  @Field(() => ID) @IsString() @Matches(/^\d{1,10}$/, { message: 'actionId must be the id of a partner action' }) actionId: string;
  @Field(() => PartnerActionStatus) @IsIn(PARTNER_ACTION_STATUSES) status: PartnerActionStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIsoDate() dueDate?: string | null;
}

@ObjectType({ description: 'A window’s total: the count, its exposure and the rate per 100' })
export class EvaluationCell {
  @Field(() => Int, { nullable: true, description: 'Null when 1-4 (it could point at a household)' }) count: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Home-years (events per home), or households or respondents counted (null for these when the cell is withheld)',
  })
  exposure: number | null;
  @Field(() => Float, { nullable: true }) rate: number | null;
  @Field(() => Int) observations: number;
}

@ObjectType()
export class EvaluationWarning {
  @Field({ description: 'NO_COMPARISON, FEW_COMPARISON_COMPLEXES, NO_DATA_BEFORE, NO_DATA_AFTER, SHORT_AFTER, SMALL_COUNTS, SUPPRESSED or STRADDLING' })
  code: string;
  @Field() text: string;
}

@ObjectType()
export class EvaluationBand {
  @Field(() => Float) low: number;
  @Field(() => Float) high: number;
}

@ObjectType()
export class EvaluationGroup {
  @Field(() => Int) complexes: number;
  @Field(() => EvaluationCell) before: EvaluationCell;
  @Field(() => EvaluationCell) after: EvaluationCell;
  @Field(() => Float, { nullable: true, description: 'after - before, per 100' }) change: number | null;
}

@ObjectType({ description: 'One indicator before and after the start, against comparable complexes, as a difference-in-differences' })
export class IndicatorEvaluation {
  @Field() indicatorCode: string;
  @Field() indicatorName: string;
  @Field() basis: string;
  @Field() lowerIsBetter: boolean;
  @Field(() => EvaluationGroup) programme: EvaluationGroup;
  @Field(() => EvaluationGroup) comparison: EvaluationGroup;
  @Field(() => Float, { nullable: true, description: '(programme after - before) - (comparison after - before), per 100' }) differenceInDifferences:
    number | null;
  @Field(() => EvaluationBand, { nullable: true, description: '95% interval from the counts’ own noise' }) band: EvaluationBand | null;
  @Field({ description: 'IMPROVED, WORSENED, NO_CLEAR_CHANGE or UNKNOWN' }) verdict: string;
  @Field() verdictText: string;
  @Field(() => [EvaluationWarning]) warnings: EvaluationWarning[];
  @Field(() => [ProgrammeGoal], { description: 'The programme’s goals on this indicator' }) goals: ProgrammeGoal[];
}

@ObjectType({ description: 'A composition share before and after the start (suppressed when 1-4 households)' })
export class CompositionShift {
  @Field() complexCode: string;
  @Field() dimension: string;
  @Field() category: string;
  @Field(() => Float, { nullable: true, description: '0..1 on the start date' }) before: number | null;
  @Field(() => Float, { nullable: true, description: '0..1 today' }) after: number | null;
}

@ObjectType({ description: 'Allocations in scope since the start: deviations from plain order and the registration time given up' })
export class DeviationSince {
  @Field(() => Int, { nullable: true, description: 'Null when 1-4 (they could point at the households that moved in)' }) allocations: number | null;
  @Field(() => Int, { nullable: true }) deviated: number | null;
  @Field(() => Float, { nullable: true }) deviatedShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days of registration the first in plain order had over the household chosen' })
  medianRegistrationDaysGivenUp: number | null;
  @Field(() => Float, { nullable: true }) totalRegistrationYearsGivenUp: number | null;
}

@ObjectType({ description: 'Did the programme help: indicators against comparable complexes, composition, deviations; with CSV' })
export class ProgrammeEvaluation {
  @Field(() => Programme) programme: Programme;
  @Field() asOf: string;
  @Field(() => Int) windowYears: number;
  @Field() beforeFrom: string;
  @Field() beforeTo: string;
  @Field() afterFrom: string;
  @Field() afterTo: string;
  @Field(() => [String], { description: 'The comparison: complexes of the same resilience class in no programme' }) comparisonComplexCodes: string[];
  @Field(() => [IndicatorEvaluation]) indicators: IndicatorEvaluation[];
  @Field(() => [CompositionShift]) composition: CompositionShift[];
  @Field(() => DeviationSince) deviations: DeviationSince;
  @Field({ description: 'The evaluation as CSV (UTF-8 with BOM; decimal comma and semicolons when decimalComma)' }) csv: string;
}
