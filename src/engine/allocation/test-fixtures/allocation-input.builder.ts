import fc from 'fast-check';
import { COMPOSITION_DIMENSIONS, CompositionDimension, share } from '../../composition/compute-composition.js';
import { DEFAULT_LOCAL_POLICY } from '../../eligibility/default-local-policy.js';
import { EMPTY_QUOTA_COUNTS, QuotaCounts } from '../../eligibility/portfolio-quotas.js';
import { QuotaCounterKey } from '../../eligibility/rule-outcome.js';
import { AllocationRoute } from '../../model.js';
import { AllocationComplex, AllocationHousehold, AllocationInput, AllocationVacancy, EligiblePair, QuotaScope } from '../allocation-input.js';
import { CompositionPolicy, CompositionTarget, DEFAULT_COMPOSITION_POLICY } from '../composition-policy.js';
import { addDays } from '../../common/dates.js';

/** Test builders for allocation inputs: sensible defaults, override what the test is about. */

const DEFAULT_CATEGORIES: Record<CompositionDimension, string> = {
  HOUSEHOLD_TYPE: 'SINGLE',
  AGE_BAND: 'AGE_35_54',
  INCOME_BAND: 'WITHIN_PASSEND_LIMIT',
  INCOME_SOURCE: 'WORK',
  VULNERABILITY: 'NOT_VULNERABLE',
};

export function aHousehold(
  id: number,
  overrides: Partial<Omit<AllocationHousehold, 'categories'>> & { categories?: Partial<Record<CompositionDimension, string>> } = {},
): AllocationHousehold {
  const { categories, ...rest } = overrides;
  return {
    id,
    reference: `H-${String(id).padStart(6, '0')}`,
    registrationDate: '2020-01-01',
    rankingPoints: null,
    urgent: false,
    ...rest,
    categories: { ...DEFAULT_CATEGORIES, ...categories },
  };
}

export const vulnerable = (id: number, overrides: Parameters<typeof aHousehold>[1] = {}) =>
  aHousehold(id, { ...overrides, categories: { ...overrides.categories, VULNERABILITY: 'VULNERABLE' } });

/**
 * A complex whose current tenants are `total`, with `counts` per dimension and category; the rest of
 * each dimension is put in the dimension's first category not named (so every dimension sums up).
 */
export function aComplex(
  id: number,
  resilienceClass: number,
  total: number,
  counts: Partial<Record<CompositionDimension, Record<string, number>>> = {},
): AllocationComplex {
  const rest: Record<CompositionDimension, string> = { ...DEFAULT_CATEGORIES, VULNERABILITY: 'NOT_VULNERABLE' };
  return {
    id,
    reference: `CPX-${id}`,
    resilienceClass,
    composition: {
      dimensions: COMPOSITION_DIMENSIONS.map((dimension) => {
        const named = counts[dimension] ?? {};
        const namedTotal = Object.values(named).reduce((s, c) => s + c, 0);
        const all: Record<string, number> = { ...named };
        if (!(rest[dimension] in named)) all[rest[dimension]] = total - namedTotal;
        else if (namedTotal !== total) throw new RangeError(`aComplex: ${dimension} counts sum to ${namedTotal}, not ${total}`);
        return { dimension, total, categories: Object.entries(all).map(([category, count]) => ({ category, count, share: share(count, total) })) };
      }),
    },
  };
}

export function aPair(householdId: number, overrides: { priorityTier?: number; countsAs?: QuotaCounterKey[] } = {}): EligiblePair {
  return {
    householdId,
    priorityTier: overrides.priorityTier ?? 0,
    verdict: { countsAs: overrides.countsAs ?? ['daebInTargetGroup', 'passendWithinCap'], summary: 'Your household may rent this home.' },
  };
}

export function aVacancy(id: number, complexId: number, candidates: EligiblePair[], overrides: Partial<AllocationVacancy> = {}): AllocationVacancy {
  return { id, reference: `VAC-${id}`, complexId, route: 'REGULAR', focus: true, candidates, ...overrides };
}

export function aPolicy(overrides: Partial<CompositionPolicy> = {}): CompositionPolicy {
  return { ...DEFAULT_COMPOSITION_POLICY, ...overrides };
}

export function anAssociationScope(counts: Partial<QuotaCounts> = {}): QuotaScope {
  return { key: 'ASSOCIATION', counts: { ...EMPTY_QUOTA_COUNTS, ...counts }, vacancyIds: null, norms: DEFAULT_LOCAL_POLICY };
}

