import {
  AllocationModel,
  MainObjectiveModel,
  PruningMode,
  SideRowForm,
  assignmentOfSolution,
  buildAllocationModel,
  mainObjectiveModel,
  solutionOfAssignment,
} from './build-allocation-model.js';
import { BaselineResult, capAwareGreedy } from './greedy-baselines.js';
import { MipModel, MipSize, MipViolation, mipObjective, mipSize, verifySolution } from './mip-model.js';
import { Assignment, PlanEvaluation, emptyAssignment, evaluatePlan } from './plan-objective.js';
import { PreparedAllocation } from './prepare-allocation.js';
import { isSingleVacancy, solveSingleVacancy } from './single-vacancy.js';
import { settleTies } from './tie-settling.js';
import { SolveResult, SolveStatus, Solver, relativeGap } from './solver.port.js';

export interface AllocationSolveOptions {
  timeLimitMs: number;
  mipRelGap: number;
  pruning: PruningMode;
  /** Score a single vacancy directly instead of building a model (exact; see single-vacancy.ts). */
  fastPath: boolean;
  /** Start the solver from the best known plan (LP rounding or cap-aware greedy). */
  warmStart: boolean;
  /**
   * Solve the LP relaxation first: an integral LP is the optimum; else
   * its integral part, completed by the cap-aware greedy, is the start and fallback, and its objective
   * a proven bound for the gap.
   */
  lpRounding: boolean;
  /**
   * LP first only on models with at least this many columns. Below it HiGHS proves the optimum at its
   * root node faster than the relaxation, the rounding and their checks pay back: on the large
   * region's round (520 vacancies, 4,663 columns; scripts/bench-large.ts input) 640-790 ms without
   * against 1,170-1,200 ms with, in one run; on the 500 x 20,000 bench round (51k columns) the
   * LP-rounding start nearly halved the MIP (the measurement at LP_ROUND_UP).
   */
  lpRoundingMinCols: number;
  /**
   * Side rows as they are, or sparse through the "unfilled" columns (build-allocation-model.ts).
   * SPARSE by default: with dense quota rows HiGHS hit its 2 GB WebAssembly ceiling and aborted on the
   * 500 x 20000 round (32k columns), which it solves in sparse form.
   */
  sideRowForm: SideRowForm;
  /** Soft rows that one vacancy alone enters priced on its columns (build-allocation-model.ts, foldedRows). */
  foldRows: boolean;
  /** One model row for side rows that are the same row in the model (build-allocation-model.ts, identicalRows). */
  mergeIdenticalRows: boolean;
  /**
   * When the solver's tolerance could not settle the tie-break anyway (all of it is within mipRelGap
   * of the plan's worth: large rounds), solve for the other points alone, in whole steps
   * (mainObjectiveModel), then settle the ties by exchanges (tie-settling.ts). The other points stay
   * proven best; the gap is reported against a bound that grants every vacancy its best tie-break.
   */
  settleTiesAfterSolve: boolean;
  /**
   * Tell the solver the "unfilled" columns are integer. They are anyway (u = 1 - sum x over binary x,
   * so the plans and the optimum are the same), but HiGHS uses it in presolve and cuts: on the large
   * region's round (520 vacancies, 4,663 columns) its MIP took 358-363 ms instead of 480-531 ms, in
   * one run, five solves each (2026-12-05); on the demo round (585 columns) 21-23 ms either way; on
   * four generated rounds (scripts/bench.ts) 639 -> 441 ms, 1,194 -> 1,193, 42 -> 42, and one slower,
   * 34 -> 41 ms (fastest of nine).
   */
  integralUnfilled: boolean;
}

export const DEFAULT_SOLVE_OPTIONS: AllocationSolveOptions = {
  timeLimitMs: 30_000,
  mipRelGap: 1e-6,
  pruning: { kind: 'EXACT' },
  fastPath: true,
  warmStart: true,
  lpRounding: true,
  lpRoundingMinCols: 20_000,
  sideRowForm: 'SPARSE',
  foldRows: true,
  mergeIdenticalRows: true,
  settleTiesAfterSolve: true,
  integralUnfilled: true,
};

/**
 * The options a basis did not record, as they stood when it was recorded: until 2026-12-05 a basis
 * recorded the time limit alone, and each option added since stood at the behaviour it replaced. A
 * replay fills a basis from these (replay.service.ts), so an older proposal is recomputed as it was
 * made; a basis now records every option (effectiveSolveOptions), which these never override.
 */
