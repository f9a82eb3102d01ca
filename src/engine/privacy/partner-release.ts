import type { IsoDate } from '../model.js';
import { addDays, addYears } from '../common/dates.js';
import { MIN_CELL_SIZE } from './small-cells.js';

/*
 * Partners read released figures, not live ones (issue 16, need-to-know). Small-cell suppression
 * hides a count of 1 to 4, yet two looks at a live figure a day apart give the difference: a partner
 * who reads a complex's mix before and after one family moves in learns that family's category (the
 * police or the wijkteam know who moved in). So a partner sees a complex as of its release: a month's
 * end, the same for every partner whenever they look, and a release is followed by the next only when
 * at least MIN_CELL_SIZE households have moved (in, out, or out of the window of the windowed counts)
 * since. Any two releases then differ by five households or more, and between releases nothing a
 * partner sees of the complex changes. A release is stored when made: a later correction of history
 * (a back-dated move, a household's changed facts) never changes what partners were shown.
 */

/** Households that must have moved since the last release before the next one is made. */
export const RELEASE_MIN_HOUSEHOLDS = MIN_CELL_SIZE;

/** The date partners' figures are taken on: the last day of the month before `today` (a day every partner shares). */
export function releaseReferenceDate(today: IsoDate): IsoDate {
  return addDays(`${today.slice(0, 7)}-01`, -1);
}

/**
 * The periods whose moves change a complex's figures from one release to the next: the moves between
 * them, and those leaving the windowed counts (inflow, tenancies ended, allocations over the last
 * `windowYears` years). Both as (after, upTo]; the second is empty when the windows do not slide past
 * anything (they overlap the first when the releases lie more than `windowYears` apart: a move then
 * counts once, by household).
 */
export function movePeriods(previous: IsoDate, reference: IsoDate, windowYears: number): { after: IsoDate; upTo: IsoDate }[] {
  return [
    { after: previous, upTo: reference },
    { after: addYears(previous, -windowYears), upTo: addYears(reference, -windowYears) },
  ];
}

export type ReleaseDecision =
  { kind: 'FIRST' } | { kind: 'NEW'; householdsMoved: number } | { kind: 'KEEP'; householdsMoved: number; why: 'UP_TO_DATE' | 'TOO_FEW_MOVES' };

/**
 * Whether a complex gets a new release on `reference`: its first when it has none; none while its
 * latest is on or after `reference`; a new one when at least RELEASE_MIN_HOUSEHOLDS households moved
 * in the move periods since (none moved: the figures would only change by corrections, which must not
 * show either); else the latest release stands.
 */
export function releaseDecision(latest: IsoDate | null, reference: IsoDate, householdsMoved: number): ReleaseDecision {
  if (latest === null) return { kind: 'FIRST' };
  if (latest >= reference) return { kind: 'KEEP', householdsMoved: 0, why: 'UP_TO_DATE' };
  if (householdsMoved >= RELEASE_MIN_HOUSEHOLDS) return { kind: 'NEW', householdsMoved };
  return { kind: 'KEEP', householdsMoved, why: 'TOO_FEW_MOVES' };
}

/**
 * The counts a release's shown figures come from, by cell (a complex's households, a target's count
 * and total, a breakdown's cells and total, ...). Kept with the release, never shown.
 */
export type ReleaseCounts = Readonly<Record<string, number>>;

/** An earlier release of the same complex: its counts and the cells it hid. */
export interface EarlierRelease {
  counts: ReleaseCounts;
  hidden: readonly string[];
}

/**
 * Cells a new release hides because they differ by 1 to RELEASE_MIN_HOUSEHOLDS - 1 from what the
 * last release that showed them showed: five households moving guarantee no single figure a mix of
 * five, so a cell that moved by one (the newcomer's route among four who left) would still point at
 * a household. A cell hidden now is compared again at the next release with the value the partner
 * last saw. `earlier`: oldest first.
 */
export function hiddenByDifference(counts: ReleaseCounts, earlier: readonly EarlierRelease[]): string[] {
  const hidden: string[] = [];
  for (const [cell, value] of Object.entries(counts)) {
    const lastShown = [...earlier].reverse().find((r) => cell in r.counts && !r.hidden.includes(cell));
    if (!lastShown) continue;
    const difference = Math.abs(value - lastShown.counts[cell]);
    if (difference > 0 && difference < RELEASE_MIN_HOUSEHOLDS) hidden.push(cell);
  }
  return hidden.sort();
}

/**
 * Counts a release passes on into other figures (a buurt's inflow in its priority) instead of
 * showing them: each is held at the value the previous release passed on while it differs from
 * that by 1 to RELEASE_MIN_HOUSEHOLDS - 1, so a ranking or share built from them never moves by one
 * household. The first release passes its counts on as they are.
 */
export function heldCounts<K extends string>(current: Readonly<Record<K, number>>, previous: Readonly<Record<K, number>> | null): Record<K, number> {
  const held: Record<K, number> = { ...current };
  if (previous === null) return held;
  for (const key of Object.keys(current) as K[]) {
    const difference = Math.abs(current[key] - previous[key]);
    if (difference > 0 && difference < RELEASE_MIN_HOUSEHOLDS) held[key] = previous[key];
  }
  return held;
}
