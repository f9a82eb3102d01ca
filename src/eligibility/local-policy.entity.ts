import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer } from '../database/transformers.js';

/**
 * A version of a region's allocation policy (huisvestingsverordening, prestatieafspraken). The
 * document is the engine's LocalPolicy minus identity, with Rotterdamwet complexes by code.
 */
@Entity('local_policy')
export class LocalPolicyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'municipality_codes', type: 'text', array: true }) municipalityCodes: string[];
  @Column({ name: 'effective_from', type: 'date', transformer: dateTransformer }) effectiveFrom: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
}

@Entity('allocation')
export class AllocationEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'vacancy_id', type: 'integer', nullable: true }) vacancyId: number | null;
  @Column({ name: 'household_id', type: 'integer' }) householdId: number;
  @Column({ name: 'dwelling_id', type: 'integer' }) dwellingId: number;
  @Column({ name: 'municipality_code', type: 'text' }) municipalityCode: string;
  @Column({ name: 'allocation_date', type: 'date', transformer: dateTransformer }) allocationDate: string;
  @Column({ name: 'counts_as', type: 'text', array: true }) countsAs: string[];
  @Column({ name: 'parameter_year', type: 'integer' }) parameterYear: number;
  @Column({ name: 'policy_id', type: 'integer' }) policyId: number;
}
