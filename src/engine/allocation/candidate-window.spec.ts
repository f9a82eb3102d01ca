import { AllocationRoute } from '../model.js';
import { candidateWindow as sut, plainOrderPlan, sweepOrder } from './candidate-window.js';
import { DisplacementPolicy } from './composition-policy.js';
import { aRankedCandidate, aRankedQueue } from './test-fixtures/ranked-candidate.builder.js';

type Bound = Pick<DisplacementPolicy, 'maxPositions' | 'maxRegistrationDays'>;
const allowedRanks = (w: ReturnType<typeof sut>, ranked: { rank: number }[]) => ranked.filter((_c, i) => w.allowed[i]).map((c) => c.rank);
const ranks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('candidateWindow: the displacement bound of one vacancy', () => {
  // 8 candidates, registered one day apart from 2015-01-01 (rank r on day r - 1); household index = rank - 1
  const queue = aRankedQueue(8);

  it.each<[string, AllocationRoute, number, Bound, number | null, number | null, string | null, number[]]>([
    // case, route, plain household index, bound -> plainPlanRank, maxRankByPositions, latestRegistrationDate, allowed ranks
    ['at most 3 places below the plain candidate', 'REGULAR', 0, { maxPositions: 3, maxRegistrationDays: null }, 1, 4, null, ranks(1, 4)],
    ['no displacement at all', 'REGULAR', 0, { maxPositions: 0, maxRegistrationDays: null }, 1, 1, null, [1]],
    ['no bound', 'REGULAR', 0, { maxPositions: null, maxRegistrationDays: null }, 1, null, null, ranks(1, 8)],
    ['a bound beyond the list allows everyone', 'REGULAR', 0, { maxPositions: 20, maxRegistrationDays: null }, 1, 21, null, ranks(1, 8)],
    [
      'measured from the plain-order household (rank 3), everyone above it allowed',
      'REGULAR',
      2,
      { maxPositions: 2, maxRegistrationDays: null },
      3,
      5,
      null,
      ranks(1, 5),
    ],
    // registration time: rank 1 registered 2015-01-01, so 2 days later is 2015-01-03 (rank 3), inclusive
    ['at most 2 days of registration time (REGULAR)', 'REGULAR', 0, { maxPositions: null, maxRegistrationDays: 2 }, 1, null, '2015-01-03', ranks(1, 3)],
    ['at most 2 days of registration time (DIRECT)', 'DIRECT', 0, { maxPositions: null, maxRegistrationDays: 2 }, 1, null, '2015-01-03', ranks(1, 3)],
    ['0 days: only those registered the same day or earlier', 'REGULAR', 0, { maxPositions: null, maxRegistrationDays: 0 }, 1, null, '2015-01-01', [1]],
    ['registration days measured from plain rank 4', 'REGULAR', 3, { maxPositions: null, maxRegistrationDays: 1 }, 4, null, '2015-01-05', ranks(1, 5)],
    ['registration days do not apply to LOTTERY', 'LOTTERY', 0, { maxPositions: null, maxRegistrationDays: 2 }, 1, null, null, ranks(1, 8)],
    ['registration days do not apply to URGENCY', 'URGENCY', 0, { maxPositions: null, maxRegistrationDays: 2 }, 1, null, null, ranks(1, 8)],
    ['registration days do not apply to POINTS', 'POINTS', 0, { maxPositions: null, maxRegistrationDays: 2 }, 1, null, null, ranks(1, 8)],
    ['both bounds: places is the tighter', 'REGULAR', 0, { maxPositions: 1, maxRegistrationDays: 5 }, 1, 2, '2015-01-06', [1, 2]],
    ['both bounds: days is the tighter', 'REGULAR', 0, { maxPositions: 5, maxRegistrationDays: 1 }, 1, 6, '2015-01-02', [1, 2]],
    // every candidate went to another vacancy in the plain-order plan: nothing to measure from
    ['no plain-order household: no bound', 'REGULAR', -1, { maxPositions: 0, maxRegistrationDays: 0 }, null, null, null, ranks(1, 8)],
  ])('%s', (_case, route, plainHouseholdIndex, bound, plainPlanRank, maxRankByPositions, latestRegistrationDate, expected) => {
    const w = sut({ ranked: queue, route }, plainHouseholdIndex, bound);
    expect(w.bound).toEqual({ plainPlanRank, maxRankByPositions, latestRegistrationDate, protectedRankCut: null });
    expect(w.allowed).toHaveLength(queue.length);
    expect(allowedRanks(w, queue)).toEqual(expected);
  });

  it('never cuts a candidate ranked above the plain one by registration time (a better tier registered later)', () => {
    const ranked = [
      aRankedCandidate(1, { householdId: 1, priorityTier: 0, registrationDate: '2019-06-01' }),
      aRankedCandidate(2, { householdId: 2, priorityTier: 1, registrationDate: '2015-01-01' }),
      aRankedCandidate(3, { householdId: 3, priorityTier: 1, registrationDate: '2015-01-02' }),
    ];
    const w = sut({ ranked, route: 'REGULAR' }, 1, { maxPositions: null, maxRegistrationDays: 0 });
    expect(w.bound.latestRegistrationDate).toBe('2015-01-01');
    expect(w.allowed).toEqual([true, true, false]);
  });
});

describe('plainOrderPlan: the plan the displacement bound is measured from', () => {
  const vacancy = (index: number, focus: boolean, households: number[]) => ({
    index,
    focus,
    ranked: households.map((h, i) => aRankedCandidate(i + 1, { householdId: h + 1, householdIndex: h })),
  });

  it.each<[string, ReturnType<typeof vacancy>[], number, number[]]>([
    // case, vacancies (index, focus, household indices in rank order), household count -> household index per vacancy
    ['one vacancy takes its rank-1 candidate', [vacancy(0, true, [2, 0, 1])], 3, [2]],
    ['ranks are swept across vacancies by id', [vacancy(0, true, [0, 1]), vacancy(1, true, [0, 1])], 2, [0, 1]],
    ['focus vacancies go first', [vacancy(0, false, [0, 1]), vacancy(1, true, [0, 1])], 2, [1, 0]],
    // vacancy 1's second choice is vacancy 2's first: rank 1 of every vacancy goes before rank 2 of any
    ['rank 1 of every vacancy before rank 2 of any', [vacancy(0, true, [0]), vacancy(1, true, [0, 1]), vacancy(2, true, [1])], 2, [0, -1, 1]],
    ['a taken household is skipped', [vacancy(0, true, [0]), vacancy(1, true, [0, 2])], 3, [0, 2]],
    ['a vacancy without a free candidate stays empty', [vacancy(0, true, [0]), vacancy(1, true, [0]), vacancy(2, true, [])], 1, [0, -1, -1]],
  ])('%s', (_case, vacancies, householdCount, expected) => {
    expect([...plainOrderPlan(vacancies, householdCount)]).toEqual(expected);
  });

  it('sweeps focus vacancies first, then by index', () => {
    const order = sweepOrder([
      { index: 0, focus: false },
      { index: 1, focus: true },
      { index: 2, focus: false },
      { index: 3, focus: true },
    ]);
    expect(order.map((v) => v.index)).toEqual([1, 3, 0, 2]);
  });
});
