import { isIsoDate, yearOf } from '../common/dates.js';
import { HouseholdFacts } from '../model.js';
import { EligibilityInput } from './eligibility-input.js';
import type { Language, Phrasebook } from '../common/language.js';
import { EligibilityRule, QuotaCounterKey, QuotaKind, RuleId, RuleMeta, RuleOutcome } from './rule-outcome.js';
import { accessibilityIndicationRule } from './rules/accessibility-indication.rule.js';
import { daebRentCeilingRule } from './rules/daeb-rent-ceiling.rule.js';
import { daebTargetGroupRule } from './rules/daeb-target-group.rule.js';
import { dwellingLabelRule } from './rules/dwelling-label.rule.js';
import { householdSizeRoomsRule } from './rules/household-size-rooms.rule.js';
import { localTiesRule } from './rules/local-ties.rule.js';
import { passendToewijzenRule } from './rules/passend-toewijzen.rule.js';
import { rotterdamwetArt8Rule } from './rules/rotterdamwet-art8.rule.js';
import { urgencyValidityRule } from './rules/urgency-validity.rule.js';
import { offerBlockRule } from './rules/offer-block.rule.js';

/** All rules, in the fixed order of every verdict. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  daebTargetGroupRule,
  passendToewijzenRule,
  daebRentCeilingRule,
  householdSizeRoomsRule,
  dwellingLabelRule,
  accessibilityIndicationRule,
  urgencyValidityRule,
  localTiesRule,
  rotterdamwetArt8Rule,
  offerBlockRule,
];

export interface QuotaExceptionRef {
  quota: QuotaKind;
  ruleId: RuleId;
}

export interface Verdict {
  /** No hard failure; quota exceptions still allow the allocation. */
  eligible: boolean;
  outcomes: RuleOutcome[];
  hardFailures: RuleId[];
  quotaExceptions: QuotaExceptionRef[];
  /** Portfolio counters this allocation would add to (input of quotaEffect). */
  countsAs: QuotaCounterKey[];
  summary: string;
}

const SUMMARY: Phrasebook<{
  quotaName: Record<QuotaKind, string>;
  title: (rule: RuleMeta) => string;
  cannot: (titles: string) => string;
  may: string;
  mayAgainst: (quotas: string) => string;
}> = {
  en: {
    quotaName: { DAEB_FREE_ROOM: 'free allocation room (vrije toewijzingsruimte)', PASSEND_EXCEPTION: 'passend exceptions' },
    title: (rule) => rule.title,
    cannot: (titles) => `Your household cannot rent this home because of: ${titles}.`,
    may: 'Your household may rent this home.',
    mayAgainst: (quotas) => `Your household may rent this home, but the allocation counts against the association's ${quotas}.`,
  },
  nl: {
    quotaName: { DAEB_FREE_ROOM: 'vrije toewijzingsruimte', PASSEND_EXCEPTION: 'uitzonderingen op passend toewijzen' },
    title: (rule) => rule.titleNl,
    cannot: (titles) => `Uw huishouden kan deze woning niet huren vanwege: ${titles}.`,
    may: 'Uw huishouden mag deze woning huren.',
    mayAgainst: (quotas) => `Uw huishouden mag deze woning huren, maar de toewijzing telt mee in de ${quotas} van de corporatie.`,
  },
};
const AND: Record<Language, string> = { en: ' and ', nl: ' en ' };

/**
 * Runs every rule for one household and one dwelling on the allocation date. Pure and deterministic.
 * Throws only on a caller error: an invalid date, parameters of another year, or a household without members.
 */
export function evaluateEligibility(input: EligibilityInput, language: Language = 'en'): Verdict {
  assertSharedInput(input);
  return evaluateChecked(input, language);
}

/** The same verdicts for many households against one dwelling: the shared input is checked once. */
export function evaluateEligibilityForPool(
  shared: Omit<EligibilityInput, 'household'>,
  households: readonly HouseholdFacts[],
  language: Language = 'en',
): Verdict[] {
  assertSharedInput(shared);
  return households.map((household) => evaluateChecked({ ...shared, household }, language));
}

function assertSharedInput(input: Omit<EligibilityInput, 'household'>): void {
  if (!isIsoDate(input.allocationDate)) throw new RangeError(`Invalid allocation date: ${input.allocationDate}`);
  if (input.params.year !== yearOf(input.allocationDate)) {
    throw new RangeError(`Rule parameters of ${input.params.year} given for an allocation on ${input.allocationDate}`);
  }
}

function evaluateChecked(input: EligibilityInput, language: Language = 'en'): Verdict {
  if (input.household.members.length === 0) throw new RangeError(`Household ${input.household.reference} has no members`);
  const outcomes = ELIGIBILITY_RULES.map((rule) => rule.evaluate(input, language));
  const hardFailures = outcomes.filter((o) => o.result === 'FAILED').map((o) => o.ruleId);
  const quotaExceptions = outcomes.flatMap((o) => (o.result === 'EXCEPTION' ? [{ quota: o.denial.quota, ruleId: o.ruleId }] : []));
  const eligible = hardFailures.length === 0;
  return {
    eligible,
    outcomes,
    hardFailures,
    quotaExceptions,
    countsAs: outcomes.flatMap((o) => o.countsAs),
    summary: summarise(eligible, hardFailures, quotaExceptions, language),
  };
}

function summarise(eligible: boolean, hardFailures: RuleId[], quotaExceptions: QuotaExceptionRef[], language: Language): string {
  const say = SUMMARY[language];
  const title = (id: RuleId) => {
    const rule = ELIGIBILITY_RULES.find((r) => r.id === id);
    return rule ? say.title(rule) : id;
  };
  if (!eligible) return say.cannot(hardFailures.map(title).join(', '));
  if (quotaExceptions.length === 0) return say.may;
  return say.mayAgainst(quotaExceptions.map((q) => say.quotaName[q.quota]).join(AND[language]));
}
