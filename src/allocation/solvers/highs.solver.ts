import highsLoader from 'highs';
import { MipModel } from '../../engine/allocation/mip-model.js';
import { SolveOptions, SolveResult, SolveStatus, Solver, relativeGap } from '../../engine/allocation/solver.port.js';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
type HighsLoadOptions = Parameters<typeof highsLoader>[0];

/** Pinned in package.json (exact version); the embedded HiGHS version is read at load time. */
export const HIGHS_JS_VERSION = '1.15.3';
export const HIGHS_NAME = 'HiGHS';

let loading: Promise<Highs> | null = null;

/**
 * Loads the WebAssembly runtime once per process (or worker) and keeps it warm: the first load
 * compiles 3.5 MB of wasm (~70 ms) and the first solves run slower while it tiers up (V8 compiles wasm
 * with a fast baseline compiler first and optimises hot functions later).
 * A worker pool can pass a precompiled `wasmModule` in `options`.
 */
export function loadHighs(options?: HighsLoadOptions): Promise<Highs> {
  loading ??= highsLoader(options).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export interface HighsSolverOptions {
  /**
   * Solve the LP relaxation first; if its x is integral it is a proven optimum (always so for a pure
   * assignment, whose constraint matrix is totally unimodular). Otherwise the MIP runs on the same model, within
   * the same time budget. Off by default: with soft side rows and urgent-priority rows the relaxation
   * of these models was fractional on the benchmark instances, and LP + MIP took 2-4x the MIP alone.
   */
  lpFirst: boolean;
  loadOptions?: HighsLoadOptions;
}

const INTEGRALITY_TOLERANCE = 1e-6;

function isIntegral(model: MipModel, x: ArrayLike<number>): boolean {
  for (let j = 0; j < model.numCols; j += 1) if (model.integer[j] === 1 && Math.abs(x[j] - Math.round(x[j])) > INTEGRALITY_TOLERANCE) return false;
  return true;
}

function snapIntegers(model: MipModel, x: Float64Array): Float64Array {
  for (let j = 0; j < model.numCols; j += 1) if (model.integer[j] === 1) x[j] = Math.round(x[j]);
  return x;
}

/**
 * HiGHS (WebAssembly) behind the port: for rounds and anything beyond javascript-lp-solver's reach.
 * mip_rel_gap and time_limit are set explicitly on every solve; each native model is disposed (wasm
 * memory is not garbage collected). Pure data in and out, so it also runs inside a worker thread.
 */
export function createHighsSolver(options: Partial<HighsSolverOptions> = {}, clock: () => number = () => performance.now()): Solver {
  const lpFirst = options.lpFirst ?? false;
  return {
    name: HIGHS_NAME,
    version: HIGHS_JS_VERSION,
    async solve(model: MipModel, solveOptions: SolveOptions): Promise<SolveResult> {
      const started = clock();
      const highs = await loadHighs(options.loadOptions);
      const base = { solverName: HIGHS_NAME, solverVersion: `${HIGHS_JS_VERSION} (HiGHS ${highs.version.string})` };
      const result = (status: SolveStatus, rest: Partial<SolveResult> = {}): SolveResult => ({
        ...base,
        status,
        x: null,
        objective: null,
        ms: clock() - started,
        ...rest,
      });
      if (model.numCols === 0) return result('ERROR', { message: 'Empty model: nothing to solve.' });
      const inf = highs.infinity;
      const finite = (a: Float64Array) => a.map((v) => (v === Number.POSITIVE_INFINITY ? inf : v === Number.NEGATIVE_INFINITY ? -inf : v));
      let native: ReturnType<Highs['createModel']>;
      try {
        native = highs.createModel({
          numCols: model.numCols,
          numRows: model.numRows,
          sense: highs.constants.objectiveSense.maximize,
          offset: model.offset,
          colCost: model.colCost,
          colLower: finite(model.colLower),
          colUpper: finite(model.colUpper),
          rowLower: finite(model.rowLower),
          rowUpper: finite(model.rowUpper),
          matrix: {
            format: 'csr',
            numRows: model.numRows,
            numCols: model.numCols,
            starts: model.rowStarts,
            indices: model.rowIndices,
            values: model.rowValues,
          },
          // LP first: load without integrality, add it back only if the relaxation is fractional
          ...(lpFirst ? {} : { integrality: Int32Array.from(model.integer) }),
        });
      } catch (error) {
        return result('ERROR', { message: `HiGHS rejected the model: ${(error as Error).message}` });
      }
      try {
        const status = highs.constants.modelStatus;
        native.options.set({ output_flag: false, time_limit: Math.max(0, solveOptions.timeLimitMs) / 1000, mip_rel_gap: solveOptions.mipRelGap });
        if (lpFirst) {
          const lp = native.run();
          if (lp.modelStatus === status.optimal) {
            const x = Float64Array.from(native.getSolution().colValue);
            if (isIntegral(model, x)) {
              const objective = native.getObjectiveValue();
              return result('OPTIMAL', { x: snapIntegers(model, x), objective, bound: objective, gap: 0, message: 'The LP relaxation was integral.' });
            }
          } else if (lp.modelStatus === status.infeasible) {
            return result('INFEASIBLE', { message: 'HiGHS proved the LP relaxation infeasible.' });
          } else if (lp.modelStatus === status.timeLimit) {
            return result('TIME_LIMIT', { message: 'HiGHS reached the time limit in the LP relaxation.' });
          }
          native.changeColsIntegrality({ kind: 'range', from: 0, to: model.numCols - 1 }, Int32Array.from(model.integer));
          native.clearSolver();
        }
        if (solveOptions.initialX) {
          native.setSolution({ colValue: solveOptions.initialX });
          // Feasibility jump is a heuristic for a first feasible solution, and the start is one (the engine
          // passes verified plans only). Without it, fastest of five or nine in one process (2026-12-05):
          // the demo round's MIP 17 ms instead of 22, four generated rounds 34 / 33 / 386 / 1,047 ms
          // instead of 42 / 41 / 450 / 1,170, the large region's round 352 instead of 353.
          native.options.set({ mip_heuristic_run_feasibility_jump: false });
        }
        const run = native.run();
        const hasPrimal = Number(native.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
        const x = hasPrimal ? Float64Array.from(native.getSolution().colValue) : null;
        const objective = x ? native.getObjectiveValue() : null;
        const dualBound = Number(native.info.get('mip_dual_bound'));
        const bound = Number.isFinite(dualBound) ? dualBound : undefined;
        const gap = objective !== null && bound !== undefined ? relativeGap(objective, bound) : undefined;
        const withX = () => (x && isIntegral(model, x) ? { x: snapIntegers(model, x), objective } : { x: null, objective: null });
        switch (run.modelStatus) {
          case status.optimal:
            return x && isIntegral(model, x)
              ? result('OPTIMAL', { ...withX(), bound, gap })
              : result('ERROR', { message: 'HiGHS reported optimal without an integral solution.' });
          case status.infeasible:
          case status.unboundedOrInfeasible: // our models are bounded (binary x, penalised slacks)
            return result('INFEASIBLE', { message: 'HiGHS proved the model infeasible.' });
          case status.timeLimit:
          case status.iterationLimit:
          case status.interrupted:
          case status.solutionLimit:
            return result('TIME_LIMIT', {
              ...withX(),
              bound,
              gap,
              message: `HiGHS stopped at its limit (model status ${run.modelStatus}) ${x ? `with an incumbent, proven gap ${gap === undefined ? 'unknown' : gap.toExponential(2)}` : 'without a solution'}.`,
            });
          default:
            return result('ERROR', { message: `HiGHS ended with model status ${run.modelStatus}.` });
        }
      } catch (error) {
        // An abort (e.g. the 2 GB WebAssembly memory ceiling) leaves the runtime unusable: load a fresh one next time.
        const aborted = /abort/i.test((error as Error).message);
        if (aborted) loading = null;
        const memory = aborted && highs.memoryBytes >= 2 ** 31 ? ' at its 2 GB WebAssembly memory ceiling' : '';
        return result('ERROR', { message: `HiGHS threw${memory}: ${(error as Error).message}` });
      } finally {
        try {
          native.dispose();
        } catch {
          // the runtime aborted: nothing left to free
        }
      }
    },
  };
}
