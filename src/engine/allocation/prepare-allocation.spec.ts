import { DisplacementPolicy } from './composition-policy.js';
import { FULL_SHARE, TIE_BREAK_BUDGET, prepareAllocation as sut } from './prepare-allocation.js';
import { addDays } from '../common/dates.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anAssociationScope, anInput, vulnerable } from './test-fixtures/allocation-input.builder.js';

/** Households 1..n registered one day apart (1 first), so REGULAR rank = id. */
const queue = (n: number, urgentIds: number[] = []) =>
  Array.from({ length: n }, (_, i) => aHousehold(i + 1, { registrationDate: addDays('2015-01-01', i), urgent: urgentIds.includes(i + 1) }));

const displacement = (d: Partial<DisplacementPolicy>): DisplacementPolicy => ({ maxPositions: 10, maxRegistrationDays: null, protectUrgent: true, ...d });

function single(n: number, d: Partial<DisplacementPolicy>, urgentIds: number[] = []) {
  const households = queue(n, urgentIds);
  return sut(
    anInput({
      policy: aPolicy({ displacement: displacement(d) }),
      households,
      complexes: [aComplex(1, 3, 20)],
      vacancies: [
        aVacancy(
          1,
          1,
          households.map((h) => aPair(h.id)),
        ),
      ],
    }),
  );
}

describe('prepareAllocation: displacement window of one vacancy', () => {
  it.each([
    ['at most 10 places below rank 1', { maxPositions: 10 }, [], 11, null],
    ['no bound', { maxPositions: null }, [], 15, null],
    ['no displacement at all', { maxPositions: 0 }, [], 1, null],
    // registered at most 3 days after the plain-order candidate: ranks 1..4
    ['at most 3 days of registration time', { maxPositions: null, maxRegistrationDays: 3 }, [], 4, null],
    // an urgent household that can only get this vacancy keeps its priority: nobody below it
    ['cut at the first urgent household', { maxPositions: 10 }, [4, 6], 4, 4],
    ['no cut when urgent households are not protected', { maxPositions: 10, protectUrgent: false }, [4], 11, null],
  ])('%s', (_case, d, urgentIds, lastRank, protectedRankCut) => {
    const prepared = single(15, d, urgentIds);
    const v = prepared.vacancies[0];
    expect(v.pairIndices.map((pi) => prepared.pairs[pi].rank)).toEqual(Array.from({ length: lastRank }, (_, i) => i + 1));
    expect(v.window.plainPlanRank).toBe(1);
    expect(v.window.protectedRankCut).toBe(protectedRankCut);
    expect(v.ranked.filter((c) => c.pairIndex === -1)).toHaveLength(15 - lastRank);
    expect(prepared.protectionRows).toEqual([]);
  });

  it('gives rankStepPoints per place, from 1 step for the last allowed rank, plus a tie-break that favours rank', () => {
    const prepared = single(15, { maxPositions: 4 });
    const pairs = prepared.pairs;
    expect(pairs.map((p) => p.priority)).toEqual([50, 40, 30, 20, 10]);
    for (let i = 1; i < pairs.length; i += 1) expect(pairs[i].tieBreak).toBeLessThan(pairs[i - 1].tieBreak);
    expect(pairs[0].tieBreak).toBeLessThanOrEqual(TIE_BREAK_BUDGET);
    expect(pairs[pairs.length - 1].tieBreak).toBeGreaterThan(0);
  });
});

describe('prepareAllocation: rounds', () => {
  const households = queue(6, [2]);
  const input = (focusFirst: 1 | 2) =>
    anInput({
      policy: aPolicy({ displacement: displacement({ maxPositions: 1 }) }),
      households,
      complexes: [aComplex(1, 3, 20)],
      vacancies: [
        aVacancy(
          1,
          1,
          households.map((h) => aPair(h.id)),
          { focus: focusFirst === 1 },
        ),
        aVacancy(
          2,
          1,
          households.map((h) => aPair(h.id)),
          { focus: focusFirst === 2 },
        ),
      ],
    });

  it('computes the plain-order plan by sweeping ranks; focus vacancies go first', () => {
    const a = sut(input(1));
    expect([...a.plainPlan].map((h) => a.households[h].id)).toEqual([1, 2]);
    const b = sut(input(2));
    expect([...b.plainPlan].map((h) => b.households[h].id)).toEqual([2, 1]);
  });

  it('measures displacement from the plain-order plan of the round', () => {
    const prepared = sut(input(1));
    const ranks = prepared.vacancies.map((v) => v.pairIndices.map((pi) => prepared.pairs[pi].rank));
    expect(ranks).toEqual([
      [1, 2],
      [1, 2, 3],
    ]);
    expect(prepared.vacancies.map((v) => v.window.plainPlanRank)).toEqual([1, 2]);
  });

  it('gives an urgent household with several choices a protection row instead of a cut', () => {
    const prepared = sut(input(1));
    // household 2 is urgent and choosable for both vacancies; only vacancy 2 has someone below it
    expect(prepared.protectionRows.map((r) => [r.name, r.rank, r.belowPairs.length, r.housedPairs.length])).toEqual([['prot_2_2', 2, 1, 1]]);
  });
});

