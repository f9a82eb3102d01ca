import { addDays, isIsoDate } from '../common/dates.js';
import { freeAllocationRoomBasisPoints } from '../eligibility/local-policy.js';
import { PortfolioQuota } from '../eligibility/portfolio-quotas.js';
import { QUOTA_COUNTER_KEYS, QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { AllocationInput, QuotaScope } from './allocation-input.js';
import { CompositionPolicy, ResolvedTarget, targetsForComplex, validateCompositionPolicy } from './composition-policy.js';
import { RankedCandidate, rankCandidates } from './rank-candidates.js';

/**
 * The allocation instance in index form, computed once and shared by every path (MIP model, single-
 * vacancy scoring, greedy baselines, brute force, explanation), so they all price a plan the same way.
 *
 * Objective of a plan (maximised), in points:
 *   sum over chosen pairs (priority + tieBreak) - unfilledPenalty x unfilled vacancies
 *   - sum over side rows weight x violation (households)
 * Side rows compare an integer activity with an integer right-hand side, both in basis-point
 * households (10000 = one household): composition targets per complex and portfolio quotas per scope.
 */

/** 10000 basis points = 100%; also the scale of side-row activities (one household = 10000). */
export const FULL_SHARE = 10_000;

/**
 * Total tie-break budget of a plan, in points. Policies have integer points and weights and whole-
 * percent shares, so two plans that differ for real differ by at least 0.01 points; the tie-break adds
 * at most this much in total and only decides between plans that are otherwise equal (prefer better
 * ranks, and better ranks for vacancies earlier in the sweep). Solvers resolve it only down to their
 * tolerances (mip_rel_gap x objective), so on large rounds a tie may still go either way; the answer
 * is nonetheless reproducible, because the solvers are deterministic on the same model.
 */
export const TIE_BREAK_BUDGET = 0.005;

export interface PreparedHousehold {
  index: number;
  id: number;
  reference: string;
  registrationDate: IsoDate;
  rankingPoints: number | null;
  urgent: boolean;
  categories: Readonly<Record<string, string>>;
}

export interface PreparedTarget extends ResolvedTarget {
  /** Current tenants in the target's categories, and all current tenants (the share's base). */
  baseCount: number;
  baseTotal: number;
}

export interface PreparedComplex {
  index: number;
  id: number;
  reference: string;
  resilienceClass: number;
  targets: PreparedTarget[];
}

/** A ranked candidate with its household index and its pair (-1 when outside the displacement bound). */
export type PreparedCandidate = RankedCandidate;

/** Why the candidates below some rank cannot be chosen for a vacancy. */
export interface WindowBound {
  /** Rank of the plain-order plan's household for this vacancy (1 for a single vacancy); null = none left. */
  plainPlanRank: number | null;
  /** Last rank allowed by the displacement bound in places; null = no bound. */
  maxRankByPositions: number | null;
  /** Latest registration date allowed below the plain candidate; null = no bound. */
  latestRegistrationDate: IsoDate | null;
  /** Rank of an urgent household that must keep its priority and can only get this dwelling; null = none. */
  protectedRankCut: number | null;
}

export interface PreparedVacancy {
  index: number;
  id: number;
  reference: string;
  complexIndex: number;
  route: AllocationRoute;
  focus: boolean;
  /** All eligible candidates in plain order. */
  ranked: PreparedCandidate[];
  window: WindowBound;
  /** Pair indices of the candidates that may be chosen, in rank order. */
  pairIndices: number[];
}

export interface PreparedPair {
  index: number;
  vacancyIndex: number;
  householdIndex: number;
  rank: number;
  priority: number;
  tieBreak: number;
  protected: boolean;
  /** Side rows this pair enters, with its coefficient (sorted by row index). */
  sideRows: Int32Array;
  sideCoefs: Float64Array;
}

export type SideRowSpec =
  | { kind: 'COMPOSITION'; complexIndex: number; targetIndex: number }
  | { kind: 'QUOTA'; scopeIndex: number; quota: PortfolioQuota };

/** A soft (or hard) linear row over pairs: activity sum(coef x) against rhs, in basis-point households. */
export interface SideRow {
  index: number;
  name: string;
  spec: SideRowSpec;
  sense: '<=' | '>=';
  rhs: number;
  basisPoints: number;
  /** Points per household of violation (activity beyond rhs / 10000). */
  weight: number;
  hard: boolean;
  pairs: Int32Array;
  coefs: Float64Array;
}

/** A hard row: nobody ranked below the protected household gets the vacancy unless it is housed. */
export interface ProtectionRow {
  name: string;
  vacancyIndex: number;
  householdIndex: number;
  rank: number;
  /** Pairs of the vacancy ranked below the protected household (+1 each). */
  belowPairs: Int32Array;
  /**
   * The protected household's pairs at OTHER vacancies (-1 each): someone below it may only get this
   * vacancy if it is housed elsewhere. (Its own pair here is exclusive with those below it anyway;
   * leaving it out gives the same integer plans and a tighter LP relaxation.)
   */
  housedPairs: Int32Array;
}

export interface PreparedQuotaScope {
  index: number;
  key: string;
  scope: QuotaScope;
}

export interface PreparedAllocation {
  input: AllocationInput;
  policy: CompositionPolicy;
  households: PreparedHousehold[];
  complexes: PreparedComplex[];
  /** Sorted by id; look-ahead vacancies included. */
  vacancies: PreparedVacancy[];
  /** Choosable pairs, ordered by vacancy then rank (the variable order of the model). */
  pairs: PreparedPair[];
  pairsByHousehold: number[][];
  sideRows: SideRow[];
  protectionRows: ProtectionRow[];
  quotaScopes: PreparedQuotaScope[];
  /** Penalty of side rows no pair can change (complexes whose vacancies have no candidates). */
  constantPenalty: number;
  /** Hard rows no pair can change that are broken already: the plan is infeasible whatever it does. */
  constantInfeasibilities: string[];
  /** The plain-order plan: per vacancy the household index it takes, or -1 (plain-order greedy). */
  plainPlan: Int32Array;
}

const ROUTES_RANKED_BY_REGISTRATION: ReadonlySet<AllocationRoute> = new Set(['REGULAR', 'DIRECT']);

function counterMask(countsAs: readonly QuotaCounterKey[]): number {
  let mask = 0;
  for (const key of countsAs) mask |= 1 << QUOTA_COUNTER_KEYS.indexOf(key);
  return mask;
}

const bit = (key: QuotaCounterKey) => 1 << QUOTA_COUNTER_KEYS.indexOf(key);

/**
 * The plain-order plan (what allocation without composition steering does): ranks are swept from 1
 * down; at each rank every vacancy still empty (focus vacancies first, then by id) takes its candidate
 * of that rank if the household is still free. For one vacancy this is its rank-1 candidate.
 */
export function plainOrderPlan(vacancies: readonly Pick<PreparedVacancy, 'ranked' | 'focus' | 'index'>[], householdCount: number): Int32Array {
  const plan = new Int32Array(vacancies.length).fill(-1);
  const taken = new Uint8Array(householdCount);
  const order = [...vacancies].sort((a, b) => Number(b.focus) - Number(a.focus) || a.index - b.index);
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

/** Validates the input and computes ranks, displacement windows, pairs and side rows. */
export function prepareAllocation(input: AllocationInput): PreparedAllocation {
  const problems = validateCompositionPolicy(input.policy);
  if (problems.length > 0) throw new RangeError(`Invalid composition policy: ${problems.join('; ')}`);
  if (!isIsoDate(input.allocationDate)) throw new RangeError(`Invalid allocation date: ${input.allocationDate}`);
  const policy = input.policy;

  const households: PreparedHousehold[] = [...input.households]
    .sort((a, b) => a.id - b.id)
    .map((h, index) => ({ index, id: h.id, reference: h.reference, registrationDate: h.registrationDate, rankingPoints: h.rankingPoints, urgent: h.urgent, categories: h.categories }));
  const householdById = new Map(households.map((h) => [h.id, h]));
  if (householdById.size !== households.length) throw new RangeError('Duplicate household id in the input');

  const complexes: PreparedComplex[] = [...input.complexes]
    .sort((a, b) => a.id - b.id)
    .map((c, index) => ({
      index,
      id: c.id,
      reference: c.reference,
      resilienceClass: c.resilienceClass,
      targets: targetsForComplex(policy, c).map((t) => {
        const dim = c.composition.dimensions.find((d) => d.dimension === t.dimension);
        const baseCount = dim ? dim.categories.filter((k) => t.categories.includes(k.category)).reduce((s, k) => s + k.count, 0) : 0;
        return { ...t, baseCount, baseTotal: dim ? dim.total : 0 };
      }),
    }));
  const complexById = new Map(complexes.map((c) => [c.id, c]));
  if (complexById.size !== complexes.length) throw new RangeError('Duplicate complex id in the input');

  const sortedVacancies = [...input.vacancies].sort((a, b) => a.id - b.id);
  const vacancies: PreparedVacancy[] = sortedVacancies.map((v, index) => {
    const complex = complexById.get(v.complexId);
    if (!complex) throw new RangeError(`Vacancy ${v.reference}: complex ${v.complexId} is not in the input`);
    if (new Set(v.candidates.map((c) => c.householdId)).size !== v.candidates.length) {
      throw new RangeError(`Vacancy ${v.reference}: a household is listed twice`);
    }
    const ranked = rankCandidates(v, householdById, input.seed);
    return {
      index,
      id: v.id,
      reference: v.reference,
      complexIndex: complex.index,
      route: v.route,
      focus: v.focus,
      ranked,
      window: { plainPlanRank: null, maxRankByPositions: null, latestRegistrationDate: null, protectedRankCut: null },
      pairIndices: [],
    };
  });
  if (new Set(vacancies.map((v) => v.id)).size !== vacancies.length) throw new RangeError('Duplicate vacancy id in the input');

  // Displacement window relative to the plain-order plan (for one vacancy: its rank-1 candidate).
  const plainPlan = plainOrderPlan(vacancies, households.length);
  const allowed: boolean[][] = vacancies.map((v) => {
    const planned = plainPlan[v.index];
    const plainRank = planned === -1 ? null : v.ranked.find((c) => c.householdIndex === planned)!.rank;
    const { maxPositions, maxRegistrationDays } = policy.displacement;
    const maxRankByPositions = maxPositions === null || plainRank === null ? null : plainRank + maxPositions;
    const latestRegistrationDate =
      maxRegistrationDays === null || plainRank === null || !ROUTES_RANKED_BY_REGISTRATION.has(v.route)
        ? null
        : addDays(v.ranked[plainRank - 1].registrationDate, maxRegistrationDays);
    v.window = { plainPlanRank: plainRank, maxRankByPositions, latestRegistrationDate, protectedRankCut: null };
    return v.ranked.map(
      (c) =>
        (maxRankByPositions === null || c.rank <= maxRankByPositions) &&
        (latestRegistrationDate === null || c.rank <= plainRank! || c.registrationDate <= latestRegistrationDate),
    );
  });

  // Urgent households keep their priority. One that can only get this vacancy must get it before
  // anyone ranked below it: cut the window there (exact). Others get a protection row (below).
  if (policy.displacement.protectUrgent) {
    const choosableCount = new Int32Array(households.length);
    vacancies.forEach((v) => v.ranked.forEach((c, i) => (choosableCount[c.householdIndex] += Number(allowed[v.index][i]))));
    for (const v of vacancies) {
      const cut = v.ranked.findIndex((c, i) => allowed[v.index][i] && c.urgent && choosableCount[c.householdIndex] === 1);
      if (cut === -1) continue;
      v.window.protectedRankCut = v.ranked[cut].rank;
      for (let i = cut + 1; i < v.ranked.length; i += 1) allowed[v.index][i] = false;
    }
  }

  // Priority points: rankStep x (last allowed rank - rank + 1), so passing over k places costs k steps.
  const lastAllowedRank = vacancies.map((v) => {
    let last = 0;
    v.ranked.forEach((c, i) => (last = allowed[v.index][i] ? c.rank : last));
    return last;
  });
  // Tie-break: (budget / V) x rankWeight x vacancyWeight, both in (0, 1]. The product (not a sum) makes
  // a swap of two households between two vacancies strictly ordered: the better-ranked one goes to the
  // vacancy earlier in the sweep (focus first, then id), as in the plain order.
  const rankSpan = Math.max(1, ...lastAllowedRank);
  const tiePerPair = TIE_BREAK_BUDGET / Math.max(1, vacancies.length);
  const sweepPosition = new Int32Array(vacancies.length);
  [...vacancies].sort((a, b) => Number(b.focus) - Number(a.focus) || a.index - b.index).forEach((v, position) => (sweepPosition[v.index] = position));
  const vacancyWeight = (v: PreparedVacancy) => (vacancies.length - sweepPosition[v.index]) / vacancies.length;

  const quotaScopes: PreparedQuotaScope[] = [...input.quotaScopes]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((scope, index) => ({ index, key: scope.key, scope }));
  if (new Set(quotaScopes.map((s) => s.key)).size !== quotaScopes.length) throw new RangeError('Duplicate quota scope key');

  // Side rows: composition targets of complexes that have vacancies here, then quotas per scope.
  interface RowDraft {
    name: string;
    spec: SideRowSpec;
    sense: '<=' | '>=';
    rhs: number;
    basisPoints: number;
    weight: number;
    hard: boolean;
    /** Coefficient of a pair of vacancy `v` for household `h` with counter mask `mask`, or null when it does not enter. */
    coef: (v: PreparedVacancy, h: PreparedHousehold, mask: number) => number | null;
  }
  const drafts: RowDraft[] = [];
  const complexesWithVacancies = new Set(vacancies.map((v) => v.complexIndex));
  for (const c of complexes) {
    if (!complexesWithVacancies.has(c.index)) continue;
    c.targets.forEach((t, targetIndex) => {
      const bp = t.basisPoints;
      drafts.push({
        name: `comp_${c.id}_${t.id}`,
        spec: { kind: 'COMPOSITION', complexIndex: c.index, targetIndex },
        // MAX: 10000 count <= bp total; MIN: 10000 count >= bp total (count, total after allocation)
        sense: t.bound === 'MAX' ? '<=' : '>=',
        rhs: bp * t.baseTotal - FULL_SHARE * t.baseCount,
        basisPoints: bp,
        weight: t.weight,
        hard: false,
        coef: (v, h) => (v.complexIndex !== c.index ? null : t.categories.includes(h.categories[t.dimension]) ? FULL_SHARE - bp : -bp),
      });
    });
  }
  const hardQuotas = policy.quotas.enforcement === 'HARD';
  for (const s of quotaScopes) {
    const inScope = s.scope.vacancyIds === null ? null : new Set(s.scope.vacancyIds);
    const counts = s.scope.counts;
    const daebBp = FULL_SHARE - freeAllocationRoomBasisPoints(s.scope.norms);
    const passendBp = FULL_SHARE - s.scope.norms.quotas.passendExceptionBasisPoints;
    const tiesBp = s.scope.norms.localTies.maxShareBasisPoints;
    const scoped = (v: PreparedVacancy) => inScope === null || inScope.has(v.id);
    // Woningwet art. 48 / BTIV 2015 art. 16: >= 92.5% (85% when agreed) of DAEB homes to the target group.
    drafts.push({
      name: `quota_${s.key}_DAEB_TARGET_GROUP`,
      spec: { kind: 'QUOTA', scopeIndex: s.index, quota: 'DAEB_TARGET_GROUP' },
      sense: '>=',
      rhs: daebBp * (counts.daebInTargetGroup + counts.daebAboveLimit) - FULL_SHARE * counts.daebInTargetGroup,
      basisPoints: daebBp,
      weight: policy.quotas.daebTargetGroupWeight,
      hard: hardQuotas,
      coef: (v, _h, mask) =>
        !scoped(v) ? null : mask & bit('daebInTargetGroup') ? FULL_SHARE - daebBp : mask & bit('daebAboveLimit') ? -daebBp : null,
    });
    // Woningwet art. 46 lid 2 / BTIV 2015 art. 54: >= 95% of passend-covered allocations within the cap.
    drafts.push({
      name: `quota_${s.key}_PASSEND_WITHIN_CAP`,
      spec: { kind: 'QUOTA', scopeIndex: s.index, quota: 'PASSEND_WITHIN_CAP' },
      sense: '>=',
      rhs: passendBp * (counts.passendWithinCap + counts.passendAboveCap) - FULL_SHARE * counts.passendWithinCap,
      basisPoints: passendBp,
      weight: policy.quotas.passendWeight,
      hard: hardQuotas,
      coef: (v, _h, mask) =>
        !scoped(v) ? null : mask & bit('passendWithinCap') ? FULL_SHARE - passendBp : mask & bit('passendAboveCap') ? -passendBp : null,
    });
    // Huisvestingswet 2014 art. 14: at most 50% of allocations with local-ties priority.
    drafts.push({
      name: `quota_${s.key}_LOCAL_TIES`,
      spec: { kind: 'QUOTA', scopeIndex: s.index, quota: 'LOCAL_TIES' },
      sense: '<=',
      rhs: tiesBp * counts.allocations - FULL_SHARE * counts.localTiesPriority,
      basisPoints: tiesBp,
      weight: policy.quotas.localTiesWeight,
      hard: hardQuotas,
      coef: (v, _h, mask) => (!scoped(v) ? null : mask & bit('localTiesPriority') ? FULL_SHARE - tiesBp : -tiesBp),
    });
  }

  // Pairs in model order (vacancy by id, then rank) with their side-row coefficients.
  const pairs: PreparedPair[] = [];
  const rowEntries: { pairs: number[]; coefs: number[] }[] = drafts.map(() => ({ pairs: [], coefs: [] }));
  for (const v of vacancies) {
    const last = lastAllowedRank[v.index];
    v.ranked.forEach((c, i) => {
      if (!allowed[v.index][i]) return;
      const h = households[c.householdIndex];
      const mask = counterMask(c.pair.verdict.countsAs);
      const rows: number[] = [];
      const coefs: number[] = [];
      drafts.forEach((d, r) => {
        const coef = d.coef(v, h, mask);
        if (coef === null) return;
        rows.push(r);
        coefs.push(coef);
      });
      const index = pairs.length;
      pairs.push({
        index,
        vacancyIndex: v.index,
        householdIndex: c.householdIndex,
        rank: c.rank,
        priority: policy.rankStepPoints * (last - c.rank + 1),
        tieBreak: (tiePerPair * (rankSpan + 1 - c.rank) * vacancyWeight(v)) / rankSpan,
        protected: policy.displacement.protectUrgent && c.urgent,
        sideRows: Int32Array.from(rows),
        sideCoefs: Float64Array.from(coefs),
      });
      rows.forEach((r, k) => {
        rowEntries[r].pairs.push(index);
        rowEntries[r].coefs.push(coefs[k]);
      });
      c.pairIndex = index;
      v.pairIndices.push(index);
    });
  }

  // Rows no pair enters are constants: their penalty (or hard breach) is the same for every plan.
  let constantPenalty = 0;
  const constantInfeasibilities: string[] = [];
  const sideRows: SideRow[] = [];
  const rowRemap = new Int32Array(drafts.length).fill(-1);
  drafts.forEach((d, r) => {
    if (rowEntries[r].pairs.length === 0) {
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
      pairs: Int32Array.from(rowEntries[r].pairs),
      coefs: Float64Array.from(rowEntries[r].coefs),
    });
  });
  for (const p of pairs) p.sideRows = p.sideRows.map((r) => rowRemap[r]);

  const pairsByHousehold: number[][] = households.map(() => []);
  for (const p of pairs) pairsByHousehold[p.householdIndex].push(p.index);

  const protectionRows: ProtectionRow[] = [];
  if (policy.displacement.protectUrgent) {
    for (const v of vacancies) {
      v.pairIndices.forEach((pi, k) => {
        const p = pairs[pi];
        if (!p.protected) return;
        const below = v.pairIndices.slice(k + 1);
        if (below.length === 0 || v.window.protectedRankCut === p.rank) return; // the window was cut here already
        protectionRows.push({
          name: `prot_${v.id}_${households[p.householdIndex].id}`,
          vacancyIndex: v.index,
          householdIndex: p.householdIndex,
          rank: p.rank,
          belowPairs: Int32Array.from(below),
          housedPairs: Int32Array.from(pairsByHousehold[p.householdIndex].filter((q) => q !== pi)),
        });
      });
    }
  }

  return {
    input,
    policy,
    households,
    complexes,
    vacancies,
    pairs,
    pairsByHousehold,
    sideRows,
    protectionRows,
    quotaScopes,
    constantPenalty,
    constantInfeasibilities,
    plainPlan,
  };
}
