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

/** One reading of a buurt in one year from one source (migrations/1764000000014): never updated, only added. */
@Entity('neighbourhood_reading')
export class NeighbourhoodReadingEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'neighbourhood_id', type: 'integer' }) neighbourhoodId: number;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'resilience_class', type: 'integer', nullable: true }) resilienceClass: number | null;
  @Column({ name: 'resilience_score', type: 'numeric', nullable: true, transformer: numericTransformer }) resilienceScore: number | null;
  @Column({ name: 'leefbaarometer_class', type: 'integer', nullable: true }) leefbaarometerClass: number | null;
  @Column({ name: 'leefbaarometer_score', type: 'numeric', nullable: true, transformer: numericTransformer }) leefbaarometerScore: number | null;
  @Column({ name: 'dwellings_class', type: 'integer', nullable: true }) dwellingsClass: number | null;
  @Column({ name: 'physical_environment_class', type: 'integer', nullable: true }) physicalEnvironmentClass: number | null;
  @Column({ name: 'amenities_class', type: 'integer', nullable: true }) amenitiesClass: number | null;
  @Column({ name: 'social_cohesion_class', type: 'integer', nullable: true }) socialCohesionClass: number | null;
  @Column({ name: 'nuisance_class', type: 'integer', nullable: true }) nuisanceClass: number | null;
  @Column({ name: 'dwelling_stock', type: 'integer', nullable: true }) dwellingStock: number | null;
}
