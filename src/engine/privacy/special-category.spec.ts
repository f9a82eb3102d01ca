import type { ComparedValue, RuleOutcome } from '../eligibility/rule-outcome.js';
import { isSpecialCategoryDimension, statesSpecialCategoryFacts, withoutSpecialCategoryFacts, WITHHELD_RULE_SENTENCE } from './special-category.js';

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
});
