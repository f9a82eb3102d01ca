import { SeededRandom } from '../common/seeded-random.js';
import {
  AGE_BANDS,
  COMPOSITION_CATEGORIES,
  COMPOSITION_DIMENSIONS,
  CompositionDimension,
  DimensionComposition,
  INCOME_BANDS,
  share,
} from '../composition/compute-composition.js';
import { HOUSEHOLD_TYPES } from '../common/household-profile.js';
import { DEFAULT_LOCAL_POLICY } from '../eligibility/default-local-policy.js';
import { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { AllocationRoute, INCOME_SOURCES, IsoDate } from '../model.js';
import { AllocationComplex, AllocationHousehold, AllocationInput, AllocationVacancy, EligiblePair } from './allocation-input.js';
import { CompositionPolicy, DEFAULT_COMPOSITION_POLICY } from './composition-policy.js';
import { addDays } from '../common/dates.js';

/**
 * Seeded allocation instances for benchmarks and medium-size tests (npm run bench: README, "Benchmarks"):
 * V vacancies in about V/6 complexes, H households (25% vulnerable, 10% urgent), each
 * eligible for 18-36% of the vacancies, complexes with a current composition that leans vulnerable
 * where resilience is low. Pure: the same spec gives a deep-equal instance.
 * Fictional benchmark data: none of these shares is a legal or policy figure.
 */
export interface BenchInstanceSpec {
  vacancies: number;
  households: number;
  seed: number;
  /** Share of households eligible per vacancy, drawn per vacancy in [min, max]. Default [0.18, 0.36]. */
  eligibleShare?: readonly [number, number];
  /** Displacement bound in places; undefined = the default policy's, null = unbounded. */
  maxPositions?: number | null;
  /** Add the association's quota scope with year-to-date counts (rounds). Default true. */
  quotas?: boolean;
  allocationDate?: IsoDate;
}

export interface BenchScenario {
  name: string;
  spec: BenchInstanceSpec;
}

/** The benchmark names written to bench/results.json (README, "Benchmarks"), with the instance each one solves (seed 1; use other seeds for medians). */
export const BENCH_SCENARIOS: readonly BenchScenario[] = [
  { name: 'proposal_200', spec: { vacancies: 1, households: 200, seed: 1, eligibleShare: [1, 1], quotas: false } },
  { name: 'proposal_2000', spec: { vacancies: 1, households: 2000, seed: 1, eligibleShare: [1, 1], quotas: false } },
  { name: 'round_50x2000', spec: { vacancies: 50, households: 2000, seed: 1 } },
  { name: 'round_200x5000', spec: { vacancies: 200, households: 5000, seed: 1 } },
  { name: 'round_500x20000', spec: { vacancies: 500, households: 20000, seed: 1 } },
];

const RESILIENCE_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [1, 0.15],
  [2, 0.2],
  [3, 0.3],
  [4, 0.2],
  [5, 0.15],
];
/** Current vulnerable share by resilience class (benchmark model, fictional). */
const VULNERABLE_SHARE: Record<number, readonly [number, number]> = { 1: [0.35, 0.5], 2: [0.28, 0.42], 3: [0.18, 0.32], 4: [0.1, 0.22], 5: [0.04, 0.14] };
const ROUTES: ReadonlyArray<readonly [AllocationRoute, number]> = [
  ['REGULAR', 0.8],
  ['LOTTERY', 0.1],
  ['URGENCY', 0.05],
  ['DIRECT', 0.05],
];

/** Counts per category that sum to `total`, from weights (largest remainders, deterministic). */
function spread(total: number, categories: readonly string[], weights: readonly number[]): DimensionComposition['categories'] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i] += 1;
    left -= 1;
  }
  return categories.map((category, i) => ({ category, count: counts[i], share: share(counts[i], total) }));
}

