import { HOUSEHOLD_TYPES, daebIncomeLimitCents, headAge, householdType, passendIncomeLimit } from '../common/household-profile.js';
import { AllocationRoute, HouseholdFacts, INCOME_SOURCES, IsoDate, RuleParameters } from '../model.js';

/**
 * Composition of a complex derived from its tenancies: who lives there on `asOf`, and who moved in
 * during the inflow window. Shares are reported, never used inside legal rules.
 */
export const COMPOSITION_DIMENSIONS = ['HOUSEHOLD_TYPE', 'AGE_BAND', 'INCOME_BAND', 'INCOME_SOURCE', 'VULNERABILITY'] as const;
export type CompositionDimension = (typeof COMPOSITION_DIMENSIONS)[number];

/** Age of the eldest adult; statistical bands (not legal thresholds). */
export const AGE_BANDS = [
  { category: 'AGE_UNDER_23', min: 0, max: 22 },
  { category: 'AGE_23_34', min: 23, max: 34 },
  { category: 'AGE_35_54', min: 35, max: 54 },
  { category: 'AGE_55_64', min: 55, max: 64 },
  { category: 'AGE_65_PLUS', min: 65, max: Number.POSITIVE_INFINITY },
] as const;

/** Income against the legal limits of the year of `asOf` (inclusive; docs/domain.md §2.1, §6.2). */
export const INCOME_BANDS = ['WITHIN_PASSEND_LIMIT', 'WITHIN_DAEB_LIMIT', 'ABOVE_DAEB_LIMIT'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];

export const VULNERABILITY_CATEGORIES = ['VULNERABLE', 'NOT_VULNERABLE'] as const;

export type TenantFacts = Pick<HouseholdFacts, 'members' | 'taxableIncomeCents' | 'incomeSource' | 'supportNeeds'>;

export interface TenancyFacts {
  household: TenantFacts;
  dwellingId: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
  allocationRoute: AllocationRoute | null;
}

export interface CategoryCount {
  category: string;
  count: number;
  /** count / total, rounded to 4 decimals; 0 when total is 0. */
  share: number;
}

export interface DimensionComposition {
  dimension: CompositionDimension;
  total: number;
  categories: CategoryCount[];
}

export interface InflowComposition {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  count: number;
  urgentCount: number;
  urgentShare: number;
  vulnerableCount: number;
  vulnerableShare: number;
}

export interface Composition {
  asOf: IsoDate;
  parameterYear: number;
  dwellingCount: number;
  occupiedCount: number;
  vacantCount: number;
  dimensions: DimensionComposition[];
  inflow: InflowComposition;
}

export interface CompositionInput {
  asOf: IsoDate;
  /** Start of the inflow window (inclusive); the window ends at asOf. */
  inflowSince: IsoDate;
  dwellingCount: number;
  tenancies: TenancyFacts[];
  params: RuleParameters;
}

export function isVulnerable(household: Pick<TenantFacts, 'supportNeeds'>): boolean {
  return household.supportNeeds.length > 0;
}

export function incomeBand(household: Pick<TenantFacts, 'members' | 'taxableIncomeCents'>, params: RuleParameters): IncomeBand {
  if (household.taxableIncomeCents <= passendIncomeLimit(household.members, params).limitCents) return 'WITHIN_PASSEND_LIMIT';
  if (household.taxableIncomeCents <= daebIncomeLimitCents(household.members.length, params)) return 'WITHIN_DAEB_LIMIT';
  return 'ABOVE_DAEB_LIMIT';
}

export function ageBand(household: Pick<TenantFacts, 'members'>, onDate: IsoDate): string {
  const age = headAge(household.members, onDate);
  return AGE_BANDS.find((band) => age >= band.min && age <= band.max)?.category ?? 'AGE_UNDER_23';
}

/** Category of a household per dimension; the single place that defines the dimensions. */
export function categorize(household: TenantFacts, asOf: IsoDate, params: RuleParameters): Record<CompositionDimension, string> {
  return {
    HOUSEHOLD_TYPE: householdType(household.members),
    AGE_BAND: ageBand(household, asOf),
    INCOME_BAND: incomeBand(household, params),
    INCOME_SOURCE: household.incomeSource,
    VULNERABILITY: isVulnerable(household) ? 'VULNERABLE' : 'NOT_VULNERABLE',
  };
}

