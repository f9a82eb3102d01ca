import { JobStatusEnum, SolveStatusEnum } from '../../common/graphql/output-enums.js';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { QuotaShare } from '../../eligibility/graphql/eligibility.type.js';
import { Proposal } from './proposal.type.js';

@InputType({ description: 'Vacancies to plan together under the annual quotas: named ones, or all OPEN and PROPOSED ones (of a municipality)' })
export class StartAllocationRoundInput {
  @Field(() => [ID], { nullable: true, description: 'Leave out for every OPEN or PROPOSED vacancy' })
  @IsOptional()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  vacancyIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Only vacancies in this municipality (GM code)' }) @IsOptional() @IsString() municipalityCode?:
    string | null;
  @Field(() => Int, { nullable: true, description: 'Solver time limit in seconds (1-600, default 60)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds?: number | null;
  @Field(() => Float, { nullable: true, description: 'Lottery seed (0-4294967295); by default derived from the date and the vacancies' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  seed?: number | null;
}

@ObjectType()
export class RoundProgress {
  @Field({ description: 'QUEUED, LOADING, SOLVING, STORING or DONE' }) stage: string;
  @Field(() => Int) percent: number;
  @Field() message: string;
}

@ObjectType({ description: 'How the round was solved: solver, status, proven gap, model size, time' })
export class RoundSolverReport {
  @Field(() => SolveStatusEnum) status: string;
  @Field({ description: 'SOLVER, LP_RELAXATION, FAST_PATH, LP_ROUNDING_FALLBACK, GREEDY_FALLBACK or NONE' }) source: string;
  @Field(() => String, { nullable: true }) solverName: string | null;
  @Field(() => String, { nullable: true }) solverVersion: string | null;
  @Field(() => Float, { nullable: true }) objective: number | null;
  @Field(() => Float, { nullable: true }) bound: number | null;
  @Field(() => Float, { nullable: true, description: 'Proven relative optimality gap' }) gap: number | null;
  @Field() optimalityScope: string;
  @Field(() => Int, { nullable: true }) columns: number | null;
  @Field(() => Int, { nullable: true }) rows: number | null;
  @Field(() => Int, { nullable: true }) keptPairs: number | null;
  @Field(() => Int, { nullable: true }) prunedPairs: number | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Int) totalMs: number;
  @Field(() => Int, { nullable: true }) solverMs: number | null;
  @Field(() => Int) households: number;
  @Field(() => Int) pairs: number;
}

@ObjectType()
export class RoundQuotaEffect {
  @Field({ description: 'ASSOCIATION or a municipality code' }) scope: string;
  @Field(() => [QuotaShare]) before: QuotaShare[];
  @Field(() => [QuotaShare]) after: QuotaShare[];
  @Field(() => Float, { description: 'Penalty points of shares below their norm after the round' }) penalty: number;
}

@ObjectType()
export class SkippedVacancy {
  @Field(() => ID) vacancyId: string;
  @Field() reason: string;
}

@ObjectType({
  description:
    'What the round planned for one vacancy, without any household. Candidate count and the filled and passed-over flags are for the officers handling the letting: managers read the totals (AllocationRound.outcomeTotals)',
})
export class RoundVacancyOutcome {
  @Field(() => ID) vacancyId: string;
  @Field() vacancyReference: string;
  @Field() complexReference: string;
  @Field() route: string;
  @Field(() => Int) candidateCount: number;
  @Field({ description: 'A household is proposed (false: left empty, see the summary of its proposal)' }) filled: boolean;
  @Field({ description: 'The first household in plain order was passed over (the proposal says why)' }) plainOrderPassedOver: boolean;
}

@ObjectType({ description: 'How many homes of a completed round were filled, left empty, taken out of plain order or skipped' })
export class RoundOutcomeTotals {
  @Field(() => Int, { description: 'Vacancies the round planned' }) planned: number;
  @Field(() => Int, { description: 'Planned vacancies with a proposed household' }) filled: number;
  @Field(() => Int, { description: 'Planned vacancies left empty (no eligible household fitted)' }) leftEmpty: number;
  @Field(() => Int, { description: 'Planned vacancies whose first household in plain order was passed over' }) plainOrderPassedOver: number;
  @Field(() => Int, { description: 'Vacancies the round did not plan (see skipped for why)' }) skipped: number;
}

@ObjectType({ description: 'Vacancies planned together as a job: status, progress, plan, quota effects, solver report' })
export class AllocationRound {
  @Field(() => ID) id: string;
  @Field(() => JobStatusEnum) status: string;
  @Field(() => [ID]) vacancyIds: string[];
  @Field() allocationDate: string;
  @Field(() => Float) seed: number;
  @Field(() => Int) timeLimitSeconds: number;
  @Field(() => Int) attempts: number;
  @Field(() => RoundProgress) progress: RoundProgress;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => String, { nullable: true, description: 'Instance that ran the last attempt' }) worker: string | null;
  @Field(() => [SkippedVacancy]) skipped: SkippedVacancy[];
  @Field(() => RoundSolverReport, { nullable: true }) solverReport: RoundSolverReport | null;
  @Field(() => [RoundQuotaEffect], { description: 'Quota shares before and after the round, per scope' }) quotaEffects: RoundQuotaEffect[];
  @Field(() => [Proposal], { description: 'One proposal per vacancy (COMPLETED rounds)' }) proposals: Proposal[];
  @Field(() => [RoundVacancyOutcome], { description: 'Per planned vacancy: filled or not, plain order passed over or not (COMPLETED rounds)' })
  vacancyOutcomes: RoundVacancyOutcome[];
  @Field(() => RoundOutcomeTotals, { description: 'Totals over the planned vacancies (COMPLETED rounds; zero before)' })
  outcomeTotals: RoundOutcomeTotals;
  /** Resolved per reader in RoundsResolver. */
  plan: string | null;
  vacancyIdList: number[];
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@ArgsType()
export class AllocationRoundsArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Newest first, at most 100' }) @IsInt() @Min(1) @Max(100) limit: number;
}
