import type { CompositionDimension } from '../composition/compute-composition.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { RuleId } from '../eligibility/rule-outcome.js';

/**
 * Special-category data (AVG art. 9: health, which covers support needs, medical and Wmo
 * indications and medical urgency grounds) and what derives from it. Readers without a need to know
 * (auditors) see that such a rule held or failed, never the facts or sentences behind it.
 */

/** Composition dimensions derived from special-category data (VULNERABILITY reads support needs and indications). */
export const SPECIAL_CATEGORY_DIMENSIONS: readonly CompositionDimension[] = ['VULNERABILITY'];

export function isSpecialCategoryDimension(dimension: string): boolean {
  return (SPECIAL_CATEGORY_DIMENSIONS as readonly string[]).includes(dimension);
}

/** Rules whose sentence or values can state an indication or an urgency ground. */
const SPECIAL_CATEGORY_RULES: readonly RuleId[] = ['ACCESSIBILITY_INDICATION', 'URGENCY_VALIDITY'];

/** Compared values that hold special-category facts (indication level, urgency category or dates of a medical urgency). */
export function isSpecialCategoryValue(name: string): boolean {
  return /indication|urgency|supportNeed/i.test(name);
}

/** A rule outcome as any layer holds it (the engine's, or its API shape). */
interface OutcomeFacts {
  ruleId: string;
  values: readonly { name: string }[];
  explanation: string;
}

/** Whether a rule outcome states a special-category fact (the whole rule, or a value it compared). */
export function statesSpecialCategoryFacts(outcome: Pick<OutcomeFacts, 'ruleId' | 'values'>): boolean {
  return (SPECIAL_CATEGORY_RULES as readonly string[]).includes(outcome.ruleId) || outcome.values.some((v) => isSpecialCategoryValue(v.name));
}

/** The sentence in place of a withheld rule's own, per language (English: the record's, e.g. in audit events). */
export const WITHHELD_RULE_SENTENCES: Phrasebook<string> = {
  en: 'This rule reads special-category data (AVG art. 9); its facts are shown only to the officers handling the vacancy.',
  nl: 'Deze regel gebruikt bijzondere persoonsgegevens (AVG art. 9); de feiten ziet alleen de woonconsulent van deze woning.',
};

export const WITHHELD_RULE_SENTENCE = WITHHELD_RULE_SENTENCES.en;

/**
 * The outcome as a reader without access to special-category data sees it: result, tier and quota
 * kept; facts withheld, its sentence replaced by one in the language the outcome was written in.
 */
export function withoutSpecialCategoryFacts<O extends OutcomeFacts>(outcome: O, language: Language = 'en'): O {
  if (!statesSpecialCategoryFacts(outcome)) return outcome;
  return { ...outcome, explanation: WITHHELD_RULE_SENTENCES[language], values: outcome.values.filter((v) => !isSpecialCategoryValue(v.name)) };
}
