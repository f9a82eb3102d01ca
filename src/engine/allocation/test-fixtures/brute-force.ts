import { Assignment, PlanEvaluation, emptyAssignment, evaluatePlan } from '../plan-objective.js';
import { PreparedAllocation } from '../prepare-allocation.js';

export interface BruteForceResult {
  assignment: Assignment;
  evaluation: PlanEvaluation;
  /** Feasible plans enumerated. */
  plans: number;
}

/**
 * Every plan over the choosable pairs (each vacancy empty or one free candidate), priced by
 * evaluatePlan; the best feasible one, or null when none is feasible. Exponential: tests only.
 */
export function bruteForceOptimum(
  prepared: PreparedAllocation,
  usable: (pairIndex: number) => boolean = () => true,
  maxPlans = 2_000_000,
): BruteForceResult | null {
  const a = emptyAssignment(prepared);
  const used = new Uint8Array(prepared.households.length);
  let best: BruteForceResult | null = null;
  let plans = 0;
  let visited = 0;
  const visit = (v: number): void => {
    if (v === prepared.vacancies.length) {
      visited += 1;
      if (visited > maxPlans) throw new RangeError('bruteForceOptimum: too many plans');
      const evaluation = evaluatePlan(prepared, a);
      if (evaluation.infeasibilities.length > 0) return;
      plans += 1;
      if (best === null || evaluation.objective > best.evaluation.objective) best = { assignment: a.slice(), evaluation, plans: 0 };
      return;
    }
    a[v] = -1;
    visit(v + 1);
    for (const pi of prepared.vacancies[v].pairIndices) {
      const h = prepared.pairs[pi].householdIndex;
      if (used[h] || !usable(pi)) continue;
      used[h] = 1;
      a[v] = pi;
      visit(v + 1);
      used[h] = 0;
      a[v] = -1;
    }
  };
  visit(0);
  if (best === null) return null;
  return { ...(best as BruteForceResult), plans };
}
