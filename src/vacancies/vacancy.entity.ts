import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer } from '../database/transformers.js';
import type { AllocationRoute, VacancyStatus } from '../engine/model.js';

@Entity('vacancy')
export class VacancyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) reference: string;
  @Column({ name: 'dwelling_id', type: 'integer' }) dwellingId: number;
  @Column({ name: 'available_from', type: 'date', transformer: dateTransformer }) availableFrom: string;
  @Column({ type: 'text' }) route: AllocationRoute;
  @Column({ type: 'text' }) status: VacancyStatus;
  /** Nobody met the label or indication in earlier rounds: the policy's fallback order applies. */
  @Column({ name: 'label_fallback_active', type: 'boolean', default: false }) labelFallbackActive: boolean;
  /** Advertised with local-ties priority (Huisvestingswet art. 14). */
  @Column({ name: 'local_ties_priority', type: 'boolean', default: false }) localTiesPriority: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('vacancy_response')
export class VacancyResponseEntity {
  @PrimaryColumn({ name: 'vacancy_id', type: 'integer' }) vacancyId: number;
  @PrimaryColumn({ name: 'household_id', type: 'integer' }) householdId: number;
  @CreateDateColumn({ name: 'responded_at', type: 'timestamptz' }) respondedAt: Date;
  /** The letting platform's position of this respondent (VERA Kandidaat positie), when delivered. */
  @Column({ name: 'platform_position', type: 'integer', nullable: true }) platformPosition: number | null;
}
