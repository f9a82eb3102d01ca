import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../database/transformers.js';

@Entity('neighbourhood')
export class NeighbourhoodEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'buurt_code', type: 'text' }) buurtCode: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'municipality_code', type: 'text' }) municipalityCode: string;
  @Column({ name: 'municipality_name', type: 'text' }) municipalityName: string;
  @Column({ name: 'resilience_class', type: 'integer' }) resilienceClass: number;
  @Column({ name: 'resilience_score', type: 'numeric', nullable: true, transformer: numericTransformer })
  resilienceScore: number | null;
  @Column({ name: 'resilience_source', type: 'text' }) resilienceSource: string;
  @Column({ name: 'resilience_year', type: 'integer' }) resilienceYear: number;
}

@Entity('resilience_class')
export class ResilienceClassEntity {
  @PrimaryGeneratedColumn({ name: 'class' }) class: number;
  @Column({ type: 'text' }) label: string;
  @Column({ type: 'text' }) description: string;
}