export function anInput(overrides: Partial<AllocationInput> = {}): AllocationInput {
  return {
    allocationDate: '2026-03-02',
    policy: DEFAULT_COMPOSITION_POLICY,
    seed: 42,
    complexes: [],
    households: [],
    vacancies: [],
    quotaScopes: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------
// Random small instances for property tests (<= 4 vacancies x 7 households): small enough to enumerate.

const ROUTES: AllocationRoute[] = ['REGULAR', 'REGULAR', 'URGENCY', 'LOTTERY', 'DIRECT'];
const COUNTERS: QuotaCounterKey[][] = [
  ['daebInTargetGroup', 'passendWithinCap'],
  ['daebInTargetGroup', 'passendAboveCap'],
  ['daebAboveLimit'],
  ['daebInTargetGroup', 'passendWithinCap', 'localTiesPriority'],
  [],
];

const targetArb = (id: string, dimension: CompositionDimension, categories: string[]): fc.Arbitrary<CompositionTarget> =>
  fc
    .record({
      bound: fc.constantFrom<'MAX' | 'MIN'>('MAX', 'MIN'),
      basisPoints: fc.integer({ min: 0, max: 20 }).map((x) => x * 500),
      weight: fc.integer({ min: 0, max: 120 }),
    })
    .map((t) => ({ id, label: id.toLowerCase(), dimension, categories, ...t }));

export interface SmallInstanceOptions {
  maxVacancies: number;
  maxHouseholds: number;
}

/** A random, valid AllocationInput with 1..maxVacancies vacancies in 1-2 complexes. */
export function smallInstanceArb({ maxVacancies, maxHouseholds }: SmallInstanceOptions = { maxVacancies: 4, maxHouseholds: 7 }): fc.Arbitrary<AllocationInput> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      householdCount: fc.integer({ min: 1, max: maxHouseholds }),
      vacancyCount: fc.integer({ min: 1, max: maxVacancies }),
      complexCount: fc.integer({ min: 1, max: 2 }),
      rankStepPoints: fc.integer({ min: 0, max: 30 }),
      unfilledPenalty: fc.constantFrom(50, 100_000),
      maxPositions: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      maxRegistrationDays: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
      protectUrgent: fc.boolean(),
      vulnerableTarget: targetArb('VULNERABLE_MAX', 'VULNERABILITY', ['VULNERABLE']),
      workTarget: fc.option(targetArb('WORK_MIN', 'INCOME_SOURCE', ['WORK', 'PENSION']), { nil: null }),
      quotas: fc.option(
        fc.record({
          enforcement: fc.constantFrom<'SOFT' | 'HARD'>('SOFT', 'SOFT', 'SOFT', 'HARD'),
          daebIn: fc.integer({ min: 0, max: 40 }),
          daebAbove: fc.integer({ min: 0, max: 5 }),
          passendWithin: fc.integer({ min: 0, max: 30 }),
          passendAbove: fc.integer({ min: 0, max: 3 }),
          ties: fc.integer({ min: 0, max: 25 }),
        }),
        { nil: null },
      ),
      households: fc.array(
        fc.record({
          vulnerable: fc.boolean(),
          source: fc.constantFrom('WORK', 'PENSION', 'BENEFIT', 'OTHER'),
          urgent: fc.boolean(),
          days: fc.integer({ min: 0, max: 3000 }),
        }),
        { minLength: maxHouseholds, maxLength: maxHouseholds },
      ),
      complexes: fc.array(
        fc.record({
          total: fc.integer({ min: 0, max: 40 }),
          vulnerableShare: fc.double({ min: 0, max: 1, noNaN: true }),
          workShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 2, maxLength: 2 },
      ),
      vacancies: fc.array(
        fc.record({
          complex: fc.integer({ min: 0, max: 1 }),
          route: fc.constantFrom(...ROUTES),
          eligible: fc.array(fc.boolean(), { minLength: maxHouseholds, maxLength: maxHouseholds }),
          tiers: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: maxHouseholds, maxLength: maxHouseholds }),
          counters: fc.array(fc.integer({ min: 0, max: COUNTERS.length - 1 }), { minLength: maxHouseholds, maxLength: maxHouseholds }),
        }),
        { minLength: maxVacancies, maxLength: maxVacancies },
      ),
    })
    .map((r) => {
      const households = r.households.slice(0, r.householdCount).map((h, i) =>
        aHousehold(i + 1, {
          urgent: h.urgent,
          registrationDate: addDays('2018-01-01', h.days),
          categories: { VULNERABILITY: h.vulnerable ? 'VULNERABLE' : 'NOT_VULNERABLE', INCOME_SOURCE: h.source },
        }),
      );
      const complexes = r.complexes.slice(0, r.complexCount).map((c, i) => {
        const v = Math.round(c.total * c.vulnerableShare);
        const w = Math.round(c.total * c.workShare);
        return aComplex(i + 1, 1 + i * 2, c.total, {
          VULNERABILITY: { VULNERABLE: v, NOT_VULNERABLE: c.total - v },
          INCOME_SOURCE: { WORK: w, BENEFIT: c.total - w },
        });
      });
      const vacancies = r.vacancies.slice(0, r.vacancyCount).map((v, i) =>
        aVacancy(
          i + 1,
          (v.complex % r.complexCount) + 1,
          households.flatMap((h, k) => (v.eligible[k] ? [aPair(h.id, { priorityTier: v.tiers[k], countsAs: COUNTERS[v.counters[k]] })] : [])),
          { route: v.route },
        ),
      );
      const targets = [r.vulnerableTarget, ...(r.workTarget ? [r.workTarget] : [])];
      const policy = aPolicy({
        rankStepPoints: r.rankStepPoints,
        unfilledPenalty: r.unfilledPenalty,
        displacement: { maxPositions: r.maxPositions, maxRegistrationDays: r.maxRegistrationDays, protectUrgent: r.protectUrgent },
        defaultsByResilienceClass: { 1: targets, 3: targets.slice(0, 1) },
        quotas: { ...DEFAULT_COMPOSITION_POLICY.quotas, enforcement: r.quotas?.enforcement ?? 'SOFT' },
      });
      const q = r.quotas;
      return anInput({
        seed: r.seed,
        policy,
        households,
        complexes,
        vacancies,
        quotaScopes: q
          ? [
              anAssociationScope({
                allocations: q.daebIn + q.daebAbove + q.ties,
                daebInTargetGroup: q.daebIn,
                daebAboveLimit: q.daebAbove,
                passendWithinCap: q.passendWithin,
                passendAboveCap: q.passendAbove,
                localTiesPriority: q.ties,
              }),
            ]
          : [],
      });
    });
}
