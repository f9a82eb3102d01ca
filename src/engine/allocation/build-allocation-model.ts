import { MipModel, MipModelBuilder } from './mip-model.js';
import { Assignment, emptyAssignment, evaluatePlan, rowPenalty } from './plan-objective.js';
import { FULL_SHARE, PreparedAllocation } from './prepare-allocation.js';

/**
 * EXACT: per vacancy and candidate class, keep the best-ranked candidates until the kept ones
 * outnumber the other vacancies they responded to (exact by the swap argument below;
 * build-allocation-model.spec.ts, "exact pruning keeps the optimum", checks it). A class is everything
 * the side rows see of a pair (its coefficient in every composition and quota row); within a class a
 * better rank means a higher weight. Each other vacancy houses at most one household, so at least one
 * kept candidate is free in any plan: a plan that gives the vacancy a pruned candidate of the class
 * can give it that free one instead, at no lower objective and with the same side rows. A candidate who
 * responded to this vacancy alone closes the class on its own; the bound never exceeds the number of
 * vacancies. Urgent (protected) households are never pruned anywhere: freeing one could break a
 * protection row.
 * TOP_K: at most K per vacancy and class, a heuristic (its loss is reported as the gap to the bound).
 */
export type PruningMode = { kind: 'EXACT' } | { kind: 'NONE' } | { kind: 'TOP_K'; k: number };

export interface AllocationModel {
  mip: MipModel;
  /** Per model column: the pair index, or -1 for unfilled and slack columns. */
  colPair: Int32Array;
  /** Per pair: its model column, or -1 when pruned. */
  pairCol: Int32Array;
  /** Per vacancy: its "unfilled" column, or -1 when it has no candidates. */
  unfilledCol: Int32Array;
  /** Per side row: its slack column, or -1 for a hard row. */
  slackCol: Int32Array;
  /**
   * Per side row: the row is divided by this (the gcd of its integer coefficients and right-hand side,
   * e.g. 1000 for 7000 / -3000), which keeps coefficients small for the solvers; its slack then counts
   * in units of this many basis-point households.
   */
  rowScale: Float64Array;
  pruning: PruningMode;
  keptPairs: number;
  prunedPairs: number;
  /** Soft side rows priced on their one vacancy's columns instead of being rows (see foldedRows). */
  foldedRows: number;
  /** Side rows that share the model row of an identical earlier one (see identicalRows). */
  mergedRows: number;
}

/** Keep-mask over prepared pairs. */
export function selectCandidatePairs(prepared: PreparedAllocation, pruning: PruningMode): Uint8Array {
  const keep = new Uint8Array(prepared.pairs.length);
  if (pruning.kind === 'NONE') return keep.fill(1);
  const { pairs, pairsByHousehold } = prepared;
  const urgentSomewhere = new Uint8Array(prepared.households.length);
  for (const p of pairs) if (p.protected) urgentSomewhere[p.householdIndex] = 1;
  const vacanciesWithPairs = prepared.vacancies.filter((v) => v.pairIndices.length > 0).length;
  const topK = pruning.kind === 'TOP_K' ? Math.min(pruning.k, vacanciesWithPairs) : Number.POSITIVE_INFINITY;
  for (const v of prepared.vacancies) {
    /** Per class: how many are kept, the other vacancies they responded to, and whether it is closed. */
    const perClass = new Map<string, { kept: number; elsewhere: Set<number>; closed: boolean }>();
    for (const pi of v.pairIndices) {
      const p = pairs[pi];
      if (urgentSomewhere[p.householdIndex]) {
        keep[pi] = 1;
        continue;
      }
      let key = '';
      for (let j = 0; j < p.sideRows.length; j += 1) key += `${p.sideRows[j]}:${p.sideCoefs[j]};`;
      let cls = perClass.get(key);
      if (!cls) perClass.set(key, (cls = { kept: 0, elsewhere: new Set(), closed: false }));
      if (cls.closed) continue;
      keep[pi] = 1;
      cls.kept += 1;
      if (pruning.kind === 'EXACT')
        for (const qi of pairsByHousehold[p.householdIndex]) if (pairs[qi].vacancyIndex !== v.index) cls.elsewhere.add(pairs[qi].vacancyIndex);
      cls.closed = pruning.kind === 'EXACT' ? cls.kept > cls.elsewhere.size : cls.kept >= topK;
    }
  }
  return keep;
}

