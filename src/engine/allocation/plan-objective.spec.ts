import fc from 'fast-check';
import { freeAllocationRoomBasisPoints } from '../eligibility/local-policy.js';
import { addAllocation } from '../eligibility/portfolio-quotas.js';
import { AllocationInput } from './allocation-input.js';
import { CompositionPolicy } from './composition-policy.js';
import { Assignment, PlanState, assignmentOf, evaluatePlan as sut, rowPenalty, rowViolation } from './plan-objective.js';
import { FULL_SHARE, PreparedAllocation, TIE_BREAK_BUDGET, prepareAllocation } from './prepare-allocation.js';
import {
  aComplex,
  aHousehold,
  aPair,
  aPolicy,
  aVacancy,
  anAssociationScope,
  anInput,
  smallInstanceArb,
  vulnerable,
} from './test-fixtures/allocation-input.builder.js';
import { planOf } from './test-fixtures/plan-of.js';

/** Households 1..n registered a year apart (1 first), so REGULAR rank = id. */
const queue = (n: number, overrides: (id: number) => Parameters<typeof aHousehold>[1] = () => ({})) =>
  Array.from({ length: n }, (_, i) => aHousehold(i + 1, { registrationDate: `${2010 + i}-01-01`, ...overrides(i + 1) }));

const row = (sense: '<=' | '>=', rhs: number, weight = 100, hard = false) => ({ sense, rhs, weight, hard });

describe('rowViolation', () => {
  it.each([
    ['<=', 0, -3000, 0],
    ['<=', 0, 0, 0],
    ['<=', 0, 4000, 4000],
    ['<=', -5000, 2000, 7000],
    ['>=', 10_000, 12_000, 0],
    ['>=', 10_000, 10_000, 0],
    ['>=', 10_000, 6000, 4000],
    ['>=', -60_000, -70_000, 10_000],
  ] as const)('a %s row with rhs %s at activity %s is broken by %s basis-point households', (sense, rhs, activity, violation) => {
    expect(rowViolation({ sense, rhs }, activity)).toBe(violation);
  });
});

describe('rowPenalty', () => {
  it.each([
    // weight points per household: 0.4 households over at 100 points
    ['a soft row held', 0, row('<=', 0), -3000],
    ['a soft row broken by 0.4 households', 40, row('<=', 0), 4000],
    ['a soft MIN row short by 1.4 households', 56, row('>=', 10_000, 40), -4000],
    ['a soft row of weight 0', 0, row('<=', 0, 0), 50_000],
    // a hard row reports its breach as an infeasibility, not as points
    ['a hard row broken', 0, row('>=', 25_000, 1000, true), 0],
  ])('%s costs %s points', (_case, points, r, activity) => {
    expect(rowPenalty(r, activity)).toBeCloseTo(points, 12);
  });

  it('a soft row costs nothing while it holds and its weight per household beyond its bound; a hard row never costs points (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'<=' | '>='>('<=', '>='),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.nat(1000),
        (sense, rhs, activity, weight) => {
          const soft = { sense, rhs, weight, hard: false };
          const holds = sense === '<=' ? activity <= rhs : activity >= rhs;
          const oneMoreBeyond = sense === '<=' ? activity + FULL_SHARE : activity - FULL_SHARE;
          expect(rowPenalty(soft, activity) === 0).toBe(holds || weight === 0);
          if (!holds) expect(rowPenalty(soft, oneMoreBeyond) - rowPenalty(soft, activity)).toBeCloseTo(weight, 9);
          expect(rowPenalty({ ...soft, hard: true }, activity)).toBe(0);
          expect(rowViolation(soft, activity) === 0).toBe(holds);
        },
      ),
    );
  });
});

