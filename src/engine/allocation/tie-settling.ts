import { Assignment, PlanState, evaluatePlan } from './plan-objective.js';
import { PreparedAllocation } from './prepare-allocation.js';

/**
 * Settles the plain-order tie-break (pair-pricing.ts) on a plan whose other points are already the
 * best possible: exchanges that leave every other point as it is and raise the tie-break, until none
 * is left. Two kinds: a vacancy's household replaced by one who is housed nowhere, and two vacancies
 * trading their households. A move is taken only when it raises the plan's worth, first counted in
 * whole grid steps of the main points (priority, penalties, unfilled; `mainGrid`, e.g. 0.01) and
 * then by the tie-break, and only when the plan still breaks no hard rule (evaluatePlan): so the
 * plan never loses worth and the loop ends. Deterministic: vacancies in index order, pairs in rank
 * order. Exchanges of three or more vacancies at once are not searched: such a tie stays as found.
 */
export function settleTies(
  prepared: PreparedAllocation,
  start: Assignment,
  usable: (pairIndex: number) => boolean,
  mainGrid: number,
  maxPasses = 20,
): { assignment: Assignment; moves: number } {
  const { pairs, vacancies, pairsByHousehold } = prepared;
  const state = new PlanState(prepared, start);
  const steps = (points: number) => Math.round(points / mainGrid);
  /** Main points of adding the pair to the plan as it is now (its vacancy empty): priority less the penalties it adds. */
  const mainOf = (pi: number) => pairs[pi].priority - state.penaltyDelta(pi);
  /** Is (mainSteps, tie) better than nothing, lexicographically? */
  const better = (mainSteps: number, tie: number) => mainSteps > 0 || (mainSteps === 0 && tie > 0);
  const feasible = (candidate: Assignment) => evaluatePlan(prepared, candidate).infeasibilities.length === prepared.constantInfeasibilities.length;
  const pairAt = (vacancyIndex: number, householdIndex: number): number => {
    for (const pi of pairsByHousehold[householdIndex]) if (pairs[pi].vacancyIndex === vacancyIndex) return usable(pi) ? pi : -1;
    return -1;
  };
  /** Applies the move when the plan stays within every hard rule; else restores the plan. */
  const tryMove = (out: number[], into: number[]): boolean => {
    for (const pi of out) state.remove(pi);
    const candidate = Int32Array.from(state.assignment);
    for (const pi of into) candidate[pairs[pi].vacancyIndex] = pi;
    const ok = feasible(candidate);
    for (const pi of ok ? into : out) state.add(pi);
    return ok;
  };

  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    let moved = false;
    for (const v of vacancies) {
      // a household housed nowhere in place of the current one
      for (const q of v.pairIndices) {
        const current = state.assignment[v.index];
        if (current === -1 || q === current || !usable(q) || state.housedAt[pairs[q].householdIndex] !== -1) continue;
        state.remove(current);
        const mainSteps = steps(mainOf(q) - mainOf(current));
        const tie = pairs[q].tieBreak - pairs[current].tieBreak;
        state.add(current);
        if (better(mainSteps, tie) && tryMove([current], [q])) {
          moves += 1;
          moved = true;
        }
      }
      // two vacancies trading their households
      const p1 = state.assignment[v.index];
      if (p1 === -1) continue;
      for (const q2 of pairsByHousehold[pairs[p1].householdIndex]) {
        const current1 = state.assignment[v.index];
        const v2 = pairs[q2].vacancyIndex;
        const p2 = state.assignment[v2];
        if (current1 !== p1 || v2 === v.index || p2 === -1 || !usable(q2)) continue;
        const q1 = pairAt(v.index, pairs[p2].householdIndex);
        if (q1 === -1) continue;
        state.remove(p1);
        state.remove(p2);
        let before = mainOf(p1);
        state.add(p1);
        before += mainOf(p2);
        state.remove(p1);
        let after = mainOf(q1);
        state.add(q1);
        after += mainOf(q2);
        state.remove(q1);
        state.add(p1);
        state.add(p2);
        const tie = pairs[q1].tieBreak + pairs[q2].tieBreak - pairs[p1].tieBreak - pairs[p2].tieBreak;
        if (better(steps(after - before), tie) && tryMove([p1, p2], [q1, q2])) {
          moves += 1;
          moved = true;
          break;
        }
      }
    }
    if (!moved) break;
  }
  return { assignment: Int32Array.from(state.assignment), moves };
}
