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