describe('evaluatePlan', () => {
  describe('priority points, tie-break and unfilled vacancies', () => {
    // three candidates, last allowed rank 3: 30, 20, 10 points at 10 points per place
    const households = queue(3);
    const prepared = prepareAllocation(
      anInput({
        households,
        complexes: [aComplex(1, 5, 10)],
        vacancies: [
          aVacancy(
            1,
            1,
            households.map((h) => aPair(h.id)),
          ),
          aVacancy(
            2,
            1,
            households.map((h) => aPair(h.id)),
          ),
          aVacancy(3, 1, []),
        ],
      }),
    );
    const tie = (v: number, h: number) => prepared.pairs[planOf(prepared, v === 0 ? [h, null, null] : [null, h, null])[v]].tieBreak;

    it.each([
      ['the plain order', [1, 2, null], 30 + 20, 2, 0],
      ['household 3 first', [3, 1, null], 10 + 30, 2, 0],
      // VAC-3 has no candidates: empty, but not unfilled
      ['VAC-2 left empty', [1, null, null], 30, 1, 1],
      ['nobody', [null, null, null], 0, 0, 2],
    ])('%s: priority, tie-break, filled and unfilled counts, objective', (_case, ids, priority, filled, unfilled) => {
      const got = sut(prepared, planOf(prepared, ids));
      const tieBreak = ids.reduce<number>((s, h, v) => (h === null ? s : s + tie(v, h)), 0);
      expect(got).toMatchObject({
        priorityPoints: priority,
        filledCount: filled,
        unfilledCount: unfilled,
        unfilledPenalty: unfilled * 100_000,
        compositionPenalty: 0,
        quotaPenalty: 0,
        infeasibilities: [],
      });
      expect(got.tieBreak).toBeCloseTo(tieBreak, 15);
      expect(got.objective).toBeCloseTo(priority + tieBreak - unfilled * 100_000, 9);
    });

    it('the tie-break orders plans equal in points: better ranks to earlier vacancies win, by at most the budget', () => {
      const plain = sut(prepared, planOf(prepared, [1, 2, null]));
      const swapped = sut(prepared, planOf(prepared, [2, 1, null]));
      expect(swapped.priorityPoints).toBe(plain.priorityPoints);
      expect(plain.objective).toBeGreaterThan(swapped.objective);
      expect(plain.tieBreak).toBeLessThanOrEqual(TIE_BREAK_BUDGET);
    });

    it('rejects a pair that is not a pair of its vacancy', () => {
      const a = planOf(prepared, [1, null, null]);
      a[1] = a[0];
      expect(() => sut(prepared, a)).toThrow(/is not a pair of vacancy VAC-2/);
    });
  });

  describe('composition penalties', () => {
    // resilience class 1: at most 30% vulnerable (100 points per household), at least 40% on work or pension (40)
    const complex = aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 }, INCOME_SOURCE: { WORK: 3, BENEFIT: 7 } });
    const households = [
      vulnerable(1, { registrationDate: '2010-01-01' }),
      aHousehold(2, { registrationDate: '2011-01-01' }),
      aHousehold(3, { registrationDate: '2012-01-01', categories: { INCOME_SOURCE: 'BENEFIT' } }),
    ];
    const prepared = prepareAllocation(
      anInput({
        households,
        complexes: [complex],
        vacancies: [
          aVacancy(
            1,
            1,
            households.map((h) => aPair(h.id)),
          ),
        ],
      }),
    );
    const rowIndex = (name: string) => prepared.sideRows.find((r) => r.name === name)!.index;

    it.each([
      // nobody: 3 of 10 vulnerable holds; 3 of 10 on work is 1 household short of 40% (40 points)
      ['nobody', null, 0, 10_000, 40],
      // a vulnerable household on work: 4 of 11 vulnerable is 0.7 over (70); 4 of 11 on work 0.4 short (16)
      ['household 1', 1, 7000, 4000, 70 + 16],
      // 3 of 11 vulnerable holds; 4 of 11 on work: 0.4 short
      ['household 2', 2, 0, 4000, 16],
      // on benefit: 3 of 11 on work is 1.4 short (56)
      ['household 3', 3, 0, 14_000, 56],
    ])('%s: the violation of each target in basis-point households and its points', (_case, id, vulnerableOver, workShort, points) => {
      const got = sut(prepared, planOf(prepared, [id]));
      expect(got.rowViolation[rowIndex('comp_1_VULNERABLE_MAX')]).toBe(vulnerableOver);
      expect(got.rowViolation[rowIndex('comp_1_WORK_OR_PENSION_MIN')]).toBe(workShort);
      expect(got.compositionPenalty).toBeCloseTo(points, 9);
      expect(got.quotaPenalty).toBe(0);
      expect(got.objective).toBeCloseTo(got.priorityPoints + got.tieBreak - got.unfilledPenalty - points, 9);
    });

    it('reports the activity of each row: 10000 x count - basisPoints x total after the plan, less the same now', () => {
      const got = sut(prepared, planOf(prepared, [1]));
      // one vulnerable household more, one more in the total: +10000 - 3000
      expect(got.rowActivity[rowIndex('comp_1_VULNERABLE_MAX')]).toBe(7000);
      expect(got.rowActivity[rowIndex('comp_1_WORK_OR_PENSION_MIN')]).toBe(6000);
    });
  });

  describe('quota penalties and hard quotas', () => {
    // 93 of 100 DAEB homes to the target group (norm 92.5%): one more above the limit makes 93 of 101
    const households = queue(2);
    const input = (enforcement: 'SOFT' | 'HARD') =>
      prepareAllocation(
        anInput({
          policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement } }),
          households,
          complexes: [aComplex(1, 5, 10)],
          vacancies: [aVacancy(1, 1, [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(2)])],
          quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 93, daebAboveLimit: 7, passendWithinCap: 50 })],
        }),
      );

    it.each([
      // 9250 x 101 - 10000 x 93 = 4250: 0.425 households short at 1000 points
      ['SOFT', 1, 425, []],
      ['SOFT', 2, 0, []],
      ['HARD', 1, 0, ['hard row quota_ASSOCIATION_DAEB_TARGET_GROUP is broken']],
      ['HARD', 2, 0, []],
    ] as const)('%s quotas, household %s: %s points', (enforcement, id, points, infeasibilities) => {
      const got = sut(input(enforcement), planOf(input(enforcement), [id]));
      expect(got.quotaPenalty).toBeCloseTo(points, 9);
      expect(got.compositionPenalty).toBe(0);
      expect(got.infeasibilities).toEqual(infeasibilities);
    });
  });

  it('includes the rows no pair can change: their penalty in every plan, their breach as an infeasibility', () => {
    const households = queue(2);
    const prepared = prepareAllocation(
      anInput({
        policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } }),
        households,
        // complex 2 has a vacancy without candidates: its cap row (4 of 10 vulnerable, 1 over) is a constant
        complexes: [aComplex(1, 5, 10), aComplex(2, 1, 10, { VULNERABILITY: { VULNERABLE: 4, NOT_VULNERABLE: 6 } })],
        vacancies: [
          aVacancy(
            1,
            1,
            households.map((h) => aPair(h.id)),
          ),
          aVacancy(2, 2, []),
        ],
        quotaScopes: [{ ...anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 }), key: 'GM0363', vacancyIds: [2] }],
      }),
    );
    expect(prepared.constantPenalty).toBe(100);
    const got = sut(prepared, planOf(prepared, [1, null]));
    expect(got.constantPenalty).toBe(100);
    expect(got.objective).toBeCloseTo(got.priorityPoints + got.tieBreak - 100, 9);
    expect(got.infeasibilities).toEqual(['quota_GM0363_DAEB_TARGET_GROUP is broken already and no candidate can change it']);
  });

  it('reports a household given two vacancies', () => {
    const households = queue(2);
    const prepared = prepareAllocation(
      anInput({
        households,
        complexes: [aComplex(1, 5, 10)],
        vacancies: [1, 2].map((id) =>
          aVacancy(
            id,
            1,
            households.map((h) => aPair(h.id)),
          ),
        ),
      }),
    );
    expect(sut(prepared, planOf(prepared, [1, 1])).infeasibilities).toEqual(['household H-000001 is given two vacancies']);
    expect(sut(prepared, planOf(prepared, [1, 2])).infeasibilities).toEqual([]);
    // the points are still counted: the plan is priced as given
    expect(sut(prepared, planOf(prepared, [1, 1])).priorityPoints).toBe(2 * 20);
  });

  describe('urgent households keep their priority', () => {
    // household 2 is urgent and a candidate for both vacancies (so no window cut, but a protection row
    // per vacancy): nobody below it may get either unless it is housed
    const households = queue(3, (id) => ({ urgent: id === 2 }));
    const prepared = prepareAllocation(
      anInput({
        households,
        complexes: [aComplex(1, 5, 10)],
        vacancies: [1, 2].map((id) =>
          aVacancy(
            id,
            1,
            households.map((h) => aPair(h.id)),
          ),
        ),
      }),
    );

    it('has a protection row per vacancy for the urgent household', () => {
      expect(prepared.protectionRows.map((r) => r.name)).toEqual(['prot_1_2', 'prot_2_2']);
    });

    it.each([
      [
        '1 and 3: household 2 passed over for VAC-2 and not housed',
        [1, 3],
        ['urgent household H-000002 (rank 2) is passed over for vacancy VAC-2 and not housed'],
      ],
      ['3 and 1: passed over for VAC-1', [3, 1], ['urgent household H-000002 (rank 2) is passed over for vacancy VAC-1 and not housed']],
      ['3 and nobody: passed over for VAC-1', [3, null], ['urgent household H-000002 (rank 2) is passed over for vacancy VAC-1 and not housed']],
      ['2 and 3: housed, so passing it over elsewhere is allowed', [2, 3], []],
      ['3 and 2: housed at VAC-2', [3, 2], []],
      ['1 and nobody: nobody below it is chosen', [1, null], []],
    ])('%s', (_case, ids, infeasibilities) => {
      expect(sut(prepared, planOf(prepared, ids)).infeasibilities).toEqual(infeasibilities);
    });

    it('does not protect urgent households when the policy does not', () => {
      const unprotected = prepareAllocation(
        anInput({
          policy: aPolicy({ displacement: { maxPositions: 10, maxRegistrationDays: null, protectUrgent: false } }),
          households,
          complexes: [aComplex(1, 5, 10)],
          vacancies: [1, 2].map((id) =>
            aVacancy(
              id,
              1,
              households.map((h) => aPair(h.id)),
            ),
          ),
        }),
      );
      expect(sut(unprotected, planOf(unprotected, [1, 3])).infeasibilities).toEqual([]);
    });
  });

  describe('agrees with the plan priced from the input alone (property)', () => {
    /** The plan's price from counts after the plan (no rows, no coefficients): composition, quotas, hard breaches. */
    function priceFromInput(input: AllocationInput, prepared: PreparedAllocation, plan: Assignment) {
      const policy: CompositionPolicy = input.policy;
      const housed = [...plan].flatMap((pi, v) => (pi === -1 ? [] : [{ v: prepared.vacancies[v], p: prepared.pairs[pi] }]));
      let soft = 0;
      let hardBroken = 0;
      for (const c of prepared.complexes) {
        if (!prepared.vacancies.some((v) => v.complexIndex === c.index)) continue;
        const added = housed.filter((x) => x.v.complexIndex === c.index).map((x) => prepared.households[x.p.householdIndex]);
        for (const t of c.targets) {
          const count = t.baseCount + added.filter((h) => t.categories.includes(h.categories[t.dimension])).length;
          const total = t.baseTotal + added.length;
          const over = t.bound === 'MAX' ? FULL_SHARE * count - t.basisPoints * total : t.basisPoints * total - FULL_SHARE * count;
          soft += (t.weight * Math.max(0, over)) / FULL_SHARE;
        }
      }
      for (const s of input.quotaScopes) {
        let counts = s.counts;
        for (const { v, p } of housed)
          if (s.vacancyIds === null || s.vacancyIds.includes(v.id)) counts = addAllocation(counts, v.ranked[p.rank - 1].pair.verdict.countsAs);
        const daeb = FULL_SHARE - freeAllocationRoomBasisPoints(s.norms);
        const passend = FULL_SHARE - s.norms.quotas.passendExceptionBasisPoints;
        const ties = s.norms.localTies.maxShareBasisPoints;
        const short = [
          [daeb * (counts.daebInTargetGroup + counts.daebAboveLimit) - FULL_SHARE * counts.daebInTargetGroup, policy.quotas.daebTargetGroupWeight],
          [passend * (counts.passendWithinCap + counts.passendAboveCap) - FULL_SHARE * counts.passendWithinCap, policy.quotas.passendWeight],
          [FULL_SHARE * counts.localTiesPriority - ties * counts.allocations, policy.quotas.localTiesWeight],
        ];
        for (const [violation, weight] of short) {
          if (violation <= 0) continue;
          if (policy.quotas.enforcement === 'HARD') hardBroken += 1;
          else soft += (weight * violation) / FULL_SHARE;
        }
      }
      const priority = housed.reduce((sum, { p }) => sum + p.priority + p.tieBreak, 0);
      const unfilled = prepared.vacancies.filter((v) => plan[v.index] === -1 && v.pairIndices.length > 0).length;
      const households = housed.map((x) => x.p.householdIndex);
      const twice = households.length - new Set(households).size;
      // one breach per urgent household ranked above the chosen one and housed nowhere
      const passedOver = housed.reduce(
        (n, { v, p }) =>
          n +
          v.pairIndices.filter(
            (qi) => prepared.pairs[qi].protected && prepared.pairs[qi].rank < p.rank && !households.includes(prepared.pairs[qi].householdIndex),
          ).length,
        0,
      );
      return { objective: priority - unfilled * policy.unfilledPenalty - soft, hardBroken, twice, passedOver };
    }

    /** A random plan: per vacancy nobody or any of its pairs (a household may come twice). */
    const withPlan = smallInstanceArb().chain((input) => {
      const prepared = prepareAllocation(input);
      return fc
        .tuple(...prepared.vacancies.map((v) => fc.integer({ min: -1, max: v.pairIndices.length - 1 })))
        .map((picks) => ({ input, prepared, plan: Int32Array.from(picks, (k, v) => (k === -1 ? -1 : prepared.vacancies[v].pairIndices[k])) }));
    });

    it('objective, hard quotas, a household twice, urgent households passed over', () => {
      fc.assert(
        fc.property(withPlan, ({ input, prepared, plan }) => {
          const got = sut(prepared, plan);
          const expected = priceFromInput(input, prepared, plan);
          expect(got.objective).toBeCloseTo(expected.objective, 6);
          const count = (re: RegExp) => got.infeasibilities.filter((why) => re.test(why)).length;
          expect(count(/^hard row |is broken already/)).toBe(expected.hardBroken);
          expect(count(/is given two vacancies$/)).toBe(expected.twice);
          expect(count(/^urgent household/)).toBe(expected.passedOver);
        }),
        { numRuns: 400 },
      );
    });
  });
});

