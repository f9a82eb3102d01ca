import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OfferEntity, ProposalEntity } from './allocation.entities.js';
import { inLanguage, toStored } from './proposals.service.js';
import { Actor } from '../auth/roles.js';
import { DomainError } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { EventBody } from '../engine/audit/hash-chain.js';
import { AllocationInput } from '../engine/allocation/allocation-input.js';
import { prepareAllocation } from '../engine/allocation/prepare-allocation.js';
import {
  DecisionFacts,
  NotChosenAnswer,
  PoolExclusionFacts,
  ProposalRationale,
  noProposalYet,
  proposalRationale,
  whyNotChosen,
} from '../engine/allocation/rationale.js';
import { languageOf } from '../common/request-language.js';
import type { Language } from '../engine/common/language.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { householdMention } from '../engine/privacy/household-mention.js';
import { withoutSpecialCategoryFacts } from '../engine/privacy/special-category.js';
import { withholdProposal, WithheldProposal } from '../engine/privacy/withhold-plan.js';
import type { VacancyProposal } from '../engine/allocation/explain-plan.js';
import type { RequestContext } from '../common/request-context.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';
import { AllocationBasis } from './allocation-basis.js';
import { AuditService } from '../audit/audit.service.js';

export interface RationaleView extends ProposalRationale {
  proposalId: number;
  vacancyReference: string;
  allocationDate: string;
  basis: {
    eventSeqs: number[];
    inputHash: string | null;
    planHash: string | null;
    compositionPolicy: string | null;
    parameterYear: number | null;
    solver: string | null;
  };
  exclusions: PoolExclusionFacts | null;
  decisions: DecisionFacts[];
}

/**
 * Explanations for officers, tenants and auditors, from the stored plan and what the audit log
 * recorded with it (exclusions by rule, the input, the versions). Households are named by mention
 * and rendered for the reader (src/privacy/disclosure.plugin.ts); readers who may not see
 * special-category data get the proposal without it (src/engine/privacy/withhold-plan.ts).
 */
