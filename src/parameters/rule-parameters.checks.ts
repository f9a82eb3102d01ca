import { FieldProblem } from '../common/domain-error.js';
import { AddRuleParameterYearInput } from './graphql/rule-parameters.type.js';

/** Orderings the published figures always satisfy; a violation is a typing error in the input. */
export function ruleParameterOrderProblems(p: AddRuleParameterYearInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const atMost = (field: keyof AddRuleParameterYearInput, bound: keyof AddRuleParameterYearInput) => {
    const value = p[field] as number | null | undefined;
    const limit = p[bound] as number | null | undefined;
    if (value != null && limit != null && value > limit) problems.push({ field, reason: `must not be greater than ${bound} (${value} > ${limit})` });
  };
  atMost('daebIncomeLimitSingleCents', 'daebIncomeLimitMultiCents');
  atMost('passendIncomeSingleBelowAowCents', 'passendIncomeMultiBelowAowCents');
  atMost('passendIncomeSingleAowCents', 'passendIncomeMultiAowCents');
  atMost('passendIncomeMultiBelowAowCents', 'daebIncomeLimitMultiCents');
  atMost('passendIncomeSingleBelowAowCents', 'daebIncomeLimitSingleCents');
  atMost('qualityDiscountLimitCents', 'rentCapLowCents');
  atMost('rentCapLowCents', 'rentCapHighCents');
  atMost('rentCapHighCents', 'daebRentLimitCents');
  atMost('daebRentLimitCents', 'middleSegmentLimitCents');
  atMost('elderlyAssetLimitSingleCents', 'elderlyAssetLimitMultiCents');
  if (new Set(p.sources.map((s) => s.field)).size !== p.sources.length) problems.push({ field: 'sources', reason: 'names a field twice' });
  return problems;
}
