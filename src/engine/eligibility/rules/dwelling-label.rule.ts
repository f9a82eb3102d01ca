import { ageOn } from '../../common/dates.js';
import { countOf, formatDate, formatDateNl, formatEuros, formatEurosNl } from '../../common/format.js';
import type { Language, Phrasebook } from '../../common/language.js';
import { headAge, householdSize } from '../../common/household-profile.js';
import { HouseholdMemberFacts, IsoDate } from '../../model.js';
import { EligibilityInput } from '../eligibility-input.js';
import { AgeSubject, LabelRequirement } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'allocationDate' | 'params' | 'policy' | 'context'>;

const rule: RuleMeta = {
  id: 'DWELLING_LABEL',
  title: 'home label',
  titleNl: 'label van de woning',
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

const WORDS: Phrasebook<{
  who: (ageOf: AgeSubject) => string;
  ageFacts: (who: string, age: number, date: IsoDate) => string;
  minAge: (who: string, minAge: number) => string;
  maxAge: (who: string, minAge: number | null, below: number) => string;
  youthRent: (year: number, limit: number) => string;
  rentFacts: (rent: number) => string;
  householdAsks: (minPersons: number, minChildren: number) => string;
  householdFacts: (size: number, children: number) => string;
  level: (accessibility: string) => string;
  indicationAsks: (level: string) => string;
  indicationFacts: (level: string | null) => string;
  openAsks: string;
  openFacts: string;
  noLabel: string;
  heading: (label: string, asks: string) => string;
  met: (heading: string, facts: string) => string;
  relaxed: (heading: string, facts: string, relaxedAsks: string) => string;
  notMet: (heading: string, facts: string) => string;
  doesNotQualify: (failures: string) => string;
}> = {
  en: {
    who: (ageOf) => (ageOf === 'APPLICANT' ? 'the applicant' : 'the eldest adult'),
    ageFacts: (who, age, date) => `${who} in your household is ${age} on ${formatDate(date)}`,
    minAge: (who, minAge) => `${who} is ${minAge} or older`,
    maxAge: (who, minAge, below) => `${who} is ${minAge !== null ? `${minAge} or older and ` : ''}younger than ${below}`,
    youthRent: (year, limit) => `, and the net rent is at most the ${year} youth rent limit (kwaliteitskortingsgrens) of ${formatEuros(limit)}`,
    rentFacts: (rent) => ` and the net rent is ${formatEuros(rent)}`,
    householdAsks: (minPersons, minChildren) =>
      `the household has at least ${countOf(minPersons, 'person', 'persons')}, including at least ${countOf(minChildren, 'child', 'children')}`,
    householdFacts: (size, children) => `your household has ${countOf(size, 'person', 'persons')}, of whom ${countOf(children, 'is a child', 'are children')}`,
    level: (a) => (a === 'WHEELCHAIR' ? 'a wheelchair home' : 'a zero-step home'),
    indicationAsks: (level) => `the household has an indication for ${level}`,
    indicationFacts: (level) => (level === null ? 'your household has no indication' : `your household has an indication for ${level}`),
    openAsks: 'any household may apply',
    openFacts: 'your household qualifies',
    noLabel: 'This home has no label that limits who may rent it.',
    heading: (label, asks) => `This home is labelled ${label}: ${asks}`,
    met: (heading, facts) => `${heading}, and ${facts}.`,
    relaxed: (heading, facts, relaxedAsks) =>
      `${heading}, but ${facts}. Because no household meeting the label applied, it was relaxed to: ` +
      `${relaxedAsks}, which your household meets; households meeting the label itself go first.`,
    notMet: (heading, facts) => `${heading}, but ${facts}.`,
    doesNotQualify: (failures) => `${failures} So your household does not qualify for this home.`,
  },
  nl: {
    who: (ageOf) => (ageOf === 'APPLICANT' ? 'de aanvrager' : 'de oudste volwassene'),
    ageFacts: (who, age, date) => `${who} in uw huishouden is ${age} jaar op ${formatDateNl(date)}`,
    minAge: (who, minAge) => `${who} is ${minAge} jaar of ouder`,
    maxAge: (who, minAge, below) => `${who} is ${minAge !== null ? `${minAge} jaar of ouder en ` : ''}jonger dan ${below} jaar`,
    youthRent: (year, limit) => `, en de kale huur is ten hoogste de kwaliteitskortingsgrens van ${formatEurosNl(limit)} in ${year}`,
    rentFacts: (rent) => ` en de kale huur is ${formatEurosNl(rent)}`,
    householdAsks: (minPersons, minChildren) =>
      `het huishouden heeft ten minste ${minPersons === 1 ? '1 persoon' : `${minPersons} personen`}, onder wie ten minste ${minChildren === 1 ? '1 kind' : `${minChildren} kinderen`}`,
    householdFacts: (size, children) =>
      `uw huishouden heeft ${size === 1 ? '1 persoon' : `${size} personen`}, ` +
      (children === 0 ? 'zonder kinderen' : children === 1 ? 'van wie 1 een kind is' : `van wie er ${children} kinderen zijn`),
    level: (a) => (a === 'WHEELCHAIR' ? 'een rolstoelwoning' : 'een nultredenwoning'),
    indicationAsks: (level) => `het huishouden heeft een indicatie voor ${level}`,
    indicationFacts: (level) => (level === null ? 'uw huishouden heeft geen indicatie' : `uw huishouden heeft een indicatie voor ${level}`),
    openAsks: 'elk huishouden mag reageren',
    openFacts: 'uw huishouden komt in aanmerking',
    noLabel: 'Deze woning heeft geen label dat beperkt wie haar mag huren.',
    heading: (label, asks) => `Deze woning heeft het label ${label}: ${asks}`,
    met: (heading, facts) => `${heading}, en ${facts}.`,
    relaxed: (heading, facts, relaxedAsks) =>
      `${heading}, maar ${facts}. Omdat er geen huishouden reageerde dat aan het label voldoet, is de eis verruimd tot: ` +
      `${relaxedAsks}, en daaraan voldoet uw huishouden; huishoudens die aan het label zelf voldoen gaan voor.`,
    notMet: (heading, facts) => `${heading}, maar ${facts}.`,
    doesNotQualify: (failures) => `${failures} Uw huishouden komt daarom niet in aanmerking voor deze woning.`,
  },
};

function checkRequirement(req: LabelRequirement, input: Input, prefix: string, language: Language): RequirementCheck {
  const say = WORDS[language];
  const { household, dwelling, allocationDate, params } = input;
  const ageName = (ageOf: AgeSubject) => `${prefix}${ageOf === 'APPLICANT' ? 'applicantAge' : 'eldestAdultAge'}`;
  switch (req.kind) {
    case 'MIN_AGE': {
      const age = subjectAge(household.members, req.ageOf, allocationDate);
      const v = compare(ageName(req.ageOf), age, '>=', req.minAge);
      return { met: v.holds, values: [v], asks: say.minAge(say.who(req.ageOf), req.minAge), facts: say.ageFacts(say.who(req.ageOf), age, allocationDate) };
    }
    case 'MAX_AGE': {
      // The youth age of the year (huurtoeslag: below 23 until 2025, below 21 from 2026; rule_parameter_year.youth_age_limit,
      // docs/domain.md §2.1).
      const below = req.belowAge ?? params.youthAgeLimit;
      const age = subjectAge(household.members, req.ageOf, allocationDate);
      const values = [compare(ageName(req.ageOf), age, '<', below)];
      if (req.minAge !== null) values.unshift(compare(ageName(req.ageOf), age, '>=', req.minAge));
      let asks = say.maxAge(say.who(req.ageOf), req.minAge, below);
      let facts = say.ageFacts(say.who(req.ageOf), age, allocationDate);
      if (req.rentAtMostQualityDiscountLimit) {
        values.push(compare(`${prefix}netRentCents`, dwelling.netRentCents, '<=', params.qualityDiscountLimitCents));
        asks += say.youthRent(params.year, params.qualityDiscountLimitCents);
        facts += say.rentFacts(dwelling.netRentCents);
      }
      return { met: values.every((v) => v.holds), values, asks, facts };
    }
    case 'HOUSEHOLD': {
      const size = householdSize(household.members);
      const children = household.members.filter((m) => m.role === 'CHILD').length;
      const values = [compare(`${prefix}persons`, size, '>=', req.minPersons), compare(`${prefix}children`, children, '>=', req.minChildren)];
      return { met: values.every((v) => v.holds), values, asks: say.householdAsks(req.minPersons, req.minChildren), facts: say.householdFacts(size, children) };
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
      return {
        met: v.holds,
        values: [v],
        asks: say.indicationAsks(say.level(req.accessibility)),
        facts: say.indicationFacts(held === null ? null : say.level(held)),
      };
    }
    case 'OPEN':
      return { met: true, values: [], asks: say.openAsks, facts: say.openFacts };
  }
}

/**
 * Labels on the dwelling (huisvestingsverordening; docs/domain.md §3.2): every label the policy knows must
 * be met on the allocation date. When the fallback is active the label's relaxations also qualify, at a
 * lower priority tier.
 */
export const dwellingLabelRule: EligibilityRule<Input> = {
  ...rule,
  evaluate(input, language = 'en') {
    const say = WORDS[language];
    const { dwelling, policy, context } = input;
    const labels = dwelling.labels.filter((l) => Object.hasOwn(policy.labels, l));
    if (labels.length === 0) return notApplicable(rule, say.noLabel);
    const values: ComparedValue[] = [];
    const failures: string[] = [];
    const passes: string[] = [];
    let tier = 0;
    for (const label of labels) {
      const labelPolicy = policy.labels[label];
      const strict = checkRequirement(labelPolicy.requirement, input, `${label}.`, language);
      values.push(...strict.values);
      const heading = say.heading(label, strict.asks);
      if (strict.met) {
        passes.push(say.met(heading, strict.facts));
        continue;
      }
      const steps = context.labelFallbackActive ? labelPolicy.fallback : [];
      const relaxed = steps
        .map((req, i) => ({ step: i + 1, check: checkRequirement(req, input, `${label}.fallback${i + 1}.`, language) }))
        .find((s) => s.check.met);
      if (relaxed) {
        values.push(...relaxed.check.values);
        tier = Math.max(tier, relaxed.step);
        passes.push(say.relaxed(heading, strict.facts, relaxed.check.asks));
      } else {
        failures.push(say.notMet(heading, strict.facts));
      }
    }
    return failures.length > 0 ? failed(rule, say.doesNotQualify(failures.join(' ')), values) : passed(rule, passes.join(' '), values, { priorityTier: tier });
  },
};
