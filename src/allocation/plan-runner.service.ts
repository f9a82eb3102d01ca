import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { compiledWorkerFile } from '../common/worker-file.js';
import { AllocationInput } from '../engine/allocation/allocation-input.js';
import { planPrepared } from '../engine/allocation/plan-allocation.js';
import { prepareAllocation } from '../engine/allocation/prepare-allocation.js';
import { AllocationSolveOptions } from '../engine/allocation/solve-allocation.js';
import { Solver } from '../engine/allocation/solver.port.js';
import { PlanTask, PlanTaskResult } from './plan.worker.js';
import { DEFAULT_ROUTING, createRoutingSolver } from './solvers/routing.solver.js';

/**
 * Choosable pairs (after exact pruning by the displacement bound) up to which a plan is made on the
 * calling thread: the model is then within the router's inline javascript-lp-solver size (about a
 * millisecond), and a worker's start and the copy of the input would cost more than the solve.
 */
export const INLINE_MAX_PAIRS = DEFAULT_ROUTING.inlineMaxCols;

/**
 * An upper bound on the pairs the model can choose, without preparing it (preparing a large round
 * takes seconds, which belong in the worker): a vacancy's plain-order household is at most at rank
 * V (V vacancies can take at most V - 1 households before it), and the displacement bound allows
 * k places below that. Only used to pick the thread; the plan is the same either way (tested).
 */
export function choosablePairsBound(input: AllocationInput): number {
  const k = input.policy.displacement.maxPositions;
  const v = input.vacancies.length;
  return input.vacancies.reduce((n, x) => n + (k === null ? x.candidates.length : Math.min(x.candidates.length, v + k)), 0);
}

/**
 * Runs the allocation engine: a single vacancy (the exact fast path) or a small pruned model (a
 * proposal with its look-ahead) on the calling thread, anything larger in a worker thread pool
 * (piscina), so a long solve never blocks the event loop. A task can be aborted (round cancelled):
 * its worker thread is terminated.
 */
@Injectable()
export class PlanRunner implements OnModuleDestroy {
  private pool: Piscina<PlanTask, PlanTaskResult> | null = null;
  private readonly inlineSolver: Solver = createRoutingSolver();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async plan(input: AllocationInput, options: Partial<AllocationSolveOptions>, signal?: AbortSignal): Promise<PlanTaskResult> {
    const started = performance.now();
    if (input.quotaScopes.length === 0 && (input.vacancies.length === 1 || choosablePairsBound(input) <= INLINE_MAX_PAIRS)) {
      const { plan, solution, planIn } = await planPrepared(prepareAllocation(input), this.inlineSolver, options);
      return { plan, planNl: planIn('nl'), timings: { totalMs: performance.now() - started, solverMs: solution.solverMs } };
    }
    this.pool ??= new Piscina<PlanTask, PlanTaskResult>({
      filename: compiledWorkerFile(__filename, 'plan.worker'),
      name: 'planInWorker',
      minThreads: 0,
      maxThreads: this.config.planThreads,
      // HiGHS keeps its WebAssembly heap per thread (up to 2 GB on the largest rounds): let idle threads go
      idleTimeout: 30_000,
    });
    return this.pool.run({ input, options }, { signal });
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
