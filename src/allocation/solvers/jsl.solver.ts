import { Worker } from 'node:worker_threads';
import jsl from 'javascript-lp-solver';
import type { Model as JslModel, SolveResult as JslResult } from 'javascript-lp-solver';
import { MipModel, mipObjective, verifySolution } from '../../engine/allocation/mip-model.js';
import { SolveOptions, SolveResult, Solver } from '../../engine/allocation/solver.port.js';

/** Pinned in package.json (exact version); the adapter's spec checks the installed one. */
export const JSL_VERSION = '1.0.3';
export const JSL_NAME = 'javascript-lp-solver';

const OBJECTIVE = '__objective';
const INTEGRALITY_TOLERANCE = 1e-6;

/**
 * The neutral model as a javascript-lp-solver JSON model: one attribute per row, the objective as an
 * extra attribute, binaries for 0/1 integer columns, and bound rows for other finite column bounds.
 */
export function toJslModel(model: MipModel, timeLimitMs: number): JslModel {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: JslModel['constraints'] = {};
  const binaries: Record<string, 1> = {};
  const ints: Record<string, 1> = {};
  const unrestricted: Record<string, 1> = {};
  for (let j = 0; j < model.numCols; j += 1) {
    const name = model.colNames[j];
    const coefs: Record<string, number> = { [OBJECTIVE]: model.colCost[j] };
    variables[name] = coefs;
    const lower = model.colLower[j];
    const upper = model.colUpper[j];
    const binary = model.integer[j] === 1 && lower === 0 && upper === 1;
    if (binary) binaries[name] = 1;
    else if (model.integer[j] === 1) ints[name] = 1;
    if (lower === Number.NEGATIVE_INFINITY) unrestricted[name] = 1;
    const boundRow = `__bound_${name}`;
    const needsLower = lower !== 0 && lower !== Number.NEGATIVE_INFINITY;
    const needsUpper = !binary && upper !== Number.POSITIVE_INFINITY;
    if (needsLower || needsUpper) {
      constraints[boundRow] = { ...(needsLower ? { min: lower } : {}), ...(needsUpper ? { max: upper } : {}) };
      coefs[boundRow] = 1;
    }
  }
  for (let i = 0; i < model.numRows; i += 1) {
    const name = model.rowNames[i];
    const lower = model.rowLower[i];
    const upper = model.rowUpper[i];
    constraints[name] =
      lower === upper
        ? { equal: lower }
        : { ...(lower !== Number.NEGATIVE_INFINITY ? { min: lower } : {}), ...(upper !== Number.POSITIVE_INFINITY ? { max: upper } : {}) };
    for (let k = model.rowStarts[i]; k < model.rowStarts[i + 1]; k += 1) variables[model.colNames[model.rowIndices[k]]][name] = model.rowValues[k];
  }
  return {
    optimize: OBJECTIVE,
    opType: 'max',
    constraints,
    variables,
    binaries,
    ints,
    unrestricted,
    // exact branch and bound: its relative tolerance is sign-sensitive and our objectives can be negative
    tolerance: 0,
    // bounds branch and bound only, not the simplex (jsl.solver.spec.ts, watchdog test): the router keeps jsl to small models
    timeout: Math.max(1, Math.floor(timeLimitMs)),
  };
}

/** The part of a javascript-lp-solver answer this adapter reads. */
export type JslRawResult = Pick<JslResult, 'feasible' | 'result' | 'bounded'> & Record<string, unknown>;

/**
 * Status of a javascript-lp-solver answer. It returns `feasible: true` with a FRACTIONAL x when its
 * time-out cuts branch and bound short (and, seen here, sometimes an x that breaks rows), and has no
 * flag for it: integrality and every row are checked here, and such an answer is TIME_LIMIT (or ERROR
 * when time was left) with no x, never OPTIMAL. An answer that used
 * the whole time budget is at best TIME_LIMIT, since branch and bound may have been cut short.
 */