export const OPTIONS_BEFORE_FULL_RECORDING: Pick<AllocationSolveOptions, 'integralUnfilled' | 'mergeIdenticalRows'> = {
  integralUnfilled: false,
  mergeIdenticalRows: false,
};

/** Every option a plan is made with: the defaults under the caller's choices (what a basis records). */
export function effectiveSolveOptions(options: Partial<AllocationSolveOptions>): AllocationSolveOptions {
  return { ...DEFAULT_SOLVE_OPTIONS, ...options };
}

/**
 * Where the plan came from. SOLVER: the solver's verified MIP solution. LP_RELAXATION: the LP
 * relaxation was integral (a proven optimum). FAST_PATH: single-vacancy scoring. LP_ROUNDING_FALLBACK
 * and GREEDY_FALLBACK: the solver gave no usable solution (time limit, error, an answer that failed
 * verification, a claim of infeasibility or of an optimum that the verified heuristic plan refutes),
 * or a worse one (time limit), so the best heuristic plan is shown, with its gap to the bound when one
 * is known; the status and message say what happened. NONE: nothing to allocate, or infeasible.
 */
export type SolutionSource = 'SOLVER' | 'LP_RELAXATION' | 'FAST_PATH' | 'LP_ROUNDING_FALLBACK' | 'GREEDY_FALLBACK' | 'NONE';

export interface ModelReport extends MipSize {
  pruning: PruningMode;
  keptPairs: number;
  prunedPairs: number;
  foldedRows: number;
  /** With mergeIdenticalRows only (a plan made without it reports as it did before the option). */
  mergedRows?: number;
}

export interface AllocationSolution {
  status: SolveStatus;
  source: SolutionSource;
  /** Null only when no feasible plan is known (INFEASIBLE, or ERROR without a fallback). */
  assignment: Assignment | null;
  evaluation: PlanEvaluation | null;
  solverName: string | null;
  solverVersion: string | null;
  /**
   * Bound (the tighter of the LP relaxation's and the solver's, each only from an answer that passed
   * its checks and never below a verified plan) and the plan's relative gap to it; null: unknown.
   */
  bound: number | null;
  gap: number | null;
  /** OPTIMAL over every choosable candidate, or only over a heuristic top-K candidate set. */
  optimalityScope: 'ALL_CANDIDATES' | 'TOP_K_CANDIDATES';
  model: ModelReport | null;
  /** Findings of the independent check of the solver's solution (empty when it passed). */
  verification: MipViolation[];
  message: string | null;
  /** Solver wall-clock time as reported by the adapter (not deterministic: keep out of plans). */
  solverMs: number | null;
}

function base(prepared: PreparedAllocation, options: AllocationSolveOptions): Omit<AllocationSolution, 'status' | 'source' | 'assignment' | 'evaluation'> {
  return {
    solverName: null,
    solverVersion: null,
    bound: null,
    gap: null,
    optimalityScope: options.pruning.kind === 'TOP_K' && prepared.vacancies.length > 1 ? 'TOP_K_CANDIDATES' : 'ALL_CANDIDATES',
    model: null,
    verification: [],
    message: null,
    solverMs: null,
  };
}

/**
 * Finds the best plan: the exact single-vacancy path, or a MIP through `solver`. Every solver answer is
 * verified (integrality, every row, bounds, hard rules, objective) before it is used; one that fails
 * is reported as ERROR and never as OPTIMAL. So is a claim that a verified plan refutes: INFEASIBLE,
 * or an optimum (LP or MIP) worth less than the cap-aware greedy plan. Of two verified plans the
 * better one is shown.
 */
