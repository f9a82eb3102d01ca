import { SeededRandom } from '../common/seeded-random.js';
import { COMPOSITION_CATEGORIES, COMPOSITION_DIMENSIONS, CompositionDimension, share } from '../composition/compute-composition.js';
import { AllocationInput } from '../allocation/allocation-input.js';
import { CompositionPolicy, targetsForComplex } from '../allocation/composition-policy.js';
import { prepareAllocation } from '../allocation/prepare-allocation.js';
import { addDays } from '../common/dates.js';
import { solveAllocation } from '../allocation/solve-allocation.js';
import { Solver } from '../allocation/solver.port.js';
import { QUOTA_COUNTER_KEYS, QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { AllocationRoute, IsoDate } from '../model.js';

/**
 * Monte Carlo simulation of one complex over the years (README, "Simulation for managers"): tenants move out by their
 * turnover rate, each vacancy is allocated by the allocation engine itself (prepareAllocation and
 * solveAllocation, as a live proposal), respondents are drawn from the applicant pool, and
 * registration times age. Pure and deterministic for a seed.
 */

/** An applicant of the pool: judged eligible for the complex's homes when the simulation was set up. */
export interface SimulationApplicant {
  id: number;
  reference: string;
  /** Days registered on the simulation's start date; grows as the simulated years pass. */
  waitDays: number;
  urgent: boolean;
  priorityTier: number;
  categories: Readonly<Record<CompositionDimension, string>>;
  countsAs: readonly QuotaCounterKey[];
}

export interface SimulationTenant {
  categories: Readonly<Record<CompositionDimension, string>>;
}

export interface SimulationPolicy {
  name: string;
  policy: CompositionPolicy;
}

export interface SimulationInput {
  complex: { id: number; reference: string; resilienceClass: number; dwellingCount: number };
  /** Current tenants, one per occupied home. */
  tenants: readonly SimulationTenant[];
  applicants: readonly SimulationApplicant[];
  respondentsPerVacancy: number;
  /**
   * A given mix of the respondents in one dimension (e.g. 20% VULNERABLE), instead of the pool's own:
   * each respondent is drawn from a category with its share. Null: drawn from the pool as it is.
   */
  applicantMix: { dimension: CompositionDimension; shares: Readonly<Record<string, number>> } | null;
  /**
   * Probability that an offered household accepts, per category of one dimension (a response pattern:
   * households with other options decline homes in a complex with a reputation). One who declines is
   * not offered this home again, and the engine proposes the next, as in a live allocation. A category
   * without a rate accepts; null: everyone offered accepts.
   */
  acceptance: { dimension: CompositionDimension; rates: Readonly<Record<string, number>> } | null;
  /** Annual probability that a tenant of a household type moves out. */
  turnoverByHouseholdType: Readonly<Record<string, number>>;
  /** The plain order (no targets) is one of them, as the baseline. */
  policies: readonly SimulationPolicy[];
  route: AllocationRoute;
  horizonYears: number;
  startDate: IsoDate;
  seed: number;
}

/** A series is a category of a dimension, or the categories of a target (e.g. work or pension). */
export interface SeriesKey {
  id: string;
  dimension: CompositionDimension;
  categories: readonly string[];
}

/** What one run of one policy produced: year-end shares (basis points) per series, and allocation facts. */
export interface RunOutcome {
  /** shares[seriesIndex][year] for years 0..horizon (year 0 = the start). */
  shares: number[][];
  allocations: number;
  /** Offers made, accepted or declined. */
  offers: number;
  deviated: number;
  chosenWaitDays: number;
  plainWaitDays: number;
  urgentAllocations: number;
  urgentWaitDays: number;
  counts: Record<QuotaCounterKey, number>;
}

const NO_SOLVER: Solver = {
  name: 'none',
  version: '0',
  solve: () => Promise.reject(new Error('a simulated vacancy is one vacancy: the exact single-vacancy path needs no MIP solver')),
};

const ZERO_COUNTS = (): Record<QuotaCounterKey, number> => Object.fromEntries(QUOTA_COUNTER_KEYS.map((k) => [k, 0])) as Record<QuotaCounterKey, number>;

/** Every category of every dimension, then each target of each policy (as its category set). */
export function seriesKeys(input: Pick<SimulationInput, 'policies' | 'complex'>): SeriesKey[] {
  const keys: SeriesKey[] = COMPOSITION_DIMENSIONS.flatMap((dimension) =>
    COMPOSITION_CATEGORIES[dimension].map((c) => ({ id: `${dimension}:${c}`, dimension, categories: [c] })),
  );
  for (const p of input.policies) {
    for (const t of targetsForComplex(p.policy, input.complex)) {
      const id = `TARGET:${t.id}`;
      if (t.categories.length > 1 && !keys.some((k) => k.id === id)) keys.push({ id, dimension: t.dimension, categories: [...t.categories] });
    }
  }
  return keys;
}

function sharesOf(tenants: readonly (SimulationTenant | null)[], keys: readonly SeriesKey[]): number[] {
  const occupied = tenants.filter((t): t is SimulationTenant => t !== null);
  return keys.map((k) => Math.round(share(occupied.filter((t) => k.categories.includes(t.categories[k.dimension])).length, occupied.length) * 10_000));
}

function compositionOf(tenants: readonly (SimulationTenant | null)[]) {
  const occupied = tenants.filter((t): t is SimulationTenant => t !== null);
  return {
    dimensions: COMPOSITION_DIMENSIONS.map((dimension) => ({
      dimension,
      total: occupied.length,
      categories: COMPOSITION_CATEGORIES[dimension].map((category) => {
        const count = occupied.filter((t) => t.categories[dimension] === category).length;
        return { category, count, share: share(count, occupied.length) };
      }),
    })),
  };
}

/**
 * Draws up to k distinct indices of 0..n-1 not in `skip`: by rejection while the pool is large
 * against k (the usual case: thousands of applicants, tens of respondents), else by a partial
 * Fisher-Yates shuffle of what is left.
 */
function drawDistinct(rng: SeededRandom, n: number, k: number, skip: ReadonlySet<number>): number[] {
  const free = n - skip.size;
  if (free <= 0) return [];
  if (free >= 4 * k) {
    const picked = new Set<number>();
    while (picked.size < k) {
      const i = rng.int(0, n - 1);
      if (!skip.has(i)) picked.add(i);
    }
    return [...picked].sort((a, b) => a - b);
  }
  const pool: number[] = [];
  for (let i = 0; i < n; i += 1) if (!skip.has(i)) pool.push(i);
  const take = Math.min(k, pool.length);
  for (let i = 0; i < take; i += 1) {
    const j = i + rng.int(0, pool.length - 1 - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/**
 * Respondents drawn category by category in the given shares: the number from each category is
 * drawn first, then that many distinct applicants of the category (not housed); a category with
 * too few left gives what it has.
 */
function drawByMix(rng: SeededRandom, input: SimulationInput, facts: PreparedApplicants, housed: ReadonlySet<number>): number[] {
  const mix = input.applicantMix!;
  const categories = Object.keys(mix.shares)
    .filter((c) => mix.shares[c] > 0)
    .sort();
  if (categories.length === 0) return [];
  const wanted = new Map(categories.map((c) => [c, 0]));
  for (let k = 0; k < input.respondentsPerVacancy; k += 1) {
    const c = categories[rng.weightedIndex(categories.map((x) => mix.shares[x]))];
    wanted.set(c, wanted.get(c)! + 1);
  }
  const picked: number[] = [];
  for (const c of categories) {
    const members = facts.byCategory.get(c) ?? [];
    const chosen = new Set<number>();
    if (members.length >= 4 * (wanted.get(c)! + housed.size)) {
      // by rejection: few of the category are housed or chosen already
      while (chosen.size < wanted.get(c)!) {
        const i = members[rng.int(0, members.length - 1)];
        if (!housed.has(i)) chosen.add(i);
      }
    } else {
      const left = members.filter((i) => !housed.has(i));
      const take = Math.min(wanted.get(c)!, left.length);
      while (chosen.size < take) chosen.add(left[rng.int(0, left.length - 1)]);
    }
    picked.push(...chosen);
  }
  return picked.sort((a, b) => a - b);
}

/** Facts of the input computed once for every run: registration dates and the plain-order position. */
export interface PreparedApplicants {
  registrationDate: IsoDate[];
  /** Applicant indices per category of the mix's dimension (when a mix is given). */
  byCategory: Map<string, number[]>;
  /** Position in the plain order of a route ranked by tier, registration date and id (REGULAR, DIRECT). */
  orderKey: Int32Array;
}

export function prepareApplicants(input: SimulationInput): PreparedApplicants {
  const registrationDate = input.applicants.map((a) => addDays(input.startDate, -a.waitDays));
  const order = input.applicants
    .map((_, i) => i)
    .sort((a, b) => {
      const x = input.applicants[a];
      const y = input.applicants[b];
      return (
        x.priorityTier - y.priorityTier || (registrationDate[a] < registrationDate[b] ? -1 : registrationDate[a] > registrationDate[b] ? 1 : 0) || x.id - y.id
      );
    });
  const orderKey = new Int32Array(input.applicants.length);
  order.forEach((applicant, position) => (orderKey[applicant] = position));
  const byCategory = new Map<string, number[]>();
  if (input.applicantMix) {
    const dimension = input.applicantMix.dimension;
    input.applicants.forEach((a, i) => {
      const list = byCategory.get(a.categories[dimension]);
      if (list) list.push(i);
      else byCategory.set(a.categories[dimension], [i]);
    });
  }
  return { registrationDate, orderKey, byCategory };
}

/**
 * The respondents that can be chosen: on a route ranked by registration, with a displacement bound
 * of k places, only the first k + 1 in the plain order (the engine's own exact pruning: those below
 * cannot be chosen and hold no priority over them). Without a bound, or on other routes, all.
 */
function choosable(input: SimulationInput, policy: SimulationPolicy, drawn: number[], prepared: PreparedApplicants): number[] {
  const bound = policy.policy.displacement.maxPositions;
  if (bound === null || (input.route !== 'REGULAR' && input.route !== 'DIRECT') || drawn.length <= bound + 1) return drawn;
  return [...drawn]
    .sort((a, b) => prepared.orderKey[a] - prepared.orderKey[b])
    .slice(0, bound + 1)
    .sort((a, b) => a - b);
}

/** One run of one policy. Uses the run's own random stream (the same for every policy: common random numbers). */
export async function simulateRun(
  input: SimulationInput,
  policy: SimulationPolicy,
  run: number,
  keys: readonly SeriesKey[],
  facts: PreparedApplicants = prepareApplicants(input),
  options: { pruneToBound: boolean } = { pruneToBound: true },
): Promise<RunOutcome> {
  const rng = new SeededRandom(input.seed).fork(`run:${run}`);
  const slots: (SimulationTenant | null)[] = Array.from({ length: input.complex.dwellingCount }, (_, i) => input.tenants[i] ?? null);
  const housed = new Set<number>();
  const shares = keys.map(() => new Array<number>(input.horizonYears + 1).fill(0));
  const record = (year: number) => sharesOf(slots, keys).forEach((v, s) => (shares[s][year] = v));
  record(0);
  const out: RunOutcome = {
    shares,
    allocations: 0,
    offers: 0,
    deviated: 0,
    chosenWaitDays: 0,
    plainWaitDays: 0,
    urgentAllocations: 0,
    urgentWaitDays: 0,
    counts: ZERO_COUNTS(),
  };
  for (let year = 1; year <= input.horizonYears; year += 1) {
    // who moves out this year, and on which day (empty homes at the start are let at once)
    const events: { slot: number; day: number }[] = [];
    slots.forEach((t, slot) => {
      if (t === null) events.push({ slot, day: 0 });
      else if (rng.next() < (input.turnoverByHouseholdType[t.categories.HOUSEHOLD_TYPE] ?? 0)) events.push({ slot, day: rng.int(0, 364) });
    });
    events.sort((a, b) => a.day - b.day || a.slot - b.slot);
    for (const e of events) {
      slots[e.slot] = null;
      const elapsed = (year - 1) * 365 + e.day;
      const date = addDays(input.startDate, elapsed);
      let remaining = input.applicantMix
        ? drawByMix(rng, input, facts, housed)
        : drawDistinct(rng, input.applicants.length, input.respondentsPerVacancy, housed);
      // offer by offer, as in a live allocation: a household that declines is not offered this home again
      while (remaining.length > 0) {
        const considered = options.pruneToBound ? choosable(input, policy, remaining, facts) : remaining;
        const respondents = considered.map((i) => input.applicants[i]);
        const registered = new Map(considered.map((i) => [input.applicants[i].id, facts.registrationDate[i]]));
        const allocation: AllocationInput = {
          allocationDate: date,
          policy: policy.policy,
          seed: input.seed,
          complexes: [
            { id: input.complex.id, reference: input.complex.reference, resilienceClass: input.complex.resilienceClass, composition: compositionOf(slots) },
          ],
          households: respondents.map((a) => ({
            id: a.id,
            reference: a.reference,
            registrationDate: registered.get(a.id)!,
            rankingPoints: null,
            urgent: a.urgent,
            categories: a.categories,
          })),
          vacancies: [
            {
              id: e.slot + 1,
              reference: `SIM-${input.complex.reference}-${e.slot + 1}`,
              complexId: input.complex.id,
              route: input.route,
              focus: true,
              candidates: respondents.map((a) => ({
                householdId: a.id,
                priorityTier: a.priorityTier,
                verdict: { countsAs: [...a.countsAs], summary: 'eligible (simulated applicant)' },
              })),
            },
          ],
          quotaScopes: [],
        };
        const prepared = prepareAllocation(allocation);
        const solved = await solveAllocation(prepared, NO_SOLVER, { timeLimitMs: 1000 });
        const pairIndex = solved.assignment?.[0] ?? -1;
        if (pairIndex < 0) break;
        const chosen = prepared.households[prepared.pairs[pairIndex].householdIndex];
        const position = respondents.findIndex((a) => a.id === chosen.id);
        const applicant = respondents[position];
        out.offers += 1;
        const acceptRate = input.acceptance?.rates[applicant.categories[input.acceptance.dimension]];
        if (acceptRate !== undefined && rng.next() >= acceptRate) {
          remaining = remaining.filter((i) => i !== considered[position]);
          continue;
        }
        const vacancy = prepared.vacancies[0];
        const rank = vacancy.ranked.find((c) => c.householdId === chosen.id)!.rank;
        const plain = respondents.find((a) => a.id === vacancy.ranked[0].householdId)!;
        housed.add(considered[position]);
        slots[e.slot] = { categories: applicant.categories };
        out.allocations += 1;
        if (rank > 1) out.deviated += 1;
        out.chosenWaitDays += applicant.waitDays + elapsed;
        out.plainWaitDays += plain.waitDays + elapsed;
        if (applicant.urgent) {
          out.urgentAllocations += 1;
          out.urgentWaitDays += applicant.waitDays + elapsed;
        }
        for (const c of applicant.countsAs) out.counts[c] = (out.counts[c] ?? 0) + 1;
        break;
      }
    }
    record(year);
  }
  return out;
}

/** Runs `runs` (a slice of all runs: from `firstRun`) for every policy. */
export async function simulateRuns(
  input: SimulationInput,
  firstRun: number,
  count: number,
  onRun?: () => void,
  options = { pruneToBound: true },
): Promise<RunOutcome[][]> {
  const keys = seriesKeys(input);
  const prepared = prepareApplicants(input);
  const outcomes: RunOutcome[][] = input.policies.map(() => []);
  for (let run = firstRun; run < firstRun + count; run += 1) {
    for (let p = 0; p < input.policies.length; p += 1) outcomes[p].push(await simulateRun(input, input.policies[p], run, keys, prepared, options));
    onRun?.();
  }
  return outcomes;
}
