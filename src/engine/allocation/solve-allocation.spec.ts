import fc from 'fast-check';
import { AllocationModel, PruningMode, SideRowForm, buildAllocationModel, mainObjectiveModel, solutionOfAssignment } from './build-allocation-model.js';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { MipModel, MipViolationKind, mipObjective, verifySolution } from './mip-model.js';
import { Assignment, emptyAssignment, evaluatePlan } from './plan-objective.js';
import { PreparedAllocation, SideRow, prepareAllocation } from './prepare-allocation.js';
import {
  AllocationSolveOptions,
  DEFAULT_SOLVE_OPTIONS,
  OPTIONS_BEFORE_FULL_RECORDING,
  checkSolution,
  effectiveSolveOptions,
  solveAllocation,
} from './solve-allocation.js';
import { SOLVE_STATUSES, SolveStatus, relativeGap } from './solver.port.js';
import { bruteForceOptimum } from './test-fixtures/brute-force.js';
import { ScriptedAnswer, ScriptedSolver, exactAnswer, isRelaxation, planAnswer, withX } from './test-fixtures/fake-solver.js';
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
import { generateBenchInstance } from './bench-instances.js';

/** These instances are small: LP first is asked for on any model size (the default waits for 20,000 columns). */
const sut = (prepared: Parameters<typeof solveAllocation>[0], solver: Parameters<typeof solveAllocation>[1], options: Partial<AllocationSolveOptions> = {}) =>
  solveAllocation(prepared, solver, { lpRoundingMinCols: 0, ...options });

// ---------------------------------------------------------------------------------------------------
// Instances

const queue = [
  vulnerable(1, { registrationDate: '2015-01-01' }),
  aHousehold(2, { registrationDate: '2016-01-01' }),
  aHousehold(3, { registrationDate: '2017-01-01' }),
];

/**
 * Two vacancies in a complex at its 30% cap on vulnerable households (3 of 10, resilience class 1:
 * 100 points per household over). A place costs 100 points, household 1 over the cap costs 40: the
 * best plan is the plain order (VAC-1 -> 1, VAC-2 -> 2: 500 - 40), while the cap-aware greedy never
 * deepens a violation and passes household 1 over (VAC-1 -> 2, VAC-2 -> 3: 300).
 */
const capRound = () =>
  prepareAllocation(
    anInput({
      policy: aPolicy({ rankStepPoints: 100 }),
      households: queue,
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [
        aVacancy(
          1,
          1,
          queue.map((h) => aPair(h.id)),
        ),
        aVacancy(
          2,
          1,
          queue.map((h) => aPair(h.id)),
        ),
      ],
    }),
  );
const OPTIMUM = [1, 2];
const GREEDY = [2, 3];

const hardQuotas = () => aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } });

/**
 * Two vacancies under a HARD DAEB quota that is broken already (90 of 100 homes to the target group,
 * norm 92.5%): two more target-group allocations cannot mend it (92 of 102), so no plan is feasible.
 */
const hopelessRound = () =>
  prepareAllocation(
    anInput({
      policy: hardQuotas(),
      households: queue,
      complexes: [aComplex(1, 5, 10)],
      vacancies: [
        aVacancy(
          1,
          1,
          queue.map((h) => aPair(h.id)),
        ),
        aVacancy(
          2,
          1,
          queue.map((h) => aPair(h.id)),
        ),
      ],
      quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 })],
    }),
  );

/** Household id per vacancy (null = left empty), or null without a plan. */
const idsOf = (prepared: PreparedAllocation, a: Assignment | null) =>
  a === null ? null : [...a].map((pi) => (pi === -1 ? null : prepared.households[prepared.pairs[pi].householdIndex].id));

const col = (model: AllocationModel, name: string) => {
  const j = model.mip.colNames.indexOf(name);
  if (j === -1) throw new RangeError(`no column ${name}`);
  return j;
};

/** The model solveAllocation builds for these options (it is deterministic). */
const modelFor = (prepared: PreparedAllocation, options: Partial<AllocationSolveOptions> = {}) =>
  buildAllocationModel(prepared, options.pruning ?? { kind: 'EXACT' }, options.sideRowForm ?? 'SPARSE');

const MIP_ONLY = { lpRounding: false } as const;

// ---------------------------------------------------------------------------------------------------