describe('prepareAllocation: side rows (integer basis-point households)', () => {
  const households = [vulnerable(1), aHousehold(2, { categories: { INCOME_SOURCE: 'BENEFIT' } })];
  const prepared = sut(
    anInput({
      households,
      complexes: [
        aComplex(1, 1, 40, { VULNERABILITY: { VULNERABLE: 16, NOT_VULNERABLE: 24 }, INCOME_SOURCE: { WORK: 20, BENEFIT: 20 } }),
        aComplex(2, 1, 10, { VULNERABILITY: { VULNERABLE: 9, NOT_VULNERABLE: 1 }, INCOME_SOURCE: { BENEFIT: 10 } }),
      ],
      vacancies: [
        aVacancy(1, 1, [aPair(1, { countsAs: ['daebInTargetGroup', 'passendWithinCap'] }), aPair(2, { countsAs: ['daebAboveLimit', 'localTiesPriority'] })]),
        aVacancy(2, 2, []), // no candidates: its complex's rows are constants
      ],
      quotaScopes: [anAssociationScope({ allocations: 10, daebInTargetGroup: 9, daebAboveLimit: 1, passendWithinCap: 4, localTiesPriority: 5 })],
    }),
  );
  const row = (name: string) => prepared.sideRows.find((r) => r.name === name)!;
  const coefs = (name: string) => [...row(name).coefs];

  it.each([
    // 10000 count <= 3000 total, count and total after allocation: rhs = 3000 x 40 - 10000 x 16
    ['comp_1_VULNERABLE_MAX', '<=', 3000 * 40 - FULL_SHARE * 16, [7000, -3000]],
    // 10000 count >= 4000 total for WORK or PENSION
    ['comp_1_WORK_OR_PENSION_MIN', '>=', 4000 * 40 - FULL_SHARE * 20, [6000, -4000]],
    // DAEB >= 92.5%: 10000 in >= 9250 (in + above)
    ['quota_ASSOCIATION_DAEB_TARGET_GROUP', '>=', 9250 * 10 - FULL_SHARE * 9, [750, -9250]],
    ['quota_ASSOCIATION_PASSEND_WITHIN_CAP', '>=', 9500 * 4 - FULL_SHARE * 4, [500]],
    // local ties <= 50% of all allocations
    ['quota_ASSOCIATION_LOCAL_TIES', '<=', 5000 * 10 - FULL_SHARE * 5, [-5000, 5000]],
  ])('%s: %s %i with coefficients %j', (name, sense, rhs, expected) => {
    expect(row(name)).toMatchObject({ sense, rhs });
    expect(coefs(name)).toEqual(expected);
    expect(coefs(name).every(Number.isInteger)).toBe(true);
  });

  it('prices rows no pair can change as a constant (complex 2: 9 of 10 vulnerable, cap 30%)', () => {
    expect(prepared.sideRows.some((r) => r.name.startsWith('comp_2_'))).toBe(false);
    // vulnerable: 9 - 3 = 6 households over at 100; work or pension: 0 of 10 against 40% = 4 short at 40
    expect(prepared.constantPenalty).toBeCloseTo(6 * 100 + 4 * 40, 9);
    expect(prepared.constantInfeasibilities).toEqual([]);
  });
});

describe('prepareAllocation: input errors', () => {
  it.each([
    ['an unknown complex', anInput({ vacancies: [aVacancy(1, 9, [])] }), /complex 9/],
    [
      'a household twice in one vacancy',
      anInput({ households: [aHousehold(1)], complexes: [aComplex(1, 1, 0)], vacancies: [aVacancy(1, 1, [aPair(1), aPair(1)])] }),
      /twice/,
    ],
    ['an invalid date', anInput({ allocationDate: '2026-02-30' }), /date/],
    ['an invalid policy', anInput({ policy: aPolicy({ rankStepPoints: -1 }) }), /policy/],
  ])('rejects %s', (_case, input, message) => {
    expect(() => sut(input)).toThrow(message);
  });
});