/**
 * Binary x[v,h] per kept pair; per vacancy with candidates sum x + unfilled = 1 (unfilled priced at
 * the policy's unfilledPenalty); per household with several pairs sum x <= 1; protection rows; side
 * rows with a slack priced at weight / 10000 per basis-point household (hard rows without one).
 * Names: x_<vacancyId>_<householdId>, u_<vacancyId>, s_<row name>; order: vacancy id, then rank.
 */
/**
 * DENSE: side rows as they are (every allocation in a complex or scope enters its row).
 * SPARSE: each vacancy's most common coefficient is moved onto its "unfilled" column through
 * sum x + u = 1, so only the pairs that differ from it stay (exact; the same LP and MIP).
 */
export type SideRowForm = 'DENSE' | 'SPARSE';

export function buildAllocationModel(
  prepared: PreparedAllocation,
  pruning: PruningMode = { kind: 'EXACT' },
  form: SideRowForm = 'SPARSE',
  /** Price soft rows that only one vacancy enters on its pairs instead of as rows (foldedRows). */
  fold = true,
  /** Declare the "unfilled" columns integer (see integralUnfilled in solve-allocation.ts). */
  integralUnfilled = true,
  /** One model row for side rows that are identical in the model (identicalRows). */
  merge = true,
): AllocationModel {
  const keep = selectCandidatePairs(prepared, pruning);
  const b = new MipModelBuilder('woonmix-allocation');
  b.offset = -prepared.constantPenalty;
  const { pairs, vacancies, households } = prepared;
  const folded = fold ? foldedRows(prepared, keep) : { rows: new Uint8Array(prepared.sideRows.length), pairPenalty: null, unfilledPenalty: null };
  const pairCol = new Int32Array(pairs.length).fill(-1);
  const colPairList: number[] = [];
  for (const p of pairs) {
    if (!keep[p.index]) continue;
    const cost = p.priority + p.tieBreak - (folded.pairPenalty?.[p.index] ?? 0);
    pairCol[p.index] = b.addCol(`x_${vacancies[p.vacancyIndex].id}_${households[p.householdIndex].id}`, cost, 0, 1, true);
    colPairList.push(p.index);
  }
  const unfilledCol = new Int32Array(vacancies.length).fill(-1);
  for (const v of vacancies) {
    if (v.pairIndices.length === 0) continue;
    unfilledCol[v.index] = b.addCol(`u_${v.id}`, -prepared.policy.unfilledPenalty - (folded.unfilledPenalty?.[v.index] ?? 0), 0, 1, integralUnfilled);
  }
  const slackCol = new Int32Array(prepared.sideRows.length).fill(-1);
  const keptPerVacancy = new Int32Array(vacancies.length);
  for (const pi of colPairList) keptPerVacancy[pairs[pi].vacancyIndex] += 1;
  const sideRowEntries = prepared.sideRows.map((row) =>
    form === 'SPARSE' ? sparseEntries(prepared, row, pairCol, unfilledCol, keptPerVacancy) : keptEntries(row, pairCol),
  );
  const rowScale = Float64Array.from(sideRowEntries, (r) => Math.abs(r.values.reduce((g, c) => gcd(g, c), r.rhs)) || 1);
  const sharedRow = merge ? identicalRows(prepared, sideRowEntries, folded.rows) : Int32Array.from(prepared.sideRows, (row) => row.index);
  // a shared row's slack is priced at the sum of its rows' weights (each row is violated by as much)
  const slackWeight = new Float64Array(prepared.sideRows.length);
  for (const row of prepared.sideRows) slackWeight[sharedRow[row.index]] += row.weight;
  for (const row of prepared.sideRows) {
    const scale = rowScale[row.index];
    if (!row.hard && !folded.rows[row.index] && sharedRow[row.index] === row.index)
      slackCol[row.index] = b.addCol(`s_${row.name}`, (-slackWeight[row.index] * scale) / FULL_SHARE, 0, Number.POSITIVE_INFINITY, false);
  }
  for (const row of prepared.sideRows) slackCol[row.index] = slackCol[sharedRow[row.index]];

  const keptCols = (list: ArrayLike<number>) => {
    const cols: number[] = [];
    for (let k = 0; k < list.length; k += 1) if (pairCol[list[k]] !== -1) cols.push(pairCol[list[k]]);
    return cols;
  };
  for (const v of vacancies) {
    if (v.pairIndices.length === 0) continue;
    const cols = [...keptCols(v.pairIndices), unfilledCol[v.index]];
    b.addRow(
      `vac_${v.id}`,
      1,
      1,
      cols,
      cols.map(() => 1),
    );
  }
  for (const h of households) {
    // most of a round's households answered one vacancy at most: no row, and no list to build for them
    if (prepared.pairsByHousehold[h.index].length < 2) continue;
    const cols = keptCols(prepared.pairsByHousehold[h.index]);
    if (cols.length > 1)
      b.addRow(
        `hh_${h.id}`,
        Number.NEGATIVE_INFINITY,
        1,
        cols,
        cols.map(() => 1),
      );
  }
  for (const row of prepared.protectionRows) {
    const below = keptCols(row.belowPairs);
    if (below.length === 0) continue;
    const housed = keptCols(row.housedPairs);
    b.addRow(row.name, Number.NEGATIVE_INFINITY, 0, [...below, ...housed], [...below.map(() => 1), ...housed.map(() => -1)]);
  }
  for (const row of prepared.sideRows) {
    if (folded.rows[row.index] || sharedRow[row.index] !== row.index) continue;
    const scale = rowScale[row.index];
    const { cols, values, rhs } = sideRowEntries[row.index];
    const scaled = values.map((v) => v / scale);
    const slack = slackCol[row.index];
    if (slack !== -1) {
      cols.push(slack);
      scaled.push(row.sense === '<=' ? -1 : 1);
    }
    if (row.sense === '<=') b.addRow(row.name, Number.NEGATIVE_INFINITY, rhs / scale, cols, scaled);
    else b.addRow(row.name, rhs / scale, Number.POSITIVE_INFINITY, cols, scaled);
  }
  const keptPairs = colPairList.length;
  const colPair = new Int32Array(b.numCols).fill(-1);
  colPairList.forEach((pi, col) => (colPair[col] = pi));
  return {
    mip: b.build(),
    colPair,
    pairCol,
    unfilledCol,
    slackCol,
    rowScale,
    pruning,
    keptPairs,
    prunedPairs: pairs.length - keptPairs,
    foldedRows: folded.rows.reduce((n, f) => n + f, 0),
    mergedRows: sharedRow.reduce((n, r, i) => n + (r === i ? 0 : 1), 0),
  };
}

