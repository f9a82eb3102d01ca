import { ageOn } from '../../common/dates.js';
import { countOf, formatDate, formatEuros } from '../../common/format.js';
import { headAge, householdSize } from '../../common/household-profile.js';
import { HouseholdMemberFacts, IsoDate } from '../../model.js';
import { EligibilityInput } from '../eligibility-input.js';
import { AgeSubject, LabelRequirement } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'allocationDate' | 'params' | 'policy' | 'context'>;

const rule: RuleMeta = {
  id: 'DWELLING_LABEL',
  title: 'home label',
  reference: 'Local policy: labels in the huisvestingsverordening (age, household, indication)',
};

/** Age on `date` of the applicant, or of the eldest adult (also when there is no applicant member). */
function subjectAge(members: readonly HouseholdMemberFacts[], ageOf: AgeSubject, date: IsoDate): number {
  const applicant = ageOf === 'APPLICANT' ? members.find((m) => m.role === 'APPLICANT') : undefined;
  return applicant ? ageOn(applicant.birthDate, date) : headAge(members, date);
}

interface RequirementCheck {
  met: boolean;
  values: ComparedValue[];
  /** What the requirement asks, e.g. "the eldest adult is 55 or older". */
  asks: string;
  /** The household's facts for it, e.g. "the eldest adult in your household is 52 on 1 March 2026". */
  facts: string;
}

function checkRequirement(req: LabelRequirement, input: Input, prefix: string): RequirementCheck {
  const { household, dwelling, allocationDate, params } = input;
  const who = (ageOf: AgeSubject) => (ageOf === 'APPLICANT' ? 'the applicant' : 'the eldest adult');
  const ageName = (ageOf: AgeSubject) => `${prefix}${ageOf === 'APPLICANT' ? 'applicantAge' : 'eldestAdultAge'}`;
  const ageFacts = (ageOf: AgeSubject, age: number) => `${who(ageOf)} in your household is ${age} on ${formatDate(allocationDate)}`;
  switch (req.kind) {
    case 'MIN_AGE': {
      const age = subjectAge(household.members, req.ageOf, allocationDate);
      const v = compare(ageName(req.ageOf), age, '>=', req.minAge);
      return { met: v.holds, values: [v], asks: `${who(req.ageOf)} is ${req.minAge} or older`, facts: ageFacts(req.ageOf, age) };
    }
    case 'MAX_AGE': {
      // The youth age of the year (huurtoeslag: below 23 until 2025, below 21 from 2026; rule_parameter_year.youth_age_limit,
      // docs/domain.md §2.1).
      const below = req.belowAge ?? params.youthAgeLimit;
      const age = subjectAge(household.members, req.ageOf, allocationDate);
      const values = [compare(ageName(req.ageOf), age, '<', below)];
      if (req.minAge !== null) values.unshift(compare(ageName(req.ageOf), age, '>=', req.minAge));
      let asks = `${who(req.ageOf)} is ${req.minAge !== null ? `${req.minAge} or older and ` : ''}younger than ${below}`;
      let facts = ageFacts(req.ageOf, age);
      if (req.rentAtMostQualityDiscountLimit) {
        values.push(compare(`${prefix}netRentCents`, dwelling.netRentCents, '<=', params.qualityDiscountLimitCents));
        asks +=
          `, and the net rent is at most the ${params.year} youth rent limit (kwaliteitskortingsgrens) ` +
          `of ${formatEuros(params.qualityDiscountLimitCents)}`;
        facts += ` and the net rent is ${formatEuros(dwelling.netRentCents)}`;
      }
      return { met: values.every((v) => v.holds), values, asks, facts };
    }
    case 'HOUSEHOLD': {
      const size = householdSize(household.members);
      const children = household.members.filter((m) => m.role === 'CHILD').length;
      const values = [compare(`${prefix}persons`, size, '>=', req.minPersons), compare(`${prefix}children`, children, '>=', req.minChildren)];
      return {
        met: values.every((v) => v.holds),
        values,
        asks: `the household has at least ${countOf(req.minPersons, 'person', 'persons')}, including at least ${countOf(req.minChildren, 'child', 'children')}`,
        facts: `your household has ${countOf(size, 'person', 'persons')}, of whom ${countOf(children, 'is a child', 'are children')}`,
      };
    }
    case 'INDICATION': {
      const held = household.indication?.accessibility ?? null;
      const v: ComparedValue = {
        name: `${prefix}indicationAccessibility`,
        value: held,
        limit: req.accessibility,
        comparison: '=',
        holds: held === req.accessibility,
      };
      const level = (a: string) => (a === 'WHEELCHAIR' ? 'a wheelchair home' : 'a zero-step home');
      return {
        met: v.holds,
        values: [v],
        asks: `the household has an indication for ${level(req.accessibility)}`,
        facts: held === null ? 'your household has no indication' : `your household has an indication for ${level(held)}`,
      };
    }
    case 'OPEN':
      return { met: true, values: [], asks: 'any household may apply', facts: 'your household qualifies' };
  }
}

/**
 * Labels on the dwelling (huisvestingsverordening; docs/domain.md §3.2): every label the policy knows must
 * be met on the allocation date. When the fallback is active the label's relaxations also qualify, at a
 * lower priority tier.
 */
export const dwellingLabelRule: EligibilityRule<Input> = {
  ...rule,
  evaluate(input) {
    const { dwelling, policy, context } = input;
    const labels = dwelling.labels.filter((l) => Object.hasOwn(policy.labels, l));
    if (labels.length === 0) {
      return notApplicable(rule, 'This home has no label that limits who may rent it.');
    }
    const values: ComparedValue[] = [];
    const failures: string[] = [];
    const passes: string[] = [];
    let tier = 0;
    for (const label of labels) {
      const labelPolicy = policy.labels[label];
      const strict = checkRequirement(labelPolicy.requirement, input, `${label}.`);
      values.push(...strict.values);
      const heading = `This home is labelled ${label}: ${strict.asks}`;
      if (strict.met) {
        passes.push(`${heading}, and ${strict.facts}.`);
        continue;
      }
      const steps = context.labelFallbackActive ? labelPolicy.fallback : [];
      const relaxed = steps.map((req, i) => ({ step: i + 1, check: checkRequirement(req, input, `${label}.fallback${i + 1}.`) })).find((s) => s.check.met);
      if (relaxed) {
        values.push(...relaxed.check.values);
        tier = Math.max(tier, relaxed.step);
        passes.push(
          `${heading}, but ${strict.facts}. Because no household meeting the label applied, it was relaxed to: ` +
            `${relaxed.check.asks}, which your household meets; households meeting the label itself go first.`,
        );
      } else {
        failures.push(`${heading}, but ${strict.facts}.`);
      }
    }
    return failures.length > 0
      ? failed(rule, `${failures.join(' ')} So your household does not qualify for this home.`, values)
      : passed(rule, passes.join(' '), values, { priorityTier: tier });
  },
};
