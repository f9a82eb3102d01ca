import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '../database/transformers.js';

/**
 * One row per calendar year; loaded for 2024-2026 by migrations/1764000000000-initial-schema.ts (values and
 * sources: docs/domain.md §2), added later by an admin mutation.
 */
@Entity('rule_parameter_year')
export class RuleParameterYearEntity {
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ name: 'daeb_income_limit_single_cents', type: 'bigint', transformer: numericTransformer }) daebIncomeLimitSingleCents: number;
  @Column({ name: 'daeb_income_limit_multi_cents', type: 'bigint', transformer: numericTransformer }) daebIncomeLimitMultiCents: number;
  @Column({ name: 'daeb_rent_limit_cents', type: 'integer' }) daebRentLimitCents: number;
  @Column({ name: 'passend_income_single_below_aow_cents', type: 'bigint', transformer: numericTransformer }) passendIncomeSingleBelowAowCents: number;
  @Column({ name: 'passend_income_multi_below_aow_cents', type: 'bigint', transformer: numericTransformer }) passendIncomeMultiBelowAowCents: number;
  @Column({ name: 'passend_income_single_aow_cents', type: 'bigint', transformer: numericTransformer }) passendIncomeSingleAowCents: number;
  @Column({ name: 'passend_income_multi_aow_cents', type: 'bigint', transformer: numericTransformer }) passendIncomeMultiAowCents: number;
  @Column({ name: 'rent_cap_low_cents', type: 'integer' }) rentCapLowCents: number;
  @Column({ name: 'rent_cap_high_cents', type: 'integer' }) rentCapHighCents: number;
  @Column({ name: 'quality_discount_limit_cents', type: 'integer' }) qualityDiscountLimitCents: number;
  @Column({ name: 'youth_age_limit', type: 'integer' }) youthAgeLimit: number;
  @Column({ name: 'aow_age_years', type: 'integer' }) aowAgeYears: number;
  @Column({ name: 'aow_age_months', type: 'integer' }) aowAgeMonths: number;
  @Column({ name: 'middle_segment_limit_cents', type: 'integer', nullable: true }) middleSegmentLimitCents: number | null;
  @Column({ name: 'elderly_asset_limit_single_cents', type: 'bigint', nullable: true, transformer: numericTransformer })
  elderlyAssetLimitSingleCents: number | null;
  @Column({ name: 'elderly_asset_limit_multi_cents', type: 'bigint', nullable: true, transformer: numericTransformer })
  elderlyAssetLimitMultiCents: number | null;
  @Column({ type: 'jsonb' }) sources: Record<string, string>;
}
