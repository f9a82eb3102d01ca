import fc from 'fast-check';
import { AllocationHousehold } from './allocation-input.js';
import { lotteryTicket, rankCandidates as sut } from './rank-candidates.js';
import { aHousehold, aPair, aVacancy } from './test-fixtures/allocation-input.builder.js';

const households: AllocationHousehold[] = [
  aHousehold(1, { registrationDate: '2019-05-01' }),
  aHousehold(2, { registrationDate: '2015-01-01', urgent: true }),
  aHousehold(3, { registrationDate: '2015-01-01' }),
  aHousehold(4, { registrationDate: '2012-07-31' }),
  aHousehold(5, { registrationDate: '2021-02-02', urgent: true }),
];
const byId = new Map(households.map((h) => [h.id, h]));
const pool = [aPair(1), aPair(2), aPair(3), aPair(4, { priorityTier: 1 }), aPair(5)];

describe('rankCandidates', () => {
  it.each([
    // tier first (4 has tier 1), then registration date, then id (2 and 3 registered the same day)
    ['REGULAR', [2, 3, 1, 5, 4]],
    ['DIRECT', [2, 3, 1, 5, 4]],
    // urgent households first, then the same order
    ['URGENCY', [2, 5, 3, 1, 4]],
  ] as const)('%s orders by %j', (route, expected) => {
    const ranked = sut(aVacancy(1, 1, pool, { route }), byId, 7);
    expect(ranked.map((c) => c.householdId)).toEqual(expected);
    expect(ranked.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(ranked.every((c) => c.lotteryTicket === null)).toBe(true);
  });

  it('does not depend on the order of the candidates in the input', () => {
    const reversed = sut(aVacancy(1, 1, [...pool].reverse()), byId, 7);
    expect(reversed.map((c) => c.householdId)).toEqual([2, 3, 1, 5, 4]);
  });

  describe('LOTTERY', () => {
    const lottery = (seed: number, candidates = pool) => sut(aVacancy(1, 1, candidates, { route: 'LOTTERY', reference: 'VAC-L' }), byId, seed);

    it('orders by tier, then by each household ticket drawn from the recorded seed', () => {
      const ranked = lottery(42);
      expect(ranked[ranked.length - 1].householdId).toBe(4); // tier 1 stays last
      const tier0 = ranked.slice(0, 4);
      expect(tier0.map((c) => c.lotteryTicket)).toEqual([...tier0.map((c) => c.lotteryTicket!)].sort((a, b) => a - b));
      for (const c of ranked) expect(c.lotteryTicket).toBe(lotteryTicket(42, 'VAC-L', c.householdId));
    });

    it('replays the same draw for the same seed and differs for another seed', () => {
      expect(lottery(42)).toEqual(lottery(42));
      const orders = new Set(
        [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
          lottery(seed)
            .map((c) => c.householdId)
            .join(','),
        ),
      );
      expect(orders.size).toBeGreaterThan(1);
    });

    it('keeps every ticket when a household leaves the pool (relative order unchanged)', () => {
      const full = lottery(42).map((c) => c.householdId);
      const without3 = lottery(
        42,
        pool.filter((p) => p.householdId !== 3),
      ).map((c) => c.householdId);
      expect(without3).toEqual(full.filter((id) => id !== 3));
    });
  });

  describe('POINTS', () => {
    const pointsOf: Record<number, number | null> = { 1: 120, 2: 80, 3: 120, 4: 500, 5: null };
    const withPoints = new Map(households.map((h) => [h.id, { ...h, rankingPoints: pointsOf[h.id] }]));
    const cases: { name: string; points: Record<number, number | null>; expected: number[] }[] = [
      // tier first (4 has 500 points but tier 1); then most points; a tie (1 and 3: 120) by registration date; no points last
      { name: 'most points first, ties by registration date, none registered last', points: pointsOf, expected: [3, 1, 2, 5, 4] },
      { name: 'zero points before none registered', points: { 1: 0, 2: null, 3: 0, 4: 0, 5: 0 }, expected: [3, 1, 5, 2, 4] },
      { name: 'nobody has points: registration order', points: { 1: null, 2: null, 3: null, 4: null, 5: null }, expected: [2, 3, 1, 5, 4] },
    ];
    it.each(cases)('$name', ({ points, expected }) => {
      const byIdWith = new Map(households.map((h) => [h.id, { ...h, rankingPoints: points[h.id] }]));
      const ranked = sut(aVacancy(1, 1, pool, { route: 'POINTS' }), byIdWith, 7);
      expect(ranked.map((c) => c.householdId)).toEqual(expected);
      expect(ranked.map((c) => c.rankingPoints)).toEqual(expected.map((id) => points[id]));
    });

    it('shows points only on the POINTS route', () => {
      expect(sut(aVacancy(1, 1, pool), withPoints, 7).every((c) => c.rankingPoints === null)).toBe(true);
    });
  });

  it('rejects a candidate that is not among the households', () => {
    expect(() => sut(aVacancy(1, 1, [aPair(99)]), byId, 1)).toThrow(/household 99/);
  });

  // rank-candidates.ts sorts plain numbers where that is exact, and compares otherwise: both give the
  // route's order, whatever the ids' order, tiers, dates (the same day often) and urgency
  it('gives the route order with and without numeric sort keys (property)', () => {
    const pools = fc.record({
      route: fc.constantFrom('REGULAR', 'DIRECT', 'URGENCY'),
      candidates: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 1, max: 5_000_000 }),
          tier: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(255, 256, 0.5)),
          urgent: fc.boolean(),
          day: fc.integer({ min: 0, max: 40 }),
          year: fc.constantFrom(1999, 2015, 2024),
        }),
        { selector: (c) => c.id, maxLength: 40 },
      ),
      sortedById: fc.boolean(),
    });
    fc.assert(
      fc.property(pools, ({ route, candidates, sortedById }) => {
        const listed = sortedById ? [...candidates].sort((a, b) => a.id - b.id) : candidates;
        const date = (c: (typeof candidates)[number]) => `${c.year}-0${1 + (c.day % 9)}-${String(1 + (c.day % 28)).padStart(2, '0')}`;
        const pool = new Map(listed.map((c) => [c.id, aHousehold(c.id, { registrationDate: date(c), urgent: c.urgent })]));
        const ranked = sut(
          aVacancy(
            1,
            1,
            listed.map((c) => aPair(c.id, { priorityTier: c.tier })),
            { route },
          ),
          pool,
          3,
        );
        const urgentLast = (c: (typeof candidates)[number]) => (route === 'URGENCY' && !c.urgent ? 1 : 0);
        const expected = [...listed]
          .sort((a, b) => urgentLast(a) - urgentLast(b) || a.tier - b.tier || (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0) || a.id - b.id)
          .map((c) => c.id);
        expect(ranked.map((c) => c.householdId)).toEqual(expected);
      }),
      { numRuns: 500, seed: 20261205 },
    );
  });
});
