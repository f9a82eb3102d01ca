import { CompositionDimension } from '../composition/compute-composition.js';
import { TargetBound, targetsForComplex } from '../allocation/composition-policy.js';
import { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { RunOutcome, SeriesKey, SimulationInput, seriesKeys } from './simulate.js';

export interface SeriesPoint {
  policy: string;
  seriesId: string;
  dimension: CompositionDimension;
  year: number;
  meanBasisPoints: number;
  p10BasisPoints: number;
  p90BasisPoints: number;
}

/** A target band of one of the compared policies, and how each policy's mean share kept to it. */
export interface BandOutcome {
  targetId: string;
  label: string;
  seriesId: string;
  dimension: CompositionDimension;
  bound: TargetBound;
  basisPoints: number;
  /** Of the policy that set it. */
  setBy: string;
  perPolicy: { policy: string; yearsOutside: number; firstYearInside: number | null; startBasisPoints: number; endBasisPoints: number }[];
}

/** The price of differentiation, and quota use, per policy (means over runs and vacancies). */
export interface PolicyPrice {
  policy: string;
  allocationsPerRun: number;
  /** Offers made per household housed (1 when nobody declines). */
  offersPerAllocation: number;
  deviatedShareBasisPoints: number;
  meanChosenWaitYears: number;
  meanPlainOrderWaitYears: number;
  /** Plain-order candidate's registration time minus the chosen household's, in years (>= 0). */
  registrationTimeGivenUpYears: number;
  urgentMeanWaitYears: number | null;
  quotaShareBasisPoints: Record<QuotaCounterKey, number>;
}

export interface SimulationSummary {
  years: number;
  runs: number;
  series: SeriesPoint[];
  bands: BandOutcome[];
  prices: PolicyPrice[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Means and P10/P90 per policy, series and year; target bands; the price of differentiation. */
export function summarise(input: SimulationInput, outcomes: readonly (readonly RunOutcome[])[]): SimulationSummary {
  const keys = seriesKeys(input);
  const runs = outcomes[0]?.length ?? 0;
  const series: SeriesPoint[] = [];
  const meanOf = new Map<string, number[]>();
  input.policies.forEach((p, pi) => {
    keys.forEach((k: SeriesKey, si) => {
      const means: number[] = [];
      for (let year = 0; year <= input.horizonYears; year += 1) {
        const values = outcomes[pi].map((o) => o.shares[si][year]).sort((a, b) => a - b);
        const mean = Math.round(values.reduce((s, v) => s + v, 0) / Math.max(1, values.length));
        means.push(mean);
        series.push({
          policy: p.name,
          seriesId: k.id,
          dimension: k.dimension,
          year,
          meanBasisPoints: mean,
          p10BasisPoints: percentile(values, 0.1),
          p90BasisPoints: percentile(values, 0.9),
        });
      }
      meanOf.set(`${p.name}\u0000${k.id}`, means);
    });
  });
  const bands: BandOutcome[] = [];
  for (const setter of input.policies) {
    for (const t of targetsForComplex(setter.policy, input.complex)) {
      const seriesId = t.categories.length === 1 ? `${t.dimension}:${t.categories[0]}` : `TARGET:${t.id}`;
      if (bands.some((b) => b.targetId === t.id && b.basisPoints === t.basisPoints && b.bound === t.bound)) continue;
      const outside = (bp: number) => (t.bound === 'MAX' ? bp > t.basisPoints : bp < t.basisPoints);
      bands.push({
        targetId: t.id,
        label: t.label,
        seriesId,
        dimension: t.dimension,
        bound: t.bound,
        basisPoints: t.basisPoints,
        setBy: setter.name,
        perPolicy: input.policies.map((p) => {
          const means = meanOf.get(`${p.name}\u0000${seriesId}`)!;
          const years = means.slice(1);
          const firstInside = years.findIndex((bp) => !outside(bp));
          return {
            policy: p.name,
            yearsOutside: years.filter(outside).length,
            firstYearInside: firstInside === -1 ? null : firstInside + 1,
            startBasisPoints: means[0],
            endBasisPoints: means[means.length - 1],
          };
        }),
      });
    }
  }
  const prices: PolicyPrice[] = input.policies.map((p, pi) => {
    const o = outcomes[pi];
    const sum = (f: (r: RunOutcome) => number) => o.reduce((s, r) => s + f(r), 0);
    const allocations = sum((r) => r.allocations);
    const years = (days: number, n: number) => (n ? round2(days / n / 365.25) : 0);
    const counterKeys = Object.keys(o[0]?.counts ?? {}) as QuotaCounterKey[];
    return {
      policy: p.name,
      allocationsPerRun: round2(allocations / Math.max(1, o.length)),
      offersPerAllocation: allocations ? round2(sum((r) => r.offers) / allocations) : 0,
      deviatedShareBasisPoints: allocations ? Math.round((sum((r) => r.deviated) * 10_000) / allocations) : 0,
      meanChosenWaitYears: years(
        sum((r) => r.chosenWaitDays),
        allocations,
      ),
      meanPlainOrderWaitYears: years(
        sum((r) => r.plainWaitDays),
        allocations,
      ),
      registrationTimeGivenUpYears: years(
        sum((r) => r.plainWaitDays - r.chosenWaitDays),
        allocations,
      ),
      urgentMeanWaitYears: sum((r) => r.urgentAllocations)
        ? years(
            sum((r) => r.urgentWaitDays),
            sum((r) => r.urgentAllocations),
          )
        : null,
      quotaShareBasisPoints: Object.fromEntries(
        counterKeys.map((k) => [k, allocations ? Math.round((sum((r) => r.counts[k]) * 10_000) / allocations) : 0]),
      ) as Record<QuotaCounterKey, number>,
    };
  });
  return { years: input.horizonYears, runs, series, bands, prices };
}

/** The series as CSV rows (header first): policy, series, dimension, year, mean, p10, p90 in basis points. */
export function seriesRows(summary: SimulationSummary): (string | number)[][] {
  return [
    ['policy', 'series', 'dimension', 'year', 'mean_basis_points', 'p10_basis_points', 'p90_basis_points'],
    ...summary.series.map((s) => [s.policy, s.seriesId, s.dimension, s.year, s.meanBasisPoints, s.p10BasisPoints, s.p90BasisPoints]),
  ];
}