describe('solveAllocation: answers without a solver', () => {
  it('reports a hard row that is broken already and that no candidate enters as INFEASIBLE', async () => {
    // the municipality's scope holds no vacancy of this round, so nothing can mend its DAEB share
    const prepared = prepareAllocation(
      anInput({
        policy: hardQuotas(),
        households: queue,
        complexes: [aComplex(1, 5, 10)],
        vacancies: [
          aVacancy(
            1,
            1,
            queue.map((h) => aPair(h.id)),
          ),
          aVacancy(
            2,
            1,
            queue.map((h) => aPair(h.id)),
          ),
        ],
        quotaScopes: [{ ...anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 }), key: 'GM0363', vacancyIds: [99] }],
      }),
    );
    const solver = new ScriptedSolver([]);
    const got = await sut(prepared, solver);
    expect(got).toMatchObject({
      status: 'INFEASIBLE',
      source: 'NONE',
      assignment: null,
      evaluation: null,
      model: null,
      solverName: null,
      bound: null,
      gap: null,
    });
    expect(got.message).toBe('quota_GM0363_DAEB_TARGET_GROUP is broken already and no candidate can change it');
    expect(solver.calls).toHaveLength(0);
  });

  it('gives the empty plan, priced with the rows no pair can change, when no vacancy has a candidate', async () => {
    // 4 of 10 vulnerable against a 30% cap: one household over, 100 points whatever the plan
    const prepared = prepareAllocation(
      anInput({
        households: queue,
        complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 4, NOT_VULNERABLE: 6 } })],
        vacancies: [aVacancy(1, 1, []), aVacancy(2, 1, [])],
      }),
    );
    const solver = new ScriptedSolver([]);
    const got = await sut(prepared, solver);
    expect(got).toMatchObject({ status: 'OPTIMAL', source: 'NONE', bound: -100, gap: 0, message: 'No vacancy has an eligible candidate.' });
    expect(idsOf(prepared, got.assignment)).toEqual([null, null]);
    expect(got.evaluation).toMatchObject({ objective: -100, constantPenalty: 100, unfilledCount: 0, infeasibilities: [] });
    expect(solver.calls).toHaveLength(0);
  });

  it('reports INFEASIBLE without pairs when the empty plan breaks a hard row (hand-made: prepareAllocation folds such rows into constantInfeasibilities)', async () => {
    const base = prepareAllocation(anInput({ households: queue, complexes: [aComplex(1, 5, 10)], vacancies: [aVacancy(1, 1, []), aVacancy(2, 1, [])] }));
    const broken: SideRow = {
      index: 0,
      name: 'quota_X_DAEB_TARGET_GROUP',
      spec: { kind: 'QUOTA', scopeIndex: 0, quota: 'DAEB_TARGET_GROUP' },
      sense: '>=',
      rhs: 10_000,
      basisPoints: 9250,
      weight: 1000,
      hard: true,
      pairs: new Int32Array(0),
      coefs: new Float64Array(0),
    };
    const got = await sut({ ...base, sideRows: [broken] }, new ScriptedSolver([]));
    expect(got).toMatchObject({
      status: 'INFEASIBLE',
      source: 'NONE',
      assignment: null,
      evaluation: null,
      bound: null,
      gap: null,
      message: 'hard row quota_X_DAEB_TARGET_GROUP is broken',
    });
  });

  describe('the single-vacancy fast path', () => {
    // one more vulnerable household over the 30% cap costs 100 points, passing over 2 places 20: household 3
    const single = (policy = aPolicy(), quotaScopes: ReturnType<typeof anAssociationScope>[] = []) =>
      prepareAllocation(
        anInput({
          policy,
          households: [
            vulnerable(1, { registrationDate: '2015-01-01' }),
            vulnerable(2, { registrationDate: '2016-01-01' }),
            aHousehold(3, { registrationDate: '2017-01-01' }),
          ],
          complexes: [aComplex(1, 1, 40, { VULNERABILITY: { VULNERABLE: 16, NOT_VULNERABLE: 24 } })],
          vacancies: [aVacancy(1, 1, [aPair(1), aPair(2), aPair(3)])],
          quotaScopes,
        }),
      );

    it('scores the candidates itself: the exact optimum, OPTIMAL over every candidate, no solver call', async () => {
      const prepared = single();
      const solver = new ScriptedSolver([]);
      // TOP_K is ignored here: scoring every candidate is exact
      const got = await sut(prepared, solver, { pruning: { kind: 'TOP_K', k: 1 } });
      expect(got).toMatchObject({
        status: 'OPTIMAL',
        source: 'FAST_PATH',
        solverName: 'woonmix-single-vacancy',
        solverVersion: '1',
        gap: 0,
        optimalityScope: 'ALL_CANDIDATES',
        model: null,
        message: null,
      });
      expect(idsOf(prepared, got.assignment)).toEqual([3]);
      expect(got.evaluation!.objective).toBeCloseTo(bruteForceOptimum(prepared)!.evaluation.objective, 9);
      expect(got.bound).toBe(got.evaluation!.objective);
      expect(solver.calls).toHaveLength(0);
    });

    it('reports INFEASIBLE when every plan breaks a hard quota', async () => {
      const prepared = single(hardQuotas(), [anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 })]);
      const got = await sut(prepared, new ScriptedSolver([]));
      expect(got).toMatchObject({
        status: 'INFEASIBLE',
        source: 'NONE',
        assignment: null,
        evaluation: null,
        bound: null,
        gap: null,
        message: 'Every candidate would break a hard quota.',
      });
    });

    it('is skipped with fastPath false: the single vacancy goes to the solver', async () => {
      const prepared = single();
      const model = modelFor(prepared);
      const solver = new ScriptedSolver([exactAnswer(model, prepared)]);
      const got = await sut(prepared, solver, { fastPath: false, lpRounding: false });
      expect(got).toMatchObject({ status: 'OPTIMAL', source: 'SOLVER', solverName: 'scripted', optimalityScope: 'ALL_CANDIDATES' });
      expect(idsOf(prepared, got.assignment)).toEqual([3]);
      expect(solver.calls).toHaveLength(1);
    });
  });
});

