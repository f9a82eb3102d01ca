/**
 * Piscina worker: plans an allocation off the server's event loop (long solves must not block the
 * event loop, so the API stays responsive). Input and output are plain data; the solvers are created once per worker thread.
 */
import { AllocationInput } from '../engine/allocation/allocation-input.js';
import { AllocationPlan } from '../engine/allocation/explain-plan.js';
import { planAllocation } from '../engine/allocation/plan-allocation.js';
import { AllocationSolveOptions } from '../engine/allocation/solve-allocation.js';
import { Solver } from '../engine/allocation/solver.port.js';
import { createRoutingSolver } from './solvers/routing.solver.js';

export interface PlanTask {
  input: AllocationInput;
  options: Partial<AllocationSolveOptions>;
}

export interface PlanTaskResult {
  plan: AllocationPlan;
  /** The same plan in Dutch words (engine/allocation/plan-words.ts), for its Dutch readers; not audited. */
  planNl: AllocationPlan;
  /** Wall-clock times (not part of the deterministic plan). */
  timings: { totalMs: number; solverMs: number | null };
}

let solver: Solver | null = null;

export async function planInWorker(task: PlanTask): Promise<PlanTaskResult> {
  solver ??= createRoutingSolver();
  const started = performance.now();
  const { plan, solution, planIn } = await planAllocation(task.input, solver, task.options);
  return { plan, planNl: planIn('nl'), timings: { totalMs: performance.now() - started, solverMs: solution.solverMs } };
}
