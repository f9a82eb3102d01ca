/**
 * A solver-neutral sparse MIP: maximise offset + cost.x subject to rowLower <= A x <= rowUpper and
 * colLower <= x <= colUpper, x integer where `integer[j]` is 1. Pure data (typed arrays and strings),
 * so it can be posted to a worker thread as is. A is stored by rows (CSR); infinite bounds are
 * +-Infinity.
 */
export interface MipModel {
  name: string;
  sense: 'MAXIMIZE';
  offset: number;
  numCols: number;
  colNames: readonly string[];
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integer: Uint8Array;
  numRows: number;
  rowNames: readonly string[];
  rowLower: Float64Array;
  rowUpper: Float64Array;
  rowStarts: Int32Array;
  rowIndices: Int32Array;
  rowValues: Float64Array;
}

export interface MipSize {
  cols: number;
  integerCols: number;
  rows: number;
  nonzeros: number;
}

export function mipSize(model: MipModel): MipSize {
  let integerCols = 0;
  for (let j = 0; j < model.numCols; j += 1) integerCols += model.integer[j];
  return { cols: model.numCols, integerCols, rows: model.numRows, nonzeros: model.rowStarts[model.numRows] };
}

/** Incremental construction of a MipModel; names must be unique. */
export class MipModelBuilder {
  private readonly colNames: string[] = [];
  private readonly colCost: number[] = [];
  private readonly colLower: number[] = [];
  private readonly colUpper: number[] = [];
  private readonly integer: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowStarts: number[] = [0];
  private readonly rowIndices: number[] = [];
  private readonly rowValues: number[] = [];
  offset = 0;

  constructor(private readonly name: string) {}

  get numCols(): number {
    return this.colNames.length;
  }

  addCol(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.colNames.push(name);
    this.colCost.push(cost);
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.colNames.length - 1;
  }

  /** A row over distinct columns; zero coefficients are dropped. */
  addRow(name: string, lower: number, upper: number, cols: ArrayLike<number>, values: ArrayLike<number>): number {
    for (let k = 0; k < cols.length; k += 1) {
      if (values[k] === 0) continue;
      this.rowIndices.push(cols[k]);
      this.rowValues.push(values[k]);
    }
    this.rowNames.push(name);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowStarts.push(this.rowIndices.length);
    return this.rowNames.length - 1;
  }

  build(): MipModel {
    const names = new Set(this.colNames);
    if (names.size !== this.colNames.length) throw new RangeError(`${this.name}: duplicate column name`);
    if (new Set(this.rowNames).size !== this.rowNames.length) throw new RangeError(`${this.name}: duplicate row name`);
    return {
      name: this.name,
      sense: 'MAXIMIZE',
      offset: this.offset,
      numCols: this.colNames.length,
      colNames: this.colNames,
      colCost: Float64Array.from(this.colCost),
      colLower: Float64Array.from(this.colLower),
      colUpper: Float64Array.from(this.colUpper),
      integer: Uint8Array.from(this.integer),
      numRows: this.rowNames.length,
      rowNames: this.rowNames,
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStarts: Int32Array.from(this.rowStarts),
      rowIndices: Int32Array.from(this.rowIndices),
      rowValues: Float64Array.from(this.rowValues),
    };
  }
}

/** offset + cost.x */
export function mipObjective(model: MipModel, x: ArrayLike<number>): number {
  let total = model.offset;
  for (let j = 0; j < model.numCols; j += 1) total += model.colCost[j] * x[j];
  return total;
}

/** LENGTH..ROW: the model itself; HARD_RULE and OBJECTIVE: checks of the decoded plan (solve-allocation.ts). */
export type MipViolationKind = 'LENGTH' | 'NOT_FINITE' | 'INTEGRALITY' | 'COLUMN_BOUND' | 'ROW' | 'HARD_RULE' | 'OBJECTIVE';

export interface MipViolation {
  kind: MipViolationKind;
  name: string;
  value: number;
  lower: number;
  upper: number;
}

/**
 * Cheap row-by-row check of a solution: length, finite values, integrality, column bounds and every
 * row, each within `tolerance` (absolute, scaled by the row's largest coefficient for rows).
 */
export function verifySolution(model: MipModel, x: ArrayLike<number>, tolerance = 1e-6): MipViolation[] {
  const out: MipViolation[] = [];
  if (x.length !== model.numCols) return [{ kind: 'LENGTH', name: model.name, value: x.length, lower: model.numCols, upper: model.numCols }];
  for (let j = 0; j < model.numCols; j += 1) {
    const v = x[j];
    const name = model.colNames[j];
    if (!Number.isFinite(v)) {
      out.push({ kind: 'NOT_FINITE', name, value: v, lower: model.colLower[j], upper: model.colUpper[j] });
      continue;
    }
    if (model.integer[j] && Math.abs(v - Math.round(v)) > tolerance)
      out.push({ kind: 'INTEGRALITY', name, value: v, lower: model.colLower[j], upper: model.colUpper[j] });
    if (v < model.colLower[j] - tolerance || v > model.colUpper[j] + tolerance) {
      out.push({ kind: 'COLUMN_BOUND', name, value: v, lower: model.colLower[j], upper: model.colUpper[j] });
    }
  }
  for (let i = 0; i < model.numRows; i += 1) {
    let activity = 0;
    let scale = 1;
    for (let k = model.rowStarts[i]; k < model.rowStarts[i + 1]; k += 1) {
      activity += model.rowValues[k] * x[model.rowIndices[k]];
      scale = Math.max(scale, Math.abs(model.rowValues[k]));
    }
    const tol = tolerance * scale;
    if (!(activity >= model.rowLower[i] - tol && activity <= model.rowUpper[i] + tol)) {
      // NaN fails too
      out.push({ kind: 'ROW', name: model.rowNames[i], value: activity, lower: model.rowLower[i], upper: model.rowUpper[i] });
    }
  }
  return out;
}
