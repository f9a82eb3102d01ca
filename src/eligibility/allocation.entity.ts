import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer } from '../database/transformers.js';

/** The quota ledger: one row per allocation, with the portfolio counters its verdict named. */
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
  /** Rule outcomes (id, result, values) the allocation was judged by. */
  @Column({ type: 'jsonb' }) verdict: Record<string, unknown>;
}