export async function solveAllocation(
  prepared: PreparedAllocation,
  solver: Solver,
  options: Partial<AllocationSolveOptions> = {},
): Promise<AllocationSolution> {
  const opts = effectiveSolveOptions(options);
  const common = base(prepared, opts);
  if (prepared.constantInfeasibilities.length > 0) {
    return { ...common, status: 'INFEASIBLE', source: 'NONE', assignment: null, evaluation: null, message: prepared.constantInfeasibilities.join('; ') };
  }
  if (prepared.pairs.length === 0) {
    const assignment = emptyAssignment(prepared);
    const evaluation = evaluatePlan(prepared, assignment);
    const feasible = evaluation.infeasibilities.length === 0;
    return {
      ...common,
      status: feasible ? 'OPTIMAL' : 'INFEASIBLE',
      source: 'NONE',
      assignment: feasible ? assignment : null,
      evaluation: feasible ? evaluation : null,
      bound: feasible ? evaluation.objective : null,
      gap: feasible ? 0 : null,
      message: feasible ? 'No vacancy has an eligible candidate.' : evaluation.infeasibilities.join('; '),
    };
  }
  if (opts.fastPath && isSingleVacancy(prepared)) {
    const r = solveSingleVacancy(prepared);
    const ok = r.status === 'OPTIMAL';
    return {
      ...common,
      optimalityScope: 'ALL_CANDIDATES',
      status: r.status,
      source: ok ? 'FAST_PATH' : 'NONE',
      assignment: ok ? r.assignment : null,
      evaluation: ok ? r.evaluation : null,
      solverName: 'woonmix-single-vacancy',
      solverVersion: '1',
      bound: ok ? r.evaluation.objective : null,
      gap: ok ? 0 : null,
      message: ok ? null : 'Every candidate would break a hard quota.',
    };
  }

  const model = buildAllocationModel(prepared, opts.pruning, opts.sideRowForm, opts.foldRows, opts.integralUnfilled, opts.mergeIdenticalRows);
  const report: ModelReport = {
    ...mipSize(model.mip),
    pruning: opts.pruning,
    keptPairs: model.keptPairs,
    prunedPairs: model.prunedPairs,
    foldedRows: model.foldedRows,
    ...(opts.mergeIdenticalRows ? { mergedRows: model.mergedRows } : {}),
  };
  const usable = (pi: number) => model.pairCol[pi] !== -1;
  let remainingMs = opts.timeLimitMs;
  let solverMs = 0;
  // within the gap the solver was allowed to stop at
  const tolerance = (objective: number) => Math.max(1e-6, opts.mipRelGap) * Math.max(1, Math.abs(objective));
  /** The finding for an answer claimed optimal that a verified plan beats (maximisation). */
  const belowPlan = (objective: number, plan: KnownPlan): MipViolation | null =>
    objective < plan.evaluation.objective - tolerance(plan.evaluation.objective)
      ? {
          kind: 'OBJECTIVE',
          name: `reported optimal, yet below the ${plan.name} plan on the same candidates`,
          value: objective,
          lower: plan.evaluation.objective,
          upper: Number.POSITIVE_INFINITY,
        }
      : null;
  /** A plan (or none) with the solver facts, the status and why; a bound of an answer that failed its checks is never passed in. */
  const answer = (
    facts: SolverFacts,
    status: SolveStatus,
    plan: KnownPlan | null,
    message: string,
    verification: MipViolation[],
    bound: number | null,
  ): AllocationSolution =>
    plan
      ? {
          ...common,
          ...facts,
          model: report,
          status,
          source: plan.source,
          assignment: plan.assignment,
          evaluation: plan.evaluation,
          bound,
          gap: bound === null ? null : relativeGap(plan.evaluation.objective, bound),
          verification,
          message: `${message} Showing the ${plan.name} plan.`,
        }
      : { ...common, ...facts, model: report, status, source: 'NONE', assignment: null, evaluation: null, bound, gap: null, verification, message };

  // 1. A verified feasible plan before any solver call: the warm start and fallback, and the fact that
  // refutes a solver's claim that the model is infeasible or that its optimum is worth less.
  const greedy = knownPlan(model, prepared, capAwareGreedy(prepared, usable), 'cap-aware greedy', 'GREEDY_FALLBACK');

  // 2. LP relaxation: a bound, the optimum itself when integral, else a start by rounding.
  let lpBound: number | null = null;
  let lpRounded: KnownPlan | null = null;
  if (opts.lpRounding && model.mip.numCols >= opts.lpRoundingMinCols) {
    const relaxed: MipModel = { ...model.mip, name: `${model.mip.name}-relaxation`, integer: new Uint8Array(model.mip.numCols) };
    // at most half the budget: on very large models the relaxation alone can take most of it
    const lp = await solver.solve(relaxed, { timeLimitMs: remainingMs / 2, mipRelGap: opts.mipRelGap });
    remainingMs = Math.max(0, remainingMs - lp.ms);
    solverMs += lp.ms;
    const lpFacts: SolverFacts = { solverName: lp.solverName, solverVersion: lp.solverVersion, solverMs };
    if (lp.status === 'INFEASIBLE') {
      // A verified plan refutes the claim. The MIP would start from this same relaxation in the same
      // solver: the rest of the budget is not spent on it.
      if (greedy) return answer(lpFacts, 'ERROR', greedy, refutedInfeasible(lp, 'the LP relaxation', greedy), [], null);
      return answer(lpFacts, 'INFEASIBLE', null, 'The LP relaxation is infeasible, so the model is.', [], null);
    }
    if (lp.status === 'OPTIMAL' && lp.x && lp.objective !== null && Number.isFinite(lp.objective)) {
      if (isIntegral(model.mip, lp.x)) {
        const checked = checkSolution(model, prepared, lp.x, lp.objective);
        // an integral LP optimum is the MIP optimum: the same check as a MIP answer claimed optimal
        const refuted = greedy && checked.problems.length === 0 ? belowPlan(checked.evaluation.objective, greedy) : null;
        if (refuted)
          return answer(lpFacts, 'ERROR', greedy, `The ${lp.solverName} answer to the LP relaxation failed verification (1 problem(s)).`, [refuted], null);
        if (checked.problems.length === 0) {
          return {
            ...common,
            ...lpFacts,
            model: report,
            status: 'OPTIMAL',
            source: 'LP_RELAXATION',
            assignment: checked.assignment,
            evaluation: checked.evaluation,
            bound: lp.objective,
            gap: 0,
            message: 'The LP relaxation was integral: a proven optimum without branching.',
          };
        }
        // it failed its checks: neither the optimum nor a bound; the MIP decides
      } else {
        // checked against every verified plan once the MIP has answered (see consistentBound)
        lpBound = lp.objective;
      }
      // Round at one half: each vacancy and each household has at most one pair above it (their rows
      // sum to at most 1), so these pairs are a consistent partial plan; the cap-aware greedy completes
      // it. Measured on the 500 x 20000 bench round (seed 1): rounding only the pairs at 1 left the
      // start 6.3% below the LP bound, rounding at one half 0.08%, and HiGHS then proved the optimum
      // in 17 s instead of 30 s. The plan is verified like any other, so even a wrong x cannot harm.
      const roundedUp: number[] = [];
      for (let col = 0; col < model.colPair.length; col += 1) if (model.colPair[col] !== -1 && lp.x[col] > LP_ROUND_UP) roundedUp.push(model.colPair[col]);
      lpRounded = knownPlan(model, prepared, capAwareGreedy(prepared, usable, roundedUp), 'LP-rounding', 'LP_ROUNDING_FALLBACK');
    }
  }

  // 3. The best known plan so far (the LP-rounding one on a tie): the warm start, and the fallback.
  const incumbent = [lpRounded, greedy].filter((b): b is KnownPlan => b !== null).sort((a, b) => b.evaluation.objective - a.evaluation.objective)[0] ?? null;
  const initialX = opts.warmStart && incumbent ? incumbent.x : undefined;
  /**
   * The tighter of the LP's and the solver's bounds that is not below `floor`, the best verified
   * plan (maximisation: a bound below a feasible plan was not proven, and would clamp the gap to 0).
   */
  const consistentBound = (floor: number | null, solverBound: number | undefined): number | null => {
    const bounds = [lpBound, solverBound ?? null].filter(
      (b): b is number => b !== null && Number.isFinite(b) && (floor === null || b >= floor - tolerance(floor)),
    );
    return bounds.length === 0 ? null : Math.min(...bounds);
  };
  const incumbentObjective = incumbent?.evaluation.objective ?? null;

  // 4. The MIP: as it is, or for its main points alone with the ties settled after (settleTiesAfterSolve)
  // when even the whole tie-break lies within the tolerance of a plan as good as the best known one
  const main = opts.settleTiesAfterSolve && incumbentObjective !== null && incumbentObjective > 0 ? mainObjectiveModel(model, prepared) : null;
  const mainOnly = main !== null && incumbentObjective !== null && main.tieMax <= (Math.max(1e-6, opts.mipRelGap) * incumbentObjective) / 2 ? main : null;
  const result = await solver.solve(mainOnly?.mip ?? model.mip, { timeLimitMs: remainingMs, mipRelGap: opts.mipRelGap, initialX });
  solverMs += result.ms;
  const facts: SolverFacts = { solverName: result.solverName, solverVersion: result.solverVersion, solverMs };
  /** A bound of the main model in points of the whole objective: every vacancy granted its best tie-break. */
  const solverBound = mainOnly && result.bound !== undefined ? result.bound / mainOnly.scale + model.mip.offset + mainOnly.tieMax : result.bound;

  if (result.status === 'INFEASIBLE') {
    if (incumbent)
      return answer(facts, 'ERROR', incumbent, refutedInfeasible(result, 'the model', incumbent), [], consistentBound(incumbentObjective, undefined));
    return answer(facts, 'INFEASIBLE', null, result.message ?? 'The solver proved the model infeasible.', [], null);
  }
  if (result.x === null) {
    // OPTIMAL without x is a broken answer: ERROR, and no bound from it
    const broken = result.status === 'OPTIMAL';
    return answer(
      facts,
      broken ? 'ERROR' : result.status,
      incumbent,
      result.message ?? 'The solver returned no solution.',
      [],
      consistentBound(incumbentObjective, broken ? undefined : solverBound),
    );
  }

  const checked = mainOnly
    ? settledSolution(model, mainOnly, prepared, result.x, result.objective, usable)
    : { ...checkSolution(model, prepared, result.x, result.objective), settled: '' };
  const refuted = result.status === 'OPTIMAL' && incumbent ? belowPlan(checked.evaluation.objective, incumbent) : null;
  if (refuted) checked.problems.push(refuted);
  if (checked.problems.length > 0) {
    return answer(
      facts,
      'ERROR',
      incumbent,
      `The ${result.solverName} solution failed verification (${checked.problems.length} problem(s)).`,
      checked.problems,
      consistentBound(incumbentObjective, undefined),
    );
  }
  const objective = checked.evaluation.objective;
  // Only OPTIMAL promises a plan within the gap of the best one; a solution cut short (TIME_LIMIT, or
  // ERROR with an x) can be worse than the warm start, which not every solver takes up: keep the better.
  if (result.status !== 'OPTIMAL' && incumbent && incumbent.evaluation.objective > objective + 1e-9 * Math.max(1, Math.abs(objective))) {
    const why = `The ${result.solverName} solution (${result.status}) is worth ${points(objective)} points, less than the ${incumbent.name} plan (${points(incumbent.evaluation.objective)} points).`;
    return answer(
      facts,
      result.status,
      incumbent,
      result.message ? `${result.message} ${why}` : why,
      [],
      consistentBound(incumbent.evaluation.objective, solverBound),
    );
  }
  const bound = consistentBound(Math.max(objective, incumbentObjective ?? objective), solverBound);
  return {
    ...common,
    ...facts,
    model: report,
    status: result.status,
    source: 'SOLVER',
    assignment: checked.assignment,
    evaluation: checked.evaluation,
    bound,
    // the solver's own gap only when it reported no bound (a bound it reported was dropped above, and its gap with it)
    gap: bound !== null ? relativeGap(objective, bound) : result.bound === undefined && !mainOnly ? (result.gap ?? null) : null,
    message: mainOnly ? [result.message, checked.settled].filter(Boolean).join(' ') : (result.message ?? null),
  };
}