describe('solveAllocation: the MIP answer', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  const optimum = () => solutionOfAssignment(model, prepared, planOf(prepared, OPTIMUM));
  const greedyObjective = capAwareGreedy(prepared).evaluation.objective;
  const optimumObjective = evaluatePlan(prepared, planOf(prepared, OPTIMUM)).objective;

  it('the instance: the optimum is the plain order, the cap-aware greedy is worse (so the two can be told apart)', () => {
    expect(idsOf(prepared, bruteForceOptimum(prepared)!.assignment)).toEqual(OPTIMUM);
    expect(idsOf(prepared, capAwareGreedy(prepared).assignment)).toEqual(GREEDY);
    expect(optimumObjective).toBeCloseTo(460.0033, 4);
    expect(greedyObjective).toBeCloseTo(300.0021, 4);
  });

  it.each<[string, ScriptedAnswer, SolveStatus, number[]]>([
    ['a verified OPTIMAL solution', withX('OPTIMAL', optimum()), 'OPTIMAL', OPTIMUM],
    ['a verified TIME_LIMIT solution', withX('TIME_LIMIT', optimum()), 'TIME_LIMIT', OPTIMUM],
    // the status says what happened; the verified plan is still the best known
    ['a verified solution with status ERROR', withX('ERROR', optimum()), 'ERROR', OPTIMUM],
  ])('%s: the solver plan, priced by evaluatePlan', async (_case, answer, status, ids) => {
    const got = await sut(prepared, new ScriptedSolver([answer]), MIP_ONLY);
    expect(got).toMatchObject({ status, source: 'SOLVER', solverName: 'scripted', solverVersion: '0', verification: [], message: null });
    expect(idsOf(prepared, got.assignment)).toEqual(ids);
    expect(got.evaluation).toEqual(evaluatePlan(prepared, got.assignment!));
    expect(got.model).toMatchObject({
      cols: model.mip.numCols,
      rows: model.mip.numRows,
      integerCols: 8, // 6 pairs and the 2 "unfilled" columns (integralUnfilled)
      pruning: { kind: 'EXACT' },
      keptPairs: 6,
      prunedPairs: 0,
    });
  });

  it.each<[string, ScriptedAnswer, SolveStatus, RegExp]>([
    [
      'TIME_LIMIT without a solution',
      { status: 'TIME_LIMIT', message: 'Stopped at the limit.' },
      'TIME_LIMIT',
      /^Stopped at the limit\. Showing the cap-aware greedy plan\.$/,
    ],
    ['ERROR without a solution', { status: 'ERROR', message: 'Out of memory.' }, 'ERROR', /^Out of memory\. Showing the cap-aware greedy plan\.$/],
    // OPTIMAL without x is a broken answer: ERROR, never OPTIMAL
    ['OPTIMAL without a solution', { status: 'OPTIMAL' }, 'ERROR', /^The solver returned no solution\. Showing the cap-aware greedy plan\.$/],
  ])('%s: the cap-aware greedy plan as fallback, the status kept', async (_case, answer, status, message) => {
    const got = await sut(prepared, new ScriptedSolver([answer]), MIP_ONLY);
    expect(got).toMatchObject({ status, source: 'GREEDY_FALLBACK', bound: null, gap: null, verification: [] });
    expect(got.message).toMatch(message);
    expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
    expect(got.evaluation!.objective).toBeCloseTo(greedyObjective, 9);
  });

  it('INFEASIBLE when no feasible plan is known either: no plan', async () => {
    const hopeless = hopelessRound();
    expect(bruteForceOptimum(hopeless)).toBeNull();
    const got = await sut(hopeless, new ScriptedSolver([{ status: 'INFEASIBLE' }]), MIP_ONLY);
    expect(got).toMatchObject({
      status: 'INFEASIBLE',
      source: 'NONE',
      assignment: null,
      evaluation: null,
      gap: null,
      message: 'The solver proved the model infeasible.',
    });
  });

  it.each<[string, ScriptedAnswer, SolveStatus]>([
    ['TIME_LIMIT without a solution', { status: 'TIME_LIMIT' }, 'TIME_LIMIT'],
    ['ERROR', { status: 'ERROR', message: 'crashed' }, 'ERROR'],
  ])('%s when no feasible plan is known: no fallback, no plan', async (_case, answer, status) => {
    const got = await sut(hopelessRound(), new ScriptedSolver([answer]), MIP_ONLY);
    expect(got).toMatchObject({ status, source: 'NONE', assignment: null, evaluation: null, gap: null });
  });

  it('takes the gap from the solver when no bound is known, else computes it against the bound', async () => {
    const noBound = await sut(prepared, new ScriptedSolver([withX('TIME_LIMIT', optimum(), { gap: 0.02 })]), MIP_ONLY);
    expect(noBound).toMatchObject({ bound: null, gap: 0.02 });
    const withBound = await sut(prepared, new ScriptedSolver([withX('TIME_LIMIT', optimum(), { bound: 500, gap: 0.5 })]), MIP_ONLY);
    expect(withBound.bound).toBe(500);
    expect(withBound.gap).toBeCloseTo(relativeGap(optimumObjective, 500), 12);
  });

  it('passes the time budget, the gap and the warm start (the best known plan, feasible for the model) to the solver', async () => {
    const solver = new ScriptedSolver([withX('OPTIMAL', optimum(), { ms: 42 })]);
    const got = await sut(prepared, solver, { lpRounding: false, timeLimitMs: 5000, mipRelGap: 1e-4 });
    expect(solver.calls).toHaveLength(1);
    const [{ model: solved, options }] = solver.calls;
    expect(solved.colNames).toEqual(model.mip.colNames);
    expect(isRelaxation(solved)).toBe(false);
    expect(options.timeLimitMs).toBe(5000);
    expect(options.mipRelGap).toBe(1e-4);
    expect([...options.initialX!]).toEqual([...solutionOfAssignment(model, prepared, planOf(prepared, GREEDY))]);
    expect(verifySolution(model.mip, options.initialX!)).toEqual([]);
    expect(mipObjective(model.mip, options.initialX!)).toBeCloseTo(greedyObjective, 9);
    expect(got.solverMs).toBe(42);
  });

  it('reports the merged rows with mergeIdenticalRows; without it, and with the options a basis lacked before it recorded all, the report is as before the option', async () => {
    const merged = await sut(prepared, new ScriptedSolver([withX('OPTIMAL', optimum())]), MIP_ONLY);
    expect(merged.model).toMatchObject({ mergedRows: 0, integerCols: 8 });
    const legacy = await sut(prepared, new ScriptedSolver([withX('OPTIMAL', optimum())]), { ...MIP_ONLY, ...OPTIONS_BEFORE_FULL_RECORDING });
    expect(legacy.model).not.toHaveProperty('mergedRows');
    expect(legacy.model).toMatchObject({ integerCols: 6 }); // the pairs only: the "unfilled" columns continuous
    expect(idsOf(prepared, legacy.assignment)).toEqual(OPTIMUM);
  });

  it('effectiveSolveOptions: every option, the defaults under the choices of the caller', () => {
    const options = effectiveSolveOptions({ timeLimitMs: 5000 });
    expect(options).toEqual({ ...DEFAULT_SOLVE_OPTIONS, timeLimitMs: 5000 });
    expect(Object.keys(OPTIONS_BEFORE_FULL_RECORDING).every((k) => k in options)).toBe(true);
  });

  it('gives no warm start with warmStart false', async () => {
    const solver = new ScriptedSolver([withX('OPTIMAL', optimum())]);
    await sut(prepared, solver, { lpRounding: false, warmStart: false });
    expect(solver.calls[0].options.initialX).toBeUndefined();
  });

  it('gives no warm start when no feasible plan is known', async () => {
    const solver = new ScriptedSolver([{ status: 'TIME_LIMIT' }]);
    await sut(hopelessRound(), solver, MIP_ONLY);
    expect(solver.calls[0].options.initialX).toBeUndefined();
  });
});

