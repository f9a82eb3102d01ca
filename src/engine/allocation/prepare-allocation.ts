import { isIsoDate } from '../common/dates.js';
import { AllocationInput } from './allocation-input.js';
import { CandidateWindow, candidateWindow, plainOrderPlan } from './candidate-window.js';
import { CompositionPolicy, targetsForComplex, validateCompositionPolicy } from './composition-policy.js';
import { PairPricing, lastAllowedRank, pairPricing } from './pair-pricing.js';
import { PreparedAllocation, PreparedComplex, PreparedHousehold, PreparedPair, PreparedQuotaScope, PreparedVacancy } from './prepared-allocation.js';
import { dateKey, rankCandidates } from './rank-candidates.js';
import { SideRowDraft, SideRowEntries, counterMask, settleSideRows, sideRowDrafts } from './side-rows.js';
import { cutAtSoleChoiceUrgent, urgentProtectionRows } from './urgent-protection.js';

// Callers keep importing the prepared shape, plainOrderPlan and TIE_BREAK_BUDGET from this file.
export * from './prepared-allocation.js';
export { plainOrderPlan } from './candidate-window.js';
export { TIE_BREAK_BUDGET } from './pair-pricing.js';

/**
 * Validates the input and computes ranks, displacement windows, pairs and side rows. Composes one step
 * per rule (see prepared-allocation.ts); the order of the steps is the order of the checks and rows.
 */
