import { COMPOSITION_DIMENSIONS, CompositionDimension } from '../composition/compute-composition.js';
import { IsoDate } from '../model.js';

/**
 * Composition policy: soft targets on the mix of a complex AFTER allocation, and how far an allocation
 * may depart from the plain waiting-list order to serve them (differentiated allocation, with every
 * deviation explained: docs/domain.md §6, §7). Pure data, versioned by the caller (id, version, effectiveFrom).
 * Shares are integer basis points (10000 = 100%); weights are integer points.
 */

/** Bound on the share of households of `categories` in `dimension`: at most (MAX) or at least (MIN). */
export type TargetBound = 'MAX' | 'MIN';

export interface CompositionTarget {
  /** Stable id, [A-Z0-9_]: it names model rows and explanations ("VULNERABLE_MAX"). */
  id: string;
  /** Plain words for explanations: "vulnerable households". */
  label: string;
  dimension: CompositionDimension;
  /** Categories of `dimension` (values of `categorize`) that count towards the share. */
  categories: readonly string[];
  bound: TargetBound;
  basisPoints: number;
  /**
   * Penalty points per household of violation (the share bound times the total, compared with the
   * count). Soft: a target may be exceeded at this price, and every violation is reported.
   */
  weight: number;
}

export interface DisplacementPolicy {
  /**
   * At most this many places below the plain-order candidate (rank + maxPositions); null = no bound.
   * Candidates beyond it cannot be chosen and are left out of the model (exact pruning).
   */
  maxPositions: number | null;
  /**
   * Routes ranked by registration (REGULAR, DIRECT): at most this many days of registration time
   * later than the plain-order candidate; null = no bound.
   */
  maxRegistrationDays: number | null;
  /**
   * Urgent households keep their priority: nobody ranked below an urgent candidate gets the dwelling
   * unless that urgent household is housed by the same plan.
   */
  protectUrgent: boolean;
}

/** Per-complex replacement of the resilience-class defaults, merged by target id. */
export interface ComplexTargetOverride {
  /** Added, or replacing the default with the same id. */
  targets: readonly CompositionTarget[];
  /** Default targets that do not apply to this complex. */
  removeTargetIds: readonly string[];
}

export type QuotaEnforcement = 'SOFT' | 'HARD';

/** Portfolio quota rows of a round (docs/domain.md §4); norms come from the local policy. */
export interface QuotaPenaltyPolicy {
  /** SOFT: penalty per household short; HARD: a plan must meet the norm (or is infeasible). */
  enforcement: QuotaEnforcement;
  daebTargetGroupWeight: number;
  passendWeight: number;
  localTiesWeight: number;
}

export interface CompositionPolicy {
  id: string;
  version: number;
  effectiveFrom: IsoDate;
  /** Priority points per place in the route's ranking: passing over k places costs k x this. */
  rankStepPoints: number;
  /** Penalty for leaving a vacancy that has eligible candidates without a household. */
  unfilledPenalty: number;
  displacement: DisplacementPolicy;
  /** Keyed by resilience class of the buurt (1 = very low ... 5 = high); missing class = no targets. */
  defaultsByResilienceClass: Readonly<Record<number, readonly CompositionTarget[]>>;
  /** Keyed by complex id. */
  complexOverrides: Readonly<Record<number, ComplexTargetOverride>>;
  quotas: QuotaPenaltyPolicy;
}

export type TargetSource = 'RESILIENCE_CLASS_DEFAULT' | 'COMPLEX_OVERRIDE';

export interface ResolvedTarget extends CompositionTarget {
  source: TargetSource;
}

export const vulnerableMax = (basisPoints: number, weight: number): CompositionTarget => ({
  id: 'VULNERABLE_MAX',
  label: 'vulnerable households',
  dimension: 'VULNERABILITY',
  categories: ['VULNERABLE'],
  bound: 'MAX',
  basisPoints,
  weight,
});

const workOrPensionMin = (basisPoints: number, weight: number): CompositionTarget => ({
  id: 'WORK_OR_PENSION_MIN',
  label: 'households living on work or pension',
  dimension: 'INCOME_SOURCE',
  categories: ['WORK', 'PENSION'],
  bound: 'MIN',
  basisPoints,
  weight,
});

/**
 * CONFIGURABLE DEFAULTS, not law (docs/domain.md §6.3: unverified practice examples such as "10-20%
 * vulnerable households per complex" and "max 1 in 3"). Lower resilience -> stricter cap on vulnerable households
 * and a floor of households on work or pension. With 10 points per place, a weight of 100 lets the
 * optimiser pass over up to 10 places to avoid one household over the cap.
 */
