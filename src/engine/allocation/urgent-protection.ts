import { CandidateWindow } from './candidate-window.js';
import { PreparedHousehold, PreparedPair, PreparedVacancy, ProtectionRow } from './prepared-allocation.js';

/*
 * Urgent households keep their priority (policy `displacement.protectUrgent`; Huisvestingswet 2014
 * art. 12, docs/domain.md §3.3 and §6.4): nobody ranked below an urgent candidate gets the dwelling
 * unless that household is housed by the same plan. Two forms, both exact:
 *   - a household that can be chosen for this vacancy only must get it before anyone below it, so the
 *     window is cut at its rank (cutAtSoleChoiceUrgent);
 *   - one with several choices gets a protection row per vacancy (urgentProtectionRow):
 *     sum(pairs below it here) - sum(its pairs elsewhere) <= 0.
 */

/**
 * Per vacancy, the position in `ranked` of the first choosable urgent household that has no other
 * choosable vacancy, or -1. Choices are counted once, over the windows as given (before any cut).
 */
export function soleChoiceUrgentCuts(
  vacancies: readonly Pick<PreparedVacancy, 'index' | 'ranked'>[],
  windows: readonly Pick<CandidateWindow, 'allowed'>[],
  householdCount: number,
): number[] {
  const choosableCount = new Int32Array(householdCount);
  vacancies.forEach((v) => v.ranked.forEach((c, i) => (choosableCount[c.householdIndex] += Number(windows[v.index].allowed[i]))));
  return vacancies.map((v) => v.ranked.findIndex((c, i) => windows[v.index].allowed[i] && c.urgent && choosableCount[c.householdIndex] === 1));
}

/** The windows with the cuts of soleChoiceUrgentCuts applied: nobody below the cut, its rank recorded. */
export function cutAtSoleChoiceUrgent(
  vacancies: readonly Pick<PreparedVacancy, 'index' | 'ranked'>[],
  windows: readonly CandidateWindow[],
  householdCount: number,
): CandidateWindow[] {
  const cuts = soleChoiceUrgentCuts(vacancies, windows, householdCount);
  return windows.map((w, i) => {
    const cut = cuts[i];
    if (cut === -1) return w;
    return { bound: { ...w.bound, protectedRankCut: vacancies[i].ranked[cut].rank }, allowed: w.allowed.map((a, k) => a && k <= cut) };
  });
}

/**
 * The protection row of the pair at position `k` of the vacancy's choosable pairs, or null when there
 * is nothing to protect: the pair is not protected, nobody choosable is ranked below it, or the window
 * was cut at it already (cutAtSoleChoiceUrgent).
 */
export function urgentProtectionRow(
  vacancy: Pick<PreparedVacancy, 'index' | 'id' | 'pairIndices' | 'window'>,
  k: number,
  pairs: readonly Pick<PreparedPair, 'householdIndex' | 'rank' | 'protected'>[],
  households: readonly Pick<PreparedHousehold, 'id'>[],
  pairsByHousehold: readonly (readonly number[])[],
): ProtectionRow | null {
  const pi = vacancy.pairIndices[k];
  const p = pairs[pi];
  if (!p.protected) return null;
  const below = vacancy.pairIndices.slice(k + 1);
  if (below.length === 0 || vacancy.window.protectedRankCut === p.rank) return null;
  return {
    name: `prot_${vacancy.id}_${households[p.householdIndex].id}`,
    vacancyIndex: vacancy.index,
    householdIndex: p.householdIndex,
    rank: p.rank,
    belowPairs: Int32Array.from(below),
    housedPairs: Int32Array.from(pairsByHousehold[p.householdIndex].filter((q) => q !== pi)),
  };
}

/** All protection rows, by vacancy (by id) and then rank. */
export function urgentProtectionRows(
  vacancies: readonly Pick<PreparedVacancy, 'index' | 'id' | 'pairIndices' | 'window'>[],
  pairs: readonly Pick<PreparedPair, 'householdIndex' | 'rank' | 'protected'>[],
  households: readonly Pick<PreparedHousehold, 'id'>[],
  pairsByHousehold: readonly (readonly number[])[],
): ProtectionRow[] {
  const rows: ProtectionRow[] = [];
  for (const v of vacancies) {
    v.pairIndices.forEach((_pi, k) => {
      const row = urgentProtectionRow(v, k, pairs, households, pairsByHousehold);
      if (row) rows.push(row);
    });
  }
  return rows;
}
