import { Column, Entity, OneToMany, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer, numericTransformer } from '../database/transformers.js';
import type { IncomeSource, MemberRole } from '../engine/model.js';

@Entity('household')
export class HouseholdEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text' }) reference: string;
  @Column({ name: 'taxable_income_cents', type: 'bigint', transformer: numericTransformer }) taxableIncomeCents: number;
  @Column({ name: 'income_year', type: 'integer' }) incomeYear: number;
  @Column({ name: 'income_source', type: 'text' }) incomeSource: IncomeSource;
  @Column({ name: 'box3_assets_cents', type: 'bigint', nullable: true, transformer: numericTransformer })
  box3AssetsCents: number | null;
  @Column({ name: 'ranking_points', type: 'integer', nullable: true }) rankingPoints: number | null;
  @Column({ name: 'registration_date', type: 'date', transformer: dateTransformer }) registrationDate: string;
  @Column({ name: 'urgency_category', type: 'text', nullable: true }) urgencyCategory: string | null;
  @Column({ name: 'urgency_granted', type: 'date', nullable: true, transformer: dateTransformer }) urgencyGranted: string | null;
  @Column({ name: 'urgency_expires', type: 'date', nullable: true, transformer: dateTransformer }) urgencyExpires: string | null;
  @Column({ name: 'support_needs', type: 'text', array: true }) supportNeeds: string[];
  @Column({ name: 'local_ties_municipality_code', type: 'text', nullable: true }) localTiesMunicipalityCode: string | null;
  @Column({ name: 'local_ties_years', type: 'integer', nullable: true }) localTiesYears: number | null;
  @Column({ name: 'indication_kind', type: 'text', nullable: true }) indicationKind: 'MEDICAL' | 'WMO' | null;
  @Column({ name: 'indication_accessibility', type: 'text', nullable: true })
  indicationAccessibility: 'ZERO_STEP' | 'WHEELCHAIR' | null;
  @Column({ type: 'jsonb' }) preferences: { minRooms?: number; maxNetRentCents?: number; buurtCodes?: string[] };
  @Column({ name: 'on_waiting_list', type: 'boolean' }) onWaitingList: boolean;
  @OneToMany(() => HouseholdMemberEntity, (m) => m.household, { cascade: true }) members: HouseholdMemberEntity[];
}

@Entity('household_member')
export class HouseholdMemberEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'household_id', type: 'integer' }) householdId: number;
  @ManyToOne(() => HouseholdEntity, (h) => h.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household: HouseholdEntity;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) role: MemberRole;
  @Column({ name: 'birth_date', type: 'date', transformer: dateTransformer }) birthDate: string;
}