describe('solveAllocation: a solver answer that fails verification is ERROR, never OPTIMAL', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  const optimum = () => solutionOfAssignment(model, prepared, planOf(prepared, OPTIMUM));
  const set = (x: Float64Array, values: Record<string, number>) => {
    for (const [name, v] of Object.entries(values)) x[col(model, name)] = v;
    return x;
  };
  const priced = (x: Float64Array) => ({ x, objective: mipObjective(model.mip, x) });

  const tampered: [string, () => { x: Float64Array; objective: number }, MipViolationKind[]][] = [
    ['a wrong objective', () => ({ x: optimum(), objective: mipObjective(model.mip, optimum()) + 1 }), ['OBJECTIVE']],
    // household 1 in both vacancies: its row, the cap row (the slack is too small), the plan's hard rule,
    // and a model objective above the price of the plan it decodes to
    ['a broken row', () => priced(set(optimum(), { x_2_1: 1, x_2_2: 0 })), ['ROW', 'ROW', 'HARD_RULE', 'OBJECTIVE']],
    // every row holds (0.6 + 0.4 = 1) and it decodes to the optimum: only integrality is wrong
    ['a fractional x', () => priced(set(optimum(), { x_1_1: 0.6, x_1_3: 0.4 })), ['INTEGRALITY', 'INTEGRALITY']],
    ['x of the wrong length', () => ({ x: optimum().slice(0, -1), objective: 460 }), ['LENGTH']],
    // NaN fails the rows it enters too
    ['a value that is not a number', () => ({ x: set(optimum(), { x_1_3: Number.NaN }), objective: 460 }), ['NOT_FINITE', 'ROW', 'ROW']],
    // u_2 = -1 lets VAC-2 take two households within its row; the model objective gains the unfilled penalty
    ['a column beyond its bound', () => priced(set(optimum(), { u_2: -1, x_2_3: 1 })), ['COLUMN_BOUND', 'OBJECTIVE']],
  ];

  it.each(SOLVE_STATUSES.filter((s) => s !== 'INFEASIBLE').flatMap((status) => tampered.map(([name, make, kinds]) => [status, name, make, kinds] as const)))(
    '%s with %s: ERROR, the greedy plan shown, every finding reported',
    async (status, _case, make, kinds) => {
      const got = await sut(prepared, new ScriptedSolver([{ status, ...make() }]), MIP_ONLY);
      expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK' });
      expect(got.message).toMatch(/^The scripted solution failed verification \(\d+ problem\(s\)\)\. Showing the cap-aware greedy plan\.$/);
      expect(got.verification.map((v) => v.kind).sort()).toEqual([...kinds].sort());
      expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
    },
  );

  it('without a fallback plan: ERROR, no plan, the findings reported', async () => {
    const hopeless = hopelessRound();
    const hopelessModel = modelFor(hopeless);
    // the plain order: feasible for every row but the hard quota's
    const x = solutionOfAssignment(hopelessModel, hopeless, planOf(hopeless, [1, 2]));
    const got = await sut(hopeless, new ScriptedSolver([withX('OPTIMAL', x)]), MIP_ONLY);
    expect(got).toMatchObject({ status: 'ERROR', source: 'NONE', assignment: null, evaluation: null });
    expect(got.verification.map((v) => v.kind)).toEqual(['ROW', 'HARD_RULE']);
    expect(got.verification[0].name).toBe('quota_ASSOCIATION_DAEB_TARGET_GROUP');
    expect(got.message).toBe('The scripted solution failed verification (2 problem(s)).');
  });

  it('an OPTIMAL answer below the warm-start plan is wrong: ERROR', async () => {
    // the empty plan: every row holds and the objective is its true price, but 200000 points below the greedy
    const got = await sut(prepared, new ScriptedSolver([planAnswer(model, prepared, emptyAssignment(prepared))]), MIP_ONLY);
    expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK' });
    expect(got.verification).toEqual([
      expect.objectContaining({
        kind: 'OBJECTIVE',
        name: 'reported optimal, yet below the cap-aware greedy plan on the same candidates',
        lower: capAwareGreedy(prepared).evaluation.objective,
      }),
    ]);
  });

  // VAC-1 -> 3, VAC-2 -> 2 has the greedy's priority points but a worse tie-break (0.0004 points less)
  const swapped = () => solutionOfAssignment(model, prepared, planOf(prepared, [3, 2]));
  it.each([
    // tolerance max(1e-6, mipRelGap) x 300 points: 0.0003 < 0.0004
    [1e-6, 'ERROR', 'GREEDY_FALLBACK', GREEDY],
    // 0.03: within the gap the solver was allowed to stop at
    [1e-4, 'OPTIMAL', 'SOLVER', [3, 2]],
  ] as const)('with mipRelGap %s, an OPTIMAL plan a tie-break below the greedy is %s', async (mipRelGap, status, source, ids) => {
    // the tie-break kept in the costs (settling it after the solve is the case below)
    const got = await sut(prepared, new ScriptedSolver([withX('OPTIMAL', swapped())]), { lpRounding: false, mipRelGap, settleTiesAfterSolve: false });
    expect(got).toMatchObject({ status, source });
    expect(idsOf(prepared, got.assignment)).toEqual(ids);
  });
});

describe('solveAllocation: the tie-break settled after the solve when the tolerance could not settle it', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  // VAC-1 -> 2, VAC-2 -> 1: the optimum's points in every respect but the tie-break
  const tiedAnswer = () => solutionOfAssignment(model, prepared, planOf(prepared, [2, 1]));
  const honestly =
    (x: Float64Array, extra: { objective?: number } = {}) =>
    (m: MipModel) => ({
      status: 'OPTIMAL' as const,
      x,
      objective: mipObjective(m, x),
      bound: mipObjective(m, x),
      ...extra,
    });

  it('with mipRelGap 1e-4 (0.03 points here, the whole tie-break 0.005): whole costs without the tie-break, then the ties settled', async () => {
    const main = mainObjectiveModel(model, prepared)!;
    const solver = new ScriptedSolver([honestly(tiedAnswer())]);
    const got = await sut(prepared, solver, { ...MIP_ONLY, mipRelGap: 1e-4 });
    expect(solver.calls[0].model.name).toBe('woonmix-allocation-main');
    expect([...solver.calls[0].model.colCost].every(Number.isInteger)).toBe(true);
    expect(got).toMatchObject({ status: 'OPTIMAL', source: 'SOLVER', verification: [] });
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
    expect(got.message).toBe('Solved for the points other than the tie-break, in whole steps of 1; the tie-break then settled by 1 exchange(s).');
    // the solver's bound in whole points, every vacancy granted its best tie-break
    expect(got.bound).toBeCloseTo(mipObjective(main.mip, tiedAnswer()) + model.mip.offset + main.tieMax, 9);
    expect(got.gap!).toBeLessThanOrEqual(1e-4);
  });

  it('with the default mipRelGap on this small round the tie-break stays in the costs', async () => {
    const solver = new ScriptedSolver([honestly(tiedAnswer())]);
    const got = await sut(prepared, solver, MIP_ONLY);
    expect(solver.calls[0].model.name).toBe('woonmix-allocation');
    expect(idsOf(prepared, got.assignment)).toEqual([2, 1]);
  });

  it('an answer whose reported objective is not its worth in the model solved is ERROR, its ties not settled', async () => {
    const x = tiedAnswer();
    const got = await sut(prepared, new ScriptedSolver([(m) => honestly(x, { objective: mipObjective(m, x) + 1 })(m)]), {
      ...MIP_ONLY,
      mipRelGap: 1e-4,
    });
    expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK' });
    expect(got.verification.map((v) => v.name)).toEqual(['main objective as reported by the solver']);
  });
});

