import { AllocationModel, PruningMode, SideRowForm, assignmentOfSolution, buildAllocationModel, solutionOfAssignment } from './build-allocation-model.js';
import { BaselineResult, capAwareGreedy } from './greedy-baselines.js';
import { MipModel, MipSize, MipViolation, mipObjective, mipSize, verifySolution } from './mip-model.js';
import { Assignment, PlanEvaluation, emptyAssignment, evaluatePlan } from './plan-objective.js';
import { PreparedAllocation } from './prepare-allocation.js';
import { isSingleVacancy, solveSingleVacancy } from './single-vacancy.js';
import { SolveStatus, Solver, relativeGap } from './solver.port.js';

export interface AllocationSolveOptions {
  timeLimitMs: number;
  mipRelGap: number;
  pruning: PruningMode;
  /** Score a single vacancy directly instead of building a model (exact; see single-vacancy.ts). */
  fastPath: boolean;
  /** Start the solver from the best known plan (LP rounding or cap-aware greedy). */
  warmStart: boolean;
  /**
   * Solve the LP relaxation first (solvers.md, recommendation 4): an integral LP is the optimum; else
   * its integral part, completed by the cap-aware greedy, is the start and fallback, and its objective
   * a proven bound for the gap.
   */
  lpRounding: boolean;
  /**
   * Side rows as they are, or sparse through the "unfilled" columns (build-allocation-model.ts).
   * SPARSE by default: with dense quota rows HiGHS hit its 2 GB WebAssembly ceiling and aborted on the
   * 500 x 20000 round (32k columns), which it solves in sparse form.
   */
  sideRowForm: SideRowForm;
}

export const DEFAULT_SOLVE_OPTIONS: AllocationSolveOptions = {
  timeLimitMs: 30_000,
  mipRelGap: 1e-6,
  pruning: { kind: 'EXACT' },
  fastPath: true,
  warmStart: true,
  lpRounding: true,
  sideRowForm: 'SPARSE',
};

/**
 * Where the plan came from. SOLVER: the solver's verified MIP solution. LP_RELAXATION: the LP
 * relaxation was integral (a proven optimum). FAST_PATH: single-vacancy scoring. LP_ROUNDING_FALLBACK
 * and GREEDY_FALLBACK: the MIP gave no usable solution (time limit, error), so the best heuristic plan
 * is shown, with its proven gap to the LP bound; the status still says what happened. NONE: nothing
 * to allocate, or infeasible.
 */
export type SolutionSource = 'SOLVER' | 'LP_RELAXATION' | 'FAST_PATH' | 'LP_ROUNDING_FALLBACK' | 'GREEDY_FALLBACK' | 'NONE';

export interface ModelReport extends MipSize {
  pruning: PruningMode;
  keptPairs: number;
  prunedPairs: number;
}

