import { addDays } from '../../common/dates.js';
import { RankedCandidate } from '../rank-candidates.js';
import { aPair } from './allocation-input.builder.js';

/** Test builders for the steps of prepareAllocation, which work on ranked candidates rather than on input. */

/** One candidate at `rank`; by default household id = rank, household index = rank - 1, registered 2015-01-01. */
export function aRankedCandidate(rank: number, overrides: Partial<RankedCandidate> = {}): RankedCandidate {
  const householdId = overrides.householdId ?? rank;
  return {
    householdId,
    householdIndex: householdId - 1,
    rank,
    priorityTier: 0,
    urgent: false,
    registrationDate: '2015-01-01',
    rankingPoints: null,
    lotteryTicket: null,
    pair: aPair(householdId),
    pairIndex: -1,
    ...overrides,
  };
}

/**
 * Households 1..n in rank order, registered one day apart from 2015-01-01 (rank 1 first); `urgent`
 * lists urgent household ids; `ids` replaces the ids (and so the indices) in rank order.
 */
export function aRankedQueue(n: number, options: { urgent?: readonly number[]; ids?: readonly number[] } = {}): RankedCandidate[] {
  return Array.from({ length: n }, (_, i) => {
    const householdId = options.ids?.[i] ?? i + 1;
    return aRankedCandidate(i + 1, { householdId, registrationDate: addDays('2015-01-01', i), urgent: options.urgent?.includes(householdId) ?? false });
  });
}
