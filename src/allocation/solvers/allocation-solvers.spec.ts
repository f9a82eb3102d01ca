import fc from 'fast-check';
import { generateBenchInstance } from '../../engine/allocation/bench-instances.js';
import { planAllocation } from '../../engine/allocation/plan-allocation.js';
import { prepareAllocation } from '../../engine/allocation/prepare-allocation.js';
import { AllocationSolveOptions, solveAllocation } from '../../engine/allocation/solve-allocation.js';
import { Solver } from '../../engine/allocation/solver.port.js';
import { bruteForceOptimum } from '../../engine/allocation/test-fixtures/brute-force.js';
import {
  aComplex,
  aHousehold,
  aPair,
  aPolicy,
  aVacancy,
  anAssociationScope,
  anInput,
  smallInstanceArb,
} from '../../engine/allocation/test-fixtures/allocation-input.builder.js';
import { createHighsSolver } from './highs.solver.js';
import { createJslSolver } from './jsl.solver.js';
import { createRoutingSolver } from './routing.solver.js';

const highs = createHighsSolver();
const jsl = createJslSolver({ isolation: 'INLINE' });
const router = createRoutingSolver({ large: highs });
// LP first on any size: these models are small (the default waits for 20,000 columns)
const EXACT: Partial<AllocationSolveOptions> = { timeLimitMs: 20_000, mipRelGap: 1e-9, fastPath: false, lpRoundingMinCols: 0 };