/**
 * checkSolution for an answer to the main model (mainObjectiveModel): its reported objective checked
 * against that model, then the ties settled (tie-settling.ts) and the settled plan checked in full. A
 * settled plan that failed its checks (it cannot, as each move is checked) would leave the answer as it was.
 */
function settledSolution(
  model: AllocationModel,
  main: MainObjectiveModel,
  prepared: PreparedAllocation,
  x: Float64Array,
  reportedObjective: number | null,
  usable: (pi: number) => boolean,
): ReturnType<typeof checkSolution> & { settled: string } {
  const answered = checkSolution(model, prepared, x, null);
  const mainObjective = mipObjective(main.mip, x);
  if (reportedObjective === null || Math.abs(reportedObjective - mainObjective) > 1e-6 * Math.max(1, Math.abs(mainObjective))) {
    answered.problems.push({
      kind: 'OBJECTIVE',
      name: 'main objective as reported by the solver',
      value: reportedObjective ?? Number.NaN,
      lower: mainObjective,
      upper: mainObjective,
    });
  }
  if (answered.problems.length > 0) return { ...answered, settled: '' };
  const { assignment, moves } = settleTies(prepared, answered.assignment, usable, 1 / main.scale);
  const said = `Solved for the points other than the tie-break, in whole steps of ${1 / main.scale}; the tie-break then settled by ${moves} exchange(s).`;
  if (moves === 0) return { ...answered, settled: said };
  const settled = checkSolution(model, prepared, solutionOfAssignment(model, prepared, assignment), null);
  return settled.problems.length === 0 && settled.evaluation.objective >= answered.evaluation.objective
    ? { ...settled, settled: said }
    : { ...answered, settled: '' };
}

