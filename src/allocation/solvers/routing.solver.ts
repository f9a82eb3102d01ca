import { MipModel, mipSize, verifySolution } from '../../engine/allocation/mip-model.js';
import { SolveOptions, SolveResult, Solver } from '../../engine/allocation/solver.port.js';
import { createHighsSolver } from './highs.solver.js';
import { createJslSolver } from './jsl.solver.js';

export interface RoutingOptions {
  /** Up to this size: javascript-lp-solver on the calling thread (about 1 ms; look-ahead proposals). */
  inlineMaxCols: number;
  /** Up to this size: javascript-lp-solver in a worker with a watchdog (about 45 ms of start-up). */
  smallMaxCols: number;
  smallMaxRows: number;
  /** Budget of javascript-lp-solver; the rest of the time limit is left for HiGHS. */
  smallBudgetMs: number;
}

/**
 * javascript-lp-solver suits small models only (its simplex works on a dense tableau); on this model (soft side rows,
 * urgent-priority rows) it already timed out at 3 s on 3 of 6 rounds of 30 x 1000 (~400 columns) and
 * 5 of 6 rounds of 50 x 2000 (~800 columns), where HiGHS needs 0.1-0.4 s. Hence the low limit. The
 * watchdog-worker tier (smallMaxCols above inlineMaxCols) is off by default: whether javascript-lp-
 * solver finishes inside its budget depends on timing, so the solver named in a plan (and the plan's
 * bytes) could differ between two runs on the same input; HiGHS solves these sizes deterministically.
 */
export const DEFAULT_ROUTING: RoutingOptions = { inlineMaxCols: 150, smallMaxCols: 150, smallMaxRows: 300, smallBudgetMs: 1000 };

export interface RoutingSolvers {
  inline: Solver;
  small: Solver;
  large: Solver;
}

/**
 * Picks a solver by model size: tiny models to javascript-lp-solver inline, small ones to
 * javascript-lp-solver in a watchdog worker, the rest to HiGHS. A javascript-lp-solver answer is used
 * only when it is OPTIMAL and passes the row-by-row check; anything else (time limit, fractional x,
 * error, even INFEASIBLE, which is confirmed) goes to HiGHS with the remaining time. The result names
 * the solver that produced it and, in `message`, the route taken.
 */
export function createRoutingSolver(
  solvers: Partial<RoutingSolvers> = {},
  routing: Partial<RoutingOptions> = {},
  clock: () => number = () => performance.now(),
): Solver {
  const r: RoutingOptions = { ...DEFAULT_ROUTING, ...routing };
  const inline = solvers.inline ?? createJslSolver({ isolation: 'INLINE' });
  const small = solvers.small ?? createJslSolver({ isolation: 'WORKER' });
  const large = solvers.large ?? createHighsSolver();
  return {
    name: 'router',
    version: `${small.name} ${small.version}; ${large.name} ${large.version}`,
    async solve(model: MipModel, options: SolveOptions): Promise<SolveResult> {
      const started = clock();
      const size = mipSize(model);
      const first =
        size.cols <= r.inlineMaxCols && size.rows <= r.smallMaxRows ? inline : size.cols <= r.smallMaxCols && size.rows <= r.smallMaxRows ? small : null;
      if (first === null) {
        const res = await large.solve(model, options);
        return { ...res, message: [`${size.cols} columns x ${size.rows} rows: routed to ${large.name}.`, res.message].filter(Boolean).join(' ') };
      }
      const attempt = await first.solve(model, { ...options, timeLimitMs: Math.min(options.timeLimitMs, r.smallBudgetMs) });
      const problems = attempt.x ? verifySolution(model, attempt.x) : [];
      if (attempt.status === 'OPTIMAL' && attempt.x && problems.length === 0) return attempt;
      const why =
        attempt.status === 'OPTIMAL'
          ? `a solution that failed ${problems.length} check(s)`
          : `${attempt.status}${attempt.message ? ` (${attempt.message})` : ''}`;
      const remaining = Math.max(0, options.timeLimitMs - (clock() - started));
      const second = await large.solve(model, { ...options, timeLimitMs: remaining });
      return {
        ...second,
        ms: clock() - started,
        message: [`${first.name} gave ${why}; solved again with ${large.name}.`, second.message].filter(Boolean).join(' '),
      };
    },
  };
}
