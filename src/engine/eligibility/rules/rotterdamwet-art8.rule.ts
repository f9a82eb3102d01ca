import { EligibilityInput } from '../eligibility-input.js';
import { regionOf } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'municipalityCode' | 'policy'>;

const rule: RuleMeta = {
  id: 'ROTTERDAMWET_ART8',
  title: 'Rotterdamwet designated complex',
  reference: 'Wet bijzondere maatregelen grootstedelijke problematiek art. 8',
};

/**
 * Rotterdamwet art. 8 (Wet bijzondere maatregelen grootstedelijke problematiek; docs/domain.md §3.4): in a
 * designated complex, a household with a welfare-level income (income source in the policy's list) that
 * has lived in the region fewer than the policy's years (6 in the law) is refused. Years count only for
 * ties to a municipality of the region.
 */
export const rotterdamwetArt8Rule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, municipalityCode, policy }) {
    const rw = policy.rotterdamwet;
    if (!rw.apply || !rw.designatedComplexIds.includes(dwelling.complexId)) {
      return notApplicable(rule, 'This home is not in a complex designated under the Rotterdamwet.');
    }
    const source = memberOf('incomeSource', household.incomeSource, rw.refusedIncomeSources);
    const ties = household.localTies;
    const inRegion = ties !== null && regionOf(policy, municipalityCode).includes(ties.municipalityCode);
    const years = compare('yearsInRegion', inRegion ? ties.years : 0, '>=', rw.minYearsInRegion);
    const values = [source, years];
    if (!source.holds) {
      return passed(rule, 'This home is in a designated complex; the income rule there does not apply to your source of income.', values);
    }
    if (years.holds) {
      return passed(
        rule,
        `This home is in a designated complex. Your household has lived in the region for ${years.value} years ` +
          `(at least ${rw.minYearsInRegion}), so the income rule there does not apply.`,
        values,
      );
    }
    return failed(
      rule,
      `This home is in a designated complex where households living on a benefit who have lived in the region ` +
        `for fewer than ${rw.minYearsInRegion} years cannot be housed. Your household has lived in the region for ${years.value} years.`,
      values,
    );
  },
};