/** The solver facts every result carries. */
type SolverFacts = Pick<AllocationSolution, 'solverName' | 'solverVersion' | 'solverMs'>;

/** A heuristic plan that passed the same checks as a solver answer, with its model solution. */
interface KnownPlan {
  name: 'cap-aware greedy' | 'LP-rounding';
  source: Extract<SolutionSource, 'GREEDY_FALLBACK' | 'LP_ROUNDING_FALLBACK'>;
  assignment: Assignment;
  evaluation: PlanEvaluation;
  x: Float64Array;
}

/** The plan when it breaks no hard rule and its model solution passes checkSolution; else null. */
function knownPlan(
  model: AllocationModel,
  prepared: PreparedAllocation,
  plan: BaselineResult,
  name: KnownPlan['name'],
  source: KnownPlan['source'],
): KnownPlan | null {
  if (plan.evaluation.infeasibilities.length > 0) return null;
  const x = solutionOfAssignment(model, prepared, plan.assignment);
  if (checkSolution(model, prepared, x, null).problems.length > 0) return null;
  return { name, source, assignment: plan.assignment, evaluation: plan.evaluation, x };
}

/** Why an INFEASIBLE answer is wrong: a plan feasible for every row of the model it was given. */
function refutedInfeasible(result: Pick<SolveResult, 'solverName' | 'message'>, what: 'the model' | 'the LP relaxation', plan: KnownPlan): string {
  const said = result.message ? ` (${result.message.replace(/\.$/, '')})` : '';
  return `The ${result.solverName} solver reported ${what} infeasible${said}, yet the ${plan.name} plan is feasible for ${what === 'the model' ? 'it' : 'the model'} (checked row by row): that answer is wrong.`;
}

