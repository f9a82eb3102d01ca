import { formatDate } from '../../common/format.js';
import { EligibilityInput } from '../eligibility-input.js';
import { urgencyCategories } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'route' | 'allocationDate' | 'policy'>;

const rule: RuleMeta = { id: 'URGENCY_VALIDITY', title: 'urgency', reference: 'Huisvestingswet 2014 art. 12' };

/**
 * A vacancy let through the URGENCY route needs a valid urgency on the allocation date: a category the
 * policy recognises (Hvw art. 12 lid 3 mandatory ones plus local ones), granted on or before the date
 * and not expired (expiry date inclusive).
 */
export const urgencyValidityRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, route, allocationDate, policy }) {
    if (route !== 'URGENCY') {
      return notApplicable(rule, 'This home is not offered through the urgency route, so no urgency is needed.');
    }
    const urgency = household.urgency;
    if (urgency === null) {
      return failed(rule, 'This home is offered to households with an urgency, and your household has no urgency.', [
        { name: 'urgencyCategory', value: null, limit: [...urgencyCategories(policy)], comparison: 'in', holds: false },
      ]);
    }
    const category = memberOf('urgencyCategory', urgency.category, urgencyCategories(policy));
    const granted = compare('urgencyGranted', urgency.granted, '<=', allocationDate);
    const expires: ComparedValue =
      urgency.expires === null
        ? { name: 'urgencyExpires', value: null, limit: allocationDate, comparison: '>=', holds: true }
        : compare('urgencyExpires', urgency.expires, '>=', allocationDate);
    const values = [category, granted, expires];
    const on = formatDate(allocationDate);
    const problems = [
      category.holds ? null : `its category ${urgency.category} is not an urgency category here`,
      granted.holds ? null : `it is only granted from ${formatDate(urgency.granted)}`,
      expires.holds || urgency.expires === null ? null : `it expired after ${formatDate(urgency.expires)}`,
    ].filter((p): p is string => p !== null);
    return problems.length === 0
      ? passed(rule, `Your household's urgency (${urgency.category}) is valid on ${on}.`, values)
      : failed(rule, `This home is offered to households with an urgency, but your household's urgency is not valid on ${on}: ${problems.join('; ')}.`, values);
  },
};
