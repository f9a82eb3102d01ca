import { LoadedInput, PoolExclusions } from './allocation-input.loader.js';
import { canonicalJson, sha256Hex } from '../engine/audit/hash-chain.js';
import { AllocationPlan } from '../engine/allocation/explain-plan.js';
import { AllocationSolveOptions } from '../engine/allocation/solve-allocation.js';

/**
 * What a proposal or round was based on, as recorded in the audit log: the engine's whole input (a
 * canonical JSON document and its hash), the solve options, the versions of the policies and the
 * rule-parameter year, and the hash of everything the model is built from. `replayProposal`
 * recomputes the plan from exactly this.
 */
export interface AllocationBasis {
  /** sha256 of the canonical input; the input itself is the audit snapshot with this hash. */
  inputHash: string;
  solveOptions: Partial<AllocationSolveOptions>;
  /** sha256 over the input's hash and the canonical solve options: the model is a function of these. */
  modelHash: string;
  compositionPolicyId: number;
  compositionPolicy: { code: string; version: number; effectiveFrom: string };
  localPolicyIds: Record<string, number>;
  parameterYear: number;
  exclusions: Record<string, PoolExclusions>;
}

/** The basis of a plan; `inputHash` must be the hash under which the input was stored (storeSnapshot). */
export function allocationBasis(loaded: LoadedInput, solveOptions: Partial<AllocationSolveOptions>, inputHash: string): AllocationBasis {
  return {
    inputHash,
    solveOptions,
    modelHash: sha256Hex(`${inputHash}:${canonicalJson(solveOptions)}`),
    compositionPolicyId: loaded.compositionPolicyId,
    compositionPolicy: { code: loaded.input.policy.id, version: loaded.input.policy.version, effectiveFrom: loaded.input.policy.effectiveFrom },
    localPolicyIds: Object.fromEntries([...loaded.localPolicyIdByVacancy].map(([v, id]) => [String(v), id])),
    parameterYear: loaded.parameterYear,
    exclusions: Object.fromEntries([...loaded.exclusions].map(([v, e]) => [String(v), e])),
  };
}

export function planHash(plan: AllocationPlan): string {
  return sha256Hex(canonicalJson(plan));
}

/** The solver facts and the outcome of one vacancy's proposal, for the log. */
export function proposalOutcome(plan: AllocationPlan, vacancyId: number) {
  const p = plan.proposals.find((x) => x.vacancyId === vacancyId)!;
  return {
    solver: { name: plan.solverName, version: plan.solverVersion, status: plan.status, source: plan.source, gap: plan.gap, model: plan.model },
    chosenHouseholdId: p.chosen?.householdId ?? null,
    chosenRank: p.chosen?.rank ?? null,
    plainOrderHouseholdId: p.plainOrderCandidate?.householdId ?? null,
    passedOver: p.plainOrderPassedOver !== null,
    summary: p.summary,
  };
}