export const DEFAULT_COMPOSITION_POLICY: CompositionPolicy = {
  id: 'DEFAULT',
  version: 1,
  effectiveFrom: '2026-01-01',
  rankStepPoints: 10,
  unfilledPenalty: 100_000,
  displacement: { maxPositions: 10, maxRegistrationDays: null, protectUrgent: true },
  defaultsByResilienceClass: {
    1: [vulnerableMax(3000, 100), workOrPensionMin(4000, 40)],
    2: [vulnerableMax(3500, 80), workOrPensionMin(4000, 30)],
    3: [vulnerableMax(4000, 50), workOrPensionMin(3000, 20)],
    4: [vulnerableMax(5000, 30)],
    5: [],
  },
  complexOverrides: {},
  quotas: { enforcement: 'SOFT', daebTargetGroupWeight: 1000, passendWeight: 1000, localTiesWeight: 500 },
};

/**
 * Targets in force for one complex: the defaults of its buurt's resilience class, merged with the
 * complex's override by target id. Sorted by id, so the model and explanations list them in one order.
 */
export function targetsForComplex(policy: CompositionPolicy, complex: { id: number; resilienceClass: number }): ResolvedTarget[] {
  const byId = new Map<string, ResolvedTarget>();
  for (const t of policy.defaultsByResilienceClass[complex.resilienceClass] ?? []) byId.set(t.id, { ...t, source: 'RESILIENCE_CLASS_DEFAULT' });
  const override = policy.complexOverrides[complex.id];
  if (override) {
    for (const id of override.removeTargetIds) byId.delete(id);
    for (const t of override.targets) byId.set(t.id, { ...t, source: 'COMPLEX_OVERRIDE' });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const TARGET_ID = /^[A-Z0-9_]{1,40}$/;

/** Problems that make a policy unusable (empty = valid); checked before any model is built. */
export function validateCompositionPolicy(policy: CompositionPolicy): string[] {
  const problems: string[] = [];
  const nonNegativeInt = (name: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 0) problems.push(`${name} must be a non-negative integer, got ${v}`);
  };
  nonNegativeInt('rankStepPoints', policy.rankStepPoints);
  nonNegativeInt('unfilledPenalty', policy.unfilledPenalty);
  if (policy.displacement.maxPositions !== null) nonNegativeInt('displacement.maxPositions', policy.displacement.maxPositions);
  if (policy.displacement.maxRegistrationDays !== null) nonNegativeInt('displacement.maxRegistrationDays', policy.displacement.maxRegistrationDays);
  nonNegativeInt('quotas.daebTargetGroupWeight', policy.quotas.daebTargetGroupWeight);
  nonNegativeInt('quotas.passendWeight', policy.quotas.passendWeight);
  nonNegativeInt('quotas.localTiesWeight', policy.quotas.localTiesWeight);
  const checkTargets = (where: string, targets: readonly CompositionTarget[]) => {
    const seen = new Set<string>();
    for (const t of targets) {
      if (!TARGET_ID.test(t.id)) problems.push(`${where}: target id ${JSON.stringify(t.id)} must match ${TARGET_ID}`);
      if (seen.has(t.id)) problems.push(`${where}: duplicate target id ${t.id}`);
      seen.add(t.id);
      if (!COMPOSITION_DIMENSIONS.includes(t.dimension)) problems.push(`${where}: ${t.id} has unknown dimension ${t.dimension}`);
      if (t.categories.length === 0) problems.push(`${where}: ${t.id} names no categories`);
      if (!Number.isSafeInteger(t.basisPoints) || t.basisPoints < 0 || t.basisPoints > 10_000) {
        problems.push(`${where}: ${t.id} basisPoints must be an integer in 0..10000, got ${t.basisPoints}`);
      }
      nonNegativeInt(`${where}: ${t.id} weight`, t.weight);
    }
  };
  for (const [cls, targets] of Object.entries(policy.defaultsByResilienceClass)) checkTargets(`resilience class ${cls}`, targets);
  for (const [complexId, o] of Object.entries(policy.complexOverrides)) checkTargets(`complex ${complexId}`, o.targets);
  return problems;
}

/**
 * Where a complex's mix stands against one target: the households counted, the total, and whether the
 * share is within the bound, exactly in integers (count / total against basisPoints / 10,000). A complex
 * without households is within every target.
 */
export function targetStanding(
  target: Pick<CompositionTarget, 'dimension' | 'categories' | 'bound' | 'basisPoints'>,
  dimensions: readonly { dimension: string; total: number; categories: readonly { category: string; count: number }[] }[],
): { count: number; total: number; withinTarget: boolean } {
  const dimension = dimensions.find((d) => d.dimension === target.dimension);
  const total = dimension?.total ?? 0;
  const count = (dimension?.categories ?? []).filter((c) => target.categories.includes(c.category)).reduce((sum, c) => sum + c.count, 0);
  const withinTarget = total === 0 || (target.bound === 'MAX' ? count * 10_000 <= target.basisPoints * total : count * 10_000 >= target.basisPoints * total);
  return { count, total, withinTarget };
}
