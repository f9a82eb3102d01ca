import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { compiledWorkerFile } from '../common/worker-file.js';
import { RunOutcome, SimulationInput } from '../engine/simulation/simulate.js';
import { SimulationTask } from './simulation.worker.js';

/** Runs per task: small enough for progress and cancelling, large enough to amortise the copy of the input. */
const RUNS_PER_TASK = 25;
/**
 * From this many applicants on, each task's copy of the input costs about as much as its runs (a
 * region's list of 139,368: 1.7 s to copy, 0.5 s to order, about 0.1 s a run; issue 18's bench), so
 * the runs are cut into two slices per thread instead: progress comes in larger steps.
 */
export const LARGE_APPLICANT_POOL = 20_000;

/** How many runs one task does. The results do not depend on it: runs are seeded by their index and merged in order. */
export function runsPerTask(runs: number, applicants: number, threads: number): number {
  return applicants < LARGE_APPLICANT_POOL ? RUNS_PER_TASK : Math.max(RUNS_PER_TASK, Math.ceil(runs / (2 * Math.max(1, threads))));
}

/**
 * Runs a simulation's Monte Carlo runs on every core (piscina worker threads), in slices, merging
 * them in run order: the result does not depend on how the slices were spread over the threads.
 */
@Injectable()
export class SimulationRunner implements OnModuleDestroy {
  private pool: Piscina<SimulationTask, RunOutcome[][]> | null = null;

  async run(input: SimulationInput, runs: number, onProgress: (done: number) => void, signal?: AbortSignal): Promise<RunOutcome[][]> {
    this.pool ??= new Piscina<SimulationTask, RunOutcome[][]>({
      filename: compiledWorkerFile(__filename, 'simulation.worker'),
      name: 'simulateInWorker',
      minThreads: 0,
      maxThreads: Math.max(1, availableParallelism()),
      idleTimeout: 30_000,
    });
    const pool = this.pool;
    let done = 0;
    const slices: Promise<RunOutcome[][]>[] = [];
    const perTask = runsPerTask(runs, input.applicants.length, pool.options.maxThreads);
    for (let first = 0; first < runs; first += perTask) {
      const count = Math.min(perTask, runs - first);
      slices.push(
        pool.run({ input, firstRun: first, count }, { signal }).then((r) => {
          done += count;
          onProgress(done);
          return r;
        }),
      );
    }
    const parts = await Promise.all(slices);
    return input.policies.map((_, p) => parts.flatMap((part) => part[p]));
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
