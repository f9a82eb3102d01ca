import { addDays } from '../common/dates.js';
import { AllocationRoute } from '../model.js';
import { DisplacementPolicy } from './composition-policy.js';
import { PreparedVacancy, WindowBound } from './prepared-allocation.js';

/** Routes whose plain order is by registration date (inschrijfduur): the registration-days bound applies only there. */
export const ROUTES_RANKED_BY_REGISTRATION: ReadonlySet<AllocationRoute> = new Set(['REGULAR', 'DIRECT']);

/** The order in which the plain-order sweep serves vacancies: focus vacancies first, then by index (= by id). */
export function sweepOrder<V extends Pick<PreparedVacancy, 'focus' | 'index'>>(vacancies: readonly V[]): V[] {
  return [...vacancies].sort((a, b) => Number(b.focus) - Number(a.focus) || a.index - b.index);
}

/**
 * The plain-order plan (what allocation without composition steering does): ranks are swept from 1
 * down; at each rank every vacancy still empty (focus vacancies first, then by id) takes its candidate
 * of that rank if the household is still free. For one vacancy this is its rank-1 candidate.
 */
export function plainOrderPlan(vacancies: readonly Pick<PreparedVacancy, 'ranked' | 'focus' | 'index'>[], householdCount: number): Int32Array {
  const plan = new Int32Array(vacancies.length).fill(-1);
  const taken = new Uint8Array(householdCount);
  const order = sweepOrder(vacancies);
  const longest = Math.max(0, ...vacancies.map((v) => v.ranked.length));
  for (let r = 0; r < longest; r += 1) {
    for (const v of order) {
      if (plan[v.index] !== -1 || r >= v.ranked.length) continue;
      const h = v.ranked[r].householdIndex;
      if (taken[h]) continue;
      taken[h] = 1;
      plan[v.index] = h;
    }
  }
  return plan;
}

/** Which of a vacancy's ranked candidates may be chosen, and why the others may not. */
export interface CandidateWindow {
  bound: WindowBound;
  /** Per ranked candidate, in rank order: may the plan choose it? */
  allowed: boolean[];
}

/**
 * Displacement bound (policy `displacement`, docs/domain.md §6.4): a proposal may reach at most
 * `maxPositions` places below the household the plain-order plan gives this vacancy and, on routes
 * ranked by registration, at most `maxRegistrationDays` of registration time later than it. Steering
 * works inside the waiting-list order, not around it (docs/domain.md §6.4, legal room for steering).
 * Candidates outside cannot be chosen and are left out of the model (exact pruning). When the plain-
 * order plan leaves the vacancy empty (`plainHouseholdIndex` -1) there is nothing to measure from: no bound.
 */
export function candidateWindow(
  vacancy: Pick<PreparedVacancy, 'ranked' | 'route'>,
  plainHouseholdIndex: number,
  displacement: Pick<DisplacementPolicy, 'maxPositions' | 'maxRegistrationDays'>,
): CandidateWindow {
  const { ranked, route } = vacancy;
  const plainRank = plainHouseholdIndex === -1 ? null : ranked.find((c) => c.householdIndex === plainHouseholdIndex)!.rank;
  const { maxPositions, maxRegistrationDays } = displacement;
  const maxRankByPositions = maxPositions === null || plainRank === null ? null : plainRank + maxPositions;
  const latestRegistrationDate =
    maxRegistrationDays === null || plainRank === null || !ROUTES_RANKED_BY_REGISTRATION.has(route)
      ? null
      : addDays(ranked[plainRank - 1].registrationDate, maxRegistrationDays);
  return {
    bound: { plainPlanRank: plainRank, maxRankByPositions, latestRegistrationDate, protectedRankCut: null },
    // candidates ranked above the plain one are never cut by the registration bound
    allowed: ranked.map(
      (c) =>
        (maxRankByPositions === null || c.rank <= maxRankByPositions) &&
        (latestRegistrationDate === null || c.rank <= plainRank! || c.registrationDate <= latestRegistrationDate),
    ),
  };
}
