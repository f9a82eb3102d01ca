import type { JobStatus } from '../common/graphql/output-enums.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SimulationStatus = JobStatus;

@Entity('simulation')
export class SimulationEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) status: SimulationStatus;
  @Column({ type: 'jsonb' }) request: Record<string, unknown>;
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId: string | null;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'jsonb' }) progress: { stage: string; percent: number; message: string };
  @Column({ type: 'json', nullable: true }) result: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'text', nullable: true }) worker: string | null;
  @Column({ name: 'requested_by', type: 'text', nullable: true }) requestedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
