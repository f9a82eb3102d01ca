import type { AllocationRoute, IsoDate } from '../model.js';

/**
 * The published order of a candidate list (issue 17): what the advertisement promised seekers, so a
 * position can be explained and checked. Eligible respondents first (the others stay on the list with
 * their reasons, at the end), then by the model of the vacancy:
 * - REGULAR, URGENCY, DIRECT: priority tier (labels, indications, local ties; lower goes first), then
 *   registration date (inschrijfduur: longest first), then household id;
 * - POINTS: priority tier, then points (most first), then registration date, then id;
 * - LOTTERY: priority tier, then the rank the draw gave (src/engine/letting/lottery.ts), then id.
 * Pure and stable: the same respondents, model and draw give the same positions.
 */
export interface ListedRespondent {
  householdId: number;
  eligible: boolean;
  /** Lower goes first (src/engine/eligibility/rule-outcome.ts; src/eligibility/eligibility.mapper.ts, priorityTierOf). */
  priorityTier: number;
  registrationDate: IsoDate;
  rankingPoints: number | null;
  /** 1-based rank in the lottery draw (LOTTERY only). */
  lotteryRank?: number | null;
}

export interface OrderKey {
  eligible: boolean;
  priorityTier: number;
  registrationDate: IsoDate;
  rankingPoints: number | null;
  lotteryRank: number | null;
}

export interface PlacedRespondent {
  householdId: number;
  position: number;
  orderKey: OrderKey;
}

/** Negative when `a` goes before `b` in the published order of `model`. */
export function comparePublishedOrder(model: AllocationRoute): (a: ListedRespondent, b: ListedRespondent) => number {
  return (a, b) => {
    if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
    if (a.priorityTier !== b.priorityTier) return a.priorityTier - b.priorityTier;
    if (model === 'LOTTERY') return (a.lotteryRank ?? Number.MAX_SAFE_INTEGER) - (b.lotteryRank ?? Number.MAX_SAFE_INTEGER) || a.householdId - b.householdId;
    if (model === 'POINTS') {
      const points = (b.rankingPoints ?? 0) - (a.rankingPoints ?? 0);
      if (points !== 0) return points;
    }
    return a.registrationDate.localeCompare(b.registrationDate) || a.householdId - b.householdId;
  };
}

/** Positions 1..n in the published order, each with the key it was ordered by (shown on the list). */
export function orderCandidates(model: AllocationRoute, respondents: readonly ListedRespondent[]): PlacedRespondent[] {
  return [...respondents].sort(comparePublishedOrder(model)).map((r, i) => ({
    householdId: r.householdId,
    position: i + 1,
    orderKey: {
      eligible: r.eligible,
      priorityTier: r.priorityTier,
      registrationDate: r.registrationDate,
      rankingPoints: r.rankingPoints,
      lotteryRank: r.lotteryRank ?? null,
    },
  }));
}