describe('assignmentOf', () => {
  const households = queue(2);
  const prepared = prepareAllocation(
    anInput({
      households,
      complexes: [aComplex(1, 5, 10)],
      vacancies: [1, 2].map((id) =>
        aVacancy(
          id,
          1,
          households.map((h) => aPair(h.id)),
        ),
      ),
    }),
  );

  it('places each pair at its vacancy, the rest empty', () => {
    expect([...assignmentOf(prepared, [3])]).toEqual([-1, 3]);
  });

  it('refuses two households for one vacancy', () => {
    expect(() => assignmentOf(prepared, [0, 1])).toThrow('Vacancy VAC-1 is given two households');
  });
});

describe('PlanState', () => {
  const households = [vulnerable(1, { registrationDate: '2010-01-01' }), aHousehold(2, { registrationDate: '2011-01-01' })];
  const prepared = prepareAllocation(
    anInput({
      households,
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [1, 2].map((id) =>
        aVacancy(
          id,
          1,
          households.map((h) => aPair(h.id)),
        ),
      ),
    }),
  );
  const [p11, p12, p21] = [0, 1, 2];

  it('starts empty, or from a plan', () => {
    const empty = new PlanState(prepared);
    expect([...empty.assignment]).toEqual([-1, -1]);
    expect([...empty.housedAt]).toEqual([-1, -1]);
    const from = new PlanState(prepared, Int32Array.from([p12, p21]));
    expect([...from.assignment]).toEqual([p12, p21]);
    expect([...from.housedAt]).toEqual([1, 0]);
    expect([...from.activity]).toEqual([...sut(prepared, from.assignment).rowActivity]);
  });

  it('a pair is free while its vacancy is empty and its household unhoused', () => {
    const state = new PlanState(prepared);
    state.add(p11);
    expect([p11, p12, p21, 3].map((pi) => state.isFree(pi))).toEqual([false, false, false, true]);
    expect(() => state.add(p21)).toThrow(`Pair ${p21} is not free`);
    expect(() => state.remove(p12)).toThrow(`Pair ${p12} is not in the plan`);
    state.remove(p11);
    expect([p11, p12, p21, 3].map((pi) => state.isFree(pi))).toEqual([true, true, true, true]);
    expect([...state.activity]).toEqual(prepared.sideRows.map(() => 0));
  });

  it('gain: priority, tie-break and the fill reward less the penalty the pair adds', () => {
    const state = new PlanState(prepared);
    // household 1 is vulnerable: 4 of 11 over the 30% cap by 0.7 households, 70 points
    expect(state.penaltyDelta(p11)).toBeCloseTo(70, 9);
    expect(state.gain(p11)).toBeCloseTo(prepared.pairs[p11].priority + prepared.pairs[p11].tieBreak + 100_000 - 70, 9);
    expect(state.penaltyDelta(p12)).toBe(0);
  });

  it('breaksHardRow is false without hard rows', () => {
    expect(prepared.sideRows.some((r) => r.hard)).toBe(false);
    expect(new PlanState(prepared).breaksHardRow(p11)).toBe(false);
  });

  it('breaksHardRow: a pair that breaks a hard quota that holds, or deepens one that is broken', () => {
    // 93 of 100 to the target group: one household above the limit breaks the 92.5% norm; two deepen it
    const hh = [aHousehold(1), aHousehold(2), aHousehold(3)];
    const above = prepareAllocation(
      anInput({
        policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } }),
        households: hh,
        complexes: [aComplex(1, 5, 10)],
        vacancies: [1, 2].map((id) => aVacancy(id, 1, [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(2, { countsAs: ['daebAboveLimit'] }), aPair(3)])),
        quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 93, daebAboveLimit: 7, passendWithinCap: 50 })],
      }),
    );
    const pair = (v: number, h: number) => above.vacancies[v].pairIndices.find((pi) => above.households[above.pairs[pi].householdIndex].id === h)!;
    const state = new PlanState(above);
    expect(state.breaksHardRow(pair(0, 1))).toBe(true);
    expect(state.breaksHardRow(pair(0, 3))).toBe(false);
    expect(state.penaltyDelta(pair(0, 1))).toBe(0); // hard rows cost no points
    state.add(pair(0, 1));
    expect(state.breaksHardRow(pair(1, 2))).toBe(true);
    // a target-group allocation makes the broken row less broken: allowed
    expect(state.breaksHardRow(pair(1, 3))).toBe(false);
  });

  /** A random plan built by adding and removing pairs, with the state that built it. */
  const walk = smallInstanceArb().chain((input) => {
    const prepared = prepareAllocation(input);
    return fc.array(fc.nat(), { maxLength: 12 }).map((steps) => ({ prepared, steps }));
  });

  it('add, remove, gain, penaltyDelta and breaksHardRow agree with evaluatePlan along any sequence of moves (property)', () => {
    fc.assert(
      fc.property(walk, ({ prepared, steps }) => {
        if (prepared.pairs.length === 0) return;
        const state = new PlanState(prepared);
        const check = () => {
          const now = sut(prepared, state.assignment);
          expect([...state.activity]).toEqual([...now.rowActivity]);
          for (const p of prepared.pairs) {
            const free =
              state.assignment[p.vacancyIndex] === -1 && !state.assignment.some((pi) => pi !== -1 && prepared.pairs[pi].householdIndex === p.householdIndex);
            expect(state.isFree(p.index)).toBe(free);
            if (!free) continue;
            const next = state.assignment.slice();
            next[p.vacancyIndex] = p.index;
            const then = sut(prepared, next);
            expect(state.gain(p.index)).toBeCloseTo(then.objective - now.objective, 6);
            expect(state.penaltyDelta(p.index)).toBeCloseTo(then.compositionPenalty + then.quotaPenalty - now.compositionPenalty - now.quotaPenalty, 6);
            const deepens = prepared.sideRows.some((r) => r.hard && then.rowViolation[r.index] > now.rowViolation[r.index]);
            expect(state.breaksHardRow(p.index)).toBe(deepens);
          }
          // a fresh state from the same plan is the same state
          const again = new PlanState(prepared, state.assignment);
          expect([...again.activity]).toEqual([...state.activity]);
          expect([...again.housedAt]).toEqual([...state.housedAt]);
        };
        check();
        for (const step of steps) {
          const pi = step % prepared.pairs.length;
          if (state.isFree(pi)) state.add(pi);
          else if (state.assignment[prepared.pairs[pi].vacancyIndex] === pi) state.remove(pi);
          else continue;
          check();
        }
      }),
      { numRuns: 200 },
    );
  });
});