export interface AllocationSolution {
  status: SolveStatus;
  source: SolutionSource;
  /** Null only when no feasible plan is known (INFEASIBLE, or ERROR without a fallback). */
  assignment: Assignment | null;
  evaluation: PlanEvaluation | null;
  solverName: string | null;
  solverVersion: string | null;
  /** Proven bound (the tighter of the LP relaxation's and the solver's) and the plan's relative gap to it. */
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
 * is reported as ERROR and never as OPTIMAL.
 */
export async function solveAllocation(
  prepared: PreparedAllocation,
  solver: Solver,
  options: Partial<AllocationSolveOptions> = {},
): Promise<AllocationSolution> {
  const opts: AllocationSolveOptions = { ...DEFAULT_SOLVE_OPTIONS, ...options };
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

  const model = buildAllocationModel(prepared, opts.pruning, opts.sideRowForm);
  const report: ModelReport = { ...mipSize(model.mip), pruning: opts.pruning, keptPairs: model.keptPairs, prunedPairs: model.prunedPairs };
  const usable = (pi: number) => model.pairCol[pi] !== -1;
  let remainingMs = opts.timeLimitMs;
  let solverMs = 0;

  // 1. LP relaxation: a proven bound, the optimum itself when integral, else a start by rounding.
  let lpBound: number | null = null;
  let lpRounded: BaselineResult | null = null;
  if (opts.lpRounding) {
    const relaxed: MipModel = { ...model.mip, name: `${model.mip.name}-relaxation`, integer: new Uint8Array(model.mip.numCols) };
    // at most half the budget: on very large models the relaxation alone can take most of it
    const lp = await solver.solve(relaxed, { timeLimitMs: remainingMs / 2, mipRelGap: opts.mipRelGap });
    remainingMs = Math.max(0, remainingMs - lp.ms);
    solverMs += lp.ms;
    if (lp.status === 'INFEASIBLE') {
      return { ...common, model: report, status: 'INFEASIBLE', source: 'NONE', assignment: null, evaluation: null, solverName: lp.solverName, solverVersion: lp.solverVersion, solverMs, message: 'The LP relaxation is infeasible, so the model is.' };
    }
    if (lp.status === 'OPTIMAL' && lp.x && lp.objective !== null) {
      lpBound = lp.objective;
      if (isIntegral(model.mip, lp.x)) {
        const checked = checkSolution(model, prepared, lp.x, lp.objective);
        if (checked.problems.length === 0) {
          return {
            ...common,
            model: report,
            status: 'OPTIMAL',
            source: 'LP_RELAXATION',
            assignment: checked.assignment,
            evaluation: checked.evaluation,
            solverName: lp.solverName,
            solverVersion: lp.solverVersion,
            bound: lp.objective,
            gap: 0,
            solverMs,
            message: 'The LP relaxation was integral: a proven optimum without branching.',
          };
        }
      }
      // Round at one half: each vacancy and each household has at most one pair above it (their rows
      // sum to at most 1), so these pairs are a consistent partial plan; the cap-aware greedy completes
      // it. Measured on the 500 x 20000 bench round (seed 1): rounding only the pairs at 1 left the
      // start 6.3% below the LP bound, rounding at one half 0.08%, and HiGHS then proved the optimum
      // in 17 s instead of 30 s.
      const roundedUp: number[] = [];
      for (let col = 0; col < model.colPair.length; col += 1) if (model.colPair[col] !== -1 && lp.x[col] > LP_ROUND_UP) roundedUp.push(model.colPair[col]);
      lpRounded = capAwareGreedy(prepared, usable, roundedUp);
    }
  }

  // 2. The best known plan so far: the warm start, and the fallback if the MIP gives nothing usable.
  const greedy = capAwareGreedy(prepared, usable);
  const candidates = [lpRounded, greedy].filter((b): b is BaselineResult => b !== null && b.evaluation.infeasibilities.length === 0);
  const incumbent = candidates.sort((a, b) => b.evaluation.objective - a.evaluation.objective)[0] ?? null;
  const incumbentName = incumbent === lpRounded ? 'LP-rounding' : 'cap-aware greedy';
  const initialX = opts.warmStart && incumbent ? solutionOfAssignment(model, prepared, incumbent.assignment) : undefined;

  // 3. The MIP.
  const result = await solver.solve(model.mip, { timeLimitMs: remainingMs, mipRelGap: opts.mipRelGap, initialX });
  solverMs += result.ms;
  const bound = result.bound !== undefined && lpBound !== null ? Math.min(result.bound, lpBound) : (result.bound ?? lpBound);
  const solved = {
    ...common,
    model: report,
    solverName: result.solverName,
    solverVersion: result.solverVersion,
    bound,
    solverMs,
  };
  const fallback = (status: SolveStatus, message: string, verification: MipViolation[] = []): AllocationSolution =>
    incumbent && status !== 'INFEASIBLE'
      ? {
          ...solved,
          status,
          source: incumbent === lpRounded ? 'LP_ROUNDING_FALLBACK' : 'GREEDY_FALLBACK',
          assignment: incumbent.assignment,
          evaluation: incumbent.evaluation,
          gap: bound === null ? null : relativeGap(incumbent.evaluation.objective, bound),
          verification,
          message: `${message} Showing the ${incumbentName} plan.`,
        }
      : { ...solved, status, source: 'NONE', assignment: null, evaluation: null, gap: null, verification, message };

  if (result.status === 'INFEASIBLE') return fallback('INFEASIBLE', result.message ?? 'The solver proved the model infeasible.');
  if (result.x === null) return fallback(result.status === 'OPTIMAL' ? 'ERROR' : result.status, result.message ?? 'The solver returned no solution.');

  const checked = checkSolution(model, prepared, result.x, result.objective);
  if (result.status === 'OPTIMAL' && incumbent) {
    // within the gap the solver was allowed to stop at
    const tolerance = Math.max(1e-6, opts.mipRelGap) * Math.max(1, Math.abs(incumbent.evaluation.objective));
    if (checked.evaluation.objective < incumbent.evaluation.objective - tolerance) {
      checked.problems.push({
        kind: 'OBJECTIVE',
        name: `reported optimal, yet below the ${incumbentName} plan on the same candidates`,
        value: checked.evaluation.objective,
        lower: incumbent.evaluation.objective,
        upper: Number.POSITIVE_INFINITY,
      });
    }
  }
  if (checked.problems.length > 0) {
    return fallback('ERROR', `The ${result.solverName} solution failed verification (${checked.problems.length} problem(s)).`, checked.problems);
  }
  return {
    ...solved,
    status: result.status,
    source: 'SOLVER',
    assignment: checked.assignment,
    evaluation: checked.evaluation,
    gap: bound === null ? (result.gap ?? null) : relativeGap(checked.evaluation.objective, bound),
    message: result.message ?? null,
  };
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
    problems.push({ kind: 'OBJECTIVE', name: 'objective above the price of the plan', value: objective, lower: evaluation.objective, upper: evaluation.objective });
  }
  return { assignment, evaluation, problems };
}
