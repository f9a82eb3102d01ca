import { MipModel } from './mip-model.js';

/**
 * The engine's port to a MIP solver. Adapters live in src/allocation/solvers (the only code that
 * imports a solver package). Input and output are plain data, so an adapter can run in a worker.
 */
export interface Solver {
  readonly name: string;
  readonly version: string;
  solve(model: MipModel, options: SolveOptions): Promise<SolveResult>;
}

export interface SolveOptions {
  /** Wall-clock budget of this solve. */
  timeLimitMs: number;
  /** Relative optimality gap at which the solver may stop (set explicitly: HiGHS defaults to 1e-4). */
  mipRelGap: number;
  /** A feasible solution to start from (warm start), when the solver supports one. */
  initialX?: Float64Array;
}

/**
 * OPTIMAL: proven within mipRelGap. TIME_LIMIT: stopped early; `x` is the best integral solution found,
 * or null. INFEASIBLE: proven to have no solution. ERROR: anything else, including a solution that
 * failed verification (it is never reported as OPTIMAL).
 */
export const SOLVE_STATUSES = ['OPTIMAL', 'TIME_LIMIT', 'INFEASIBLE', 'ERROR'] as const;
export type SolveStatus = (typeof SOLVE_STATUSES)[number];

export interface SolveResult {
  status: SolveStatus;
  /** Column values, or null when there is no usable (integral, feasible) solution. */
  x: Float64Array | null;
  /** offset + cost.x of `x`, or null. */
  objective: number | null;
  /** Proven upper bound on the objective (maximisation), when the solver reports one. */
  bound?: number;
  /** Proven relative gap (bound - objective) / max(1, |objective|), when known. */
  gap?: number;
  solverName: string;
  solverVersion: string;
  /** Wall-clock time of the solve (measured by the adapter; not part of a deterministic plan). */
  ms: number;
  /** Why the status is not OPTIMAL, in words; also the path a routing solver took. */
  message?: string;
}

/** Relative gap between an objective and a proven bound, as reported in results. */
export function relativeGap(objective: number, bound: number): number {
  return Math.max(0, bound - objective) / Math.max(1, Math.abs(objective));
}
