import { RuleParameters } from '../../model.js';

/**
 * RuleParameters per year, the same values as the rows in migrations/1764000000000-initial-schema.ts
 * (published figures with their sources: docs/domain.md §2). Test fixtures only: the engine gets them from the database.
 */
export const PARAMS_2024: RuleParameters = {
  year: 2024,
  daebIncomeLimitSingleCents: 4_769_900,
  daebIncomeLimitMultiCents: 5_267_100,
  daebRentLimitCents: 87_966,
  passendIncomeSingleBelowAowCents: 2_772_500,
  passendIncomeMultiBelowAowCents: 3_762_500,
  passendIncomeSingleAowCents: 2_722_500,
  passendIncomeMultiAowCents: 3_667_500,
  rentCapLowCents: 65_043,
  rentCapHighCents: 69_707,
  qualityDiscountLimitCents: 45_447,
  youthAgeLimit: 23,
  aowAgeYears: 67,
  aowAgeMonths: 0,
  middleSegmentLimitCents: null,
  elderlyAssetLimitSingleCents: 14_021_300,
  elderlyAssetLimitMultiCents: 17_730_100,
  sources: { all: 'docs/domain.md §2 (2024)' },
};

export const PARAMS_2025: RuleParameters = {
  year: 2025,
  daebIncomeLimitSingleCents: 4_966_900,
  daebIncomeLimitMultiCents: 5_484_700,
  daebRentLimitCents: 90_007,
  passendIncomeSingleBelowAowCents: 2_837_500,
  passendIncomeMultiBelowAowCents: 3_850_000,
  passendIncomeSingleAowCents: 2_777_500,
  passendIncomeMultiAowCents: 3_735_000,
  rentCapLowCents: 68_296,
  rentCapHighCents: 73_193,
  qualityDiscountLimitCents: 47_720,
  youthAgeLimit: 23,
  aowAgeYears: 67,
  aowAgeMonths: 0,
  middleSegmentLimitCents: 118_482,
  // No published 2025 figure in the repository (docs/domain.md §2.3); NULL in the migration.
  elderlyAssetLimitSingleCents: null,
  elderlyAssetLimitMultiCents: null,
  sources: { all: 'docs/domain.md §2 (2025)' },
};

export const PARAMS_2026: RuleParameters = {
  year: 2026,
  daebIncomeLimitSingleCents: 5_153_700,
  daebIncomeLimitMultiCents: 5_691_000,
  daebRentLimitCents: 93_293,
  passendIncomeSingleBelowAowCents: 2_940_000,
  passendIncomeMultiBelowAowCents: 3_992_500,
  passendIncomeSingleAowCents: 2_877_500,
  passendIncomeMultiAowCents: 3_865_000,
  rentCapLowCents: 71_302,
  rentCapHighCents: 76_414,
  qualityDiscountLimitCents: 49_820,
  youthAgeLimit: 21,
  aowAgeYears: 67,
  aowAgeMonths: 0,
  middleSegmentLimitCents: null,
  elderlyAssetLimitSingleCents: 14_601_100,
  elderlyAssetLimitMultiCents: 18_463_300,
  sources: { all: 'docs/domain.md §2 (2026)' },
};

export const PARAMS_BY_YEAR: Readonly<Record<number, RuleParameters>> = { 2024: PARAMS_2024, 2025: PARAMS_2025, 2026: PARAMS_2026 };

export function paramsFor(year: number): RuleParameters {
  const params = PARAMS_BY_YEAR[year];
  if (!params) throw new RangeError(`No rule parameters fixture for ${year}`);
  return params;
}
