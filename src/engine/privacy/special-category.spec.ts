import type { ComparedValue, RuleOutcome } from '../eligibility/rule-outcome.js';
import {
  isSpecialCategoryDimension,
  statesSpecialCategoryFacts,
  withoutSpecialCategoryFacts,
  WITHHELD_RULE_SENTENCE,
  WITHHELD_RULE_SENTENCES,
} from './special-category.js';

const value = (name: string): ComparedValue => ({ name, value: 1, limit: 1, comparison: '=', holds: true });
const outcome = (
  ruleId: RuleOutcome['ruleId'],
  values: ComparedValue[],
  explanation = 'Your household ...',
): Pick<RuleOutcome, 'ruleId' | 'values' | 'explanation'> => ({ ruleId, values, explanation });

describe('special-category data', () => {
  it.each([
    ['VULNERABILITY', true],
    ['INCOME_BAND', false],
    ['HOUSEHOLD_TYPE', false],
  ])('dimension %s is special-category: %s', (dimension, expected) => {
    expect(isSpecialCategoryDimension(dimension)).toBe(expected);
  });

  it.each([
    ['the indication rule', outcome('ACCESSIBILITY_INDICATION', []), true],
    ['the urgency rule', outcome('URGENCY_VALIDITY', [value('urgencyGranted')]), true],
    ['a label asking for an indication', outcome('DWELLING_LABEL', [value('SENIOR.indicationAccessibility')]), true],
    ['a label asking for an age', outcome('DWELLING_LABEL', [value('SENIOR.applicantAge')]), false],
    ['the income limit', outcome('DAEB_TARGET_GROUP', [value('taxableIncomeCents')]), false],
  ])('%s states special-category facts: %s', (_name, o, expected) => {
    expect(statesSpecialCategoryFacts(o)).toBe(expected);
  });

  it('withholds the sentence and the special values, keeps the rest', () => {
    const o = outcome(
      'DWELLING_LABEL',
      [value('SENIOR.applicantAge'), value('SENIOR.indicationAccessibility')],
      'your household has an indication for a zero-step home',
    );
    expect(withoutSpecialCategoryFacts(o)).toEqual({ ruleId: 'DWELLING_LABEL', explanation: WITHHELD_RULE_SENTENCE, values: [value('SENIOR.applicantAge')] });
    const plain = outcome('DAEB_TARGET_GROUP', [value('taxableIncomeCents')]);
    expect(withoutSpecialCategoryFacts(plain)).toBe(plain);
  });

  it.each([
    // English is the record's sentence (audit events keep it): word for word as it was
    ['en', undefined, 'This rule reads special-category data (AVG art. 9); its facts are shown only to the officers handling the vacancy.'],
    ['en', 'en', 'This rule reads special-category data (AVG art. 9); its facts are shown only to the officers handling the vacancy.'],
    ['nl', 'nl', 'Deze regel gebruikt bijzondere persoonsgegevens (AVG art. 9); de feiten ziet alleen de woonconsulent van deze woning.'],
  ] as const)("in %s (asked: %s), the sentence in place of a withheld one is in the verdict's language", (_language, asked, sentence) => {
    const o = outcome('URGENCY_VALIDITY', [value('urgencyGranted'), value('rooms')], 'De urgentie van uw huishouden (MEDICAL) is geldig op 1 maart 2026.');
    expect(withoutSpecialCategoryFacts(o, asked)).toEqual({ ruleId: 'URGENCY_VALIDITY', explanation: sentence, values: [value('rooms')] });
  });

  it('keeps WITHHELD_RULE_SENTENCE the English one', () => {
    expect(WITHHELD_RULE_SENTENCE).toBe(WITHHELD_RULE_SENTENCES.en);
    expect(WITHHELD_RULE_SENTENCES.nl).not.toMatch(/\b(the|rule|data|its|shown|only|officers|handling|vacancy)\b/);
  });
});
