import type { Language } from '../common/language.js';
import { AllocationInput } from './allocation-input.js';
import { AllocationPlan, explainPlan } from './explain-plan.js';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { PreparedAllocation, prepareAllocation } from './prepare-allocation.js';
import { AllocationSolution, AllocationSolveOptions, solveAllocation } from './solve-allocation.js';
import { Solver } from './solver.port.js';

export interface PlanAllocationResult {
  /** Deterministic: same input, policy and seed give the same JSON (timings are kept out of it). */
  plan: AllocationPlan;
  solution: AllocationSolution;
  prepared: PreparedAllocation;
  /** The same plan with its words in another language (plan-words.ts): the same numbers, ids and choices. */
  planIn: (language: Language) => AllocationPlan;
}

/**
 * Proposal or round in one call: prepare (ranks, windows, rows), solve (fast path or MIP through the
 * port, verified), explain (plan with reasons and baselines). A proposal is a round whose other
 * vacancies of the same complex are look-ahead (focus: false).
 */
export async function planAllocation(input: AllocationInput, solver: Solver, options: Partial<AllocationSolveOptions> = {}): Promise<PlanAllocationResult> {
  return planPrepared(prepareAllocation(input), solver, options);
}

/** planAllocation on an input already prepared (a caller that looked at its size first). */
export async function planPrepared(prepared: PreparedAllocation, solver: Solver, options: Partial<AllocationSolveOptions> = {}): Promise<PlanAllocationResult> {
  return explainSolved(prepared, await solveAllocation(prepared, solver, options));
}

/** The explained plan of a solution (with the greedy baselines beside it): planPrepared after the solve. */
export function explainSolved(prepared: PreparedAllocation, solution: AllocationSolution): PlanAllocationResult {
  const baselines = [plainOrderGreedy(prepared), capAwareGreedy(prepared)];
  return { plan: explainPlan(prepared, solution, baselines), solution, prepared, planIn: (language) => explainPlan(prepared, solution, baselines, language) };
}
