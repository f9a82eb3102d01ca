import { AllocationRoute, OfferBlockFacts } from '../../model.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { aHousehold, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { offerBlockRule as sut } from './offer-block.rule.js';

const DATE = '2026-03-01';
const block = (from: string, until: string, liftRequested = false): OfferBlockFacts => ({ from, until, liftRequested });

function evaluate(offerBlocks: OfferBlockFacts[], language: 'en' | 'nl' = 'en', route: AllocationRoute = 'REGULAR') {
  return sut.evaluate(anInput({ household: aHousehold({ offerBlocks }), route, allocationDate: DATE }), language);
}

describe('OFFER_BLOCK', () => {
  it.each([
    ['no block', [], 'PASSED'],
    ['a block starting the day after', [block('2026-03-02', '2026-09-01')], 'PASSED'],
    ['a block starting on the date (inclusive)', [block(DATE, '2026-09-01')], 'FAILED'],
    ['a block ending on the date (inclusive)', [block('2025-09-01', DATE)], 'FAILED'],
    ['a block that ended the day before', [block('2025-08-28', '2026-02-28')], 'PASSED'],
    ['a block with a lift only requested still holds', [block('2026-01-01', '2026-06-30', true)], 'FAILED'],
    ['an old block and one in force', [block('2024-01-01', '2024-06-30'), block('2026-02-01', '2026-07-31')], 'FAILED'],
  ] as const)('%s -> %s', (_label, blocks, expected) => {
    const outcome = evaluate([...blocks]);
    expect(outcome.result).toBe(expected);
    expect(outcome.denial).toEqual(expected === 'FAILED' ? { kind: 'HARD_INELIGIBILITY' } : null);
  });

  it.each(['REGULAR', 'LOTTERY', 'DIRECT', 'URGENCY', 'POINTS'] as const)('holds on every route: %s', (route) => {
    expect(evaluate([block('2026-01-01', '2026-06-30')], 'en', route).result).toBe('FAILED');
  });

  it('explains the block with its dates and the compared values, in English and Dutch', () => {
    const en = evaluate([block('2026-01-15', '2026-07-14', true)]);
    expect(en.explanation).toBe('The household is blocked from 2026-01-15 until 2026-07-14 after unjustified refusals (a lift has been requested).');
    expect(en.values).toEqual([
      { name: 'blockedFrom', value: '2026-01-15', limit: DATE, comparison: '<=', holds: true },
      { name: 'blockedUntil', value: '2026-07-14', limit: DATE, comparison: '>=', holds: true },
    ]);
    expect(evaluate([block('2026-01-15', '2026-07-14')], 'nl').explanation).toBe(
      'Het huishouden is geblokkeerd van 15 januari 2026 tot en met 14 juli 2026 na onterechte weigeringen.',
    );
    expect(evaluate([], 'nl').explanation).toBe('Uw huishouden is op 1 maart 2026 niet geblokkeerd voor aanbiedingen.');
  });

  it('makes the household ineligible in the verdict, naming the rule', () => {
    const verdict = evaluateEligibility(anInput({ household: aHousehold({ offerBlocks: [block('2026-01-01', '2026-06-30')] }), allocationDate: DATE }));
    expect(verdict.eligible).toBe(false);
    expect(verdict.hardFailures).toContain('OFFER_BLOCK');
    expect(verdict.summary).toContain('block after refusals');
  });
});