describe('checkSolution', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  const x = solutionOfAssignment(model, prepared, planOf(prepared, OPTIMUM));

  it.each([
    ['the true objective', mipObjective(model.mip, x), []],
    ['no reported objective', null, []],
    ['an objective off by more than the tolerance', mipObjective(model.mip, x) + 1e-3, ['objective as reported by the solver']],
  ] as const)('accepts a plan-consistent solution with %s', (_case, reported, problems) => {
    const got = checkSolution(model, prepared, x, reported);
    expect(got.problems.map((p) => p.name)).toEqual(problems);
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
    expect(got.evaluation.objective).toBeCloseTo(mipObjective(model.mip, x), 9);
  });

  it('flags a model objective above the price of the decoded plan (a model and a plan that disagree)', () => {
    const j = col(model, 'x_1_1');
    const richer: AllocationModel = { ...model, mip: { ...model.mip, colCost: model.mip.colCost.map((c, k) => (k === j ? c + 5 : c)) } };
    const got = checkSolution(richer, prepared, x, null);
    expect(got.problems).toEqual([
      expect.objectContaining({ kind: 'OBJECTIVE', name: 'objective above the price of the plan', lower: got.evaluation.objective }),
    ]);
  });

  it('accepts slacks above their least value: the model objective is then below the plan price, and the plan is priced exactly', () => {
    const loose = x.slice();
    loose[col(model, 's_comp_1_VULNERABLE_MAX')] += 1;
    const got = checkSolution(model, prepared, loose, mipObjective(model.mip, loose));
    expect(got.problems).toEqual([]);
    expect(mipObjective(model.mip, loose)).toBeLessThan(got.evaluation.objective - 1);
    expect(got.evaluation.objective).toBeCloseTo(evaluatePlan(prepared, planOf(prepared, OPTIMUM)).objective, 9);
  });
});

