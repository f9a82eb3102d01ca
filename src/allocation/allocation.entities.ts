import { JOB_STATUSES, type JobStatus } from '../common/graphql/output-enums.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer, numericTransformer } from '../database/transformers.js';
import type { ActiveStage, OfferDocuments } from '../engine/letting/offer-stages.js';

/** A version of the composition policy: targets per resilience class, overrides by complex code. */
@Entity('composition_policy')
export class CompositionPolicyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'effective_from', type: 'date', transformer: dateTransformer }) effectiveFrom: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  /** The name its author gave it, e.g. "Plan Rozenhof". */
  @Column({ type: 'text', nullable: true }) name: string | null;
}

export type ProposalStatus = 'PROPOSED' | 'DECIDED' | 'SUPERSEDED';

@Entity('proposal')
export class ProposalEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'vacancy_id', type: 'integer' }) vacancyId: number;
  @Column({ type: 'text' }) status: ProposalStatus;
  @Column({ name: 'chosen_household_id', type: 'integer', nullable: true }) chosenHouseholdId: number | null;
  @Column({ name: 'plain_order_household_id', type: 'integer', nullable: true }) plainOrderHouseholdId: number | null;
  @Column({ name: 'allocation_date', type: 'date', transformer: dateTransformer }) allocationDate: string;
  @Column({ type: 'bigint', transformer: numericTransformer }) seed: number;
  @Column({ name: 'composition_policy_id', type: 'integer' }) compositionPolicyId: number;
  @Column({ name: 'local_policy_id', type: 'integer' }) localPolicyId: number;
  @Column({ name: 'parameter_year', type: 'integer' }) parameterYear: number;
  @Column({ name: 'solve_status', type: 'text' }) solveStatus: string;
  @Column({ type: 'text', nullable: true }) solver: string | null;
  @Column({ type: 'json' }) plan: Record<string, unknown>;
  /** The plan with Dutch words (migrations/1764000000013-proposal-plan-in-dutch.ts); null before it existed. */
  @Column({ name: 'plan_nl', type: 'json', nullable: true }) planNl: Record<string, unknown> | null;
  /** The allocation round that proposed it; null for a proposal asked for one vacancy. */
  @Column({ name: 'round_id', type: 'integer', nullable: true }) roundId: number | null;
  /** Who asked for it (token subject); null for proposals made before the audit log. */
  @Column({ name: 'requested_by', type: 'text', nullable: true }) requestedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A round is a background job (src/common/graphql/output-enums.ts). */
export const ROUND_STATUSES = JOB_STATUSES;
export type RoundStatus = JobStatus;
export type RoundStage = 'QUEUED' | 'LOADING' | 'SOLVING' | 'STORING' | 'DONE';

export interface RoundProgress {
  stage: RoundStage;
  percent: number;
  message: string;
}

export interface RoundRequest {
  vacancyIds: number[] | null;
  municipalityCode: string | null;
  timeLimitSeconds: number;
  seed: number | null;
}

export interface SkippedVacancy {
  vacancyId: number;
  reason: string;
}

/** Solver facts of a round, with its timings (kept out of the deterministic plan). */
export interface RoundSolverReport {
  status: string;
  source: string;
  solverName: string | null;
  solverVersion: string | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  optimalityScope: string;
  columns: number | null;
  rows: number | null;
  keptPairs: number | null;
  prunedPairs: number | null;
  message: string | null;
  totalMs: number;
  solverMs: number | null;
  households: number;
  pairs: number;
}

@Entity('allocation_round')
export class AllocationRoundEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) status: RoundStatus;
  @Column({ type: 'jsonb' }) request: RoundRequest;
  @Column({ name: 'vacancy_ids', type: 'integer', array: true }) vacancyIds: number[];
  @Column({ name: 'allocation_date', type: 'date', transformer: dateTransformer }) allocationDate: string;
  @Column({ type: 'bigint', transformer: numericTransformer }) seed: number;
  @Column({ name: 'time_limit_ms', type: 'integer' }) timeLimitMs: number;
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId: string | null;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'jsonb' }) progress: RoundProgress;
  @Column({ name: 'solver_report', type: 'jsonb', nullable: true }) solverReport: RoundSolverReport | null;
  @Column({ type: 'json', nullable: true }) plan: Record<string, unknown> | null;
  @Column({ type: 'jsonb' }) skipped: SkippedVacancy[];
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'text', nullable: true }) worker: string | null;
  @Column({ name: 'composition_policy_id', type: 'integer', nullable: true }) compositionPolicyId: number | null;
  @Column({ name: 'parameter_year', type: 'integer', nullable: true }) parameterYear: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'requested_by', type: 'text', nullable: true }) requestedBy: string | null;
}

export type OfferStatus = 'PENDING_APPROVAL' | 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
export type OfferDecision = 'PROPOSED' | 'OVERRIDE';

@Entity('offer')
export class OfferEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'proposal_id', type: 'integer' }) proposalId: number;
  @Column({ name: 'vacancy_id', type: 'integer' }) vacancyId: number;
  @Column({ name: 'household_id', type: 'integer' }) householdId: number;
  @Column({ type: 'text' }) decision: OfferDecision;
  @Column({ name: 'reason_code', type: 'text', nullable: true }) reasonCode: string | null;
  @Column({ name: 'reason_text', type: 'text', nullable: true }) reasonText: string | null;
  /** The version of the override reasons the code was checked against (overrides only). */
  @Column({ name: 'override_reason_policy_version', type: 'integer', nullable: true }) overrideReasonPolicyVersion: number | null;
  @Column({ type: 'text' }) status: OfferStatus;
  @Column({ name: 'response_reason', type: 'text', nullable: true }) responseReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  /** The officer who decided (token subject). */
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  /** Four-eyes: the second officer who approved the offer before it went out. */
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  /** The stage of an open offer (src/engine/letting/offer-stages.ts) and when it is due; null when not open. */
  @Column({ type: 'text', nullable: true }) stage: ActiveStage | null;
  @Column({ name: 'stage_entered_on', type: 'date', nullable: true, transformer: dateTransformer }) stageEnteredOn: string | null;
  @Column({ name: 'stage_due', type: 'date', nullable: true, transformer: dateTransformer }) stageDue: string | null;
  @Column({ type: 'jsonb', default: {} }) documents: Partial<OfferDocuments>;
  /** A refusal's coded reason (letting_reason, kind REFUSAL). */
  @Column({ name: 'refusal_reason_code', type: 'text', nullable: true }) refusalReasonCode: string | null;
}
