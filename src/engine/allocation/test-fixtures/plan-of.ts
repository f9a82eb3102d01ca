import { Assignment, emptyAssignment } from '../plan-objective.js';
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
