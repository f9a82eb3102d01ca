import { Assignment, PlanEvaluation, PlanState, emptyAssignment, evaluatePlan } from './plan-objective.js';
import { PreparedAllocation } from './prepare-allocation.js';

export interface SingleVacancyResult {
  status: 'OPTIMAL' | 'INFEASIBLE';
  assignment: Assignment;
  evaluation: PlanEvaluation;
}

/** True when the fast path is exact: one vacancy and no look-ahead vacancies beside it. */
export function isSingleVacancy(prepared: PreparedAllocation): boolean {
  return prepared.vacancies.length === 1;
}

/**
 * One vacancy without look-ahead: the plan is "nobody" or one candidate, so scoring each choosable
 * candidate (priority + tie-break - penalty deltas) and taking the best is exact (single-vacancy.spec.ts
 * checks it against brute force); O(candidates x side rows). Urgent households need no rows here: the
 * window was already cut at the first urgent one (prepareAllocation).
 */
export function solveSingleVacancy(prepared: PreparedAllocation): SingleVacancyResult {
  if (!isSingleVacancy(prepared)) throw new RangeError('solveSingleVacancy needs exactly one vacancy (no look-ahead)');
  const v = prepared.vacancies[0];
  const empty = new PlanState(prepared);
  const emptyPlan = emptyAssignment(prepared);
  const emptyEvaluation = evaluatePlan(prepared, emptyPlan);
  let best: { assignment: Assignment; evaluation: PlanEvaluation } | null =
    emptyEvaluation.infeasibilities.length === 0 ? { assignment: emptyPlan, evaluation: emptyEvaluation } : null;
  let bestGain = 0; // relative to the empty plan
  for (const pi of v.pairIndices) {
    const gain = empty.gain(pi);
    if (best !== null && gain <= bestGain) continue;
    const a = emptyAssignment(prepared);
    a[v.index] = pi;
    const evaluation = evaluatePlan(prepared, a);
    if (evaluation.infeasibilities.length > 0) continue; // a hard quota it would break
    best = { assignment: a, evaluation };
    bestGain = gain;
  }
  if (best === null) return { status: 'INFEASIBLE', assignment: emptyPlan, evaluation: emptyEvaluation };
  return { status: 'OPTIMAL', ...best };
}
