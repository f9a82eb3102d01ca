import { SeededRandom } from '../common/seeded-random.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { AllocationHousehold, AllocationVacancy, EligiblePair } from './allocation-input.js';

/** One eligible household in the route's order for one vacancy (the plain order: no composition). */
export interface RankedCandidate {
  householdId: number;
  /** Position of the household in the caller's list (its `index`), or -1 when the caller has none. */
  householdIndex: number;
  /** 1 = the plain-order candidate. */
  rank: number;
  priorityTier: number;
  urgent: boolean;
  registrationDate: IsoDate;
  /** POINTS only: the household's ranking points (null: none registered). */
  rankingPoints: number | null;
  /** LOTTERY only: the household's draw, reproducible from the recorded seed. */
  lotteryTicket: number | null;
  pair: EligiblePair;
  /** Set by prepareAllocation: the model pair of this candidate, or -1 when it cannot be chosen. */
  pairIndex: number;
}

type RankableHousehold = Pick<AllocationHousehold, 'id' | 'registrationDate' | 'urgent' | 'rankingPoints'> & {
  index?: number;
  /** dateKey(registrationDate), when the caller has it already (prepareAllocation). */
  registrationKey?: number;
};

/** How each route orders its candidates, for explanations. */
export const ROUTE_ORDER: Record<AllocationRoute, string> = {
  REGULAR: 'priority tier, then registration date (inschrijfduur), then household id',
  URGENCY: 'urgent households first, then priority tier, registration date and household id',
  LOTTERY: 'priority tier, then the lottery draw (recorded seed), then household id',
  DIRECT: 'officer-chosen route; plain order by priority tier, registration date and household id',
  POINTS: 'priority tier, then ranking points (most first; none registered last), then registration date and household id',
};

/**
 * The lottery stream of a vacancy: one ticket per household, from a fork named after the vacancy and
 * the household, so a ticket does not change when other households join or leave the pool.
 */
export function lotteryTicket(seed: number, vacancyReference: string, householdId: number): number {
  return new SeededRandom(seed).fork(`lottery:${vacancyReference}`).fork(`household:${householdId}`).nextUint32();
}

/**
 * The plain order of a vacancy's eligible candidates under its route. Pure and total: every tie ends
 * on the household id. Throws only when a candidate names a household that is not in `households`.
 */
export function rankCandidates(
  vacancy: Pick<AllocationVacancy, 'reference' | 'route' | 'candidates'>,
  households: ReadonlyMap<number, RankableHousehold>,
  seed: number,
): RankedCandidate[] {
  const n = vacancy.candidates.length;
  const lottery = vacancy.route === 'LOTTERY' ? new SeededRandom(seed).fork(`lottery:${vacancy.reference}`) : null;
  const found: RankableHousehold[] = new Array(n);
  // Numeric sort keys (no per-comparison string work: a pool of thousands is sorted per vacancy).
  const primary = new Float64Array(n);
  const secondary = new Float64Array(n);
  const tertiary = new Float64Array(n);
  const tickets = lottery ? new Float64Array(n) : null;
  for (let i = 0; i < n; i += 1) {
    const pair = vacancy.candidates[i];
    const h = households.get(pair.householdId);
    if (!h) throw new RangeError(`Vacancy ${vacancy.reference}: candidate household ${pair.householdId} is not in the input`);
    found[i] = h;
    const urgentFirst = vacancy.route === 'URGENCY' && !h.urgent ? 1 : 0;
    primary[i] = urgentFirst * 1e6 + pair.priorityTier;
    if (tickets) secondary[i] = tickets[i] = lottery!.fork(`household:${h.id}`).nextUint32();
    else if (vacancy.route === 'POINTS') {
      // most points first; a household without registered points after those with zero
      secondary[i] = -(h.rankingPoints ?? -1);
      tertiary[i] = h.registrationKey ?? dateKey(h.registrationDate);
    } else secondary[i] = h.registrationKey ?? dateKey(h.registrationDate);
  }
  const order = packedOrder(vacancy.route, primary, secondary, found) ?? comparedOrder(primary, secondary, tertiary, found);
  return order.map((i, position) => {
    const h = found[i];
    return {
      householdId: h.id,
      householdIndex: h.index ?? -1,
      rank: position + 1,
      priorityTier: vacancy.candidates[i].priorityTier,
      urgent: h.urgent,
      registrationDate: h.registrationDate,
      rankingPoints: vacancy.route === 'POINTS' ? h.rankingPoints : null,
      lotteryTicket: tickets ? tickets[i] : null,
      pair: vacancy.candidates[i],
      pairIndex: -1,
    };
  });
}

function comparedOrder(primary: Float64Array, secondary: Float64Array, tertiary: Float64Array, found: readonly RankableHousehold[]): number[] {
  const order = Array.from({ length: found.length }, (_, i) => i);
  return order.sort((a, b) => primary[a] - primary[b] || secondary[a] - secondary[b] || tertiary[a] - tertiary[b] || found[a].id - found[b].id);
}

const INDEX_SPAN = 2 ** 17;
const DATE_SPAN = 2 ** 27;
const PRIMARY_SPAN = 2 ** 9;

/**
 * The same order as comparedOrder, sorted as plain numbers without a comparison callback (preparing
 * the large region's round: 160-173 ms before, 134-165 after, medians of 21 in three alternating
 * pairs of runs) where that is exact: routes ordered by priority tier
 * (urgent first under URGENCY) and registration date, candidates listed by ascending household id (so
 * their position breaks ties as the id does), tiers whole numbers below 256 and fewer than 2^17
 * candidates. Each key, (tier, date, position) in 9 + 27 + 17 bits, is a whole number below 2^53,
 * which a double holds exactly. Null where any of that does not hold.
 */
function packedOrder(route: AllocationRoute, primary: Float64Array, secondary: Float64Array, found: readonly RankableHousehold[]): number[] | null {
  const n = found.length;
  if (route === 'LOTTERY' || route === 'POINTS' || n >= INDEX_SPAN) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    if (i > 0 && !(found[i - 1].id < found[i].id)) return null;
    // primary is urgentFirst x 1e6 + tier (rankCandidates)
    const urgentFirst = primary[i] >= 1e6 ? 1 : 0;
    const tier = primary[i] - urgentFirst * 1e6;
    if (!Number.isInteger(tier) || tier < 0 || tier >= PRIMARY_SPAN / 2 || !(secondary[i] >= 0 && secondary[i] < DATE_SPAN)) return null;
    keys[i] = ((urgentFirst * (PRIMARY_SPAN / 2) + tier) * DATE_SPAN + secondary[i]) * INDEX_SPAN + i;
  }
  keys.sort();
  const order = new Array<number>(n);
  for (let k = 0; k < n; k += 1) order[k] = keys[k] % INDEX_SPAN;
  return order;
}

/** YYYY-MM-DD as the number YYYYMMDD (same order as the string), digit by digit: no substrings for every pair of a round. */
export function dateKey(date: IsoDate): number {
  let key = 0;
  for (const at of DATE_DIGITS) key = key * 10 + (date.charCodeAt(at) - 48);
  return key;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
