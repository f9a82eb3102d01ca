import { CompositionDimension } from '../composition/compute-composition.js';
import { formatBasisPoints } from '../common/format.js';
import { PortfolioQuota, QuotaCounts, QuotaShare, addAllocation, quotaStatus } from '../eligibility/portfolio-quotas.js';
import { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { TargetBound, TargetSource } from './composition-policy.js';
import { BaselineResult, violationCounts } from './greedy-baselines.js';
import { PlanState, rowPenalty } from './plan-objective.js';
import { FULL_SHARE, PreparedAllocation, PreparedTarget, PreparedVacancy, WindowBound } from './prepare-allocation.js';
import { ROUTE_ORDER } from './rank-candidates.js';
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
}

export type PassedOverKind = 'ALLOCATED_ELSEWHERE' | 'COMPOSITION_TARGET' | 'PORTFOLIO_QUOTA' | 'JOINT_PLAN';

export interface PassedOverReason {
  kind: PassedOverKind;
  /** Target id, `${scope}:${quota}`, or the other vacancy's reference. */
  ref: string;
  /** Points the plain-order candidate would cost on this target or quota, more than the proposed one. */
  points: number;
  withPlainCandidate: ShareState | QuotaShare | null;
  withChosen: ShareState | QuotaShare | null;
  text: string;
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

const QUOTA_LABEL: Record<PortfolioQuota, string> = {
  DAEB_TARGET_GROUP: 'share of social (DAEB) homes let to the DAEB target group',
  PASSEND_WITHIN_CAP: 'share of passend-covered allocations within the rent cap',
  LOCAL_TIES: 'share of allocations with local-ties priority',
};

/** Rounded for presentation (6 decimals), so JSON does not carry float noise. */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** Basis-point households (10000 = one) as words: 47000 -> "4.7", 120000 -> "12". */
export function formatHouseholds(scaled: number): string {
  const hundredths = Math.round(scaled / 100);
  const whole = Math.trunc(hundredths / 100);
  const frac = Math.abs(hundredths % 100);
  const sign = hundredths < 0 && whole === 0 ? '-' : '';
  return `${sign}${whole}${frac === 0 ? '' : `.${String(frac).padStart(2, '0').replace(/0$/, '')}`}`;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

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

function shareWords(s: ShareState): string {
  return s.basisPoints === null ? 'no households' : `${formatBasisPoints(s.basisPoints)} (${s.count} of ${s.total})`;
}

function boundWords(t: Pick<PreparedTarget, 'bound' | 'basisPoints'>, total: number): string {
  return `${t.bound === 'MAX' ? 'at most' : 'at least'} ${formatBasisPoints(t.basisPoints)} (${formatHouseholds(t.basisPoints * total)} of ${total})`;
}

function violationWords(t: Pick<PreparedTarget, 'bound'>, s: ShareState): string {
  if (s.violation === 0) return 'within the target';
  const n = formatHouseholds(s.violation * FULL_SHARE);
  return `${n} ${plural(s.violation, 'household', 'households')} ${t.bound === 'MAX' ? 'over' : 'short'}`;
}

/** Explains a solved plan (or an unsolved one: then only the plain order and baselines are shown). */
export function explainPlan(prepared: PreparedAllocation, solution: AllocationSolution, baselines: readonly BaselineResult[]): AllocationPlan {
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
    proposals: proposalsFor(prepared, planned, focus, assignment !== null),
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
        targets: c.targets.map((t) => targetEffect(prepared, t, added, null, c.reference)),
      };
    }),
    quotas: prepared.quotaScopes.map((s) => {
      const before = quotaStatus(s.scope.counts, s.scope.norms);
      const after = quotaStatus(countsAfter(prepared, s.index, planned), s.scope.norms);
      let penalty = 0;
      if (e) for (const row of prepared.sideRows) if (row.spec.kind === 'QUOTA' && row.spec.scopeIndex === s.index) penalty += (row.weight * e.rowViolation[row.index]) / FULL_SHARE;
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

function targetEffect(prepared: PreparedAllocation, t: PreparedTarget, addedPlan: readonly number[], addedThis: readonly number[] | null, complexRef: string): TargetEffect {
  const before = shareState(t, t.baseCount, t.baseTotal);
  const plan = countAfter(prepared, t, addedPlan);
  const afterPlan = shareState(t, plan.count, plan.total);
  const one = addedThis === null ? null : countAfter(prepared, t, addedThis);
  const afterThis = one === null ? null : shareState(t, one.count, one.total);
  const shown = afterThis ?? afterPlan;
  const text =
    `${t.label} in ${complexRef}: ${shareWords(before)} now; ${shareWords(shown)} after ${afterThis ? 'this allocation' : 'the plan'}` +
    (afterThis && addedPlan.length > 1 ? ` and ${shareWords(afterPlan)} after all ${addedPlan.length} planned allocations` : '') +
    `; target ${boundWords(t, shown.total)}: ${violationWords(t, shown)}.`;
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
  const scope = prepared.quotaScopes[scopeIndex].scope;
  const inScope = scope.vacancyIds === null ? null : new Set(scope.vacancyIds);
  let counts = scope.counts;
  for (const v of prepared.vacancies) {
    if (planned[v.index] === -1 || (inScope !== null && !inScope.has(v.id))) continue;
    const c = v.ranked[prepared.pairs[planned[v.index]].rank - 1];
    counts = addAllocation(counts, c.pair.verdict.countsAs);
  }
  return counts;
}

function rowRef(prepared: PreparedAllocation, rowIndex: number): { kind: 'COMPOSITION' | 'QUOTA'; id: string; label: string } {
  const spec = prepared.sideRows[rowIndex].spec;
  if (spec.kind === 'COMPOSITION') {
    const t = prepared.complexes[spec.complexIndex].targets[spec.targetIndex];
    return { kind: 'COMPOSITION', id: t.id, label: t.label };
  }
  const scope = prepared.quotaScopes[spec.scopeIndex];
  return { kind: 'QUOTA', id: `${scope.key}:${spec.quota}`, label: QUOTA_LABEL[spec.quota] };
}

/** One plan state for all proposals: each vacancy's pair is taken out while it is explained. */
function proposalsFor(prepared: PreparedAllocation, planned: ArrayLike<number>, focus: readonly PreparedVacancy[], solved: boolean): VacancyProposal[] {
  const state = new PlanState(prepared);
  for (let i = 0; i < prepared.vacancies.length; i += 1) if (planned[i] !== -1) state.add(planned[i]);
  return focus.map((v) => {
    const chosen = planned[v.index];
    if (chosen !== -1) state.remove(chosen);
    const proposal = proposalFor(prepared, planned, v, solved, state);
    if (chosen !== -1) state.add(chosen);
    return proposal;
  });
}

/** `rest` is the plan without this vacancy's pair: every score is "this household here, all else equal". */
function proposalFor(prepared: PreparedAllocation, planned: ArrayLike<number>, v: PreparedVacancy, solved: boolean, rest: PlanState): VacancyProposal {
  const complex = prepared.complexes[v.complexIndex];
  const chosenPair = planned[v.index];
  const housedAt = rest.housedAt;

  const scoreOf = (pairIndex: number): CandidateScore => {
    const p = prepared.pairs[pairIndex];
    const c = v.ranked[p.rank - 1];
    const h = prepared.households[p.householdIndex];
    const fit: ScorePart[] = [];
    for (let k = 0; k < p.sideRows.length; k += 1) {
      const row = prepared.sideRows[p.sideRows[k]];
      const a = rest.activity[row.index];
      const delta = rowPenalty(row, a) - rowPenalty(row, a + p.sideCoefs[k]);
      fit.push({ ...rowRef(prepared, row.index), points: round6(delta) });
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
      eligibility: c.pair.verdict.summary,
      countsAs: [...c.pair.verdict.countsAs],
      allocatedElsewhere: elsewhere === -1 ? null : { vacancyId: prepared.vacancies[elsewhere].id, vacancyReference: prepared.vacancies[elsewhere].reference },
      score: round6(p.priority + fit.reduce((s, f) => s + f.points, 0)),
      priorityPoints: p.priority,
      fit,
      costVersusChosen: 0,
    };
  };

  const scored = v.pairIndices.map((pi) => ({ pi, s: scoreOf(pi), exact: prepared.pairs[pi].priority + prepared.pairs[pi].tieBreak - rest.penaltyDelta(pi) }));
  const chosen = chosenPair === -1 ? null : scored.find((x) => x.pi === chosenPair)!;
  for (const x of scored) x.s.costVersusChosen = chosen ? round6(chosen.exact - x.exact) : 0;
  const plain = scored.find((x) => x.s.rank === 1) ?? null;
  const alternatives = scored
    .filter((x) => x.pi !== chosenPair)
    .sort((a, b) => b.exact - a.exact || a.s.rank - b.s.rank)
    .slice(0, MAX_ALTERNATIVES)
    .map((x) => x.s);

  const addedPlan = householdsAddedTo(prepared, planned, v.complexIndex);
  const addedThis = chosen ? [prepared.pairs[chosen.pi].householdIndex] : [];
  const composition = complex.targets.map((t) => targetEffect(prepared, t, addedPlan, addedThis, complex.reference));

  let passedOver: VacancyProposal['plainOrderPassedOver'] = null;
  if (solved && chosen && plain && chosen.pi !== plain.pi) {
    passedOver = explainPassedOver(prepared, v, rest, plain.pi, chosen.pi);
  }
  const lastAllowedRank = v.pairIndices.length === 0 ? 0 : prepared.pairs[v.pairIndices[v.pairIndices.length - 1]].rank;
  const summary = !solved
    ? 'No plan: see the status and message.'
    : v.ranked.length === 0
      ? `Vacancy ${v.reference} has no eligible candidates.`
      : chosen === null
        ? `Vacancy ${v.reference} stays empty in this plan: every candidate within the displacement bound is housed elsewhere.`
        : chosen.pi === plain?.pi
          ? `${chosen.s.householdReference} is proposed for ${v.reference}: the plain-order candidate (rank 1).`
          : `${chosen.s.householdReference} (rank ${chosen.s.rank}) is proposed for ${v.reference} instead of the plain-order candidate ${plain!.s.householdReference}. ${passedOver!.summary}`;
  return {
    vacancyId: v.id,
    vacancyReference: v.reference,
    complexId: complex.id,
    complexReference: complex.reference,
    route: v.route,
    routeOrder: ROUTE_ORDER[v.route],
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

function explainPassedOver(
  prepared: PreparedAllocation,
  v: PreparedVacancy,
  rest: PlanState,
  plainPair: number,
  chosenPair: number,
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
    const text = `${plainRef} is allocated ${w.reference} in the same plan (rank ${rankThere} there), so ${v.reference} goes to the next candidate in line for it.`;
    return { reasons: [{ kind: 'ALLOCATED_ELSEWHERE', ref: w.reference, points: 0, withPlainCandidate: null, withChosen: null, text }], summary: text };
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
      const text =
        `With ${plainRef} the share of ${t.label} in ${complex.reference} would be ${shareWords(sp)}, against ${boundWords(t, sp.total)}: ` +
        `${violationWords(t, sp)}; with ${chosenRef} it is ${shareWords(sc)}: ${violationWords(t, sc)}. ` +
        `At ${t.weight} points per household that costs ${formatPoints(points)} points more.`;
      reasons.push({ kind: 'COMPOSITION_TARGET', ref: t.id, points: round6(points), withPlainCandidate: sp, withChosen: sc, text });
    } else {
      const spec = row.spec;
      const scope = prepared.quotaScopes[spec.scopeIndex];
      const othersCounts = countsAfter(prepared, spec.scopeIndex, rest.assignment);
      const pick = (pair: typeof p) => v.ranked[pair.rank - 1].pair.verdict.countsAs;
      const sp = quotaStatus(addAllocation(othersCounts, pick(p)), scope.scope.norms).find((q) => q.quota === spec.quota)!;
      const sc = quotaStatus(addAllocation(othersCounts, pick(c)), scope.scope.norms).find((q) => q.quota === spec.quota)!;
      const words = (q: QuotaShare) => `${q.basisPoints === null ? 'undefined' : formatBasisPoints(q.basisPoints)} (${q.numerator} of ${q.denominator})`;
      const text =
        `With ${plainRef} the ${QUOTA_LABEL[spec.quota]} (${scope.key}) would be ${words(sp)} against a norm of ` +
        `${sp.norm.comparison === '>=' ? 'at least' : 'at most'} ${formatBasisPoints(sp.norm.basisPoints)} (${sp.norm.reference}); ` +
        `with ${chosenRef} it is ${words(sc)}. That costs ${formatPoints(points)} points more.`;
      reasons.push({ kind: 'PORTFOLIO_QUOTA', ref: `${scope.key}:${spec.quota}`, points: round6(points), withPlainCandidate: sp, withChosen: sc, text });
    }
  }
  reasons.sort((a, b) => b.points - a.points || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const placesText = `${places} ${plural(places, 'place', 'places')}`;
  if (reasons.length === 0) {
    const text =
      `In the joint plan with the other ${prepared.vacancies.length - 1} ${plural(prepared.vacancies.length - 1, 'vacancy', 'vacancies')}, ` +
      `choosing ${plainRef} here would force a costlier choice elsewhere; passing over ${placesText} costs ${formatPoints(priorityCost)} priority points.`;
    return { reasons: [{ kind: 'JOINT_PLAN', ref: v.reference, points: 0, withPlainCandidate: null, withChosen: null, text }], summary: text };
  }
  const total = reasons.reduce((s, r) => s + r.points, 0);
  const names = reasons.map((r) => (r.kind === 'COMPOSITION_TARGET' ? `the ${r.ref} target` : `the ${r.ref} quota`)).join(' and ');
  const summary =
    `Passing over ${placesText} costs ${formatPoints(priorityCost)} priority points; choosing ${plainRef} would cost ` +
    `${formatPoints(total)} points on ${names}. ${reasons.map((r) => r.text).join(' ')}`;
  return { reasons, summary };
}

function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
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
