import type { CategoryCount, Composition, InflowComposition } from '../composition/compute-composition.js';
import type { GroupRate } from '../reports/allocation-report.js';

/**
 * Small-cell suppression for readers who see aggregates only (managers; README, "Who sees what"):
 * a count of 1 to MIN_CELL_SIZE - 1 households could point at a person in a complex of forty homes,
 * so it is shown as null, and so is a second cell of the same breakdown when one suppressed cell
 * could otherwise be worked out from the total (complementary suppression, as statistical offices
 * do). Zero is shown: it names nobody. The threshold is the association's disclosure policy.
 */
export const MIN_CELL_SIZE = 5;

export function isSmallCell(count: number): boolean {
  return count > 0 && count < MIN_CELL_SIZE;
}

/**
 * Which cells of one breakdown (whose counts add up to a shown total) to suppress: the small ones,
 * then the smallest other non-zero cells until no hidden cell can be worked out from the total. A
 * reader who knows the total knows the hidden cells' sum S and that each is at least 1: with k hidden
 * cells (k >= 2; one alone is the sum itself) each may be any of S - k + 1 values, which must be two or more. So one small cell takes a
 * partner (complementary suppression, as statistical offices do), and two cells of 1 beside a 20 hide
 * the 20 too, or each would be known to be 1. `hiddenAlready`: cells hidden for another reason (a
 * partner's release hides a cell that moved by 1-4), which need a partner just as a small one does.
 */
export function cellsToSuppress(counts: readonly number[], hiddenAlready: readonly boolean[] = []): boolean[] {
  const hidden = counts.map((c, i) => isSmallCell(c) || hiddenAlready[i] === true);
  const pinnedDown = () => {
    const k = hidden.filter(Boolean).length;
    const sum = counts.reduce((s, c, i) => (hidden[i] ? s + c : s), 0);
    // one hidden cell is the total minus the shown ones; of k >= 2, each is 1 to S - k + 1
    return k === 1 || (k > 1 && sum - k + 1 < 2);
  };
  while (pinnedDown()) {
    let partner = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (partner === -1 || c < counts[partner])) partner = i;
    });
    // every non-zero cell hidden: the total is then a small cell or hidden by its own rule
    if (partner === -1) break;
    hidden[partner] = true;
  }
  return hidden;
}

/** A part of a whole is hidden when it, or the rest of the whole, is a small cell (either gives the other away). */
export function isHiddenPart(count: number, whole: number): boolean {
  return isSmallCell(count) || isSmallCell(whole - count);
}

export type SuppressedCategory = Omit<CategoryCount, 'count' | 'share'> & { count: number | null; share: number | null };
export type SuppressedInflow = Omit<InflowComposition, 'count' | 'urgentCount' | 'urgentShare' | 'vulnerableCount' | 'vulnerableShare'> & {
  count: number | null;
  urgentCount: number | null;
  urgentShare: number | null;
  vulnerableCount: number | null;
  vulnerableShare: number | null;
};
export interface SuppressedComposition extends Omit<Composition, 'dimensions' | 'inflow'> {
  dimensions: { dimension: Composition['dimensions'][number]['dimension']; total: number; categories: SuppressedCategory[] }[];
  inflow: SuppressedInflow;
}

/** A part of a whole: hidden when it, or the rest of the whole, is a small cell. */
function part(count: number, whole: number, share: number): { count: number | null; share: number | null } {
  return isHiddenPart(count, whole) ? { count: null, share: null } : { count, share };
}

export function suppressComposition(c: Composition): SuppressedComposition {
  const inflowHidden = isSmallCell(c.inflow.count);
  const urgent = inflowHidden ? { count: null, share: null } : part(c.inflow.urgentCount, c.inflow.count, c.inflow.urgentShare);
  const vulnerable = inflowHidden ? { count: null, share: null } : part(c.inflow.vulnerableCount, c.inflow.count, c.inflow.vulnerableShare);
  return {
    ...c,
    dimensions: c.dimensions.map((d) => {
      const hidden = cellsToSuppress(d.categories.map((x) => x.count));
      return { ...d, categories: d.categories.map((x, i) => (hidden[i] ? { ...x, count: null, share: null } : { ...x })) };
    }),
    inflow: {
      ...c.inflow,
      count: inflowHidden ? null : c.inflow.count,
      urgentCount: urgent.count,
      urgentShare: urgent.share,
      vulnerableCount: vulnerable.count,
      vulnerableShare: vulnerable.share,
    },
  };
}

export type SuppressedGroupRate = Omit<GroupRate, 'applicants' | 'allocated' | 'rateBasisPoints'> & {
  applicants: number | null;
  allocated: number | null;
  rateBasisPoints: number | null;
};

/**
 * Allocation rates per group: a row is hidden when its applicants, its allocated or its
 * not-allocated households form a small cell; per dimension, one hidden row hides another.
 */
export function suppressGroupRates(groups: readonly GroupRate[]): SuppressedGroupRate[] {
  const hidden = new Set<GroupRate>();
  const dimensions = [...new Set(groups.map((g) => g.dimension))];
  for (const dimension of dimensions) {
    const rows = groups.filter((g) => g.dimension === dimension);
    const small = rows.map((g) => isSmallCell(g.applicants) || isSmallCell(g.allocated) || isSmallCell(g.applicants - g.allocated));
    if (small.filter(Boolean).length === 1) {
      const others = rows
        .map((g, i) => ({ g, i }))
        .filter(({ g, i }) => !small[i] && g.applicants > 0)
        .sort((a, b) => a.g.applicants - b.g.applicants);
      if (others.length) small[others[0].i] = true;
    }
    rows.forEach((g, i) => small[i] && hidden.add(g));
  }
  return groups.map((g) => (hidden.has(g) ? { ...g, applicants: null, allocated: null, rateBasisPoints: null } : { ...g }));
}