@Injectable()
export class RationaleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly eligibility: EligibilityService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  /** The basis the audit log holds for a proposal (its own event, or its round's). */
  private async basisOf(proposal: ProposalEntity): Promise<{ basis: AllocationBasis | null; eventSeqs: number[]; planHash: string | null }> {
    const made = (await this.audit.about({ proposalId: proposal.id }, 'PROPOSAL_MADE')).at(-1);
    if (!made) return { basis: null, eventSeqs: [], planHash: null };
    const payload = (JSON.parse(made.body) as EventBody).payload as { roundId: number | null; basis?: AllocationBasis; planHash: string };
    if (payload.roundId === null) return { basis: payload.basis ?? null, eventSeqs: [made.seq], planHash: payload.planHash };
    const completed = (await this.audit.about({ roundId: payload.roundId }, 'ROUND_COMPLETED')).at(-1);
    const basis = completed ? ((JSON.parse(completed.body) as EventBody).payload as { basis: AllocationBasis }).basis : null;
    return { basis, eventSeqs: completed ? [made.seq, completed.seq] : [made.seq], planHash: payload.planHash };
  }

  async proposalRationale(proposalIdArg: string, actor: Actor, ctx: RequestContext): Promise<RationaleView> {
    const proposalId = parseId(proposalIdArg, 'proposalId');
    const entity = await this.dataSource.manager.findOneBy(ProposalEntity, { id: proposalId });
    if (!entity) throw DomainError.notFound('Proposal', proposalIdArg);
    const stored = toStored(entity);
    const { plan } = stored;
    // the proposal's own sentences in the reader's language when they were stored in it (else the record's English)
    const { language, proposal } = inLanguage(stored, languageOf(ctx.req));
    const { basis, eventSeqs, planHash } = await this.basisOf(entity);
    const offers = await this.dataSource.manager.find(OfferEntity, { where: { proposalId }, order: { id: 'ASC' } });
    const decisions: DecisionFacts[] = offers.map((o) => ({
      decision: o.decision,
      householdReference: householdMention(o.householdId),
      status: o.status,
      reasonCode: o.reasonCode,
      reasonText: o.reasonText,
      decidedBy: o.decidedBy,
      approvedBy: o.approvedBy,
      responseReason: o.responseReason,
    }));
    const exclusions = basis?.exclusions[String(entity.vacancyId)] ?? null;
    const rationale = proposalRationale(await this.proposalFor(actor, proposal, ctx, language), exclusions, decisions, (mention) => mention, language);
    return {
      ...rationale,
      proposalId,
      vacancyReference: proposal.vacancyReference,
      allocationDate: entity.allocationDate,
      exclusions,
      decisions,
      basis: {
        eventSeqs,
        inputHash: basis?.inputHash ?? null,
        planHash,
        compositionPolicy: basis ? `${basis.compositionPolicy.code} v${basis.compositionPolicy.version}` : null,
        parameterYear: basis?.parameterYear ?? entity.parameterYear,
        solver: plan.solverName ? `${plan.solverName} ${plan.solverVersion ?? ''}`.trim() : null,
      },
    };
  }

  /**
   * Why a household did not get a vacancy, judged on the latest proposal for it. `withheld`: the answer
   * without special-category facts whoever asks (what an objection keeps: auditors read it, and the
   * audit log holds it; src/allocation/objections.service.ts).
   */
  async whyNotChosen(
    householdReference: string,
    vacancyIdArg: string,
    actor: Actor,
    ctx: RequestContext,
    withheld = false,
  ): Promise<NotChosenAnswer & { householdReference: string; vacancyReference: string; proposalId: number | null }> {
    const vacancyId = parseId(vacancyIdArg, 'vacancyId');
    const m = this.dataSource.manager;
    const vacancy = await m.findOneBy(VacancyEntity, { id: vacancyId });
    if (!vacancy) throw DomainError.notFound('Vacancy', vacancyIdArg);
    const householdId = await this.disclosure.householdIdFromInput(actor, householdReference, 'householdReference');
    const household = await m.findOneBy(HouseholdEntity, { id: householdId });
    if (!household) throw DomainError.notFound('Household', householdReference);
    const entity = await m.findOne(ProposalEntity, { where: { vacancyId }, order: { id: 'DESC' } });
    const base = { householdReference: householdMention(household.id), vacancyReference: vacancy.reference };
    if (!entity)
      return {
        ...base,
        proposalId: null,
        outcome: 'NOT_A_CANDIDATE',
        rank: null,
        chosenRank: null,
        sentences: [noProposalYet(vacancy.reference, languageOf(ctx.req))],
      };
    const { language, proposal } = inLanguage(toStored(entity), languageOf(ctx.req));
    const responded = await m.existsBy(VacancyResponseEntity, { vacancyId, householdId: household.id });
    const declinedBefore = await m.existsBy(OfferEntity, { vacancyId, householdId: household.id, status: 'DECLINED' });
    const judged = responded ? (await this.eligibility.judgeForVacancy(m, household.id, vacancy, entity.allocationDate, language)).verdict : null;
    const seesSpecial = !withheld && (await this.disclosure.readSpecialCategories(ctx, household.id, 'whyNotChosen'));
    // the verdict was judged in `language`: so is the sentence of a rule withheld from it
    const verdict = judged && !seesSpecial ? { ...judged, outcomes: judged.outcomes.map((o) => withoutSpecialCategoryFacts(o, language)) } : judged;
    const { basis } = await this.basisOf(entity);
    const snapshot = basis ? await this.audit.snapshot<AllocationInput>(basis.inputHash) : null;
    const prepared = snapshot && 'value' in snapshot ? prepareAllocation(snapshot.value) : null;
    const shown = seesSpecial ? proposal : withholdProposal(proposal, language);
    const answer = whyNotChosen(
      { household: { id: household.id, reference: householdMention(household.id) }, responded, declinedBefore, verdict, prepared, proposal: shown },
      (mention) => mention,
      language,
    );
    return { ...base, proposalId: entity.id, ...answer };
  }

  /** The proposal as this reader may read it: whole for those who handle its vacancy (the read recorded), else without special-category detail. */
  private async proposalFor(actor: Actor, proposal: VacancyProposal, ctx: RequestContext, language: Language): Promise<WithheldProposal> {
    if (!(await this.disclosure.handlesVacancy(ctx, proposal.vacancyId))) return withholdProposal(proposal, language);
    const shown = [proposal.chosen, proposal.plainOrderCandidate, ...proposal.alternatives].flatMap((c) => (c ? [c.householdId] : []));
    // loaded together, the reads are recorded in one insert
    await Promise.all(
      [...new Set(shown)].map((householdId) =>
        this.disclosure.recordRead(ctx, householdId, 'proposalRationale', { purpose: 'VACANCY', purposeId: proposal.vacancyId }),
      ),
    );
    return proposal;
  }
}
