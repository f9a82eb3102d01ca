import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { compiledWorkerFile } from '../common/worker-file.js';
import { RunOutcome, SimulationInput } from '../engine/simulation/simulate.js';
import { SimulationTask } from './simulation.worker.js';

/** Runs per task: small enough for progress and cancelling, large enough to amortise the copy of the input. */
const RUNS_PER_TASK = 25;

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
    for (let first = 0; first < runs; first += RUNS_PER_TASK) {
      const count = Math.min(RUNS_PER_TASK, runs - first);
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
