import { householdIdMention, householdMention } from '../engine/privacy/household-mention.js';
import { WITHHELD_RULE_SENTENCE } from '../engine/privacy/special-category.js';
import { discloseJsonForNonOperational, mentionsIn, referenceCandidates, replaceReferences } from './render-answer.js';

describe('answers as a reader without operational access sees them', () => {
  it.each([
    ['not JSON', 'H-000001 was proposed', 'H-000001 was proposed'],
    ['JSON without households', '{"vacancyId":3}', '{"vacancyId":3}'],
    ['an id under householdId', '{"householdId":7}', JSON.stringify({ householdId: householdIdMention(7) })],
    [
      'ids under any …HouseholdId(s) key',
      '{"chosenHouseholdId":7,"plainOrderHouseholdIds":[8,9]}',
      JSON.stringify({ chosenHouseholdId: householdIdMention(7), plainOrderHouseholdIds: [householdIdMention(8), householdIdMention(9)] }),
    ],
    [
      'households of an engine input',
      '{"households":[{"id":4,"reference":"R"}]}',
      JSON.stringify({ households: [{ id: householdIdMention(4), reference: householdMention(4) }] }),
    ],
  ])('%s', (_name, text, expected) => {
    expect(discloseJsonForNonOperational(text)).toBe(expected);
  });

  it('withholds the special-category facts of a rule verdict kept in the log, and keeps its result', () => {
    const outcome = {
      ruleId: 'ACCESSIBILITY_INDICATION',
      result: 'PASSED',
      explanation: 'Your household has an indication for a zero-step home',
      values: [{ name: 'indicationAccessibility', value: 'ZERO_STEP' }],
    };
    const income = {
      ruleId: 'DAEB_TARGET_GROUP',
      result: 'PASSED',
      explanation: 'Income within the limit',
      values: [{ name: 'taxableIncomeCents', value: 3_000_000 }],
    };
    const disclosed = JSON.parse(discloseJsonForNonOperational(JSON.stringify({ payload: { verdict: { outcomes: [outcome, income] } } })));
    expect(disclosed.payload.verdict.outcomes).toEqual([{ ...outcome, explanation: WITHHELD_RULE_SENTENCE, values: [] }, income]);
    // as the allocation ledger keeps them (ALLOCATION_RECORDED): without sentences
    const ledger = {
      ruleId: 'URGENCY_VALIDITY',
      result: 'PASSED',
      values: [
        { name: 'urgencyCategory', value: 'SOCIAL' },
        { name: 'urgencyGranted', value: '2026-01-01' },
      ],
    };
    const fromLedger = JSON.parse(discloseJsonForNonOperational(JSON.stringify({ verdict: { outcomes: [ledger] } })));
    expect(fromLedger.verdict.outcomes).toEqual([{ ruleId: 'URGENCY_VALIDITY', result: 'PASSED', values: [] }]);
  });

  it('finds mentions, and replaces only whole known references in free text', () => {
    expect(mentionsIn({ a: [householdMention(3), { b: `x ${householdIdMention(5)}` }] })).toEqual([3, 5]);
    expect(referenceCandidates('Chosen H-000123, not H-9.')).toEqual(['Chosen', 'H-000123', 'not', 'H-9']);
    expect(replaceReferences('Chosen H-000123 over XH-000123 and H-0001234', new Map([['H-000123', 'PSN-x']]))).toBe(
      'Chosen PSN-x over XH-000123 and H-0001234',
    );
  });
});
