import { formatBasisPoints, formatEuros } from '../../common/format.js';
import { daebIncomeLimitCents, householdSize } from '../../common/household-profile.js';
import { EligibilityInput } from '../eligibility-input.js';
import { freeAllocationRoomBasisPoints } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, notApplicable, passed, quotaException } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'params' | 'policy'>;

/**
 * DAEB target group: income at or below the DAEB limit of the year for the household size (inclusive).
 * Above it the home may still be let from the vrije toewijzingsruimte (Woningwet art. 48; BTIV 2015 art. 16;
 * docs/domain.md §3.1, §4).
 */
const rule: RuleMeta = { id: 'DAEB_TARGET_GROUP', title: 'DAEB income limit', reference: 'Woningwet art. 48; BTIV 2015 art. 16' };

export const daebTargetGroupRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, params, policy }) {
    if (!dwelling.isDaeb) {
      return notApplicable(rule, 'This home is not a social (DAEB) rental home, so the DAEB income limit does not apply.');
    }
    const size = householdSize(household.members);
    const sizeText = size <= 1 ? 'a 1-person household' : 'households of 2 or more persons';
    const limit = daebIncomeLimitCents(size, params);
    const income = compare('taxableIncomeCents', household.taxableIncomeCents, '<=', limit);
    const facts = `Your household income of ${formatEuros(household.taxableIncomeCents)}`;
    const limitText = `the ${params.year} DAEB income limit of ${formatEuros(limit)} for ${sizeText}`;
    if (income.holds) {
      return passed(rule, `${facts} is at or below ${limitText}.`, [income], { countsAs: ['daebInTargetGroup'] });
    }
    return quotaException(
      rule,
      'DAEB_FREE_ROOM',
      `${facts} is above ${limitText}. The home can still be let to you, but only from the association's ` +
        `free allocation room (at most ${formatBasisPoints(freeAllocationRoomBasisPoints(policy))} of its social homes each year).`,
      [income],
      { countsAs: ['daebAboveLimit'] },
    );
  },
};
