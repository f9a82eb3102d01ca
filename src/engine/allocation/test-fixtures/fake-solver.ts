import { AllocationModel, solutionOfAssignment } from '../build-allocation-model.js';
import { MipModel, mipObjective } from '../mip-model.js';
import { Assignment } from '../plan-objective.js';
import { PreparedAllocation } from '../prepare-allocation.js';
import { SolveOptions, SolveResult, SolveStatus, Solver } from '../solver.port.js';
import { bruteForceOptimum } from './brute-force.js';

/**
 * A scripted stand-in for a MIP solver (no HiGHS, no javascript-lp-solver): each solve call gets the
 * next answer of the script, in order. An answer is a partial result (status required; x and objective
 * default to null, name, version and ms are filled in) or a function of the call that returns one.
 */
export type ScriptedResult = Partial<SolveResult> & { status: SolveStatus };
export type ScriptedAnswer = ScriptedResult | ((model: MipModel, options: SolveOptions) => ScriptedResult);

export interface SolveCall {
  model: MipModel;
  options: SolveOptions;
}

export class ScriptedSolver implements Solver {
  readonly name = 'scripted';
  readonly version = '0';
  /** Every call, in order (model and options as the engine passed them). */
  readonly calls: SolveCall[] = [];

  constructor(private readonly script: readonly ScriptedAnswer[]) {}

  async solve(model: MipModel, options: SolveOptions): Promise<SolveResult> {
    const answer = this.script[this.calls.length];
    this.calls.push({ model, options });
    // a call the test did not expect is a failure, not a silent default
    if (answer === undefined) throw new Error(`ScriptedSolver: no answer scripted for call ${this.calls.length} (${model.name})`);
    const result = typeof answer === 'function' ? answer(model, options) : answer;
    return { x: null, objective: null, solverName: this.name, solverVersion: this.version, ms: 0, ...result };
  }
}

/** True when the model is a relaxation (no integer column), as solveAllocation's LP-first call is. */
export const isRelaxation = (model: MipModel): boolean => model.integer.every((flag) => flag === 0);

/** Fails loudly when the solved model is not `expected` (same columns and rows, in order). */
export function expectSameModel(model: MipModel, expected: MipModel): void {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);
  if (!same(model.colNames, expected.colNames) || !same(model.rowNames, expected.rowNames)) {
    throw new Error(`ScriptedSolver: solved ${model.name} (${model.numCols} columns), expected ${expected.name} (${expected.numCols} columns)`);
  }
}

/** x with its true objective (offset + cost.x on the model it is given for): an honest answer. */
export function withX(status: SolveStatus, x: Float64Array, extra: Partial<SolveResult> = {}): ScriptedAnswer {
  return (model) => ({ status, x, objective: mipObjective(model, x), ...extra });
}

/** The model solution of a plan, honestly priced. */
export function planAnswer(
  model: AllocationModel,
  prepared: PreparedAllocation,
  plan: Assignment,
  status: SolveStatus = 'OPTIMAL',
  extra: Partial<SolveResult> = {},
): ScriptedAnswer {
  const x = solutionOfAssignment(model, prepared, plan);
  return (solved) => {
    expectSameModel(solved, model.mip);
    return { status, x, objective: mipObjective(model.mip, x), ...extra };
  };
}

/**
 * A correct solver for tiny models: the best plan over the model's kept pairs, by brute force
 * (test-fixtures/brute-force.ts), as a model solution with its objective; INFEASIBLE when no plan is.
 */
export function exactAnswer(model: AllocationModel, prepared: PreparedAllocation, extra: Partial<SolveResult> = {}): ScriptedAnswer {
  return (solved) => {
    expectSameModel(solved, model.mip);
    const best = bruteForceOptimum(prepared, (pi) => model.pairCol[pi] !== -1);
    if (best === null) return { status: 'INFEASIBLE', ...extra };
    const x = solutionOfAssignment(model, prepared, best.assignment);
    return { status: 'OPTIMAL', x, objective: mipObjective(model.mip, x), ...extra };
  };
}
