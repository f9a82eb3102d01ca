import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalEntity } from './allocation.entities.js';
import { PlanRunner } from './plan-runner.service.js';
import { DomainError } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { EventBody, canonicalJson, sha256Hex } from '../engine/audit/hash-chain.js';
import { JsonDifference, jsonDifferences } from '../engine/audit/json-diff.js';
import { AllocationInput } from '../engine/allocation/allocation-input.js';
import { AllocationPlan, planForVacancy } from '../engine/allocation/explain-plan.js';
import { AllocationBasis } from './allocation-basis.js';
import { AllocationSolveOptions, OPTIONS_BEFORE_FULL_RECORDING } from '../engine/allocation/solve-allocation.js';
import { readStoredPlan } from './stored-plan.js';
import { AuditService } from '../audit/audit.service.js';

/** The options of the basis, those it did not record as they stood when it was recorded (OPTIONS_BEFORE_FULL_RECORDING). */
export function replayOptions(basis: Pick<AllocationBasis, 'solveOptions'>): Partial<AllocationSolveOptions> {
  return { ...OPTIONS_BEFORE_FULL_RECORDING, ...basis.solveOptions };
}

export type ReplayResult = 'IDENTICAL' | 'DIFFERENT' | 'NOT_REPLAYABLE';

export interface ProposalReplay {
  proposalId: number;
  result: ReplayResult;
  message: string;
  /** The audit events the replay used. */
  eventSeqs: number[];
  inputHash: string | null;
  loggedPlanHash: string | null;
  storedPlanHash: string;
  replayedPlanHash: string | null;
  differences: JsonDifference[];
}

interface ProposalPayload {
  roundId: number | null;
  basis?: AllocationBasis;
  planHash: string;
}

/**
 * Recomputes a proposal from the snapshot its audit event recorded (the engine input, the solve
 * options and, through them, the policy versions and parameter year) and compares the result with
 * the stored plan and with the plan hash logged at the time.
 */
@Injectable()
export class ReplayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly planner: PlanRunner,
  ) {}

  async replayProposal(proposalIdArg: string): Promise<ProposalReplay> {
    const proposalId = parseId(proposalIdArg, 'proposalId');
    const proposal = await this.dataSource.manager.findOneBy(ProposalEntity, { id: proposalId });
    if (!proposal) throw DomainError.notFound('Proposal', proposalIdArg);
    const stored = readStoredPlan(proposal.plan, `Proposal ${proposal.id}`);
    const storedPlanHash = sha256Hex(canonicalJson(stored));
    const base = { proposalId, storedPlanHash, inputHash: null, loggedPlanHash: null, replayedPlanHash: null, differences: [] };
    // ids are never reused on a server; the newest event is the one written with this row
    const made = (await this.audit.about({ proposalId }, 'PROPOSAL_MADE')).at(-1);
    if (!made)
      return {
        ...base,
        result: 'NOT_REPLAYABLE',
        eventSeqs: [],
        message: `No PROPOSAL_MADE event for proposal ${proposalId}: it was made before the audit log existed`,
      };
    const payload = (JSON.parse(made.body) as EventBody).payload as ProposalPayload;
    const eventSeqs = [made.seq];
    let basis = payload.basis;
    if (payload.roundId !== null) {
      const completed = (await this.audit.about({ roundId: payload.roundId }, 'ROUND_COMPLETED')).at(-1);
      if (!completed) return { ...base, result: 'NOT_REPLAYABLE', eventSeqs, message: `Round ${payload.roundId} has no ROUND_COMPLETED event` };
      eventSeqs.push(completed.seq);
      basis = ((JSON.parse(completed.body) as EventBody).payload as { basis: AllocationBasis }).basis;
    }
    if (!basis) return { ...base, result: 'NOT_REPLAYABLE', eventSeqs, message: 'The event holds no snapshot of the input' };
    const withHashes = { ...base, eventSeqs, inputHash: basis.inputHash, loggedPlanHash: payload.planHash };
    const snapshot = await this.audit.snapshot<AllocationInput>(basis.inputHash);
    if ('problem' in snapshot) return { ...withHashes, result: 'DIFFERENT', message: `The logged input cannot be used: ${snapshot.problem}` };
    const { plan } = await this.planner.plan(snapshot.value, replayOptions(basis));
    const replayed: AllocationPlan = payload.roundId !== null ? planForVacancy(plan, proposal.vacancyId) : plan;
    const replayedPlanHash = sha256Hex(canonicalJson(replayed));
    const differences = jsonDifferences(stored, replayed);
    const sameAsStored = replayedPlanHash === storedPlanHash;
    const storedAsLogged = storedPlanHash === payload.planHash;
    const result: ReplayResult = sameAsStored && storedAsLogged ? 'IDENTICAL' : 'DIFFERENT';
    const message =
      result === 'IDENTICAL'
        ? `Recomputed from event ${eventSeqs.join(' and ')} with composition policy ${basis.compositionPolicy.code} v${basis.compositionPolicy.version}, rule parameters ${basis.parameterYear} and ${plan.solverName ?? 'direct scoring'}: the same plan, byte for byte (sha256 ${replayedPlanHash.slice(0, 12)}…)`
        : !storedAsLogged
          ? 'The stored plan is not the plan that was logged when the proposal was made (it was changed afterwards)'
          : `The recomputed plan differs from the stored one at ${differences.length} place(s)`;
    return { ...withHashes, result, message, replayedPlanHash, differences };
  }
}
