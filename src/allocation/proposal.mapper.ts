import type { AllocationPlan, CandidateScore } from '../engine/allocation/explain-plan.js';
import type { WithheldCandidate, WithheldProposal } from '../engine/privacy/withhold-plan.js';
import { OfferEntity } from './allocation.entities.js';
import { Offer, Proposal, ProposalCandidate } from './graphql/proposal.type.js';
import { StoredProposal } from './proposals.service.js';

/** A candidate, whole or without its fit and scores (withheld for readers without need to know). */
function toCandidate(c: WithheldCandidate & Partial<Pick<CandidateScore, 'fit' | 'score' | 'costVersusChosen' | 'jointNote'>>): ProposalCandidate {
  return {
    householdId: c.householdId,
    household: undefined as never, // resolved through the batch loader
    rank: c.rank,
    priorityTier: c.priorityTier,
    urgent: c.urgent,
    lotteryTicket: c.lotteryTicket,
    rankingPoints: c.rankingPoints ?? null,
    eligibility: c.eligibility,
    score: c.score ?? null,
    priorityPoints: c.priorityPoints,
    fit: c.fit?.map((f) => ({ kind: f.kind, id: f.id, label: f.label, points: f.points })) ?? null,
    costVersusChosen: c.costVersusChosen ?? null,
    jointNote: c.jointNote ?? null,
  };
}

/**
 * A stored proposal as its reader may see it: `proposal` and `plan` are the stored ones, or the
 * same without special-category detail (ProposalPresenter decides which).
 */
export function toProposal({
  entity,
  plan,
  proposal,
}: Pick<StoredProposal, 'entity'> & { plan: AllocationPlan | object; proposal: WithheldProposal }): Proposal {
  return {
    id: String(entity.id),
    vacancyId: entity.vacancyId,
    status: entity.status,
    allocationDate: entity.allocationDate,
    seed: entity.seed,
    solveStatus: entity.solveStatus,
    solver: entity.solver,
    routeOrder: proposal.routeOrder,
    candidateCount: proposal.candidateCount,
    summary: proposal.summary,
    chosen: proposal.chosen ? toCandidate(proposal.chosen) : null,
    plainOrderCandidate: proposal.plainOrderCandidate ? toCandidate(proposal.plainOrderCandidate) : null,
    passedOverSummary: proposal.plainOrderPassedOver?.summary ?? null,
    passedOverReasons: (proposal.plainOrderPassedOver?.reasons ?? []).map((r) => ({ kind: r.kind, ref: r.ref, points: r.points, text: r.text })),
    alternatives: proposal.alternatives.map(toCandidate),
    composition: proposal.composition.map((t) => ({
      targetId: t.targetId,
      label: t.label,
      dimension: t.dimension,
      categories: [...t.categories],
      bound: t.bound,
      basisPoints: t.basisPoints,
      weight: t.weight,
      source: t.source,
      before: t.before,
      afterThis: t.afterThis,
      afterPlan: t.afterPlan,
      text: t.text,
    })),
    plan: JSON.stringify(plan),
    roundId: entity.roundId === null ? null : String(entity.roundId),
  };
}

export function toOffer(e: OfferEntity): Offer {
  return {
    id: String(e.id),
    proposalId: String(e.proposalId),
    vacancyId: e.vacancyId,
    householdId: e.householdId,
    household: undefined as never,
    decision: e.decision,
    reasonCode: e.reasonCode,
    reasonText: e.reasonText,
    status: e.status,
    responseReason: e.responseReason,
    decidedBy: e.decidedBy,
    approvedBy: e.approvedBy,
    stage: e.stage,
    stageDue: e.stageDue,
    refusalReasonCode: e.refusalReasonCode,
  };
}