export function generateBenchInstance(spec: BenchInstanceSpec): AllocationInput {
  const root = new SeededRandom(spec.seed);
  const allocationDate = spec.allocationDate ?? '2026-03-02';
  const [shareMin, shareMax] = spec.eligibleShare ?? [0.18, 0.36];

  const complexCount = Math.max(1, Math.round(spec.vacancies / 6));
  const rc = root.fork('complexes');
  const complexes: AllocationComplex[] = Array.from({ length: complexCount }, (_, i) => {
    const resilienceClass = rc.weighted(RESILIENCE_WEIGHTS);
    const total = rc.int(30, 200);
    const [vMin, vMax] = VULNERABLE_SHARE[resilienceClass];
    const vulnerable = rc.float(vMin, vMax);
    const work = rc.float(0.25, 0.65);
    const weights: Record<CompositionDimension, number[]> = {
      HOUSEHOLD_TYPE: [0.45, 0.2, 0.2, 0.1, 0.05],
      AGE_BAND: [0.08, 0.25, 0.3, 0.17, 0.2],
      INCOME_BAND: [0.6, 0.3, 0.1],
      INCOME_SOURCE: [work * 0.8, 1 - work - 0.05, work * 0.2, 0.02, 0.03],
      VULNERABILITY: [vulnerable, 1 - vulnerable],
    };
    return {
      id: i + 1,
      reference: `CPX-${String(i + 1).padStart(4, '0')}`,
      resilienceClass,
      composition: {
        dimensions: COMPOSITION_DIMENSIONS.map((dimension) => ({
          dimension,
          total,
          categories: spread(total, COMPOSITION_CATEGORIES[dimension], weights[dimension]),
        })),
      },
    };
  });

  const rh = root.fork('households');
  const households: AllocationHousehold[] = Array.from({ length: spec.households }, (_, i) => {
    const urgent = rh.bool(0.1);
    const vulnerable = rh.bool(urgent ? 0.6 : 0.2);
    return {
      id: i + 1,
      reference: `H-${String(i + 1).padStart(6, '0')}`,
      registrationDate: addDays(allocationDate, -rh.int(30, 15 * 365)),
      rankingPoints: null,
      urgent,
      categories: {
        HOUSEHOLD_TYPE: rh.weighted(HOUSEHOLD_TYPES.map((t, k) => [t, [0.45, 0.2, 0.2, 0.1, 0.05][k]] as const)),
        AGE_BAND: rh.weighted(AGE_BANDS.map((b, k) => [b.category, [0.12, 0.3, 0.3, 0.13, 0.15][k]] as const)),
        INCOME_BAND: rh.weighted(INCOME_BANDS.map((b, k) => [b, [0.6, 0.3, 0.1][k]] as const)),
        INCOME_SOURCE: rh.weighted(INCOME_SOURCES.map((s, k) => [s, (vulnerable ? [0.2, 0.6, 0.1, 0.05, 0.05] : [0.55, 0.2, 0.15, 0.05, 0.05])[k]] as const)),
        VULNERABILITY: vulnerable ? 'VULNERABLE' : 'NOT_VULNERABLE',
      },
    };
  });

  const rv = root.fork('vacancies');
  const vacancies: AllocationVacancy[] = Array.from({ length: spec.vacancies }, (_, i) => {
    const route = rv.weighted(ROUTES);
    const isDaeb = rv.bool(0.95);
    const rentAboveCap = rv.bool(0.25);
    const localTies = route === 'REGULAR' && rv.bool(0.15);
    const p = rv.float(shareMin, shareMax);
    const pick = rv.fork(`eligible:${i}`);
    const candidates: EligiblePair[] = [];
    for (const h of households) {
      if (!pick.bool(p) || (route === 'URGENCY' && !h.urgent)) continue;
      const band = h.categories.INCOME_BAND;
      const countsAs: QuotaCounterKey[] = [];
      if (isDaeb) countsAs.push(band === 'ABOVE_DAEB_LIMIT' ? 'daebAboveLimit' : 'daebInTargetGroup');
      if (band === 'WITHIN_PASSEND_LIMIT') countsAs.push(rentAboveCap ? 'passendAboveCap' : 'passendWithinCap');
      const ties = localTies && h.id % 5 < 2; // 40% of households have local ties (fictional)
      if (ties) countsAs.push('localTiesPriority');
      candidates.push({ householdId: h.id, priorityTier: localTies && !ties ? 1 : 0, verdict: { countsAs, summary: 'Your household may rent this home.' } });
    }
    return { id: i + 1, reference: `VAC-${String(i + 1).padStart(5, '0')}`, complexId: (i % complexCount) + 1, route, focus: true, candidates };
  });

  const policy: CompositionPolicy =
    spec.maxPositions === undefined
      ? DEFAULT_COMPOSITION_POLICY
      : { ...DEFAULT_COMPOSITION_POLICY, displacement: { ...DEFAULT_COMPOSITION_POLICY.displacement, maxPositions: spec.maxPositions } };
  const allocations = 400;
  return {
    allocationDate,
    policy,
    seed: spec.seed,
    complexes,
    households,
    vacancies,
    quotaScopes:
      spec.quotas === false
        ? []
        : [
            {
              key: 'ASSOCIATION',
              counts: { allocations, daebInTargetGroup: 368, daebAboveLimit: 30, passendWithinCap: 236, passendAboveCap: 12, localTiesPriority: 55 },
              vacancyIds: null,
              norms: DEFAULT_LOCAL_POLICY,
            },
          ],
  };
}