export function prepareAllocation(input: AllocationInput): PreparedAllocation {
  const problems = validateCompositionPolicy(input.policy);
  if (problems.length > 0) throw new RangeError(`Invalid composition policy: ${problems.join('; ')}`);
  if (!isIsoDate(input.allocationDate)) throw new RangeError(`Invalid allocation date: ${input.allocationDate}`);
  const policy = input.policy;

  const households = prepareHouseholds(input);
  const householdById = new Map(households.map((h) => [h.id, h]));
  if (householdById.size !== households.length) throw new RangeError('Duplicate household id in the input');

  const complexes = prepareComplexes(input, policy);
  const complexById = new Map(complexes.map((c) => [c.id, c]));
  if (complexById.size !== complexes.length) throw new RangeError('Duplicate complex id in the input');

  const vacancies = prepareVacancies(input, householdById, complexById);
  if (new Set(vacancies.map((v) => v.id)).size !== vacancies.length) throw new RangeError('Duplicate vacancy id in the input');

  // Displacement window relative to the plain-order plan (for one vacancy: its rank-1 candidate),
  // cut where an urgent household has no other choice.
  const plainPlan = plainOrderPlan(vacancies, households.length);
  let windows = vacancies.map((v) => candidateWindow(v, plainPlan[v.index], policy.displacement));
  if (policy.displacement.protectUrgent) windows = cutAtSoleChoiceUrgent(vacancies, windows, households.length);
  for (const v of vacancies) v.window = windows[v.index].bound;

  const pricing = pairPricing(
    vacancies,
    vacancies.map((v) => lastAllowedRank(v.ranked, windows[v.index].allowed)),
    policy.rankStepPoints,
  );

  const quotaScopes = prepareQuotaScopes(input);
  const drafts = sideRowDrafts(complexes, vacancies, quotaScopes, policy.quotas);
  const { pairs, entries } = buildPairs(vacancies, households, windows, pricing, drafts, policy.displacement.protectUrgent);
  const { sideRows, rowRemap, constantPenalty, constantInfeasibilities } = settleSideRows(drafts, entries);
  for (const p of pairs) p.sideRows = p.sideRows.map((r) => rowRemap[r]);

  const pairsByHousehold: number[][] = households.map(() => []);
  for (const p of pairs) pairsByHousehold[p.householdIndex].push(p.index);

  const protectionRows = policy.displacement.protectUrgent ? urgentProtectionRows(vacancies, pairs, households, pairsByHousehold) : [];

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

/** Households by id; `index` is the position in that order. */
function prepareHouseholds(input: Pick<AllocationInput, 'households'>): PreparedHousehold[] {
  return [...input.households]
    .sort((a, b) => a.id - b.id)
    .map((h, index) => ({
      index,
      id: h.id,
      reference: h.reference,
      registrationDate: h.registrationDate,
      registrationKey: dateKey(h.registrationDate),
      rankingPoints: h.rankingPoints,
      urgent: h.urgent,
      categories: h.categories,
    }));
}

/** Complexes by id, with the composition targets in force and their current counts. */
function prepareComplexes(input: Pick<AllocationInput, 'complexes'>, policy: CompositionPolicy): PreparedComplex[] {
  return [...input.complexes]
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
}

/** Vacancies by id with their candidates in plain order; windows and pairs are filled in later. */
function prepareVacancies(
  input: Pick<AllocationInput, 'vacancies' | 'seed'>,
  householdById: ReadonlyMap<number, PreparedHousehold>,
  complexById: ReadonlyMap<number, PreparedComplex>,
): PreparedVacancy[] {
  return [...input.vacancies]
    .sort((a, b) => a.id - b.id)
    .map((v, index) => {
      const complex = complexById.get(v.complexId);
      if (!complex) throw new RangeError(`Vacancy ${v.reference}: complex ${v.complexId} is not in the input`);
      if (!idsAscending(v.candidates) && new Set(v.candidates.map((c) => c.householdId)).size !== v.candidates.length) {
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
}

/** Strictly ascending household ids, hence none twice (the loader lists them so): no set of a round's pairs to build. */
function idsAscending(candidates: AllocationInput['vacancies'][number]['candidates']): boolean {
  for (let i = 1; i < candidates.length; i += 1) if (!(candidates[i - 1].householdId < candidates[i].householdId)) return false;
  return true;
}

/** Quota scopes by key; `index` is the position in that order. */
function prepareQuotaScopes(input: Pick<AllocationInput, 'quotaScopes'>): PreparedQuotaScope[] {
  const quotaScopes = [...input.quotaScopes]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((scope, index) => ({ index, key: scope.key, scope }));
  if (new Set(quotaScopes.map((s) => s.key)).size !== quotaScopes.length) throw new RangeError('Duplicate quota scope key');
  return quotaScopes;
}

/**
 * The choosable pairs in model order (vacancy by id, then rank), priced, with the drafts they enter
 * (draft indices, renumbered by the caller once the drafts are settled). Sets each candidate's
 * pairIndex and each vacancy's pairIndices.
 */
function buildPairs(
  vacancies: readonly PreparedVacancy[],
  households: readonly PreparedHousehold[],
  windows: readonly CandidateWindow[],
  pricing: PairPricing,
  drafts: readonly SideRowDraft[],
  protectUrgent: boolean,
): { pairs: PreparedPair[]; entries: SideRowEntries[] } {
  const pairs: PreparedPair[] = [];
  const entries: SideRowEntries[] = drafts.map(() => ({ pairs: [], coefs: [] }));
  // a composition row is entered only by pairs of its own complex (compositionTargetRow): a pair looks
  // at its complex's rows and the quota rows, in draft order, not at every complex's (thousands of
  // rows in the large region's round, scripts/bench-large.ts)
  const compositionDrafts = new Map<number, number[]>();
  const otherDrafts: number[] = [];
  drafts.forEach((d, r) => {
    if (d.spec.kind !== 'COMPOSITION') return otherDrafts.push(r);
    const ofComplex = compositionDrafts.get(d.spec.complexIndex) ?? [];
    compositionDrafts.set(d.spec.complexIndex, ofComplex);
    ofComplex.push(r);
  });
  for (const v of vacancies) {
    const allowed = windows[v.index].allowed;
    const draftsOfVacancy = [...(compositionDrafts.get(v.complexIndex) ?? []), ...otherDrafts].sort((a, b) => a - b);
    v.ranked.forEach((c, i) => {
      if (!allowed[i]) return;
      const h = households[c.householdIndex];
      const mask = counterMask(c.pair.verdict.countsAs);
      const rows: number[] = [];
      const coefs: number[] = [];
      for (const r of draftsOfVacancy) {
        const coef = drafts[r].coef(v, h, mask);
        if (coef === null) continue;
        rows.push(r);
        coefs.push(coef);
      }
      const index = pairs.length;
      pairs.push({
        index,
        vacancyIndex: v.index,
        householdIndex: c.householdIndex,
        rank: c.rank,
        priority: pricing.priority(v.index, c.rank),
        tieBreak: pricing.tieBreak(v.index, c.rank),
        protected: protectUrgent && c.urgent,
        sideRows: Int32Array.from(rows),
        sideCoefs: Float64Array.from(coefs),
      });
      rows.forEach((r, k) => {
        entries[r].pairs.push(index);
        entries[r].coefs.push(coefs[k]);
      });
      c.pairIndex = index;
      v.pairIndices.push(index);
    });
  }
  return { pairs, entries };
}
