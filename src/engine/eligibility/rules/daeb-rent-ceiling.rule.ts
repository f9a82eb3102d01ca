import { formatEuros } from '../../common/format.js';
import { EligibilityInput } from '../eligibility-input.js';
import { EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'dwelling' | 'params'>;

const rule: RuleMeta = { id: 'DAEB_RENT_CEILING', title: 'social rent ceiling', reference: 'Woningwet art. 47 lid 1' };

/**
 * A DAEB home is let at a net rent at or below the DAEB rent limit of the year (= huurtoeslag maximum
 * rent, docs/domain.md §2.1, §8); above it the home cannot be let as DAEB (Woningwet art. 47 lid 1).
 * Hard failure.
 */
export const daebRentCeilingRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ dwelling, params }) {
    if (!dwelling.isDaeb) {
      return notApplicable(rule, 'This home is not a social (DAEB) rental home, so the social rent ceiling does not apply.');
    }
    const rent = compare('netRentCents', dwelling.netRentCents, '<=', params.daebRentLimitCents);
    const text = `The net rent of ${formatEuros(dwelling.netRentCents)} is`;
    const limit = `the ${params.year} social rent ceiling of ${formatEuros(params.daebRentLimitCents)}`;
    return rent.holds
      ? passed(rule, `${text} at or below ${limit}.`, [rent])
      : failed(rule, `${text} above ${limit}, so this home cannot be let as a social (DAEB) home.`, [rent]);
  },
};
