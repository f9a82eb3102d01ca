import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer, numericTransformer } from '../database/transformers.js';

/** A version of the composition policy: targets per resilience class, overrides by complex code. */
@Entity('composition_policy')
export class CompositionPolicyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'effective_from', type: 'date', transformer: dateTransformer }) effectiveFrom: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type OfferStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
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
  @Column({ type: 'text' }) status: OfferStatus;
  @Column({ name: 'response_reason', type: 'text', nullable: true }) responseReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
}
