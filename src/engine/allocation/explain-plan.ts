import { CompositionDimension } from '../composition/compute-composition.js';
import type { Language } from '../common/language.js';
import { QuotaCounts, QuotaShare, addAllocation, quotaStatus } from '../eligibility/portfolio-quotas.js';
import { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { TargetBound, TargetSource } from './composition-policy.js';
import { BaselineResult, violationCounts } from './greedy-baselines.js';
import { PlanEvaluation, PlanState, breachRecord, evaluatePlan, rowPenalty, rowViolation } from './plan-objective.js';
import { FULL_SHARE, PreparedAllocation, PreparedTarget, PreparedVacancy, SideRowSpec, WindowBound } from './prepare-allocation.js';
import { isSpecialCategoryDimension } from '../privacy/special-category.js';
import { type PlanWords, planWords } from './plan-words.js';
import { AllocationSolution, ModelReport, SolutionSource } from './solve-allocation.js';
import { SolveStatus } from './solver.port.js';

/**
 * The plan as officers, tenants and auditors read it: per vacancy the chosen household, the plain-
 * order candidate and, when it was passed over, why (which target or quota, by how much, in numbers
 * and words); the top alternatives with their score parts; the composition of each complex before
 * and after against its targets; the quota shares; the baselines. Pure data and deterministic: the
 * same input, policy and seed give the same JSON, byte for byte (no timings in here).
 */
export interface AllocationPlan {
  allocationDate: IsoDate;
  seed: number;
  policy: { id: string; version: number; effectiveFrom: IsoDate };
  status: SolveStatus;
  source: SolutionSource;
  solverName: string | null;
  solverVersion: string | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  optimalityScope: AllocationSolution['optimalityScope'];
  model: ModelReport | null;
  verification: AllocationSolution['verification'];
  message: string | null;
  objectiveParts: ObjectiveParts | null;
  proposals: VacancyProposal[];
  /** Look-ahead vacancies: planned along, not proposed. */
  lookAhead: LookAheadAllocation[];
  complexes: ComplexEffect[];
  quotas: QuotaScopeEffect[];
  baselines: BaselineSummary[];
}

export interface ObjectiveParts {
  priorityPoints: number;
  tieBreak: number;
  unfilledPenalty: number;
  compositionPenalty: number;
  quotaPenalty: number;
  constantPenalty: number;
  filled: number;
  unfilled: number;
  /** Composition targets violated after the plan (most were violated before it too). */
  violatedTargets: number;
  /** Composition targets the plan made worse than before it. */
  worsenedTargets: number;
  violatedQuotas: number;
}

export interface ShareState {
  count: number;
  total: number;
  /** count / total in basis points (rounded half up); null when total is 0. */
  basisPoints: number | null;
  /** Households beyond the bound (count against basisPoints x total), e.g. 4.7; 0 when met. */
  violation: number;
  /** weight x violation. */
  penalty: number;
}

export interface TargetEffect {
  targetId: string;
  label: string;
  dimension: CompositionDimension;
  categories: readonly string[];
  bound: TargetBound;
  basisPoints: number;
  weight: number;
  source: TargetSource;
  before: ShareState;
  /** With only this proposal added (proposals only). */
  afterThis: ShareState | null;
  /** With every allocation of the plan in this complex added (look-ahead included). */
  afterPlan: ShareState;
  text: string;
}

export interface ScorePart {
  kind: 'COMPOSITION' | 'QUOTA';
  /** Target id, or `${scope}:${quota}`. */
  id: string;
  label: string;
  /** Points this candidate adds to the plan's objective through this row (negative = penalty). */
  points: number;
}

export interface CandidateScore {
  householdId: number;
  householdReference: string;
  rank: number;
  priorityTier: number;
  urgent: boolean;
  lotteryTicket: number | null;
  /** POINTS route: the household's ranking points. */
  rankingPoints: number | null;
  eligibility: string;
  countsAs: QuotaCounterKey[];
  /** Set when the plan gives this household another vacancy (its score ignores that vacancy's loss). */
  allocatedElsewhere: { vacancyId: number; vacancyReference: string } | null;
  /** priorityPoints + sum of fit, with the rest of the plan fixed. */
  score: number;
  priorityPoints: number;
  fit: ScorePart[];
  /** Points lost by choosing this household instead of the proposed one (0 for the proposed one). */
  costVersusChosen: number;
  /**
   * Set when costVersusChosen is negative (this household scores better here with the rest of the plan
   * fixed): what choosing it would do to the plan as a whole, in targets and points, or why the plan
   * may not be the best one.
   */
  jointNote: string | null;
}

export type PassedOverKind = 'ALLOCATED_ELSEWHERE' | 'COMPOSITION_TARGET' | 'PORTFOLIO_QUOTA' | 'HARD_RULE' | 'JOINT_PLAN' | 'PLAN_NOT_PROVEN_BEST';

export interface PassedOverReason {
  kind: PassedOverKind;
  /** Target id, `${scope}:${quota}`, or the other vacancy's reference. */
  ref: string;
  /** Points the plain-order candidate would cost on this target or quota, more than the proposed one. */
  points: number;
  withPlainCandidate: ShareState | QuotaShare | null;
  withChosen: ShareState | QuotaShare | null;
  text: string;
  /**
   * The text without special-category detail (AVG art. 9), for readers without need to know, when
   * `text` has some that a kind-level rule cannot withhold (the whole-plan comparisons); else null.
   */
  textWithoutSpecialCategory: string | null;
}

export interface VacancyProposal {
  vacancyId: number;
  vacancyReference: string;
  complexId: number;
  complexReference: string;
  route: AllocationRoute;
  routeOrder: string;
  lotterySeed: number | null;
  candidateCount: number;
  window: WindowBound & { lastAllowedRank: number; choosableCount: number };
  chosen: CandidateScore | null;
  plainOrderCandidate: CandidateScore | null;
  plainOrderPassedOver: { reasons: PassedOverReason[]; summary: string } | null;
  /** The best other candidates by score (at most 10). */
  alternatives: CandidateScore[];
  composition: TargetEffect[];
  summary: string;
}

export interface LookAheadAllocation {
  vacancyId: number;
  vacancyReference: string;
  householdId: number | null;
  householdReference: string | null;
  rank: number | null;
}

export interface ComplexEffect {
  complexId: number;
  complexReference: string;
  resilienceClass: number;
  allocations: number;
  targets: TargetEffect[];
}

export interface QuotaScopeEffect {
  scopeKey: string;
  before: QuotaShare[];
  after: QuotaShare[];
  penalty: number;
}

export interface BaselineSummary {
  name: BaselineResult['name'];
  objective: number;
  priorityPoints: number;
  compositionPenalty: number;
  quotaPenalty: number;
  filled: number;
  violatedTargets: number;
  worsenedTargets: number;
  violatedQuotas: number;
  /** Baseline priority points minus the plan's: positive = the baseline follows the list more closely. */
  priorityDifference: number | null;
  /** (plan objective - baseline objective) / max(1, |plan objective|); null without a plan. */
  objectiveGap: number | null;
}

export const MAX_ALTERNATIVES = 10;

/** Rounded for presentation (6 decimals), so JSON does not carry float noise. */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

export function shareState(target: Pick<PreparedTarget, 'bound' | 'basisPoints' | 'weight'>, count: number, total: number): ShareState {
  const scaled = target.bound === 'MAX' ? FULL_SHARE * count - target.basisPoints * total : target.basisPoints * total - FULL_SHARE * count;
  const violation = Math.max(0, scaled);
  return {
    count,
    total,
    basisPoints: total === 0 ? null : Math.floor((2 * FULL_SHARE * count + total) / (2 * total)),
    violation: violation / FULL_SHARE,
    penalty: round6((target.weight * violation) / FULL_SHARE),
  };
}

function shareWords(say: PlanWords, s: ShareState): string {
  return say.share(s.basisPoints, s.count, s.total);
}

function boundWords(say: PlanWords, t: Pick<PreparedTarget, 'bound' | 'basisPoints'>, total: number): string {
  return say.bound(t.bound === 'MAX', t.basisPoints, say.households(t.basisPoints * total), total);
}

function violationWords(say: PlanWords, t: Pick<PreparedTarget, 'bound'>, s: ShareState): string {
  return say.violation(s.violation, say.households(s.violation * FULL_SHARE), t.bound === 'MAX');
}

/**
 * Explains a solved plan (or an unsolved one: then only the plain order and baselines are shown). The
 * language changes the words only (plan-words.ts): every number, id and choice is the same in each.
 */
export function explainPlan(
  prepared: PreparedAllocation,
  solution: AllocationSolution,
  baselines: readonly BaselineResult[],
  language: Language = 'en',
): AllocationPlan {
  const say = planWords(language);
  const assignment = solution.assignment;
  const e = solution.evaluation;
  const planned = assignment ?? prepared.plainPlan.map(() => -1);
  const complexesInPlan = [...new Set(prepared.vacancies.map((v) => v.complexIndex))].sort((a, b) => a - b);
  const focus = prepared.vacancies.filter((v) => v.focus);
  return {
    allocationDate: prepared.input.allocationDate,
    seed: prepared.input.seed,
    policy: { id: prepared.policy.id, version: prepared.policy.version, effectiveFrom: prepared.policy.effectiveFrom },
    status: solution.status,
    source: solution.source,
    solverName: solution.solverName,
    solverVersion: solution.solverVersion,
    objective: e ? round6(e.objective) : null,
    bound: solution.bound === null ? null : round6(solution.bound),
    gap: solution.gap,
    optimalityScope: solution.optimalityScope,
    model: solution.model,
    verification: solution.verification,
    message: solution.message,
    objectiveParts: e
      ? {
          priorityPoints: round6(e.priorityPoints),
          tieBreak: round6(e.tieBreak),
          unfilledPenalty: round6(e.unfilledPenalty),
          compositionPenalty: round6(e.compositionPenalty),
          quotaPenalty: round6(e.quotaPenalty),
          constantPenalty: round6(e.constantPenalty),
          filled: e.filledCount,
          unfilled: e.unfilledCount,
          ...violationCounts(prepared, e),
        }
      : null,
    proposals: proposalsFor(say, prepared, planned, focus, assignment !== null, solution),
    lookAhead: prepared.vacancies
      .filter((v) => !v.focus)
      .map((v) => {
        const p = planned[v.index] === -1 ? null : prepared.pairs[planned[v.index]];
        const h = p ? prepared.households[p.householdIndex] : null;
        return { vacancyId: v.id, vacancyReference: v.reference, householdId: h?.id ?? null, householdReference: h?.reference ?? null, rank: p?.rank ?? null };
      }),
    complexes: complexesInPlan.map((ci) => {
      const c = prepared.complexes[ci];
      const added = householdsAddedTo(prepared, planned, ci);
      return {
        complexId: c.id,
        complexReference: c.reference,
        resilienceClass: c.resilienceClass,
        allocations: added.length,
        targets: c.targets.map((t) => targetEffect(say, prepared, t, added, null, c.reference)),
      };
    }),
    quotas: prepared.quotaScopes.map((s) => {
      const before = quotaStatus(s.scope.counts, s.scope.norms);
      const after = quotaStatus(countsAfter(prepared, s.index, planned), s.scope.norms);
      let penalty = 0;
      if (e)
        for (const row of prepared.sideRows)
          if (row.spec.kind === 'QUOTA' && row.spec.scopeIndex === s.index) penalty += (row.weight * e.rowViolation[row.index]) / FULL_SHARE;
      return { scopeKey: s.key, before, after, penalty: round6(penalty) };
    }),
    baselines: baselines.map((b) => ({
      name: b.name,
      objective: round6(b.evaluation.objective),
      priorityPoints: round6(b.evaluation.priorityPoints),
      compositionPenalty: round6(b.evaluation.compositionPenalty),
      quotaPenalty: round6(b.evaluation.quotaPenalty),
      filled: b.evaluation.filledCount,
      violatedTargets: b.violatedTargets,
      worsenedTargets: b.worsenedTargets,
      violatedQuotas: b.violatedQuotas,
      priorityDifference: e ? round6(b.evaluation.priorityPoints - e.priorityPoints) : null,
      objectiveGap: e ? round6((e.objective - b.evaluation.objective) / Math.max(1, Math.abs(e.objective))) : null,
    })),
  };
}

/** Household indices the plan adds to a complex. */
function householdsAddedTo(prepared: PreparedAllocation, planned: ArrayLike<number>, complexIndex: number): number[] {
  const out: number[] = [];
  for (const v of prepared.vacancies) {
    if (v.complexIndex !== complexIndex || planned[v.index] === -1) continue;
    out.push(prepared.pairs[planned[v.index]].householdIndex);
  }
  return out;
}

function countAfter(prepared: PreparedAllocation, t: PreparedTarget, added: readonly number[]): { count: number; total: number } {
  let count = t.baseCount;
  for (const h of added) if (t.categories.includes(prepared.households[h].categories[t.dimension])) count += 1;
  return { count, total: t.baseTotal + added.length };
}

function targetEffect(
  say: PlanWords,
  prepared: PreparedAllocation,
  t: PreparedTarget,
  addedPlan: readonly number[],
  addedThis: readonly number[] | null,
  complexRef: string,
): TargetEffect {
  const before = shareState(t, t.baseCount, t.baseTotal);
  const plan = countAfter(prepared, t, addedPlan);
  const afterPlan = shareState(t, plan.count, plan.total);
  const one = addedThis === null ? null : countAfter(prepared, t, addedThis);
  const afterThis = one === null ? null : shareState(t, one.count, one.total);
  const shown = afterThis ?? afterPlan;
  const text = say.targetEffect(
    t.label,
    complexRef,
    shareWords(say, before),
    shareWords(say, shown),
    afterThis !== null,
    afterThis && addedPlan.length > 1 ? shareWords(say, afterPlan) : null,
    addedPlan.length,
    boundWords(say, t, shown.total),
    violationWords(say, t, shown),
  );
  return {
    targetId: t.id,
    label: t.label,
    dimension: t.dimension,
    categories: t.categories,
    bound: t.bound,
    basisPoints: t.basisPoints,
    weight: t.weight,
    source: t.source,
    before,
    afterThis,
    afterPlan,
    text,
  };
}

function countsAfter(prepared: PreparedAllocation, scopeIndex: number, planned: ArrayLike<number>): QuotaCounts {
  let perScope = countsByScope.get(prepared);
  if (!perScope) countsByScope.set(prepared, (perScope = new Map()));
  const known = perScope.get(scopeIndex);
  const scope = prepared.quotaScopes[scopeIndex].scope;
  const inScope = known?.inScope ?? (scope.vacancyIds === null ? null : new Set(scope.vacancyIds));
  const countsAs = (pi: number) => prepared.vacancies[prepared.pairs[pi].vacancyIndex].ranked[prepared.pairs[pi].rank - 1].pair.verdict.countsAs;
  // from the counts of a plan counted before, by the vacancies whose pair differs (an explanation asks
  // for the same plan with one vacancy taken out, once per vacancy and quota)
  const from = known ?? { plan: new Int32Array(prepared.vacancies.length).fill(-1), counts: scope.counts };
  let counts = from.counts;
  for (const v of prepared.vacancies) {
    const now = planned[v.index];
    const then = from.plan[v.index];
    if (now === then || (inScope !== null && !inScope.has(v.id))) continue;
    if (then !== -1) counts = withoutAllocation(counts, countsAs(then));
    if (now !== -1) counts = addAllocation(counts, countsAs(now));
  }
  if (!known) perScope.set(scopeIndex, { inScope, plan: Int32Array.from(planned), counts });
  return counts;
}

/** Quota counts of a plan per prepared instance and scope (prepared instances are not changed once made). */
const countsByScope = new WeakMap<PreparedAllocation, Map<number, { inScope: Set<number> | null; plan: Int32Array; counts: QuotaCounts }>>();

/** Counts with one allocation that added to `countsAs` taken back (addAllocation undone). */
function withoutAllocation(counts: QuotaCounts, countsAs: readonly QuotaCounterKey[]): QuotaCounts {
  const next = { ...counts, allocations: counts.allocations - 1 };
  for (const key of countsAs) next[key] -= 1;
  return next;
}

interface RowRef {
  kind: 'COMPOSITION' | 'QUOTA';
  id: string;
  label: string;
}

/**
 * Each side row's reference, made once per prepared instance and language (read-only: callers copy
 * the fields they show). A round's explanation names a row for every row of every candidate it
 * scores, thousands of times.
 */
const ROW_REFS = new WeakMap<PreparedAllocation, Map<PlanWords, readonly RowRef[]>>();

function rowRefs(say: PlanWords, prepared: PreparedAllocation): readonly RowRef[] {
  let byLanguage = ROW_REFS.get(prepared);
  if (!byLanguage) ROW_REFS.set(prepared, (byLanguage = new Map()));
  let refs = byLanguage.get(say);
  if (!refs) byLanguage.set(say, (refs = prepared.sideRows.map((row) => rowRefOf(say, prepared, row.index))));
  return refs;
}

function rowRef(say: PlanWords, prepared: PreparedAllocation, rowIndex: number): RowRef {
  return rowRefs(say, prepared)[rowIndex];
}

function rowRefOf(say: PlanWords, prepared: PreparedAllocation, rowIndex: number): RowRef {
  const spec = prepared.sideRows[rowIndex].spec;
  if (spec.kind === 'COMPOSITION') {
    const t = prepared.complexes[spec.complexIndex].targets[spec.targetIndex];
    return { kind: 'COMPOSITION', id: t.id, label: t.label };
  }
  const scope = prepared.quotaScopes[spec.scopeIndex];
  return { kind: 'QUOTA', id: `${scope.key}:${spec.quota}`, label: say.quotaLabel[spec.quota] };
}

/** One plan state for all proposals: each vacancy's pair is taken out while it is explained. */
function proposalsFor(
  say: PlanWords,
  prepared: PreparedAllocation,
  planned: ArrayLike<number>,
  focus: readonly PreparedVacancy[],
  solved: boolean,
  solution: SolutionFacts,
): VacancyProposal[] {
  const state = new PlanState(prepared);
  for (let i = 0; i < prepared.vacancies.length; i += 1) if (planned[i] !== -1) state.add(planned[i]);
  return focus.map((v) => {
    const chosen = planned[v.index];
    if (chosen !== -1) state.remove(chosen);
    const proposal = proposalFor(say, prepared, planned, v, solved, state, solution);
    if (chosen !== -1) state.add(chosen);
    return proposal;
  });
}

/** `rest` is the plan without this vacancy's pair: every score is "this household here, all else equal". */
function proposalFor(
  say: PlanWords,
  prepared: PreparedAllocation,
  planned: ArrayLike<number>,
  v: PreparedVacancy,
  solved: boolean,
  rest: PlanState,
  solution: SolutionFacts,
): VacancyProposal {
  const complex = prepared.complexes[v.complexIndex];
  const chosenPair = planned[v.index];
  const housedAt = rest.housedAt;
  const refs = rowRefs(say, prepared);

  const scoreOf = (pairIndex: number): CandidateScore => {
    const p = prepared.pairs[pairIndex];
    const c = v.ranked[p.rank - 1];
    const h = prepared.households[p.householdIndex];
    const fit: ScorePart[] = [];
    let fitPoints = 0;
    for (let k = 0; k < p.sideRows.length; k += 1) {
      const row = prepared.sideRows[p.sideRows[k]];
      const a = rest.activity[row.index];
      const points = round6(rowPenalty(row, a) - rowPenalty(row, a + p.sideCoefs[k]));
      const ref = refs[row.index];
      fit.push({ kind: ref.kind, id: ref.id, label: ref.label, points });
      fitPoints += points;
    }
    const elsewhere = housedAt[p.householdIndex];
    return {
      householdId: h.id,
      householdReference: h.reference,
      rank: p.rank,
      priorityTier: c.priorityTier,
      urgent: c.urgent,
      lotteryTicket: c.lotteryTicket,
      rankingPoints: c.rankingPoints,
      // English: the verdict's own words, as judged; another language: the same verdict (its quota counters) in its words
      eligibility: say === planWords('en') ? c.pair.verdict.summary : say.eligible(c.pair.verdict.countsAs),
      countsAs: [...c.pair.verdict.countsAs],
      allocatedElsewhere: elsewhere === -1 ? null : { vacancyId: prepared.vacancies[elsewhere].id, vacancyReference: prepared.vacancies[elsewhere].reference },
      score: round6(p.priority + fitPoints),
      priorityPoints: p.priority,
      fit,
      costVersusChosen: 0,
      jointNote: null,
    };
  };

  // every candidate's exact worth here; the scores in full only for those shown (a round's vacancy has hundreds)
  const worth = v.pairIndices.map((pi) => ({
    pi,
    rank: prepared.pairs[pi].rank,
    exact: prepared.pairs[pi].priority + prepared.pairs[pi].tieBreak - rest.penaltyDelta(pi),
  }));
  const chosenWorth = chosenPair === -1 ? null : worth.find((x) => x.pi === chosenPair)!;
  const scores = new Map<number, CandidateScore>();
  const scored = (x: (typeof worth)[number]) => {
    let s = scores.get(x.pi);
    if (!s) {
      s = scoreOf(x.pi);
      s.costVersusChosen = chosenWorth ? round6(chosenWorth.exact - x.exact) : 0;
      scores.set(x.pi, s);
    }
    return { ...x, s };
  };
  const chosen = chosenWorth && scored(chosenWorth);
  const plainWorth = worth.find((x) => x.rank === 1);
  const plain = plainWorth ? scored(plainWorth) : null;
  const shown = worth
    .filter((x) => x.pi !== chosenPair)
    .sort((a, b) => b.exact - a.exact || a.rank - b.rank)
    .slice(0, MAX_ALTERNATIVES)
    .map(scored);
  if (chosen && solved) {
    for (const x of shown) if (x.s.costVersusChosen < 0) x.s.jointNote = jointNote(say, prepared, planned, v, rest, x.pi, -x.s.costVersusChosen, solution);
  }
  const alternatives = shown.map((x) => x.s);

  const addedPlan = householdsAddedTo(prepared, planned, v.complexIndex);
  const addedThis = chosen ? [prepared.pairs[chosen.pi].householdIndex] : [];
  const composition = complex.targets.map((t) => targetEffect(say, prepared, t, addedPlan, addedThis, complex.reference));

  let passedOver: VacancyProposal['plainOrderPassedOver'] = null;
  if (solved && chosen && plain && chosen.pi !== plain.pi) {
    passedOver = explainPassedOver(say, prepared, planned, v, rest, plain.pi, chosen.pi, solution);
  }
  const lastAllowedRank = v.pairIndices.length === 0 ? 0 : prepared.pairs[v.pairIndices[v.pairIndices.length - 1]].rank;
  const summary = !solved
    ? say.noPlan
    : v.ranked.length === 0
      ? say.noCandidates(v.reference)
      : chosen === null
        ? emptyVacancySummary(say, prepared, v, rest, solution)
        : chosen.pi === plain?.pi
          ? say.plainProposed(chosen.s.householdReference, v.reference)
          : say.proposedInstead(chosen.s.householdReference, chosen.s.rank, v.reference, plain!.s.householdReference, passedOver!.summary);
  return {
    vacancyId: v.id,
    vacancyReference: v.reference,
    complexId: complex.id,
    complexReference: complex.reference,
    route: v.route,
    routeOrder: say.routeOrder[v.route],
    lotterySeed: v.route === 'LOTTERY' ? prepared.input.seed : null,
    candidateCount: v.ranked.length,
    window: { ...v.window, lastAllowedRank, choosableCount: v.pairIndices.length },
    chosen: chosen?.s ?? null,
    plainOrderCandidate: plain?.s ?? null,
    plainOrderPassedOver: passedOver,
    alternatives,
    composition,
    summary,
  };
}

/**
 * Why a vacancy with candidates stays empty, in numbers (the first that holds): every candidate within
 * the displacement bound is housed elsewhere; each one free would break a hard rule (the quota, its
 * share with the candidate and with the vacancy empty); the best one free costs more points than the
 * unfilled penalty; or the plan is not proven best (that candidate would gain points here). `rest` is
 * the plan itself here (the vacancy has no pair to take out). Read by everyone: no special-category
 * detail (AVG art. 9), which the alternatives' scores carry for the officers.
 */
function emptyVacancySummary(say: PlanWords, prepared: PreparedAllocation, v: PreparedVacancy, rest: PlanState, solution: SolutionFacts): string {
  const lead = say.emptyLead(v.reference);
  const choosable = v.pairIndices.length;
  if (choosable === 0) return say.noneWithinBound(lead, v.ranked.length);
  const free = v.pairIndices.filter((pi) => rest.isFree(pi));
  const housed = choosable - free.length;
  if (free.length === 0) return say.allHousedElsewhere(lead, choosable);
  const refOf = (pi: number) => prepared.households[prepared.pairs[pi].householdIndex].reference;
  const breaks = new Map(free.map((pi) => [pi, hardBreaks(say, prepared, v, rest, pi)]));
  const open = free.filter((pi) => breaks.get(pi)!.length === 0);

  if (open.length === 0) {
    // group the candidates by the hard rule they would break, in rank order
    const groups = new Map<string, { describe: (who: readonly string[]) => string; quota: string | null; who: number[] }>();
    for (const pi of free) {
      for (const b of breaks.get(pi)!) {
        const g = groups.get(b.key) ?? { describe: b.describe, quota: b.quota, who: [] };
        g.who.push(pi);
        groups.set(b.key, g);
      }
    }
    const onlyOne = groups.size === 1 ? [...groups.values()][0] : null;
    const notHoused = say.notHousedElsewhere(housed);
    const subject = free.length === 1 ? say.onlyCandidate(notHoused, refOf(free[0])) : say.eachCandidate(free.length, notHoused);
    const what = onlyOne?.quota ? say.hardQuota(onlyOne.quota) : say.aHardRule;
    const details = [...groups.values()].map((g) => g.describe(g.who.map(refOf)));
    const hardQuota = [...groups.values()].some((g) => g.quota !== null);
    return say.wouldBreak(lead, subject, what, details.join(' '), hardQuota);
  }

  // the best candidate free to take it and breaking no hard rule (rank order breaks ties)
  let best = open[0];
  for (const pi of open) if (rest.gain(pi) > rest.gain(best) + 1e-12) best = pi;
  const gain = rest.gain(best);
  const who = refOf(best);
  const unavailable = free.length - open.length;
  const others = say.otherCandidates(housed, unavailable);
  if (gain > 1e-9) return say.notProvenBestEmpty(lead, notProvenBestWords(say, who, gain, solution), others);

  const p = prepared.pairs[best];
  const parts: string[] = [];
  let special = 0;
  for (let k = 0; k < p.sideRows.length; k += 1) {
    const row = prepared.sideRows[p.sideRows[k]];
    const a = rest.activity[row.index];
    const delta = rowPenalty(row, a + p.sideCoefs[k]) - rowPenalty(row, a);
    if (Math.abs(delta) <= 1e-9) continue;
    const spec = row.spec;
    if (spec.kind === 'COMPOSITION' && isSpecialCategoryDimension(prepared.complexes[spec.complexIndex].targets[spec.targetIndex].dimension)) special += delta;
    else {
      const ref = rowRef(say, prepared, row.index);
      parts.push(say.pointsOn(say.points(delta), ref.id, ref.kind === 'COMPOSITION', ref.label));
    }
  }
  if (Math.abs(special) > 1e-9) parts.push(say.pointsOnSpecial(say.points(special)));
  const penalty = prepared.policy.unfilledPenalty;
  const net = penalty - gain;
  const costs = parts.length === 0 ? '' : parts.length === 1 ? say.costsOne(parts[0]) : say.costsMany(say.points(rest.penaltyDelta(best)), parts);
  return say.cheaperEmpty(lead, who, p.rank, say.points(p.priority), costs, say.points(net), gain < -1e-9, say.points(penalty), others);
}

/** A hard rule a pair would break if added to `rest`: a hard quota row deepened, or an urgent household passed over. */
interface HardBreak {
  key: string;
  /** The quota's id (`${scope}:${quota}`), or null for another rule. */
  quota: string | null;
  /** The rule with the shares, for these candidates. */
  describe: (who: readonly string[]) => string;
}

function hardBreaks(say: PlanWords, prepared: PreparedAllocation, v: PreparedVacancy, rest: PlanState, pairIndex: number): HardBreak[] {
  const p = prepared.pairs[pairIndex];
  const out: HardBreak[] = [];
  for (let k = 0; k < p.sideRows.length; k += 1) {
    const row = prepared.sideRows[p.sideRows[k]];
    const a = rest.activity[row.index];
    if (!row.hard || rowViolation(row, a + p.sideCoefs[k]) <= rowViolation(row, a)) continue;
    const ref = rowRef(say, prepared, row.index);
    const spec = row.spec;
    if (spec.kind !== 'QUOTA') {
      // only quotas are hard rows (prepare-allocation.ts); named all the same should that change
      out.push({ key: `row:${row.index}`, quota: null, describe: (who) => say.rowBroken(say.names(who), ref.id) });
      continue;
    }
    const scope = prepared.quotaScopes[spec.scopeIndex];
    const others = countsAfter(prepared, spec.scopeIndex, rest.assignment);
    const share = (counts: QuotaCounts) => quotaStatus(counts, scope.scope.norms).find((q) => q.quota === spec.quota)!;
    const withIt = share(addAllocation(others, v.ranked[p.rank - 1].pair.verdict.countsAs));
    const empty = share(others);
    out.push({
      key: `row:${row.index}`,
      quota: ref.id,
      describe: (who) =>
        say.quotaWith(
          say.names(who),
          say.quotaLabel[spec.quota],
          scope.key,
          quotaWords(say, withIt),
          say.norm(withIt.norm.comparison === '>=', withIt.norm.basisPoints, withIt.norm.reference),
          v.reference,
          quotaWords(say, empty),
        ),
    });
  }
  for (const row of prepared.protectionRows) {
    if (row.vacancyIndex !== v.index || rest.housedAt[row.householdIndex] !== -1 || !row.belowPairs.includes(pairIndex)) continue;
    const urgent = prepared.households[row.householdIndex].reference;
    out.push({
      key: `urgent:${row.name}`,
      quota: null,
      describe: (who) => say.belowUrgent(say.names(who), who.length > 1, urgent, row.rank),
    });
  }
  return out;
}

function explainPassedOver(
  say: PlanWords,
  prepared: PreparedAllocation,
  planned: ArrayLike<number>,
  v: PreparedVacancy,
  rest: PlanState,
  plainPair: number,
  chosenPair: number,
  solution: SolutionFacts,
): { reasons: PassedOverReason[]; summary: string } {
  const p = prepared.pairs[plainPair];
  const c = prepared.pairs[chosenPair];
  const plainRef = prepared.households[p.householdIndex].reference;
  const chosenRef = prepared.households[c.householdIndex].reference;
  const places = c.rank - p.rank;
  const priorityCost = p.priority - c.priority;
  const elsewhere = rest.housedAt[p.householdIndex];
  if (elsewhere !== -1) {
    const w = prepared.vacancies[elsewhere];
    const rankThere = prepared.pairs[rest.assignment[elsewhere]].rank;
    const joint = compareWithPlan(say, prepared, solution, v, rest, plainPair);
    const moving = jointWords(say, joint, plainRef, say.verb.MOVE, solution);
    const lead = say.allocatedElsewhere(plainRef, w.reference, rankThere, v.reference);
    const text = lead + moving.text;
    const reason: PassedOverReason = {
      kind: 'ALLOCATED_ELSEWHERE',
      ref: w.reference,
      points: round6(Math.max(0, joint.points)),
      withPlainCandidate: null,
      withChosen: null,
      text,
      textWithoutSpecialCategory: moving.withheld === null ? null : lead + moving.withheld,
    };
    return { reasons: [reason], summary: text };
  }

  // Side-row penalties with the plain candidate against those with the chosen one, the rest fixed.
  const rows = new Map<number, { plain: number; chosen: number }>();
  const collect = (pair: typeof p, which: 'plain' | 'chosen') => {
    for (let k = 0; k < pair.sideRows.length; k += 1) {
      const r = pair.sideRows[k];
      const entry = rows.get(r) ?? { plain: 0, chosen: 0 };
      entry[which] = pair.sideCoefs[k];
      rows.set(r, entry);
    }
  };
  collect(p, 'plain');
  collect(c, 'chosen');
  const reasons: PassedOverReason[] = [];
  for (const [r, coef] of [...rows].sort((a, b) => a[0] - b[0])) {
    const row = prepared.sideRows[r];
    const a = rest.activity[r];
    if (row.hard) {
      if (rowViolation(row, a + coef.plain) > rowViolation(row, a + coef.chosen)) {
        // only quotas are hard rows (prepare-allocation.ts)
        const q = row.spec.kind === 'QUOTA' ? quotaComparison(say, prepared, row.spec, rest, v, p, c) : null;
        const text = say.hardLimit(q?.text ?? say.rowLabelBroken(plainRef, rowRef(say, prepared, r).label), plainRef);
        reasons.push({
          kind: 'HARD_RULE',
          ref: rowRef(say, prepared, r).id,
          points: 0,
          withPlainCandidate: q?.withPlain ?? null,
          withChosen: q?.withChosen ?? null,
          text,
          textWithoutSpecialCategory: null,
        });
      }
      continue;
    }
    const points = rowPenalty(row, a + coef.plain) - rowPenalty(row, a + coef.chosen);
    if (points <= 1e-9) continue;
    if (row.spec.kind === 'COMPOSITION') {
      const complex = prepared.complexes[row.spec.complexIndex];
      const t = complex.targets[row.spec.targetIndex];
      const others = householdsAddedTo(prepared, rest.assignment, complex.index);
      const withPlain = countAfter(prepared, t, [...others, p.householdIndex]);
      const withChosen = countAfter(prepared, t, [...others, c.householdIndex]);
      const sp = shareState(t, withPlain.count, withPlain.total);
      const sc = shareState(t, withChosen.count, withChosen.total);
      const text = say.compositionReason(
        plainRef,
        t.label,
        complex.reference,
        shareWords(say, sp),
        boundWords(say, t, sp.total),
        violationWords(say, t, sp),
        chosenRef,
        shareWords(say, sc),
        violationWords(say, t, sc),
        t.weight,
        say.points(points),
      );
      reasons.push({
        kind: 'COMPOSITION_TARGET',
        ref: t.id,
        points: round6(points),
        withPlainCandidate: sp,
        withChosen: sc,
        text,
        textWithoutSpecialCategory: null,
      });
    } else {
      const q = quotaComparison(say, prepared, row.spec, rest, v, p, c);
      const text = say.quotaReason(q.text, say.points(points));
      reasons.push({
        kind: 'PORTFOLIO_QUOTA',
        ref: q.ref,
        points: round6(points),
        withPlainCandidate: q.withPlain,
        withChosen: q.withChosen,
        text,
        textWithoutSpecialCategory: null,
      });
    }
  }
  reasons.sort((a, b) => b.points - a.points || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  if (reasons.length === 0) {
    // Nothing separates the two with the rest of the plan fixed: compare the whole plans instead.
    const joint = compareWithPlan(say, prepared, solution, v, rest, plainPair);
    const lead = say.passingOver(places, say.points(priorityCost));
    const words = jointWords(say, joint, plainRef, say.verb.CHOOSE, solution);
    const kind: PassedOverKind = joint.breaks.length > 0 ? 'HARD_RULE' : joint.points > 1e-9 ? 'JOINT_PLAN' : 'PLAN_NOT_PROVEN_BEST';
    const text = lead + words.text;
    const reason: PassedOverReason = {
      kind,
      ref: v.reference,
      points: round6(joint.points),
      withPlainCandidate: null,
      withChosen: null,
      text,
      textWithoutSpecialCategory: words.withheld === null ? null : lead + words.withheld,
    };
    return { reasons: [reason], summary: text };
  }
  const soft = reasons.filter((r) => r.kind !== 'HARD_RULE');
  const hard = reasons.filter((r) => r.kind === 'HARD_RULE');
  const total = soft.reduce((s, r) => s + r.points, 0);
  const names = soft.map((r) => (r.kind === 'COMPOSITION_TARGET' ? say.targetName(r.ref) : say.quotaName(r.ref)));
  const summary = say.passedOverSummary(
    places,
    say.points(priorityCost),
    plainRef,
    hard.map((r) => r.ref),
    soft.length > 0 ? { total: say.points(total), names } : null,
    reasons.map((r) => r.text).join(' '),
  );
  return { reasons, summary };
}

/** What explainPlan needs of the solution to say whether the plan is proven best. */
export type SolutionFacts = Pick<AllocationSolution, 'status' | 'gap' | 'optimalityScope' | 'evaluation'>;

function notProvenBestWords(say: PlanWords, who: string, gain: number, solution: SolutionFacts): string {
  const scope = solution.status !== 'OPTIMAL' ? 'NOT_OPTIMAL' : solution.optimalityScope === 'TOP_K_CANDIDATES' ? 'TOP_K' : 'TOLERANCE';
  return say.notProvenBest(who, say.points(gain), solution.status, solution.gap, scope);
}

/** A quota's share with the plain candidate and with the chosen one, the rest of the plan fixed. */
function quotaComparison(
  say: PlanWords,
  prepared: PreparedAllocation,
  spec: Extract<SideRowSpec, { kind: 'QUOTA' }>,
  rest: PlanState,
  v: PreparedVacancy,
  p: PreparedAllocation['pairs'][number],
  c: PreparedAllocation['pairs'][number],
): { ref: string; withPlain: QuotaShare; withChosen: QuotaShare; text: string } {
  const scope = prepared.quotaScopes[spec.scopeIndex];
  const others = countsAfter(prepared, spec.scopeIndex, rest.assignment);
  const pick = (pair: typeof p) => v.ranked[pair.rank - 1].pair.verdict.countsAs;
  const withPlain = quotaStatus(addAllocation(others, pick(p)), scope.scope.norms).find((q) => q.quota === spec.quota)!;
  const withChosen = quotaStatus(addAllocation(others, pick(c)), scope.scope.norms).find((q) => q.quota === spec.quota)!;
  const text = say.quotaComparison(
    prepared.households[p.householdIndex].reference,
    say.quotaLabel[spec.quota],
    scope.key,
    quotaWords(say, withPlain),
    say.norm(withPlain.norm.comparison === '>=', withPlain.norm.basisPoints, withPlain.norm.reference),
    prepared.households[c.householdIndex].reference,
    quotaWords(say, withChosen),
  );
  return { ref: `${scope.key}:${spec.quota}`, withPlain, withChosen, text };
}

const quotaWords = (say: PlanWords, q: QuotaShare) => say.quotaShare(q.basisPoints, q.numerator, q.denominator);

/**
 * The plan as a whole with `pairIndex` given its vacancy instead of the chosen pair: a household the
 * plan houses elsewhere moves, and the vacancy it leaves goes to its best free candidate that breaks
 * no hard row (or stays empty when that is cheaper). `points` = plan objective minus this plan's
 * (positive: the plan is better), `parts` names every objective term and target that differs.
 */
function compareWithPlan(
  say: PlanWords,
  prepared: PreparedAllocation,
  solution: SolutionFacts,
  v: PreparedVacancy,
  rest: PlanState,
  pairIndex: number,
): JointComparison {
  let refill: { vacancy: PreparedVacancy; pairIndex: number } | null = null;
  // the compared plan is `rest` changed in place and restored below (cheaper than a copy: this runs for
  // every passed-over candidate; activities are whole basis points, so undoing restores them exactly)
  const state = rest;
  const undo: (() => void)[] = [];
  let after: PlanEvaluation;
  try {
    const p = prepared.pairs[pairIndex];
    const from = state.housedAt[p.householdIndex];
    if (from !== -1) {
      const moved = state.assignment[from];
      state.remove(moved);
      undo.push(() => state.add(moved));
    }
    state.add(pairIndex);
    undo.push(() => state.remove(pairIndex));
    if (from !== -1) {
      const w = prepared.vacancies[from];
      let best = -1;
      let bestGain = 0;
      for (const pi of w.pairIndices) {
        if (!state.isFree(pi) || state.breaksHardRow(pi)) continue;
        const gain = state.gain(pi);
        if (gain > bestGain + 1e-12) [best, bestGain] = [pi, gain];
      }
      if (best !== -1) {
        state.add(best);
        undo.push(() => state.remove(best));
      }
      refill = { vacancy: w, pairIndex: best };
    }
    after = evaluatePlan(prepared, state.assignment);
  } finally {
    for (const step of undo.reverse()) step();
  }
  // the plan's own evaluation (explained plans are solved: it is set)
  const before = solution.evaluation!;
  const parts: JointComparison['parts'] = [];
  const term = (label: string, delta: number, special = false) => {
    // four decimals: the plain-order tie-break is worth thousandths of a point (prepare-allocation.ts)
    const shown = Math.round(Math.abs(delta) * 1e4) / 1e4;
    if (shown > 0) parts.push({ words: `${label} ${delta > 0 ? '-' : '+'}${say.decimal(shown)}`, special });
  };
  term(say.jointTerm.priority, before.priorityPoints - after.priorityPoints);
  term(say.jointTerm.tieBreak, before.tieBreak - after.tieBreak);
  term(say.jointTerm.unfilled, after.unfilledPenalty - before.unfilledPenalty);
  for (const row of prepared.sideRows) {
    if (row.hard) continue;
    const delta = rowPenalty(row, after.rowActivity[row.index]) - rowPenalty(row, before.rowActivity[row.index]);
    if (Math.abs(delta) <= 1e-9) continue;
    const ref = rowRef(say, prepared, row.index);
    const spec = row.spec;
    if (spec.kind === 'COMPOSITION') {
      // the complex too: a move between two complexes changes the same target in both
      const complex = prepared.complexes[spec.complexIndex];
      term(say.jointTarget(ref.id, complex.reference, ref.label), delta, isSpecialCategoryDimension(complex.targets[spec.targetIndex].dimension));
    } else {
      term(say.jointQuota(ref.id), delta);
    }
  }
  if (refill) {
    const w = refill.vacancy;
    const r = refill.pairIndex === -1 ? null : prepared.pairs[refill.pairIndex];
    parts.push({
      words: say.refill(w.reference, r ? prepared.households[r.householdIndex].reference : null, r ? r.rank : null),
      special: false,
    });
  }
  // rules the compared plan breaks and this plan does not (matched by their record words), worded for the reader
  const breaks = after.breaches
    .filter((b) => !before.infeasibilities.includes(breachRecord(b)))
    .map((b) => say.breach(b, b.kind === 'HARD_ROW' ? rowRef(say, prepared, b.rowIndex) : null));
  return { points: before.objective - after.objective, parts, breaks };
}

interface JointComparison {
  /** Plan objective minus the compared plan's: positive = the plan is better. */
  points: number;
  /** Each objective term and target that differs; `special` for a target on special-category data. */
  parts: { words: string; special: boolean }[];
  /** Hard rules the compared plan breaks and the plan does not, in the reader's words. */
  breaks: string[];
}

/**
 * "Choosing X here costs N points: ..." (or the hard rule it breaks, or why the plan is not proven
 * best), in full and without special-category detail (null when that is the same text).
 */
function jointWords(say: PlanWords, joint: JointComparison, who: string, verb: string, solution: SolutionFacts): { text: string; withheld: string | null } {
  if (joint.breaks.length > 0) return { text: say.breaksHardRule(verb, who, joint.breaks), withheld: null };
  if (joint.points <= 1e-9) return { text: notProvenBestWords(say, who, -joint.points, solution), withheld: null };
  const words = (parts: readonly string[]) => say.costsInPlan(verb, who, say.points(joint.points), parts);
  const text = words(joint.parts.map((p) => p.words));
  if (!joint.parts.some((p) => p.special)) return { text, withheld: null };
  const firstSpecial = joint.parts.findIndex((p) => p.special);
  const withheld = joint.parts.flatMap((p, i) => (!p.special ? [p.words] : i === firstSpecial ? [say.specialTarget] : []));
  return { text, withheld: words(withheld) };
}

/** Why an alternative that scores better here, all else fixed, is not the proposed household. */
function jointNote(
  say: PlanWords,
  prepared: PreparedAllocation,
  planned: ArrayLike<number>,
  v: PreparedVacancy,
  rest: PlanState,
  pairIndex: number,
  gainHere: number,
  solution: SolutionFacts,
): string {
  const p = prepared.pairs[pairIndex];
  const who = prepared.households[p.householdIndex].reference;
  const elsewhere = rest.housedAt[p.householdIndex];
  const joint = compareWithPlan(say, prepared, solution, v, rest, pairIndex);
  const lead = say.jointNoteLead(who, say.points(gainHere), elsewhere === -1 ? null : prepared.vacancies[elsewhere].reference);
  return lead + jointWords(say, joint, who, say.verb.CHOOSE, solution).text;
}

/**
 * One vacancy's part of a round's plan, stored with its proposal: the plan's solver facts, this
 * vacancy's proposal, its complex before and after the whole round, and the round's quota effects.
 */
export function planForVacancy(plan: AllocationPlan, vacancyId: number): AllocationPlan {
  const proposal = plan.proposals.find((p) => p.vacancyId === vacancyId);
  if (!proposal) throw new RangeError(`The plan has no proposal for vacancy ${vacancyId}`);
  return { ...plan, proposals: [proposal], lookAhead: [], complexes: plan.complexes.filter((c) => c.complexId === proposal.complexId) };
}