/**
 * Per side row, the first row that is the same row in the model (itself when none): the same pairs
 * with the same coefficients, right-hand side, sense and hardness once pruned and in sparse form. Such
 * rows are violated by as much in every plan, so one row whose slack carries the sum of their weights
 * prices them exactly (evaluatePlan still prices each on its own). The common case: an association
 * working in one municipality, whose association-wide and municipal quota scopes hold the same
 * allocations (the demo round's DAEB, passend and local-ties rows, twice each). Folded rows are not
 * rows and share with none. Measured on the demo round's model (585 columns, 2026-12-05, median of nine
 * HiGHS solves with its start): 17 ms with the three duplicate rows, 14 ms merged.
 */
function identicalRows(prepared: PreparedAllocation, entries: readonly { cols: number[]; values: number[]; rhs: number }[], folded: Uint8Array): Int32Array {
  const shared = Int32Array.from(prepared.sideRows, (row) => row.index);
  const first = new Map<string, number>();
  for (const row of prepared.sideRows) {
    if (folded[row.index]) continue;
    const { cols, values, rhs } = entries[row.index];
    const key = `${row.hard ? 'hard' : 'soft'} ${row.sense} ${rhs}|${cols.join(',')}|${values.join(',')}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.index);
    else shared[row.index] = earlier;
  }
  return shared;
}

/**
 * Soft side rows that only one vacancy's kept pairs enter (a complex with one vacancy in the model,
 * common in a large round: 300 of its 518 composition rows). Whoever that vacancy goes to fixes the
 * row's activity (the pair's coefficient, or 0 when unfilled), so the row's penalty is a price of
 * each choice: it moves onto the pairs' and the unfilled column's costs, and the row and its slack
 * leave the model. The same integer plans at the same worth (evaluatePlan prices the row just so),
 * and a relaxation never looser (the penalty of a blend of households is at most the blend of their
 * penalties). Fewer rows for the solver: the large region's round (scripts/bench-large.ts input)
 * was planned in 640-790 ms with its rows folded against 840-930 ms without, in one run.
 */
function foldedRows(prepared: PreparedAllocation, keep: Uint8Array): { rows: Uint8Array; pairPenalty: Float64Array; unfilledPenalty: Float64Array } {
  const rows = new Uint8Array(prepared.sideRows.length);
  const pairPenalty = new Float64Array(prepared.pairs.length);
  const unfilledPenalty = new Float64Array(prepared.vacancies.length);
  for (const row of prepared.sideRows) {
    if (row.hard) continue;
    let only = -1;
    let single = true;
    const coefOf = new Map<number, number>();
    row.pairs.forEach((pi, k) => {
      if (!keep[pi]) return;
      const v = prepared.pairs[pi].vacancyIndex;
      if (only === -1) only = v;
      else if (v !== only) single = false;
      coefOf.set(pi, row.coefs[k]);
    });
    if (!single || only === -1) continue;
    rows[row.index] = 1;
    for (const pi of prepared.vacancies[only].pairIndices) if (keep[pi]) pairPenalty[pi] += rowPenalty(row, coefOf.get(pi) ?? 0);
    unfilledPenalty[only] += rowPenalty(row, 0);
  }
  return { rows, pairPenalty, unfilledPenalty };
}

/**
 * A side row in sparse form. Every kept pair of a vacancy v has some coefficient in the row (0 when
 * it does not enter); with base_v the most common one, sum(coef x) over v's pairs equals
 * base_v (1 - u_v) + sum((coef - base_v) x), because sum(x) + u_v = 1. Only pairs that differ from
 * their vacancy's base stay, plus u_v. Quota and composition rows see every allocation in their
 * denominator, so in dense form each holds every pair of its scope or complex.
 */
function sparseEntries(
  prepared: PreparedAllocation,
  row: PreparedAllocation['sideRows'][number],
  pairCol: Int32Array,
  unfilledCol: Int32Array,
  keptPerVacancy: Int32Array,
): { cols: number[]; values: number[]; rhs: number } {
  const byVacancy = new Map<number, { cols: number[]; coefs: number[] }>();
  row.pairs.forEach((pi, k) => {
    if (pairCol[pi] === -1) return;
    const v = prepared.pairs[pi].vacancyIndex;
    const entry = byVacancy.get(v) ?? { cols: [], coefs: [] };
    entry.cols.push(pairCol[pi]);
    entry.coefs.push(row.coefs[k]);
    byVacancy.set(v, entry);
  });
  const cols: number[] = [];
  const values: number[] = [];
  let rhs = row.rhs;
  for (const [v, entry] of [...byVacancy].sort((a, b) => a[0] - b[0])) {
    const counts = new Map<number, number>([[0, keptPerVacancy[v] - entry.cols.length]]);
    for (const c of entry.coefs) counts.set(c, (counts.get(c) ?? 0) + 1);
    let base = 0;
    for (const [c, n] of counts) if (n > counts.get(base)! || (n === counts.get(base)! && c < base)) base = c;
    entry.cols.forEach((col, k) => {
      if (entry.coefs[k] === base) return;
      cols.push(col);
      values.push(entry.coefs[k] - base);
    });
    if (base === 0) continue;
    if (counts.get(0)! > entry.coefs.filter((c) => c === 0).length) {
      // kept pairs of v outside the row have coefficient 0, so 0 - base after the shift
      const inRow = new Set(entry.cols);
      for (const pi of prepared.vacancies[v].pairIndices) {
        if (pairCol[pi] === -1 || inRow.has(pairCol[pi])) continue;
        cols.push(pairCol[pi]);
        values.push(-base);
      }
    }
    cols.push(unfilledCol[v]);
    values.push(-base);
    rhs -= base;
  }
  return { cols, values, rhs };
}

/** The kept pairs of a side row, with their coefficients. */
function keptEntries(row: PreparedAllocation['sideRows'][number], pairCol: Int32Array): { cols: number[]; values: number[]; rhs: number } {
  const cols: number[] = [];
  const values: number[] = [];
  row.pairs.forEach((pi, k) => {
    if (pairCol[pi] === -1) return;
    cols.push(pairCol[pi]);
    values.push(row.coefs[k]);
  });
  return { cols, values, rhs: row.rhs };
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Model solution of a plan: its pairs, unfilled flags and the least slack each row needs. */
export function solutionOfAssignment(model: AllocationModel, prepared: PreparedAllocation, assignment: Assignment): Float64Array {
  const x = new Float64Array(model.mip.numCols);
  for (const v of prepared.vacancies) {
    const pi = assignment[v.index];
    if (pi !== -1) {
      if (model.pairCol[pi] === -1) throw new RangeError(`Pair ${pi} was pruned from the model`);
      x[model.pairCol[pi]] = 1;
    } else if (model.unfilledCol[v.index] !== -1) x[model.unfilledCol[v.index]] = 1;
  }
  const evaluation = evaluatePlan(prepared, assignment);
  for (const row of prepared.sideRows) {
    if (model.slackCol[row.index] !== -1) x[model.slackCol[row.index]] = evaluation.rowViolation[row.index] / model.rowScale[row.index];
  }
  return x;
}

/** The plan in a model solution: per vacancy the pair whose x rounds to 1 (x must be verified first). */
export function assignmentOfSolution(model: AllocationModel, prepared: PreparedAllocation, x: ArrayLike<number>): Assignment {
  const a = emptyAssignment(prepared);
  for (let col = 0; col < model.colPair.length; col += 1) {
    const pi = model.colPair[col];
    if (pi !== -1 && x[col] > 0.5) a[prepared.pairs[pi].vacancyIndex] = pi;
  }
  return a;
}

/**
 * The model with the plain-order tie-break left out of its costs, scaled so that every cost is a
 * whole number, or null when no scale of 1, 10 or 100 does that. Policies have integer points and
 * weights and whole-percent shares (pair-pricing.ts), so the rest of the objective moves in steps of
 * 1 / scale between integer plans (a slack's least value is whole: its row's coefficients and right-hand
 * side are whole after rowScale). With whole costs HiGHS prunes every branch that cannot beat the
 * best plan by a whole step, which the tie-break's tiny fractions prevent: the large region's round
 * (scripts/bench-large.ts input) solved in 415-437 ms against 760-804 ms with the tie-break in the
 * costs, alternating in one run. `tieMax`: the most tie-break any plan can earn (each vacancy's best).
 */
export interface MainObjectiveModel {
  mip: MipModel;
  scale: number;
  tieMax: number;
}

export function mainObjectiveModel(model: AllocationModel, prepared: PreparedAllocation): MainObjectiveModel | null {
  const { colCost, numCols } = model.mip;
  const main = new Float64Array(numCols);
  const bestTie = new Float64Array(prepared.vacancies.length);
  for (let col = 0; col < numCols; col += 1) {
    const pi = model.colPair[col];
    if (pi === -1) {
      main[col] = colCost[col];
      continue;
    }
    const p = prepared.pairs[pi];
    main[col] = colCost[col] - p.tieBreak;
    bestTie[p.vacancyIndex] = Math.max(bestTie[p.vacancyIndex], p.tieBreak);
  }
  for (const scale of [1, 10, 100]) {
    const whole = main.map((c) => Math.round(c * scale));
    let fits = true;
    for (let col = 0; col < numCols && fits; col += 1) fits = Math.abs(main[col] * scale - whole[col]) <= 1e-6;
    if (fits) return { mip: { ...model.mip, name: `${model.mip.name}-main`, offset: 0, colCost: whole }, scale, tieMax: bestTie.reduce((s, t) => s + t, 0) };
  }
  return null;
}
