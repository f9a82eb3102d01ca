import { sweepOrder } from './candidate-window.js';
import { PreparedVacancy } from './prepared-allocation.js';

/**
 * Total tie-break budget of a plan, in points. Policies have integer points and weights and whole-
 * percent shares, so two plans that differ for real differ by at least 0.01 points; the tie-break adds
 * at most this much in total and only decides between plans that are otherwise equal (prefer better
 * ranks, and better ranks for vacancies earlier in the sweep). Solvers resolve it only down to their
 * tolerances (mip_rel_gap x objective), so on large rounds a tie may still go either way; the answer
 * is nonetheless reproducible, because the solvers are deterministic on the same model.
 */
export const TIE_BREAK_BUDGET = 0.005;

/** The last rank a vacancy's window allows (0 when it allows none); ranks are ascending in `ranked`. */
export function lastAllowedRank(ranked: readonly { rank: number }[], allowed: readonly boolean[]): number {
  let last = 0;
  ranked.forEach((c, i) => (last = allowed[i] ? c.rank : last));
  return last;
}

/** The points a chosen pair earns in the objective (prepared-allocation.ts). */
export interface PairPricing {
  priority(vacancyIndex: number, rank: number): number;
  tieBreak(vacancyIndex: number, rank: number): number;
}

/**
 * Prices of the pairs of a round, from each vacancy's last allowed rank (by vacancy index).
 *
 * Priority (policy `rankStepPoints`, docs/domain.md §6.4): rankStepPoints x (last allowed rank - rank
 * + 1), so passing over k places costs k steps and the waiting-list order is what a target must beat.
 *
 * Tie-break: (budget / V) x rankWeight x vacancyWeight, both in (0, 1]. The product (not a sum) makes
 * a swap of two households between two vacancies strictly ordered: the better-ranked one goes to the
 * vacancy earlier in the sweep (focus first, then id), as in the plain order.
 */
export function pairPricing(
  vacancies: readonly Pick<PreparedVacancy, 'index' | 'focus'>[],
  lastAllowedRanks: readonly number[],
  rankStepPoints: number,
): PairPricing {
  const rankSpan = Math.max(1, ...lastAllowedRanks);
  const tiePerPair = TIE_BREAK_BUDGET / Math.max(1, vacancies.length);
  const sweepPosition = new Int32Array(vacancies.length);
  sweepOrder(vacancies).forEach((v, position) => (sweepPosition[v.index] = position));
  const vacancyWeight = (vacancyIndex: number) => (vacancies.length - sweepPosition[vacancyIndex]) / vacancies.length;
  return {
    priority: (vacancyIndex, rank) => rankStepPoints * (lastAllowedRanks[vacancyIndex] - rank + 1),
    tieBreak: (vacancyIndex, rank) => (tiePerPair * (rankSpan + 1 - rank) * vacancyWeight(vacancyIndex)) / rankSpan,
  };
}