describe('solveAllocation: LP relaxation first', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  const solutionOf = (ids: (number | null)[]) => solutionOfAssignment(model, prepared, planOf(prepared, ids));
  const optimumObjective = evaluatePlan(prepared, planOf(prepared, OPTIMUM)).objective;
  /** A fractional LP point: household 1 three quarters in VAC-1, household 2 three quarters in VAC-2 (rows hold). */
  const fractional = () => {
    const x = new Float64Array(model.mip.numCols);
    const put = (name: string, v: number) => (x[col(model, name)] = v);
    put('x_1_1', 0.75);
    put('x_1_2', 0.25);
    put('x_2_2', 0.75);
    put('x_2_3', 0.25);
    return x;
  };
  const lp =
    (x: Float64Array, objective: number, extra = {}): ScriptedAnswer =>
    (solved) => {
      if (!isRelaxation(solved)) throw new Error('expected the LP relaxation first');
      return { status: 'OPTIMAL', x, objective, ...extra };
    };

  it('an integral LP optimum that verifies is the proven optimum: one call, no branching', async () => {
    const solver = new ScriptedSolver([withX('OPTIMAL', solutionOf(OPTIMUM), { ms: 7 })]);
    const got = await sut(prepared, solver, { timeLimitMs: 1000 });
    expect(got).toMatchObject({
      status: 'OPTIMAL',
      source: 'LP_RELAXATION',
      gap: 0,
      solverMs: 7,
      message: 'The LP relaxation was integral: a proven optimum without branching.',
    });
    expect(got.bound).toBeCloseTo(optimumObjective, 9);
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
    expect(solver.calls).toHaveLength(1);
    const [{ model: relaxed, options }] = solver.calls;
    expect(isRelaxation(relaxed)).toBe(true);
    expect(relaxed.name).toBe('woonmix-allocation-relaxation');
    expect(relaxed.colNames).toEqual(model.mip.colNames);
    // at most half the budget for the relaxation
    expect(options.timeLimitMs).toBe(500);
    expect(options.initialX).toBeUndefined();
  });

  it('an integral LP answer that fails verification is not taken: the MIP is solved', async () => {
    const wrong = lp(solutionOf(OPTIMUM), optimumObjective + 1);
    const solver = new ScriptedSolver([wrong, exactAnswer(model, prepared)]);
    const got = await sut(prepared, solver);
    expect(solver.calls).toHaveLength(2);
    expect(got).toMatchObject({ status: 'OPTIMAL', source: 'SOLVER' });
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
  });

  it('a fractional LP optimum: its objective is the bound, its pairs above one half start the plan, the rest of the budget goes to the MIP', async () => {
    const solver = new ScriptedSolver([lp(fractional(), 470, { ms: 120 }), { status: 'TIME_LIMIT', ms: 30 }]);
    const got = await sut(prepared, solver, { timeLimitMs: 1000 });
    // the LP-rounding plan (1, 2) beats the cap-aware greedy (2, 3): it is the warm start and the fallback
    expect(got).toMatchObject({ status: 'TIME_LIMIT', source: 'LP_ROUNDING_FALLBACK', bound: 470, solverMs: 150 });
    expect(got.message).toBe('The solver returned no solution. Showing the LP-rounding plan.');
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
    expect(got.gap).toBeCloseTo(relativeGap(optimumObjective, 470), 12);
    const mip = solver.calls[1];
    expect(isRelaxation(mip.model)).toBe(false);
    expect(mip.options.timeLimitMs).toBe(880);
    expect([...mip.options.initialX!]).toEqual([...solutionOf(OPTIMUM)]);
  });

  it('a fractional LP whose rounding helps nothing: the greedy plan is the start, named LP-rounding when they tie', async () => {
    // nothing above one half: the rounding start is empty and the completion is the cap-aware greedy itself
    const half = fractional().map((v) => (v > 0 ? 0.5 : v));
    const got = await sut(prepared, new ScriptedSolver([lp(half, 470), { status: 'ERROR' }]));
    expect(got).toMatchObject({ status: 'ERROR', source: 'LP_ROUNDING_FALLBACK' });
    expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
  });

  it.each<[string, number | undefined, number]>([
    ['the LP bound when the solver reports none', undefined, 470],
    ['the solver bound when it is tighter', 465, 465],
    ['the LP bound when it is tighter', 480, 470],
  ])('a verified MIP solution is measured against %s', async (_case, solverBound, bound) => {
    const got = await sut(prepared, new ScriptedSolver([lp(fractional(), 470), withX('TIME_LIMIT', solutionOf(OPTIMUM), { bound: solverBound })]));
    expect(got).toMatchObject({ status: 'TIME_LIMIT', source: 'SOLVER', bound });
    expect(got.gap).toBeCloseTo(relativeGap(optimumObjective, bound), 12);
  });

  it.each<[string, ScriptedAnswer]>([
    ['TIME_LIMIT', { status: 'TIME_LIMIT' }],
    ['ERROR', { status: 'ERROR', message: 'numerical trouble' }],
    ['OPTIMAL without x', { status: 'OPTIMAL', objective: 470 }],
  ])('an LP answer %s gives no bound and no start: the MIP runs as without it', async (_case, answer) => {
    const solver = new ScriptedSolver([answer, exactAnswer(model, prepared)]);
    const got = await sut(prepared, solver);
    expect(got).toMatchObject({ status: 'OPTIMAL', source: 'SOLVER', bound: null, gap: null });
    expect([...solver.calls[1].options.initialX!]).toEqual([...solutionOf(GREEDY)]);
  });

  it('an infeasible relaxation is an infeasible model: no MIP call', async () => {
    const solver = new ScriptedSolver([{ status: 'INFEASIBLE', ms: 3 }]);
    const got = await sut(hopelessRound(), solver);
    expect(got).toMatchObject({
      status: 'INFEASIBLE',
      source: 'NONE',
      assignment: null,
      solverName: 'scripted',
      solverMs: 3,
      message: 'The LP relaxation is infeasible, so the model is.',
    });
    expect(got.model).not.toBeNull();
    expect(solver.calls).toHaveLength(1);
  });

  it('a model below lpRoundingMinCols columns: one call, the MIP itself', async () => {
    const prepared = prepareAllocation(generateBenchInstance({ vacancies: 3, households: 30, seed: 2 }));
    const columns = buildAllocationModel(prepared).mip.numCols;
    const below = new ScriptedSolver([{ status: 'TIME_LIMIT' }]);
    await solveAllocation(prepared, below, { lpRoundingMinCols: columns + 1, timeLimitMs: 1000 });
    expect(below.calls.map((c) => isRelaxation(c.model))).toEqual([false]);
    const at = new ScriptedSolver([{ status: 'TIME_LIMIT' }, { status: 'TIME_LIMIT' }]);
    await solveAllocation(prepared, at, { lpRoundingMinCols: columns, timeLimitMs: 1000 });
    expect(at.calls.map((c) => isRelaxation(c.model))).toEqual([true, false]);
  });

  it('lpRounding false: one call, the MIP itself', async () => {
    const solver = new ScriptedSolver([exactAnswer(model, prepared)]);
    await sut(prepared, solver, { lpRounding: false, timeLimitMs: 1000 });
    expect(solver.calls).toHaveLength(1);
    expect(isRelaxation(solver.calls[0].model)).toBe(false);
    expect(solver.calls[0].options.timeLimitMs).toBe(1000);
  });
});

describe('solveAllocation: optimality scope and pruning', () => {
  // six households, one candidate class (nobody vulnerable, same quota counters), three vacancies
  const six = Array.from({ length: 6 }, (_, i) => aHousehold(i + 1, { registrationDate: `201${i}-01-01` }));
  const round = (vacancyCount: number) =>
    prepareAllocation(
      anInput({
        households: six,
        complexes: [aComplex(1, 5, 10)],
        vacancies: Array.from({ length: vacancyCount }, (_, i) =>
          aVacancy(
            i + 1,
            1,
            six.map((h) => aPair(h.id)),
          ),
        ),
      }),
    );

  it.each<[string, number, PruningMode, boolean, 'ALL_CANDIDATES' | 'TOP_K_CANDIDATES', number]>([
    ['exact pruning', 3, { kind: 'EXACT' }, true, 'ALL_CANDIDATES', 9],
    ['no pruning', 3, { kind: 'NONE' }, true, 'ALL_CANDIDATES', 0],
    ['top-1 pruning of a round', 3, { kind: 'TOP_K', k: 1 }, true, 'TOP_K_CANDIDATES', 15],
    ['top-2 pruning of a round', 3, { kind: 'TOP_K', k: 2 }, true, 'TOP_K_CANDIDATES', 12],
    ['top-1 pruning of one vacancy, fast path', 1, { kind: 'TOP_K', k: 1 }, true, 'ALL_CANDIDATES', 0],
    ['top-1 pruning of one vacancy through the solver', 1, { kind: 'TOP_K', k: 1 }, false, 'ALL_CANDIDATES', 5],
  ])('%s: %s vacancies -> %s', async (_case, vacancies, pruning, fastPath, scope, prunedPairs) => {
    const prepared = round(vacancies);
    const model = modelFor(prepared, { pruning });
    const got = await sut(prepared, new ScriptedSolver([exactAnswer(model, prepared)]), { pruning, fastPath, lpRounding: false });
    expect(got.status).toBe('OPTIMAL');
    expect(got.optimalityScope).toBe(scope);
    if (got.model) expect(got.model).toMatchObject({ pruning, prunedPairs, keptPairs: prepared.pairs.length - prunedPairs });
    else expect(got.source).toBe('FAST_PATH');
  });

  it('TOP_K is reported because it can lose value: its optimum over the kept pairs is below the true optimum', async () => {
    // VAC-1 at a 30% cap with 3 of 10 vulnerable; its best non-vulnerable candidates (1, 2) are also the
    // only ones VAC-2 can take. Top-1 keeps household 1 for both, so one vacancy gets a worse candidate.
    const hh = [
      aHousehold(1, { registrationDate: '2015-01-01' }),
      aHousehold(2, { registrationDate: '2016-01-01' }),
      vulnerable(3, { registrationDate: '2014-01-01' }),
    ];
    const prepared = prepareAllocation(
      anInput({
        households: hh,
        complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
        vacancies: [
          aVacancy(
            1,
            1,
            hh.map((h) => aPair(h.id)),
          ),
          aVacancy(2, 1, [aPair(1), aPair(2)]),
        ],
      }),
    );
    const pruning = { kind: 'TOP_K', k: 1 } as const;
    const model = modelFor(prepared, { pruning });
    const got = await sut(prepared, new ScriptedSolver([exactAnswer(model, prepared)]), { pruning, lpRounding: false });
    expect(got).toMatchObject({ status: 'OPTIMAL', optimalityScope: 'TOP_K_CANDIDATES' });
    expect(got.evaluation!.objective).toBeLessThan(bruteForceOptimum(prepared)!.evaluation.objective - 1);
  });
});

