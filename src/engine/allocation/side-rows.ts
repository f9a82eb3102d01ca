import { freeAllocationRoomBasisPoints } from '../eligibility/local-policy.js';
import { QUOTA_COUNTER_KEYS, QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { QuotaPenaltyPolicy } from './composition-policy.js';
import { FULL_SHARE, PreparedComplex, PreparedHousehold, PreparedQuotaScope, PreparedVacancy, SideRow } from './prepared-allocation.js';

/*
 * Side rows: one builder per row, each with the law or policy field it comes from. A row compares an
 * activity, sum over chosen pairs of coef, with rhs, both in basis-point households (10000 = one
 * household): for a share bound "count / total >= bp" after allocation, 10000 x count >= bp x total
 * becomes sum(coef) >= bp x total0 - 10000 x count0, where a counted pair has coef 10000 - bp and a
 * pair in the base only -bp. A pair that does not touch the share has no coefficient (null).
 */

/** The vacancy and household of a pair, as far as side rows look at them. */
export type RowVacancy = Pick<PreparedVacancy, 'id' | 'complexIndex'>;
export type RowHousehold = Pick<PreparedHousehold, 'categories'>;

/** A side row before it meets the pairs: settleSideRows keeps it, or turns it into a constant. */
export interface SideRowDraft extends Pick<SideRow, 'name' | 'spec' | 'sense' | 'rhs' | 'basisPoints' | 'weight' | 'hard'> {
  /** Coefficient of a pair of vacancy `v` for household `h` with counter mask `mask` (counterMask), or null when it does not enter. */
  coef: (v: RowVacancy, h: RowHousehold, mask: number) => number | null;
}

/** Bit mask of a verdict's quota counters (QUOTA_COUNTER_KEYS order). */
export function counterMask(countsAs: readonly QuotaCounterKey[]): number {
  let mask = 0;
  for (const key of countsAs) mask |= 1 << QUOTA_COUNTER_KEYS.indexOf(key);
  return mask;
}

const bit = (key: QuotaCounterKey) => 1 << QUOTA_COUNTER_KEYS.indexOf(key);

// ---------------------------------------------------------------------------------------------------
// Composition targets

/**
 * Composition target `targetIndex` of a complex (policy data, not law: `defaultsByResilienceClass` by
 * the buurt's resilience class, merged with `complexOverrides`; docs/domain.md §6.3). MAX: 10000 count
 * <= bp total; MIN: 10000 count >= bp total, count and total after allocation. Always soft, at the
 * target's weight per household. Null when no vacancy of the input is in the complex: no plan can
 * change its mix, so it is neither a row nor part of the constant penalty.
 */
export function compositionTargetRow(
  complex: Pick<PreparedComplex, 'index' | 'id' | 'targets'>,
  targetIndex: number,
  complexesWithVacancies: ReadonlySet<number>,
): SideRowDraft | null {
  if (!complexesWithVacancies.has(complex.index)) return null;
  const t = complex.targets[targetIndex];
  const bp = t.basisPoints;
  return {
    name: `comp_${complex.id}_${t.id}`,
    spec: { kind: 'COMPOSITION', complexIndex: complex.index, targetIndex },
    sense: t.bound === 'MAX' ? '<=' : '>=',
    rhs: bp * t.baseTotal - FULL_SHARE * t.baseCount,
    basisPoints: bp,
    weight: t.weight,
    hard: false,
    // every tenant of the complex is in the base; those in the target's categories are also counted
    coef: (v, h) => (v.complexIndex !== complex.index ? null : t.categories.includes(h.categories[t.dimension]) ? FULL_SHARE - bp : -bp),
  };
}

// ---------------------------------------------------------------------------------------------------
// Portfolio quotas (docs/domain.md §4): one row per quota and scope, soft or hard by `quotas.enforcement`

/** Does a vacancy's allocation count in the scope? (null vacancyIds: every vacancy of the input). */
function inScope(scope: PreparedQuotaScope): (v: RowVacancy) => boolean {
  const ids = scope.scope.vacancyIds === null ? null : new Set(scope.scope.vacancyIds);
  return (v) => ids === null || ids.has(v.id);
}

/**
 * DAEB target group (Woningwet art. 48 / BTIV 2015 art. 16; norms `quotas.freeAllocationRoom`): at
 * least 100% - free allocation room (92.5%, 85% when agreed in the prestatieafspraken) of DAEB homes
 * to the target group. Counted: DAEB homes let within the DAEB income limit; base: all DAEB homes.
 */
export function daebTargetGroupRow(scope: PreparedQuotaScope, quotas: QuotaPenaltyPolicy): SideRowDraft {
  const bp = FULL_SHARE - freeAllocationRoomBasisPoints(scope.scope.norms);
  const { daebInTargetGroup, daebAboveLimit } = scope.scope.counts;
  const scoped = inScope(scope);
  return {
    name: `quota_${scope.key}_DAEB_TARGET_GROUP`,
    spec: { kind: 'QUOTA', scopeIndex: scope.index, quota: 'DAEB_TARGET_GROUP' },
    sense: '>=',
    rhs: bp * (daebInTargetGroup + daebAboveLimit) - FULL_SHARE * daebInTargetGroup,
    basisPoints: bp,
    weight: quotas.daebTargetGroupWeight,
    hard: quotas.enforcement === 'HARD',
    coef: (v, _h, mask) => (!scoped(v) ? null : mask & bit('daebInTargetGroup') ? FULL_SHARE - bp : mask & bit('daebAboveLimit') ? -bp : null),
  };
}

/**
 * Passend toewijzen (Woningwet art. 46 lid 2 / BTIV 2015 art. 54; norm `quotas.passendExceptionBasisPoints`):
 * at least 95% of allocations to passend-covered households within the rent cap. Counted: within the
 * cap; base: all passend-covered allocations.
 */
export function passendWithinCapRow(scope: PreparedQuotaScope, quotas: QuotaPenaltyPolicy): SideRowDraft {
  const bp = FULL_SHARE - scope.scope.norms.quotas.passendExceptionBasisPoints;
  const { passendWithinCap, passendAboveCap } = scope.scope.counts;
  const scoped = inScope(scope);
  return {
    name: `quota_${scope.key}_PASSEND_WITHIN_CAP`,
    spec: { kind: 'QUOTA', scopeIndex: scope.index, quota: 'PASSEND_WITHIN_CAP' },
    sense: '>=',
    rhs: bp * (passendWithinCap + passendAboveCap) - FULL_SHARE * passendWithinCap,
    basisPoints: bp,
    weight: quotas.passendWeight,
    hard: quotas.enforcement === 'HARD',
    coef: (v, _h, mask) => (!scoped(v) ? null : mask & bit('passendWithinCap') ? FULL_SHARE - bp : mask & bit('passendAboveCap') ? -bp : null),
  };
}

/**
 * Local ties (Huisvestingswet 2014 art. 14; norm `localTies.maxShareBasisPoints`): at most 50% of
 * all allocations in scope made with local-ties priority. Counted: local-ties allocations; base: every
 * allocation in scope, so every pair in scope enters.
 */
export function localTiesRow(scope: PreparedQuotaScope, quotas: QuotaPenaltyPolicy): SideRowDraft {
  const bp = scope.scope.norms.localTies.maxShareBasisPoints;
  const { allocations, localTiesPriority } = scope.scope.counts;
  const scoped = inScope(scope);
  return {
    name: `quota_${scope.key}_LOCAL_TIES`,
    spec: { kind: 'QUOTA', scopeIndex: scope.index, quota: 'LOCAL_TIES' },
    sense: '<=',
    rhs: bp * allocations - FULL_SHARE * localTiesPriority,
    basisPoints: bp,
    weight: quotas.localTiesWeight,
    hard: quotas.enforcement === 'HARD',
    coef: (v, _h, mask) => (!scoped(v) ? null : mask & bit('localTiesPriority') ? FULL_SHARE - bp : -bp),
  };
}

// ---------------------------------------------------------------------------------------------------
// All rows, and what the pairs make of them

/** Side rows in model order: composition targets of complexes with vacancies (by complex, then target), then the three quotas per scope. */
export function sideRowDrafts(
  complexes: readonly Pick<PreparedComplex, 'index' | 'id' | 'targets'>[],
  vacancies: readonly Pick<PreparedVacancy, 'complexIndex'>[],
  quotaScopes: readonly PreparedQuotaScope[],
  quotas: QuotaPenaltyPolicy,
): SideRowDraft[] {
  const drafts: SideRowDraft[] = [];
  const complexesWithVacancies = new Set(vacancies.map((v) => v.complexIndex));
  for (const c of complexes) {
    c.targets.forEach((_t, targetIndex) => {
      const row = compositionTargetRow(c, targetIndex, complexesWithVacancies);
      if (row) drafts.push(row);
    });
  }
  for (const s of quotaScopes) drafts.push(daebTargetGroupRow(s, quotas), passendWithinCapRow(s, quotas), localTiesRow(s, quotas));
  return drafts;
}

/** The pairs that enter a draft and their coefficients, in pair order. */
export interface SideRowEntries {
  pairs: number[];
  coefs: number[];
}

export interface SettledSideRows {
  sideRows: SideRow[];
  /** Draft index -> side-row index, or -1 for a draft that became a constant. */
  rowRemap: Int32Array;
  constantPenalty: number;
  constantInfeasibilities: string[];
}

/**
 * Drafts some pair enters become side rows (renumbered in draft order). A draft no pair enters is a
 * constant: its penalty, or for a hard row its breach, is the same for every plan.
 */
export function settleSideRows(drafts: readonly Omit<SideRowDraft, 'coef'>[], entries: readonly SideRowEntries[]): SettledSideRows {
  let constantPenalty = 0;
  const constantInfeasibilities: string[] = [];
  const sideRows: SideRow[] = [];
  const rowRemap = new Int32Array(drafts.length).fill(-1);
  drafts.forEach((d, r) => {
    if (entries[r].pairs.length === 0) {
      const violation = d.sense === '<=' ? Math.max(0, -d.rhs) : Math.max(0, d.rhs);
      if (violation > 0 && d.hard) constantInfeasibilities.push(`${d.name} is broken already and no candidate can change it`);
      else constantPenalty += (d.weight * violation) / FULL_SHARE;
      return;
    }
    rowRemap[r] = sideRows.length;
    sideRows.push({
      index: sideRows.length,
      name: d.name,
      spec: d.spec,
      sense: d.sense,
      rhs: d.rhs,
      basisPoints: d.basisPoints,
      weight: d.weight,
      hard: d.hard,
      pairs: Int32Array.from(entries[r].pairs),
      coefs: Float64Array.from(entries[r].coefs),
    });
  });
  return { sideRows, rowRemap, constantPenalty, constantInfeasibilities };
}
