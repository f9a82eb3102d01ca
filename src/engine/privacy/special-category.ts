import type { CompositionDimension } from '../composition/compute-composition.js';
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

export const WITHHELD_RULE_SENTENCE = 'This rule reads special-category data (AVG art. 9); its facts are shown only to the officers handling the vacancy.';

/** The outcome as a reader without access to special-category data sees it: result, tier and quota kept; facts withheld. */
export function withoutSpecialCategoryFacts<O extends OutcomeFacts>(outcome: O): O {
  if (!statesSpecialCategoryFacts(outcome)) return outcome;
  return { ...outcome, explanation: WITHHELD_RULE_SENTENCE, values: outcome.values.filter((v) => !isSpecialCategoryValue(v.name)) };
}
