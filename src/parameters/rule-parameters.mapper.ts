import { RuleParameters } from '../engine/model.js';
import { RuleParameterYear } from './graphql/rule-parameters.type.js';
import { RuleParameterYearEntity } from './rule-parameter-year.entity.js';

export function toRuleParameters(e: RuleParameterYearEntity): RuleParameters {
  return {
    year: e.year,
    daebIncomeLimitSingleCents: e.daebIncomeLimitSingleCents,
    daebIncomeLimitMultiCents: e.daebIncomeLimitMultiCents,
    daebRentLimitCents: e.daebRentLimitCents,
    passendIncomeSingleBelowAowCents: e.passendIncomeSingleBelowAowCents,
    passendIncomeMultiBelowAowCents: e.passendIncomeMultiBelowAowCents,
    passendIncomeSingleAowCents: e.passendIncomeSingleAowCents,
    passendIncomeMultiAowCents: e.passendIncomeMultiAowCents,
    rentCapLowCents: e.rentCapLowCents,
    rentCapHighCents: e.rentCapHighCents,
    qualityDiscountLimitCents: e.qualityDiscountLimitCents,
    youthAgeLimit: e.youthAgeLimit,
    aowAgeYears: e.aowAgeYears,
    aowAgeMonths: e.aowAgeMonths,
    middleSegmentLimitCents: e.middleSegmentLimitCents,
    elderlyAssetLimitSingleCents: e.elderlyAssetLimitSingleCents,
    elderlyAssetLimitMultiCents: e.elderlyAssetLimitMultiCents,
    sources: e.sources,
  };
}

export function toRuleParameterYear(p: RuleParameters): RuleParameterYear {
  const { sources, ...figures } = p;
  return { ...figures, sources: Object.entries(sources).map(([field, source]) => ({ field, source })) };
}