/** Every category of every dimension, in display order. */
export const COMPOSITION_CATEGORIES: Record<CompositionDimension, readonly string[]> = {
  HOUSEHOLD_TYPE: HOUSEHOLD_TYPES,
  AGE_BAND: AGE_BANDS.map((b) => b.category),
  INCOME_BAND: INCOME_BANDS,
  INCOME_SOURCE: INCOME_SOURCES,
  VULNERABILITY: VULNERABILITY_CATEGORIES,
};

export function share(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 10_000) / 10_000;
}

/** The end date is the tenancy's last day (inclusive), as in a Dutch huurovereenkomst. */
function isCurrentOn(t: Pick<TenancyFacts, 'startDate' | 'endDate'>, date: IsoDate): boolean {
  return t.startDate <= date && (t.endDate === null || t.endDate >= date);
}

export function computeComposition(input: CompositionInput): Composition {
  const { asOf, params } = input;
  const current = input.tenancies.filter((t) => isCurrentOn(t, asOf));
  const occupiedDwellings = new Set(current.map((t) => t.dwellingId));
  const counts = new Map<CompositionDimension, Map<string, number>>(
    COMPOSITION_DIMENSIONS.map((d) => [d, new Map(COMPOSITION_CATEGORIES[d].map((c) => [c, 0]))]),
  );
  for (const tenancy of current) {
    const categories = categorize(tenancy.household, asOf, params);
    for (const dimension of COMPOSITION_DIMENSIONS) {
      const perCategory = counts.get(dimension)!;
      perCategory.set(categories[dimension], (perCategory.get(categories[dimension]) ?? 0) + 1);
    }
  }
  const total = current.length;
  const dimensions = COMPOSITION_DIMENSIONS.map((dimension) => ({
    dimension,
    total,
    categories: [...counts.get(dimension)!].map(([category, count]) => ({ category, count, share: share(count, total) })),
  }));

  const inflow = input.tenancies.filter((t) => t.startDate >= input.inflowSince && t.startDate <= asOf);
  const urgentCount = inflow.filter((t) => t.allocationRoute === 'URGENCY').length;
  const vulnerableCount = inflow.filter((t) => isVulnerable(t.household)).length;
  return {
    asOf,
    parameterYear: params.year,
    dwellingCount: input.dwellingCount,
    occupiedCount: occupiedDwellings.size,
    vacantCount: Math.max(0, input.dwellingCount - occupiedDwellings.size),
    dimensions,
    inflow: {
      periodStart: input.inflowSince,
      periodEnd: asOf,
      count: inflow.length,
      urgentCount,
      urgentShare: share(urgentCount, inflow.length),
      vulnerableCount,
      vulnerableShare: share(vulnerableCount, inflow.length),
    },
  };
}

/**
 * The mix once households that are expected to move in have done so: each arrival (its categories)
 * adds one to its category and to the total of every dimension. Used for open offers on other
 * vacancies of a complex: a proposal must not spend mix budget another offer is already using.
 */
export function withArrivals(
  composition: Pick<Composition, 'dimensions'>,
  arrivals: readonly Readonly<Record<CompositionDimension, string>>[],
): Pick<Composition, 'dimensions'> {
  if (arrivals.length === 0) return composition;
  return {
    dimensions: composition.dimensions.map((d) => {
      const total = d.total + arrivals.length;
      const added = new Map<string, number>();
      for (const a of arrivals) added.set(a[d.dimension], (added.get(a[d.dimension]) ?? 0) + 1);
      const known = new Set(d.categories.map((c) => c.category));
      const unknown = [...added.keys()].filter((c) => !known.has(c));
      if (unknown.length > 0) throw new RangeError(`Unknown ${d.dimension} categor${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`);
      return {
        dimension: d.dimension,
        total,
        categories: d.categories.map((c) => {
          const count = c.count + (added.get(c.category) ?? 0);
          return { category: c.category, count, share: share(count, total) };
        }),
      };
    }),
  };
}
