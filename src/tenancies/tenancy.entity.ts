import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer } from '../database/transformers.js';
import type { AllocationRoute } from '../engine/model.js';

@Entity('tenancy')
export class TenancyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'household_id', type: 'integer' }) householdId: number;
  @Column({ name: 'dwelling_id', type: 'integer' }) dwellingId: number;
  @Column({ name: 'start_date', type: 'date', transformer: dateTransformer }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true, transformer: dateTransformer }) endDate: string | null;
  @Column({ name: 'allocation_route', type: 'text', nullable: true }) allocationRoute: AllocationRoute | null;
  /** Why it ended (table tenancy_end_reason, VERA-aligned); null while current or when not recorded. */
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;
}