export function interpretJslResult(model: MipModel, raw: JslRawResult, ms: number, timeLimitMs: number): SolveResult {
  const base = { solverName: JSL_NAME, solverVersion: JSL_VERSION, ms };
  const outOfTime = ms >= timeLimitMs;
  if (!raw.feasible) {
    return outOfTime
      ? { ...base, status: 'TIME_LIMIT', x: null, objective: null, message: `${JSL_NAME} stopped at the time limit without an integral solution.` }
      : { ...base, status: 'INFEASIBLE', x: null, objective: null, message: `${JSL_NAME} found the model infeasible.` };
  }
  if (raw.bounded === false) return { ...base, status: 'ERROR', x: null, objective: null, message: `${JSL_NAME} reports the model unbounded.` };
  const x = new Float64Array(model.numCols);
  let fractional = 0;
  for (let j = 0; j < model.numCols; j += 1) {
    const value = raw[model.colNames[j]];
    x[j] = typeof value === 'number' ? value : 0;
    if (model.integer[j] === 1) {
      if (Math.abs(x[j] - Math.round(x[j])) > INTEGRALITY_TOLERANCE) fractional += 1;
      else x[j] = Math.round(x[j]);
    }
  }
  if (fractional > 0) {
    return {
      ...base,
      status: outOfTime ? 'TIME_LIMIT' : 'ERROR',
      x: null,
      objective: null,
      message: `${JSL_NAME} returned feasible: true with ${fractional} fractional integer variable(s)${outOfTime ? ' at its time limit' : ''}; not an allocation.`,
    };
  }
  // jsl has answered feasible: true with an x that breaks rows when cut short: check every row here
  const broken = verifySolution(model, x);
  if (broken.length > 0) {
    return {
      ...base,
      status: outOfTime ? 'TIME_LIMIT' : 'ERROR',
      x: null,
      objective: null,
      message: `${JSL_NAME} returned feasible: true with an x that breaks ${broken.length} row(s) or bound(s)${outOfTime ? ' at its time limit' : ''}; not an allocation.`,
    };
  }
  // jsl's own `result` has been seen wrong for a right x (0 for a model whose only feasible x costs -50:
  // jsl.solver.spec.ts): the adapter prices x itself; the rows above and the plan check verify x
  const objective = mipObjective(model, x);
  if (outOfTime) {
    return { ...base, status: 'TIME_LIMIT', x, objective, message: `${JSL_NAME} used its whole time budget; its solution is not proven optimal.` };
  }
  return { ...base, status: 'OPTIMAL', x, objective, bound: objective, gap: 0 };
}

export interface JslSolverOptions {
  /**
   * INLINE: solve on the calling thread (fast; for tiny models). WORKER: solve in a worker thread that
   * a watchdog terminates at the time limit plus `graceMs`: javascript-lp-solver's own time-out bounds
   * branch and bound only, and its simplex can pivot for minutes on a degenerate model of a few
   * hundred columns (seen here on a 50 x 2000 round), which would block the event loop.
   */
  isolation: 'INLINE' | 'WORKER';
  graceMs: number;
  clock: () => number;
}

const DEFAULT_JSL_OPTIONS: JslSolverOptions = { isolation: 'WORKER', graceMs: 250, clock: () => performance.now() };

/** Runs in the worker: load the solver by its resolved path, solve, post the plain result. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const solver = require(workerData.modulePath);
parentPort.postMessage(solver.Solve(workerData.model));
`;

type WorkerOutcome = { kind: 'RESULT'; raw: JslRawResult } | { kind: 'WATCHDOG' } | { kind: 'ERROR'; message: string };

function solveInWorker(model: JslModel, deadlineMs: number): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath: require.resolve('javascript-lp-solver'), model } });
    const settle = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'WATCHDOG' }), deadlineMs);
    worker.once('message', (raw: JslRawResult) => settle({ kind: 'RESULT', raw }));
    worker.once('error', (error) => settle({ kind: 'ERROR', message: error.message }));
    worker.once('exit', (code) => settle({ kind: 'ERROR', message: `worker exited with code ${code}` }));
  });
}

/** javascript-lp-solver for single vacancies and small rounds (the sizes DEFAULT_ROUTING in routing.solver.ts sends it). */
export function createJslSolver(options: Partial<JslSolverOptions> = {}): Solver {
  const { isolation, graceMs, clock } = { ...DEFAULT_JSL_OPTIONS, ...options };
  return {
    name: JSL_NAME,
    version: JSL_VERSION,
    async solve(model: MipModel, solveOptions: SolveOptions): Promise<SolveResult> {
      const started = clock();
      const base = { solverName: JSL_NAME, solverVersion: JSL_VERSION };
      const jslModel = toJslModel(model, solveOptions.timeLimitMs);
      if (isolation === 'INLINE') {
        try {
          const raw = jsl.Solve(jslModel) as JslRawResult;
          return interpretJslResult(model, raw, clock() - started, solveOptions.timeLimitMs);
        } catch (error) {
          return { ...base, status: 'ERROR', x: null, objective: null, ms: clock() - started, message: `${JSL_NAME} threw: ${(error as Error).message}` };
        }
      }
      const outcome = await solveInWorker(jslModel, Math.max(0, solveOptions.timeLimitMs) + graceMs);
      const ms = clock() - started;
      if (outcome.kind === 'RESULT') return interpretJslResult(model, outcome.raw, ms, solveOptions.timeLimitMs);
      if (outcome.kind === 'WATCHDOG') {
        return {
          ...base,
          status: 'TIME_LIMIT',
          x: null,
          objective: null,
          ms,
          message: `${JSL_NAME} was stopped by the watchdog at the time limit (its simplex does not honour the time-out).`,
        };
      }
      return { ...base, status: 'ERROR', x: null, objective: null, ms, message: `${JSL_NAME} failed in its worker: ${outcome.message}` };
    },
  };
}
