import { Assignment, emptyAssignment, evaluatePlan } from '../plan-objective.js';
import { AllocationSolution } from '../solve-allocation.js';
import { PreparedAllocation } from '../prepare-allocation.js';

/** The plan giving each vacancy the household of that id (null = empty). */
export function planOf(prepared: PreparedAllocation, ids: readonly (number | null)[]): Assignment {
  const a = emptyAssignment(prepared);
  prepared.vacancies.forEach((v, i) => {
    if (ids[i] === null) return;
    const pi = v.pairIndices.find((k) => prepared.households[prepared.pairs[k].householdIndex].id === ids[i]);
    if (pi === undefined) throw new RangeError(`household ${ids[i]} is no candidate for ${v.reference}`);
    a[i] = pi;
  });
  return a;
}

/** A solution with this assignment, as an optimal solver would report it (with `facts` changed). */
export function solvedAs(prepared: PreparedAllocation, assignment: Int32Array, facts: Partial<AllocationSolution> = {}): AllocationSolution {
  return {
    status: 'OPTIMAL',
    source: 'SOLVER',
    assignment,
    evaluation: evaluatePlan(prepared, assignment),
    solverName: 'test',
    solverVersion: '0',
    bound: null,
    gap: null,
    optimalityScope: 'ALL_CANDIDATES',
    model: null,
    verification: [],
    message: null,
    solverMs: null,
    ...facts,
  };
}
