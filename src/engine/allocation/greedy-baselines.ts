import { Assignment, PlanEvaluation, PlanState, assignmentOf, evaluatePlan, rowViolation } from './plan-objective.js';
import { PreparedAllocation } from './prepare-allocation.js';

/**
 * "What users do today" and an honest anchor for the value of optimisation (the plain-order one is
 * benchmarked as greedy_* by npm run bench: README, "Benchmarks"). Both are deterministic and take
 * O(pairs x side rows of a pair).
 */
export type BaselineName = 'PLAIN_ORDER' | 'CAP_AWARE';

export interface BaselineResult {
  name: BaselineName;
  assignment: Assignment;
  evaluation: PlanEvaluation;
  /** Composition targets (complex x target) violated after the plan. */
  violatedTargets: number;
  /** Composition targets whose violation the plan made worse than before the round. */
  worsenedTargets: number;
  /** Portfolio quota rows violated after the plan. */
  violatedQuotas: number;
}

/** Pairs in the order of the plain sweep: rank first, then focus vacancies, then vacancy id. */
function sweepOrder(prepared: PreparedAllocation, usable: (pairIndex: number) => boolean): number[] {
  const vacancyOrder = new Int32Array(prepared.vacancies.length);
  [...prepared.vacancies].sort((a, b) => Number(b.focus) - Number(a.focus) || a.index - b.index).forEach((v, position) => (vacancyOrder[v.index] = position));
  return prepared.pairs
    .filter((p) => usable(p.index))
    .sort((a, b) => a.rank - b.rank || vacancyOrder[a.vacancyIndex] - vacancyOrder[b.vacancyIndex])
    .map((p) => p.index);
}

/** Side rows violated after a plan, and composition targets it made worse than before the round. */
export function violationCounts(
  prepared: PreparedAllocation,
  evaluation: PlanEvaluation,
): { violatedTargets: number; worsenedTargets: number; violatedQuotas: number } {
  let violatedTargets = 0;
  let worsenedTargets = 0;
  let violatedQuotas = 0;
  for (const row of prepared.sideRows) {
    const after = evaluation.rowViolation[row.index];
    if (row.spec.kind === 'COMPOSITION') {
      if (after > 0) violatedTargets += 1;
      if (after > rowViolation(row, 0)) worsenedTargets += 1;
    } else if (after > 0) violatedQuotas += 1;
  }
  return { violatedTargets, worsenedTargets, violatedQuotas };
}

export function summarize(prepared: PreparedAllocation, name: BaselineName, assignment: Assignment): BaselineResult {
  const evaluation = evaluatePlan(prepared, assignment);
  return { name, assignment, evaluation, ...violationCounts(prepared, evaluation) };
}

/**
 * Plain order: households in the route's priority order, ignoring composition and quotas (the
 * plain-order plan of prepareAllocation, which every displacement window contains).
 */
export function plainOrderGreedy(prepared: PreparedAllocation): BaselineResult {
  const picks: number[] = [];
  for (const v of prepared.vacancies) {
    const h = prepared.plainPlan[v.index];
    if (h === -1) continue;
    picks.push(v.ranked.find((c) => c.householdIndex === h)!.pairIndex);
  }
  return summarize(prepared, 'PLAIN_ORDER', assignmentOf(prepared, picks));
}

/**
 * Cap-aware: the same sweep, but a pair that would deepen the violation of any composition target
 * or quota is skipped (urgent households are never skipped: they keep their priority). Vacancies
 * still empty then take the free candidate with the best gain, or, when none is free, one freed by an
 * augmenting path (so it fills as many vacancies as can be filled). With `start`, those pairs are
 * placed first and the sweep completes the plan around them. Feasible for the model (a warm start)
 * unless a hard quota cannot be met. `usable` restricts it to the pairs of a pruned model.
 */
export function capAwareGreedy(
  prepared: PreparedAllocation,
  usable: (pairIndex: number) => boolean = () => true,
  /** Pairs fixed beforehand (e.g. the integral part of an LP solution: "LP + rounding", the lpRounding option of solve-allocation.ts). */
  start: Iterable<number> = [],
): BaselineResult {
  const state = new PlanState(prepared);
  for (const pi of start) if (state.isFree(pi)) state.add(pi);
  const deepens = (pi: number) => {
    const p = prepared.pairs[pi];
    for (let k = 0; k < p.sideRows.length; k += 1) {
      const row = prepared.sideRows[p.sideRows[k]];
      const a = state.activity[row.index];
      if (rowViolation(row, a + p.sideCoefs[k]) > rowViolation(row, a)) return true;
    }
    return false;
  };
  for (const pi of sweepOrder(prepared, usable)) {
    if (!state.isFree(pi)) continue;
    if (prepared.pairs[pi].protected || !deepens(pi)) state.add(pi);
  }
  for (const v of prepared.vacancies) {
    if (state.assignment[v.index] !== -1) continue;
    let best = -1;
    let bestGain = Number.NEGATIVE_INFINITY;
    for (const pi of v.pairIndices) {
      if (!usable(pi) || !state.isFree(pi) || state.breaksHardRow(pi)) continue;
      const gain = state.gain(pi);
      if (gain > bestGain) {
        best = pi;
        bestGain = gain;
      }
    }
    if (best !== -1 && bestGain > 0) state.add(best);
    else if (best === -1 && v.pairIndices.length > 0) augment(prepared, state, v.index, usable);
  }
  return summarize(prepared, 'CAP_AWARE', state.assignment);
}

/** True when every urgent candidate ranked above `rank` for the vacancy is housed (they keep priority). */
function protectionHolds(prepared: PreparedAllocation, state: PlanState, vacancyIndex: number, rank: number): boolean {
  for (const pi of prepared.vacancies[vacancyIndex].pairIndices) {
    const p = prepared.pairs[pi];
    if (p.rank >= rank) return true;
    if (p.protected && state.housedAt[p.householdIndex] === -1) return false;
  }
  return true;
}

/**
 * Fills an empty vacancy by an augmenting path (Berge): it takes a household housed elsewhere, whose
 * vacancy takes another, and so on until a free household ends the path. Everyone on the path stays
 * housed, so the urgent-priority rule checked on the way still holds afterwards. False when no path.
 */
function augment(prepared: PreparedAllocation, state: PlanState, start: number, usable: (pairIndex: number) => boolean): boolean {
  const via = new Int32Array(prepared.vacancies.length).fill(-1);
  const seen = new Uint8Array(prepared.vacancies.length);
  seen[start] = 1;
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const w = queue[head];
    for (const pi of prepared.vacancies[w].pairIndices) {
      if (!usable(pi) || state.assignment[w] === pi) continue;
      const p = prepared.pairs[pi];
      if (!protectionHolds(prepared, state, w, p.rank)) continue;
      const at = state.housedAt[p.householdIndex];
      if (at === -1) {
        const path = [pi];
        for (let cur = w; via[cur] !== -1; cur = prepared.pairs[via[cur]].vacancyIndex) path.push(via[cur]);
        for (const q of path) {
          const old = state.assignment[prepared.pairs[q].vacancyIndex];
          if (old !== -1) state.remove(old);
        }
        for (const q of path) state.add(q);
        return true;
      }
      if (seen[at]) continue;
      seen[at] = 1;
      via[at] = pi;
      queue.push(at);
    }
  }
  return false;
}
