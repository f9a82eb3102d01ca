import { aDwelling, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { daebRentCeilingRule as sut } from './daeb-rent-ceiling.rule.js';

/** Published DAEB rent limits (docs/domain.md §2.1; rows of migrations/1764000000000-initial-schema.ts), in cents. */
const CEILINGS: [year: number, limitCents: number][] = [
  [2024, 87_966],
  [2025, 90_007],
  [2026, 93_293],
];

describe('DAEB_RENT_CEILING', () => {
  const rows = CEILINGS.flatMap(
    ([year, limit]) =>
      [
        [year, limit - 1, 'PASSED', limit],
        [year, limit, 'PASSED', limit], // inclusive
        [year, limit + 1, 'FAILED', limit],
      ] as const,
  );

  it.each(rows)('%i, DAEB home at net rent %i cents -> %s', (year, rent, expected, limit) => {
    const outcome = sut.evaluate(anInput({ dwelling: aDwelling({ netRentCents: rent }) }, year));
    expect(outcome.result).toBe(expected);
    expect(outcome.denial).toEqual(expected === 'FAILED' ? { kind: 'HARD_INELIGIBILITY' } : null);
    expect(outcome.values).toEqual([{ name: 'netRentCents', value: rent, limit, comparison: '<=', holds: expected === 'PASSED' }]);
  });

  it('explains a failure in euros', () => {
    const outcome = sut.evaluate(anInput({ dwelling: aDwelling({ netRentCents: 95_000 }) }, 2026));
    expect(outcome.explanation).toBe(
      'The net rent of €950 is above the 2026 social rent ceiling of €932.93, so this home cannot be let as a social (DAEB) home.',
    );
  });

  it('does not apply to a non-DAEB home', () => {
    expect(sut.evaluate(anInput({ dwelling: aDwelling({ isDaeb: false, netRentCents: 120_000 }) })).result).toBe('NOT_APPLICABLE');
  });
});