/** Points for messages, to two decimals. */
function points(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** LP values above this are rounded up to 1 for the LP-rounding start (see solveAllocation). */
const LP_ROUND_UP = 0.5;

function isIntegral(model: MipModel, x: ArrayLike<number>): boolean {
  for (let j = 0; j < model.numCols; j += 1) if (model.integer[j] === 1 && Math.abs(x[j] - Math.round(x[j])) > 1e-6) return false;
  return true;
}

/**
 * Independent check of a model solution: the rows and bounds of the model, then the plan against the
 * prepared instance (hard rules, one household per vacancy) and the objective the solver reported.
 */
export function checkSolution(
  model: AllocationModel,
  prepared: PreparedAllocation,
  x: Float64Array,
  reportedObjective: number | null,
): { assignment: Assignment; evaluation: PlanEvaluation; problems: MipViolation[] } {
  const problems = verifySolution(model.mip, x);
  const assignment = assignmentOfSolution(model, prepared, x);
  const evaluation = evaluatePlan(prepared, assignment);
  for (const why of evaluation.infeasibilities) problems.push({ kind: 'HARD_RULE', name: why, value: 1, lower: 0, upper: 0 });
  const objective = mipObjective(model.mip, x);
  const tolerance = 1e-6 * Math.max(1, Math.abs(objective));
  if (reportedObjective !== null && Math.abs(reportedObjective - objective) > tolerance) {
    problems.push({ kind: 'OBJECTIVE', name: 'objective as reported by the solver', value: reportedObjective, lower: objective, upper: objective });
  }
  // Slacks at their least value give the plan's own price; a larger slack only lowers the model objective.
  if (objective > evaluation.objective + tolerance) {
    problems.push({
      kind: 'OBJECTIVE',
      name: 'objective above the price of the plan',
      value: objective,
      lower: evaluation.objective,
      upper: evaluation.objective,
    });
  }
  return { assignment, evaluation, problems };
}