describe('solveAllocation: properties over small random instances', () => {
  const optionsArb = fc.record({
    pruning: fc.constantFrom<PruningMode>({ kind: 'EXACT' }, { kind: 'NONE' }),
    sideRowForm: fc.constantFrom<SideRowForm>('DENSE', 'SPARSE'),
    fastPath: fc.boolean(),
    warmStart: fc.boolean(),
    lpRounding: fc.boolean(),
  });

  it('with a correct solver, the plan is the brute-force optimum and OPTIMAL (property)', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstanceArb(), optionsArb, async (input, options) => {
        const prepared = prepareAllocation(input);
        const model = modelFor(prepared, options);
        // the LP call (when made) gives nothing usable, so the MIP answer decides
        const solver = new ScriptedSolver(options.lpRounding ? [{ status: 'TIME_LIMIT' }, exactAnswer(model, prepared)] : [exactAnswer(model, prepared)]);
        const got = await sut(prepared, solver, options);
        const best = bruteForceOptimum(prepared);
        if (best === null) {
          expect(got.status).toBe('INFEASIBLE');
          expect(got.assignment).toBeNull();
          return;
        }
        expect(got.status).toBe('OPTIMAL');
        expect(got.verification).toEqual([]);
        expect(got.evaluation!.objective).toBeCloseTo(best.evaluation.objective, 6);
        expect(got.evaluation).toEqual(evaluatePlan(prepared, got.assignment!));
      }),
      { numRuns: 150 },
    );
  });

  /** Solutions of plans worth trying (optimum, baselines, empty), then perhaps one entry tampered with. */
  const answerArb = fc.record({
    status: fc.constantFrom<SolveStatus>(...SOLVE_STATUSES),
    plan: fc.constantFrom('BEST', 'PLAIN', 'CAP_AWARE', 'EMPTY'),
    tamper: fc.option(fc.record({ at: fc.nat(), value: fc.constantFrom(0, 1, 0.5, 2, -1, Number.NaN) }), { nil: null }),
    objectiveOff: fc.constantFrom(0, 0, 0, 1e-3, -5),
  });

  it('no solver answer, however wrong, gives an unpriced or infeasible plan, or an OPTIMAL one that failed a check or is below the warm start (property)', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstanceArb(), answerArb, async (input, a) => {
        const prepared = prepareAllocation(input);
        const model = modelFor(prepared);
        const plans = {
          BEST: bruteForceOptimum(prepared)?.assignment,
          PLAIN: plainOrderGreedy(prepared).assignment,
          CAP_AWARE: capAwareGreedy(prepared).assignment,
          EMPTY: emptyAssignment(prepared),
        };
        const plan = plans[a.plan] ?? emptyAssignment(prepared);
        const x = solutionOfAssignment(model, prepared, plan);
        if (a.tamper && x.length > 0) x[a.tamper.at % x.length] = a.tamper.value;
        const solver = new ScriptedSolver([{ status: a.status, x, objective: mipObjective(model.mip, x) + a.objectiveOff }]);
        const got = await sut(prepared, solver, { lpRounding: false, fastPath: false });
        if (got.assignment !== null) {
          expect(got.evaluation).toEqual(evaluatePlan(prepared, got.assignment));
          expect(got.evaluation!.infeasibilities).toEqual([]);
        }
        if (got.verification.length > 0) expect(got.status).toBe('ERROR');
        if (got.source === 'SOLVER') {
          expect(verifySolution(model.mip, x)).toEqual([]);
          expect(got.status).toBe(a.status);
        }
        if (got.status === 'OPTIMAL' && got.source === 'SOLVER') {
          const greedy = capAwareGreedy(prepared, (pi) => model.pairCol[pi] !== -1).evaluation;
          if (greedy.infeasibilities.length === 0)
            expect(got.evaluation!.objective).toBeGreaterThanOrEqual(greedy.objective - 1e-6 * Math.max(1, Math.abs(greedy.objective)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Review findings (scripted solver): solver claims that a verified plan contradicts, and bounds.

describe('solveAllocation: a solver claim that a verified plan contradicts is ERROR, never believed', () => {
  const prepared = capRound();
  const model = modelFor(prepared);
  const solutionOf = (ids: (number | null)[]) => solutionOfAssignment(model, prepared, planOf(prepared, ids));
  const greedyObjective = capAwareGreedy(prepared).evaluation.objective;
  const lp =
    (x: Float64Array, objective: number): ScriptedAnswer =>
    (solved) => {
      if (!isRelaxation(solved)) throw new Error('expected the LP relaxation first');
      return { status: 'OPTIMAL', x, objective };
    };

  it.each<[string, ScriptedAnswer, string]>([
    ['without a message', { status: 'INFEASIBLE' }, 'The scripted solver reported the model infeasible'],
    ['with its message', { status: 'INFEASIBLE', message: 'No solution exists.' }, 'The scripted solver reported the model infeasible (No solution exists)'],
  ])(
    'an INFEASIBLE MIP answer (%s) while the cap-aware greedy plan is feasible: ERROR, that plan shown, the contradiction named',
    async (_case, answer, lead) => {
      const got = await sut(prepared, new ScriptedSolver([answer]), MIP_ONLY);
      expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK', bound: null, gap: null, verification: [] });
      expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
      expect(got.message).toBe(
        `${lead}, yet the cap-aware greedy plan is feasible for it (checked row by row): that answer is wrong. Showing the cap-aware greedy plan.`,
      );
    },
  );

  it('an INFEASIBLE LP relaxation while the cap-aware greedy plan is feasible: ERROR, that plan shown, no MIP call on the same wrong footing', async () => {
    const solver = new ScriptedSolver([{ status: 'INFEASIBLE', ms: 3 }, exactAnswer(model, prepared)]);
    const got = await sut(prepared, solver);
    expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK', bound: null, gap: null, solverName: 'scripted', solverMs: 3, verification: [] });
    expect(got.model).not.toBeNull();
    expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
    expect(got.message).toBe(
      'The scripted solver reported the LP relaxation infeasible, yet the cap-aware greedy plan is feasible for the model (checked row by row): that answer is wrong. Showing the cap-aware greedy plan.',
    );
    expect(solver.calls).toHaveLength(1);
  });

  it('an integral "optimal" LP answer below the cap-aware greedy plan: ERROR with that plan, never OPTIMAL from LP_RELAXATION', async () => {
    // the empty plan: every row holds and the objective is its true price (-200000), the greedy plan scores 300
    const solver = new ScriptedSolver([withX('OPTIMAL', solutionOf([null, null]))]);
    const got = await sut(prepared, solver);
    expect(got).toMatchObject({ status: 'ERROR', source: 'GREEDY_FALLBACK', bound: null, gap: null });
    expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
    expect(got.verification).toEqual([
      expect.objectContaining({
        kind: 'OBJECTIVE',
        name: 'reported optimal, yet below the cap-aware greedy plan on the same candidates',
        value: expect.closeTo(-200_000, 6),
        lower: greedyObjective,
      }),
    ]);
    expect(got.message).toBe('The scripted answer to the LP relaxation failed verification (1 problem(s)). Showing the cap-aware greedy plan.');
    expect(solver.calls).toHaveLength(1);
  });

  it.each<[SolveStatus]>([['TIME_LIMIT'], ['ERROR']])(
    'a verified %s solution worse than the warm start: the better plan (the warm start) is kept, the status too',
    async (status) => {
      // VAC-1 -> 2, VAC-2 empty: -99800 against the greedy plan's 300
      const got = await sut(prepared, new ScriptedSolver([withX(status, solutionOf([2, null]), { gap: 0.001 })]), MIP_ONLY);
      expect(got).toMatchObject({ status, source: 'GREEDY_FALLBACK', bound: null, gap: null, verification: [] });
      expect(idsOf(prepared, got.assignment)).toEqual(GREEDY);
      expect(got.evaluation!.objective).toBeCloseTo(greedyObjective, 9);
      expect(got.message).toBe(
        `The scripted solution (${status}) is worth -99800 points, less than the cap-aware greedy plan (300 points). Showing the cap-aware greedy plan.`,
      );
    },
  );

  it('a verified TIME_LIMIT solution better than the warm start is still the solver plan', async () => {
    const got = await sut(prepared, new ScriptedSolver([withX('TIME_LIMIT', solutionOf(OPTIMUM))]), MIP_ONLY);
    expect(got).toMatchObject({ status: 'TIME_LIMIT', source: 'SOLVER', message: null });
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
  });

  it('a fractional LP answer whose objective is below a verified plan gives no bound: the gap is unknown, not 0', async () => {
    const fractional = new Float64Array(model.mip.numCols);
    for (const [name, v] of [
      ['x_1_1', 0.75],
      ['x_1_2', 0.25],
      ['x_2_2', 0.75],
      ['x_2_3', 0.25],
    ] as const)
      fractional[col(model, name)] = v;
    // 100 is below the LP-rounding plan (460) and the greedy plan (300): no relaxation optimum can be
    const got = await sut(prepared, new ScriptedSolver([lp(fractional, 100), { status: 'TIME_LIMIT' }]));
    expect(got).toMatchObject({ status: 'TIME_LIMIT', source: 'LP_ROUNDING_FALLBACK', bound: null, gap: null });
    expect(idsOf(prepared, got.assignment)).toEqual(OPTIMUM);
  });

  it('an integral LP answer rejected for a wrong objective gives no bound', async () => {
    const got = await sut(prepared, new ScriptedSolver([lp(solutionOf(OPTIMUM), 5000), { status: 'TIME_LIMIT' }]));
    expect(got).toMatchObject({ status: 'TIME_LIMIT', bound: null, gap: null });
  });

  it('an LP bound below the plan the MIP then finds is dropped, and so is a solver bound below its own plan', async () => {
    // nothing above one half: the LP-rounding start is the greedy plan (300), below 400; the MIP finds 460
    const half = new Float64Array(model.mip.numCols);
    for (const name of ['x_1_1', 'x_1_2', 'x_2_2', 'x_2_3']) half[col(model, name)] = 0.5;
    const lpLow = await sut(prepared, new ScriptedSolver([lp(half, 400), withX('TIME_LIMIT', solutionOf(OPTIMUM))]));
    expect(lpLow).toMatchObject({ status: 'TIME_LIMIT', source: 'SOLVER', bound: null, gap: null });
    const solverLow = await sut(prepared, new ScriptedSolver([withX('TIME_LIMIT', solutionOf(OPTIMUM), { bound: 400, gap: 0 })]), MIP_ONLY);
    expect(solverLow).toMatchObject({ status: 'TIME_LIMIT', source: 'SOLVER', bound: null, gap: null });
  });

  it('a consistent LP bound is kept when the solver bound is below the plan', async () => {
    const fractional = new Float64Array(model.mip.numCols);
    for (const [name, v] of [
      ['x_1_1', 0.75],
      ['x_1_2', 0.25],
      ['x_2_2', 0.75],
      ['x_2_3', 0.25],
    ] as const)
      fractional[col(model, name)] = v;
    const got = await sut(prepared, new ScriptedSolver([lp(fractional, 470), withX('TIME_LIMIT', solutionOf(OPTIMUM), { bound: 400 })]));
    expect(got).toMatchObject({ status: 'TIME_LIMIT', source: 'SOLVER', bound: 470 });
    expect(got.gap).toBeCloseTo(relativeGap(evaluatePlan(prepared, planOf(prepared, OPTIMUM)).objective, 470), 12);
  });
});
