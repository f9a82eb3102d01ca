import { formatDate, formatDateNl } from '../../common/format.js';
import type { Phrasebook } from '../../common/language.js';
import { EligibilityInput } from '../eligibility-input.js';
import { urgencyCategories } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'route' | 'allocationDate' | 'policy'>;

const rule: RuleMeta = { id: 'URGENCY_VALIDITY', title: 'urgency', titleNl: 'urgentie', reference: 'Huisvestingswet 2014 art. 12' };

const WORDS: Phrasebook<{
  notUrgencyRoute: string;
  noUrgency: string;
  notACategory: (category: string) => string;
  notYetGranted: (granted: string) => string;
  expired: (expires: string) => string;
  valid: (category: string, on: string) => string;
  invalid: (on: string, problems: string[]) => string;
  date: (date: string) => string;
}> = {
  en: {
    notUrgencyRoute: 'This home is not offered through the urgency route, so no urgency is needed.',
    noUrgency: 'This home is offered to households with an urgency, and your household has no urgency.',
    notACategory: (category) => `its category ${category} is not an urgency category here`,
    notYetGranted: (granted) => `it is only granted from ${granted}`,
    expired: (expires) => `it expired after ${expires}`,
    valid: (category, on) => `Your household's urgency (${category}) is valid on ${on}.`,
    invalid: (on, problems) =>
      `This home is offered to households with an urgency, but your household's urgency is not valid on ${on}: ${problems.join('; ')}.`,
    date: formatDate,
  },
  nl: {
    notUrgencyRoute: 'Deze woning wordt niet via de urgentieroute aangeboden, dus een urgentie is niet nodig.',
    noUrgency: 'Deze woning wordt aangeboden aan huishoudens met een urgentie, en uw huishouden heeft geen urgentie.',
    notACategory: (category) => `de categorie ${category} is hier geen urgentiecategorie`,
    notYetGranted: (granted) => `die is pas toegekend vanaf ${granted}`,
    expired: (expires) => `die is verlopen na ${expires}`,
    valid: (category, on) => `De urgentie van uw huishouden (${category}) is geldig op ${on}.`,
    invalid: (on, problems) =>
      `Deze woning wordt aangeboden aan huishoudens met een urgentie, maar de urgentie van uw huishouden is niet geldig op ${on}: ${problems.join('; ')}.`,
    date: formatDateNl,
  },
};

/**
 * A vacancy let through the URGENCY route needs a valid urgency on the allocation date: a category the
 * policy recognises (Hvw art. 12 lid 3 mandatory ones plus local ones), granted on or before the date
 * and not expired (expiry date inclusive).
 */
export const urgencyValidityRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, route, allocationDate, policy }, language = 'en') {
    const say = WORDS[language];
    if (route !== 'URGENCY') return notApplicable(rule, say.notUrgencyRoute);
    const urgency = household.urgency;
    if (urgency === null) {
      return failed(rule, say.noUrgency, [{ name: 'urgencyCategory', value: null, limit: [...urgencyCategories(policy)], comparison: 'in', holds: false }]);
    }
    const category = memberOf('urgencyCategory', urgency.category, urgencyCategories(policy));
    const granted = compare('urgencyGranted', urgency.granted, '<=', allocationDate);
    const expires: ComparedValue =
      urgency.expires === null
        ? { name: 'urgencyExpires', value: null, limit: allocationDate, comparison: '>=', holds: true }
        : compare('urgencyExpires', urgency.expires, '>=', allocationDate);
    const values = [category, granted, expires];
    const on = say.date(allocationDate);
    const problems = [
      category.holds ? null : say.notACategory(urgency.category),
      granted.holds ? null : say.notYetGranted(say.date(urgency.granted)),
      expires.holds || urgency.expires === null ? null : say.expired(say.date(urgency.expires)),
    ].filter((p): p is string => p !== null);
    return problems.length === 0 ? passed(rule, say.valid(urgency.category, on), values) : failed(rule, say.invalid(on, problems), values);
  },
};
