import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Accessibility } from '../engine/model.js';

@Entity('dwelling')
export class DwellingEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) code: string;
  @Column({ name: 'complex_id', type: 'integer' }) complexId: number;
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text' }) postcode: string;
  @Column({ type: 'integer' }) rooms: number;
  @Column({ name: 'floor_area_m2', type: 'integer' }) floorAreaM2: number;
  @Column({ name: 'net_rent_cents', type: 'integer' }) netRentCents: number;
  @Column({ name: 'service_costs_cents', type: 'integer' }) serviceCostsCents: number;
  @Column({ name: 'is_daeb', type: 'boolean' }) isDaeb: boolean;
  @Column({ type: 'text' }) accessibility: Accessibility;
  @Column({ type: 'text', array: true }) labels: string[];
}
