import fc from 'fast-check';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { aDwelling, aHousehold, anInput, membersOfSize } from '../test-fixtures/eligibility-input.builder.js';
import { daebTargetGroupRule as sut } from './daeb-target-group.rule.js';

/** Published DAEB income limits (docs/domain.md §2.1; rows of migrations/1764000000000-initial-schema.ts), in cents. */
const LIMITS: [year: number, persons: number, limitCents: number][] = [
  [2024, 1, 4_769_900],
  [2024, 2, 5_267_100],
  [2024, 5, 5_267_100],
  [2025, 1, 4_966_900],
  [2025, 2, 5_484_700],
  [2025, 4, 5_484_700],
  [2026, 1, 5_153_700],
  [2026, 2, 5_691_000],
  [2026, 3, 5_691_000],
];

const BOUNDARY_ROWS = LIMITS.flatMap(
  ([year, persons, limit]) =>
    [
      [year, persons, limit - 1, 'PASSED'],
      [year, persons, limit, 'PASSED'], // inclusive ("tot en met")
      [year, persons, limit + 1, 'EXCEPTION'],
    ] as const,
);

function evaluate(year: number, persons: number, incomeCents: number, isDaeb = true) {
  return sut.evaluate(
    anInput({ household: aHousehold({ members: membersOfSize(persons), taxableIncomeCents: incomeCents }), dwelling: aDwelling({ isDaeb }) }, year),
  );
}

describe('DAEB_TARGET_GROUP', () => {
  it.each(BOUNDARY_ROWS)('%i, %i persons, income %i cents -> %s', (year, persons, income, expected) => {
    const outcome = evaluate(year, persons, income);
    expect(outcome.result).toBe(expected);
    expect(outcome.values[0]).toMatchObject({ name: 'taxableIncomeCents', value: income, comparison: '<=' });
  });

  it.each([
    [2025, 'EXCEPTION'],
    [2026, 'PASSED'],
  ] as const)('a 1-person household at €51,000 in %i -> %s (limit of the allocation year: docs/domain.md §3.1)', (year, expected) => {
    expect(evaluate(year, 1, 5_100_000).result).toBe(expected);
  });

  it('above the limit: a quota exception on the free allocation room, counted as such', () => {
    const outcome = evaluate(2026, 2, 5_700_000);
    expect(outcome.denial).toEqual({ kind: 'QUOTA_EXCEPTION', quota: 'DAEB_FREE_ROOM' });
    expect(outcome.countsAs).toEqual(['daebAboveLimit']);
    expect(outcome.values[0]).toMatchObject({ value: 5_700_000, limit: 5_691_000, holds: false });
    expect(outcome.explanation).toContain(
      'Your household income of €57,000 is above the 2026 DAEB income limit of €56,910 for households of 2 or more persons.',
    );
    expect(outcome.explanation).toContain('at most 7.5%');
  });

  it('names 15% when the larger free room is agreed in the prestatieafspraken', () => {
    const policy = {
      ...DEFAULT_LOCAL_POLICY,
      quotas: { ...DEFAULT_LOCAL_POLICY.quotas, freeAllocationRoom: { ...DEFAULT_LOCAL_POLICY.quotas.freeAllocationRoom, agreedInPrestatieafspraken: true } },
    };
    const outcome = sut.evaluate(anInput({ household: aHousehold({ taxableIncomeCents: 6_000_000 }), policy }));
    expect(outcome.explanation).toContain('at most 15%');
  });

  it('within the limit counts as a target-group allocation', () => {
    const outcome = evaluate(2024, 1, 4_769_900);
    expect(outcome.denial).toBeNull();
    expect(outcome.countsAs).toEqual(['daebInTargetGroup']);
    expect(outcome.explanation).toBe('Your household income of €47,699 is at or below the 2024 DAEB income limit of €47,699 for a 1-person household.');
  });

  it('does not apply to a non-DAEB home, whatever the income', () => {
    const outcome = evaluate(2026, 1, 10_000_000, false);
    expect(outcome.result).toBe('NOT_APPLICABLE');
    expect(outcome.countsAs).toEqual([]);
  });

  it('property: in the target group at income X means in it at every lower income', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2024, 2025, 2026),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (year, persons, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (evaluate(year, persons, high).result === 'PASSED') expect(evaluate(year, persons, low).result).toBe('PASSED');
        },
      ),
    );
  });
});
