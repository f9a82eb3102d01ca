import { FULL_SHARE, PreparedAllocation, SideRow } from './prepare-allocation.js';

/**
 * Prices a plan exactly as the model does (see prepare-allocation.ts), without a solver. A plan is
 * one chosen pair index per vacancy (-1 = left empty).
 */
export type Assignment = Int32Array;

export interface PlanEvaluation {
  /** priorityPoints + tieBreak - unfilledPenalty - sidePenalty. */
  objective: number;
  priorityPoints: number;
  tieBreak: number;
  filledCount: number;
  /** Vacancies with choosable candidates that were left empty. */
  unfilledCount: number;
  unfilledPenalty: number;
  compositionPenalty: number;
  quotaPenalty: number;
  /** Penalty of rows no pair can change (part of every plan). */
  constantPenalty: number;
  /** Per side row: sum(coef x), and its violation in basis-point households (10000 = one household). */
  rowActivity: Float64Array;
  rowViolation: Float64Array;
  /** Broken hard rules: a household twice, an urgent household passed over, a hard quota. Empty = feasible. */
  infeasibilities: string[];
  /**
   * The same broken rules as facts, without the constant ones (prepared.constantInfeasibilities):
   * `infeasibilities` is the constants and then these in the record's English (breachRecord), and an
   * explanation words them in its reader's language (plan-words.ts).
   */
  breaches: PlanBreach[];
}

/** A hard rule a plan breaks. */
export type PlanBreach =
  | { kind: 'HOUSED_TWICE'; household: string }
  | { kind: 'HARD_ROW'; row: string; rowIndex: number }
  | { kind: 'URGENT_PASSED_OVER'; household: string; rank: number; vacancy: string };

/** A breach in the record's English (solver messages, verification findings, explained plans). */
export function breachRecord(b: PlanBreach): string {
  switch (b.kind) {
    case 'HOUSED_TWICE':
      return `household ${b.household} is given two vacancies`;
    case 'HARD_ROW':
      return `hard row ${b.row} is broken`;
    case 'URGENT_PASSED_OVER':
      return `urgent household ${b.household} (rank ${b.rank}) is passed over for vacancy ${b.vacancy} and not housed`;
  }
}

/** Violation of a side row at `activity`, in basis-point households (0 when the row holds). */
export function rowViolation(row: Pick<SideRow, 'sense' | 'rhs'>, activity: number): number {
  return row.sense === '<=' ? Math.max(0, activity - row.rhs) : Math.max(0, row.rhs - activity);
}

/** Points lost on a side row at `activity` (a hard row reports its breach as infeasibility instead). */
export function rowPenalty(row: Pick<SideRow, 'sense' | 'rhs' | 'weight' | 'hard'>, activity: number): number {
  return row.hard ? 0 : (row.weight * rowViolation(row, activity)) / FULL_SHARE;
}

export function emptyAssignment(prepared: Pick<PreparedAllocation, 'vacancies'>): Assignment {
  return new Int32Array(prepared.vacancies.length).fill(-1);
}

/** Assignment from pair indices (at most one per vacancy, checked). */
export function assignmentOf(prepared: PreparedAllocation, pairIndices: Iterable<number>): Assignment {
  const a = emptyAssignment(prepared);
  for (const pi of pairIndices) {
    const v = prepared.pairs[pi].vacancyIndex;
    if (a[v] !== -1) throw new RangeError(`Vacancy ${prepared.vacancies[v].reference} is given two households`);
    a[v] = pi;
  }
  return a;
}