/** Every way of solving, each checked against the brute-force optimum. */
const PATHS: ReadonlyArray<readonly [string, Solver, Partial<AllocationSolveOptions>]> = [
  ['HiGHS MIP, exact pruning', highs, { ...EXACT, lpRounding: false }],
  ['HiGHS MIP, exact pruning, dense side rows', highs, { ...EXACT, lpRounding: false, sideRowForm: 'DENSE' }],
  ['HiGHS MIP, exact pruning, "unfilled" columns continuous', highs, { ...EXACT, lpRounding: false, integralUnfilled: false }],
  ['HiGHS MIP, identical rows each a row', highs, { ...EXACT, lpRounding: false, mergeIdenticalRows: false }],
  ['HiGHS LP then MIP, no pruning, HiGHS LP first', createHighsSolver({ lpFirst: true }), { ...EXACT, pruning: { kind: 'NONE' } }],
  ['javascript-lp-solver MIP, exact pruning', jsl, { ...EXACT, lpRounding: false }],
  ['javascript-lp-solver MIP, "unfilled" columns continuous', jsl, { ...EXACT, lpRounding: false, integralUnfilled: false }],
  ['javascript-lp-solver LP then MIP, no pruning', jsl, { ...EXACT, pruning: { kind: 'NONE' } }],
  ['router', router, EXACT],
  ['fast path (single vacancy) or router', router, { ...EXACT, fastPath: true }],
];

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('allocation solvers against brute force (<= 4 vacancies x 7 households)', () => {
  it('agree on the optimal objective, and every solution verifies (property)', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstanceArb({ maxVacancies: 4, maxHouseholds: 7 }), fc.boolean(), async (generated, oneMunicipality) => {
        // an association in one municipality: its municipal quota scope holds the same allocations (identical rows)
        const input = oneMunicipality
          ? { ...generated, quotaScopes: [...generated.quotaScopes, ...generated.quotaScopes.map((q) => ({ ...q, key: 'GM0001' }))] }
          : generated;
        const prepared = prepareAllocation(input);
        const best = bruteForceOptimum(prepared);
        for (const [name, solver, options] of PATHS) {
          const got = await solveAllocation(prepared, solver, options);
          if (best === null) {
            expect([name, got.status]).toEqual([name, 'INFEASIBLE']);
            expect(got.assignment).toBeNull();
            continue;
          }
          expect([name, got.status, got.verification]).toEqual([name, 'OPTIMAL', []]);
          expect(got.evaluation!.infeasibilities).toEqual([]);
          if (!close(got.evaluation!.objective, best.evaluation.objective)) {
            throw new Error(`${name}: objective ${got.evaluation!.objective}, brute force ${best.evaluation.objective}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('HiGHS against javascript-lp-solver on medium rounds (10 x 200)', () => {
  it.each([
    [1, 10],
    [2, 10],
    [3, null],
    [4, null],
  ])('seed %i, displacement %p places: same optimum, both verified', async (seed, maxPositions) => {
    const prepared = prepareAllocation(generateBenchInstance({ vacancies: 10, households: 200, seed, maxPositions }));
    const a = await solveAllocation(prepared, highs, { ...EXACT, lpRounding: false });
    const b = await solveAllocation(prepared, jsl, { ...EXACT, lpRounding: false });
    expect([a.status, a.source, a.verification]).toEqual(['OPTIMAL', 'SOLVER', []]);
    expect([b.status, b.source, b.verification]).toEqual(['OPTIMAL', 'SOLVER', []]);
    expect(close(b.evaluation!.objective, a.evaluation!.objective)).toBe(true);
    expect(b.solverName).toBe('javascript-lp-solver');
    expect(a.solverName).toBe('HiGHS');
  });
});

describe('HiGHS with the tie-break settled after the solve (50 x 2000 rounds)', () => {
  it.each([1, 3, 4])('seed %i: the same points but the tie-break as the exact solve, and a bound no lower than its optimum', async (seed) => {
    const prepared = prepareAllocation(generateBenchInstance({ vacancies: 50, households: 2000, seed }));
    // mipRelGap 1e-4 puts the whole tie-break (0.005 points) within the tolerance of these rounds' thousands of points
    const settled = await solveAllocation(prepared, highs, { timeLimitMs: 20_000, mipRelGap: 1e-4, lpRounding: false });
    const exact = await solveAllocation(prepared, highs, { ...EXACT, lpRounding: false, settleTiesAfterSolve: false });
    expect([settled.status, settled.source, settled.verification]).toEqual(['OPTIMAL', 'SOLVER', []]);
    expect([exact.status, exact.source, exact.verification]).toEqual(['OPTIMAL', 'SOLVER', []]);
    expect(settled.message).toMatch(/Solved for the points other than the tie-break, in whole steps of 1; the tie-break then settled by \d+ exchange\(s\)\.$/);
    const points = (e: { objective: number; tieBreak: number }) => e.objective - e.tieBreak;
    expect(points(settled.evaluation!)).toBeCloseTo(points(exact.evaluation!), 6);
    expect(settled.bound!).toBeGreaterThanOrEqual(exact.evaluation!.objective - 1e-9);
    expect(settled.gap!).toBeLessThanOrEqual(1e-4);
  });
});

describe('statuses are reported as they are', () => {
  it.each([
    // without a start, HiGHS has nothing at time 0: the plan falls back to the cap-aware greedy
    [false, 'GREEDY_FALLBACK', /without a solution.*cap-aware greedy/],
    // with the greedy as warm start, HiGHS returns it as its incumbent, with the proven gap
    [true, 'SOLVER', /with an incumbent, proven gap/],
  ])('a round with no time left is TIME_LIMIT, never OPTIMAL (warm start %p)', async (warmStart, source, message) => {
    const { plan } = await planAllocation(generateBenchInstance({ vacancies: 50, households: 2000, seed: 1 }), highs, { timeLimitMs: 0, warmStart });
    expect(plan.status).toBe('TIME_LIMIT');
    expect(plan.source).toBe(source);
    expect(plan.message).toMatch(message);
    expect(plan.verification).toEqual([]);
    expect(plan.proposals.every((p) => p.chosen !== null)).toBe(true);
  });

  it('a MIP cut short after its LP relaxation falls back to LP rounding, with the gap proven by the LP bound', async () => {
    // HiGHS for the relaxation, then no time at all for the MIP (a deterministic time limit)
    const lpOnly: Solver = {
      name: 'HiGHS, no time for the MIP',
      version: highs.version,
      solve: (model, options) => highs.solve(model, model.integer.some((i) => i === 1) ? { ...options, timeLimitMs: 0 } : options),
    };
    const prepared = prepareAllocation(generateBenchInstance({ vacancies: 50, households: 2000, seed: 1 }));
    const got = await solveAllocation(prepared, lpOnly, { timeLimitMs: 20_000, mipRelGap: 1e-6, warmStart: false, lpRoundingMinCols: 0 });
    const exact = await solveAllocation(prepared, highs, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    expect([got.status, got.source, got.verification]).toEqual(['TIME_LIMIT', 'LP_ROUNDING_FALLBACK', []]);
    expect(got.message).toMatch(/Showing the LP-rounding plan\.$/);
    expect(got.evaluation!.infeasibilities).toEqual([]);
    // the bound is proven: at least the optimum; the gap is measured against it
    expect(got.bound!).toBeGreaterThanOrEqual(exact.evaluation!.objective - 1e-6);
    expect(got.gap).toBeCloseTo((got.bound! - got.evaluation!.objective) / Math.abs(got.evaluation!.objective), 9);
    expect(got.evaluation!.objective).toBeLessThanOrEqual(exact.evaluation!.objective + 1e-6);
  });

  it('a round that cannot meet a hard quota is INFEASIBLE for every solver', async () => {
    const households = [aHousehold(1), aHousehold(2), aHousehold(3)];
    const input = anInput({
      policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } }),
      households,
      complexes: [aComplex(1, 3, 20)],
      // 90 of 100 DAEB homes to the target group so far (norm 92.5%), every candidate above the limit
      vacancies: [1, 2].map((id) =>
        aVacancy(
          id,
          1,
          households.map((h) => aPair(h.id, { countsAs: ['daebAboveLimit'] })),
        ),
      ),
      quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 })],
    });
    for (const solver of [highs, jsl, router]) {
      const { plan } = await planAllocation(input, solver, EXACT);
      expect([solver.name, plan.status, plan.source]).toEqual([solver.name, 'INFEASIBLE', 'NONE']);
      expect(plan.proposals.map((p) => p.chosen)).toEqual([null, null]);
      expect(plan.proposals[0].plainOrderCandidate?.householdId).toBe(1); // still computed
    }
  });
});

describe('determinism', () => {
  it('same input and seed give a byte-identical plan, whatever the order of the input lists', async () => {
    const input = generateBenchInstance({ vacancies: 12, households: 300, seed: 5 });
    const shuffled = {
      ...input,
      households: [...input.households].reverse(),
      vacancies: [...input.vacancies].reverse(),
      complexes: [...input.complexes].reverse(),
    };
    const runs = [
      await planAllocation(input, createHighsSolver(), EXACT),
      await planAllocation(input, createHighsSolver(), EXACT),
      await planAllocation(shuffled, highs, EXACT),
    ].map((r) => JSON.stringify(r.plan));
    expect(runs[1]).toBe(runs[0]);
    expect(runs[2]).toBe(runs[0]);
    expect(JSON.parse(runs[0]).status).toBe('OPTIMAL');
  });

  it('another lottery seed draws another order', async () => {
    const base = generateBenchInstance({ vacancies: 12, households: 300, seed: 5 });
    const lottery = base.vacancies.find((v) => v.route === 'LOTTERY')!;
    const order = async (seed: number) => {
      const { plan } = await planAllocation({ ...base, seed, vacancies: [lottery] }, highs, EXACT);
      return plan.proposals[0].plainOrderCandidate!.householdId;
    };
    const firsts = new Set(await Promise.all([1, 2, 3, 4, 5, 6].map(order)));
    expect(firsts.size).toBeGreaterThan(1);
  });
});
