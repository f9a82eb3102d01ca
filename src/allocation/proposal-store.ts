import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { AllocationPlan } from '../engine/allocation/explain-plan.js';
import { IsoDate } from '../engine/model.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { AllocationBasis, planHash, proposalOutcome } from './allocation-basis.js';
import { ProposalEntity } from './allocation.entities.js';
import { toStoredPlan } from './stored-plan.js';

/** A proposal to store for one vacancy, from a single proposal or from a round. */
export interface NewProposal {
  /** Locked by the caller, and plannable (OPEN or PROPOSED). */
  vacancy: VacancyEntity;
  /** The plan stored with the proposal: the whole plan of a single proposal, or the round's slice for this vacancy. */
  plan: AllocationPlan;
  /** The same plan (or slice) in Dutch words, for Dutch readers; not audited. */
  planNl: AllocationPlan;
  allocationDate: IsoDate;
  seed: number;
  compositionPolicyId: number;
  localPolicyId: number;
  parameterYear: number;
  roundId: number | null;
  /** Who asked for it (the officer, or whoever requested the round). */
  requestedBy: string | null;
  /** Who the audit log names: the officer, or the system (a round, a re-proposal after a decline). */
  actor: Actor;
  /** The basis of a single proposal; a round's proposals share the round's (ROUND_COMPLETED). */
  basis: AllocationBasis | null;
  /** Set when the system made the proposal on an officer's behalf (after a decline). */
  madeBySystem?: { onBehalfOf: string; after: string };
}

/**
 * The one way a proposal is stored: earlier open proposals of the vacancy are superseded, the new one
 * is stored, the vacancy is PROPOSED, and PROPOSAL_MADE is appended, all in the caller's transaction.
 */
@Injectable()
export class ProposalStore {
  constructor(private readonly audit: AuditService) {}

  async store(m: EntityManager, p: NewProposal): Promise<ProposalEntity> {
    const proposal = p.plan.proposals.find((x) => x.vacancyId === p.vacancy.id);
    if (!proposal) throw new Error(`The plan has no proposal for vacancy ${p.vacancy.reference}`);
    await m.update(ProposalEntity, { vacancyId: p.vacancy.id, status: 'PROPOSED' }, { status: 'SUPERSEDED' });
    const entity = await m.save(
      ProposalEntity,
      m.create(ProposalEntity, {
        vacancyId: p.vacancy.id,
        status: 'PROPOSED',
        chosenHouseholdId: proposal.chosen?.householdId ?? null,
        plainOrderHouseholdId: proposal.plainOrderCandidate?.householdId ?? null,
        allocationDate: p.allocationDate,
        seed: p.seed,
        compositionPolicyId: p.compositionPolicyId,
        localPolicyId: p.localPolicyId,
        parameterYear: p.parameterYear,
        solveStatus: p.plan.status,
        solver: p.plan.solverName,
        plan: toStoredPlan(p.plan),
        planNl: toStoredPlan(p.planNl),
        roundId: p.roundId,
        requestedBy: p.requestedBy,
      }),
    );
    await m.update(VacancyEntity, { id: p.vacancy.id }, { status: 'PROPOSED' });
    await this.audit.append(
      m,
      p.actor,
      'PROPOSAL_MADE',
      { proposalId: entity.id, vacancyId: p.vacancy.id },
      {
        vacancyReference: p.vacancy.reference,
        allocationDate: p.allocationDate,
        roundId: p.roundId,
        ...(p.roundId !== null ? { requestedBy: p.requestedBy } : {}),
        ...(p.basis ? { basis: p.basis } : {}),
        planHash: planHash(p.plan),
        outcome: proposalOutcome(p.plan, p.vacancy.id),
        ...(p.madeBySystem ? { madeBySystem: p.madeBySystem } : {}),
      },
    );
    return entity;
  }
}