export function evaluatePlan(prepared: PreparedAllocation, assignment: Assignment): PlanEvaluation {
  const { pairs, sideRows, vacancies, households } = prepared;
  const breaches: PlanBreach[] = [];
  const rowActivity = new Float64Array(sideRows.length);
  // the households housed, sorted (a plan houses at most one per vacancy): whether one is housed is a
  // binary search, and one housed twice shows as a neighbour. No map or per-household mask for each of
  // the hundreds of plans an explanation evaluates (the large region's round: 60,656 households).
  const housed = new Int32Array(vacancies.length);
  let housedCount = 0;
  let priorityPoints = 0;
  let tieBreak = 0;
  let filledCount = 0;
  let unfilledCount = 0;
  for (const v of vacancies) {
    const pi = assignment[v.index];
    if (pi === -1) {
      if (v.pairIndices.length > 0) unfilledCount += 1;
      continue;
    }
    const p = pairs[pi];
    if (p === undefined || p.vacancyIndex !== v.index) throw new RangeError(`Pair ${pi} is not a pair of vacancy ${v.reference}`);
    filledCount += 1;
    priorityPoints += p.priority;
    tieBreak += p.tieBreak;
    housed[housedCount++] = p.householdIndex;
    for (let k = 0; k < p.sideRows.length; k += 1) rowActivity[p.sideRows[k]] += p.sideCoefs[k];
  }
  const housedSorted = housed.subarray(0, housedCount).sort();
  let twice = false;
  for (let i = 1; i < housedCount && !twice; i += 1) twice = housedSorted[i] === housedSorted[i - 1];
  if (twice) breaches.push(...housedTwice(prepared, assignment));
  const isHoused = (householdIndex: number) => {
    let lo = 0;
    let hi = housedCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (housedSorted[mid] === householdIndex) return true;
      if (housedSorted[mid] < householdIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  const violations = new Float64Array(sideRows.length);
  let compositionPenalty = 0;
  let quotaPenalty = 0;
  for (const row of sideRows) {
    violations[row.index] = rowViolation(row, rowActivity[row.index]);
    if (row.hard && violations[row.index] > 0) breaches.push({ kind: 'HARD_ROW', row: row.name, rowIndex: row.index });
    const penalty = rowPenalty(row, rowActivity[row.index]);
    if (row.spec.kind === 'COMPOSITION') compositionPenalty += penalty;
    else quotaPenalty += penalty;
  }
  for (const row of prepared.protectionRows) {
    // a pair is chosen when its vacancy holds it (checked above)
    if (row.belowPairs.some((pi) => assignment[pairs[pi].vacancyIndex] === pi) && !isHoused(row.householdIndex)) {
      breaches.push({
        kind: 'URGENT_PASSED_OVER',
        household: households[row.householdIndex].reference,
        rank: row.rank,
        vacancy: vacancies[row.vacancyIndex].reference,
      });
    }
  }
  const unfilledPenalty = unfilledCount * prepared.policy.unfilledPenalty;
  return {
    objective: priorityPoints + tieBreak - unfilledPenalty - compositionPenalty - quotaPenalty - prepared.constantPenalty,
    priorityPoints,
    tieBreak,
    filledCount,
    unfilledCount,
    unfilledPenalty,
    compositionPenalty,
    quotaPenalty,
    constantPenalty: prepared.constantPenalty,
    rowActivity,
    rowViolation: violations,
    infeasibilities: [...prepared.constantInfeasibilities, ...breaches.map(breachRecord)],
    breaches,
  };
}

/** A breach for each vacancy whose household an earlier vacancy (in index order) houses already. */
function housedTwice(prepared: PreparedAllocation, assignment: Assignment): PlanBreach[] {
  const seen = new Set<number>();
  const out: PlanBreach[] = [];
  for (const v of prepared.vacancies) {
    const pi = assignment[v.index];
    if (pi === -1) continue;
    const h = prepared.pairs[pi].householdIndex;
    if (seen.has(h)) out.push({ kind: 'HOUSED_TWICE', household: prepared.households[h].reference });
    seen.add(h);
  }
  return out;
}

/**
 * A plan under construction: O(side rows of a pair) to price or add one pair. Used by the greedy
 * baselines, the single-vacancy scoring and the explanation of alternatives.
 */
export class PlanState {
  readonly assignment: Assignment;
  readonly activity: Float64Array;
  readonly housedAt: Int32Array;

  constructor(
    private readonly prepared: PreparedAllocation,
    from?: Assignment,
  ) {
    this.assignment = emptyAssignment(prepared);
    this.activity = new Float64Array(prepared.sideRows.length);
    this.housedAt = new Int32Array(prepared.households.length).fill(-1);
    if (from) for (const pi of from) if (pi !== -1) this.add(pi);
  }

  isFree(pairIndex: number): boolean {
    const p = this.prepared.pairs[pairIndex];
    return this.assignment[p.vacancyIndex] === -1 && this.housedAt[p.householdIndex] === -1;
  }

  /** Change of the side-row penalties if the pair were added. */
  penaltyDelta(pairIndex: number): number {
    const p = this.prepared.pairs[pairIndex];
    let delta = 0;
    for (let k = 0; k < p.sideRows.length; k += 1) {
      const row = this.prepared.sideRows[p.sideRows[k]];
      const a = this.activity[row.index];
      delta += rowPenalty(row, a + p.sideCoefs[k]) - rowPenalty(row, a);
    }
    return delta;
  }

  /** True when adding the pair would break a hard row that holds now or deepen one that is broken. */
  breaksHardRow(pairIndex: number): boolean {
    const p = this.prepared.pairs[pairIndex];
    for (let k = 0; k < p.sideRows.length; k += 1) {
      const row = this.prepared.sideRows[p.sideRows[k]];
      if (row.hard && rowViolation(row, this.activity[row.index] + p.sideCoefs[k]) > rowViolation(row, this.activity[row.index])) return true;
    }
    return false;
  }

  /** Objective change if the pair were added to an empty vacancy (fill reward included). */
  gain(pairIndex: number): number {
    const p = this.prepared.pairs[pairIndex];
    return p.priority + p.tieBreak + this.prepared.policy.unfilledPenalty - this.penaltyDelta(pairIndex);
  }

  add(pairIndex: number): void {
    const p = this.prepared.pairs[pairIndex];
    if (!this.isFree(pairIndex)) throw new RangeError(`Pair ${pairIndex} is not free`);
    this.assignment[p.vacancyIndex] = pairIndex;
    this.housedAt[p.householdIndex] = p.vacancyIndex;
    for (let k = 0; k < p.sideRows.length; k += 1) this.activity[p.sideRows[k]] += p.sideCoefs[k];
  }

  remove(pairIndex: number): void {
    const p = this.prepared.pairs[pairIndex];
    if (this.assignment[p.vacancyIndex] !== pairIndex) throw new RangeError(`Pair ${pairIndex} is not in the plan`);
    this.assignment[p.vacancyIndex] = -1;
    this.housedAt[p.householdIndex] = -1;
    for (let k = 0; k < p.sideRows.length; k += 1) this.activity[p.sideRows[k]] -= p.sideCoefs[k];
  }
}
