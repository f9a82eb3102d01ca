import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { OfferEntity, ProposalEntity } from '../allocation/allocation.entities.js';
import { toStored } from '../allocation/proposals.service.js';
import { Actor } from '../auth/roles.js';
import { DomainError } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { EventBody } from '../engine/audit/hash-chain.js';
import { AllocationInput } from '../engine/allocation/allocation-input.js';
import { prepareAllocation } from '../engine/allocation/prepare-allocation.js';
import { DecisionFacts, NotChosenAnswer, PoolExclusionFacts, ProposalRationale, proposalRationale, whyNotChosen } from '../engine/allocation/rationale.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { HouseholdPrivacy } from '../households/household-privacy.service.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';
import { AllocationBasis } from './allocation-basis.js';
import { AuditService } from './audit.service.js';

export interface RationaleView extends ProposalRationale {
  proposalId: number;
  vacancyReference: string;
  allocationDate: string;
  basis: { eventSeqs: number[]; inputHash: string | null; planHash: string | null; compositionPolicy: string | null; parameterYear: number | null; solver: string | null };
  exclusions: PoolExclusionFacts | null;
  decisions: DecisionFacts[];
}

/**
 * Explanations for officers, tenants and auditors, from the stored plan and what the audit log
 * recorded with it (exclusions by rule, the input, the versions). Household references are shown
 * as the reader may see them: auditors get pseudonyms.
 */
@Injectable()
export class RationaleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly eligibility: EligibilityService,
    private readonly privacy: HouseholdPrivacy,
  ) {}

  private namer(actor: Actor) {
    return this.privacy.seesPseudonyms(actor) ? (reference: string) => this.privacy.pseudonym(reference) : (reference: string) => reference;
  }

  /**
   * For readers who see pseudonyms: the engine's sentences name households by reference, so every
   * known reference in them is replaced (whole words only).
   */
  private redactor(actor: Actor, references: Iterable<string>): (text: string) => string {
    if (!this.privacy.seesPseudonyms(actor)) return (text) => text;
    const refs = [...new Set(references)].filter(Boolean).sort((a, b) => b.length - a.length);
    if (refs.length === 0) return (text) => text;
    const pattern = new RegExp(`(?<![A-Za-z0-9_-])(${refs.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9_-])`, 'g');
    return (text) => text.replace(pattern, (ref) => this.privacy.pseudonym(ref));
  }

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

  async proposalRationale(proposalIdArg: string, actor: Actor): Promise<RationaleView> {
    const proposalId = parseId(proposalIdArg, 'proposalId');
    const entity = await this.dataSource.manager.findOneBy(ProposalEntity, { id: proposalId });
    if (!entity) throw DomainError.notFound('Proposal', proposalIdArg);
    const { plan, proposal } = toStored(entity);
    const { basis, eventSeqs, planHash } = await this.basisOf(entity);
    const offers = await this.dataSource.manager.find(OfferEntity, { where: { proposalId }, order: { id: 'ASC' } });
    const refs = new Map((offers.length ? await this.dataSource.manager.findBy(HouseholdEntity, { id: In(offers.map((o) => o.householdId)) }) : []).map((h) => [h.id, h.reference]));
    const decisions: DecisionFacts[] = offers.map((o) => ({
      decision: o.decision, householdReference: refs.get(o.householdId) ?? String(o.householdId), status: o.status, reasonCode: o.reasonCode,
      reasonText: o.reasonText, decidedBy: o.decidedBy, approvedBy: o.approvedBy, responseReason: o.responseReason,
    }));
    const exclusions = basis?.exclusions[String(entity.vacancyId)] ?? null;
    const rationale = proposalRationale(proposal, exclusions, decisions, this.namer(actor));
    const redact = this.redactor(actor, [
      ...[proposal.chosen, proposal.plainOrderCandidate, ...proposal.alternatives].flatMap((c) => (c ? [c.householdReference] : [])),
      ...decisions.map((d) => d.householdReference),
      ...(exclusions?.byRule.flatMap((r) => r.examples) ?? []),
    ]);
    return {
      ...rationale,
      sentences: rationale.sentences.map(redact),
      bindingTargets: rationale.bindingTargets.map((t) => ({ ...t, text: redact(t.text) })),
      proposalId,
      vacancyReference: proposal.vacancyReference,
      allocationDate: entity.allocationDate,
      exclusions: exclusions && { ...exclusions, byRule: exclusions.byRule.map((r) => ({ ...r, examples: r.examples.map(this.namer(actor)) })) },
      decisions: decisions.map((d) => ({ ...d, householdReference: this.namer(actor)(d.householdReference) })),
      basis: {
        eventSeqs, inputHash: basis?.inputHash ?? null, planHash,
        compositionPolicy: basis ? `${basis.compositionPolicy.code} v${basis.compositionPolicy.version}` : null,
        parameterYear: basis?.parameterYear ?? entity.parameterYear, solver: plan.solverName ? `${plan.solverName} ${plan.solverVersion ?? ''}`.trim() : null,
      },
    };
  }

  /** Why a household did not get a vacancy, judged on the latest proposal for it. */
  async whyNotChosen(householdReference: string, vacancyIdArg: string, actor: Actor): Promise<NotChosenAnswer & { householdReference: string; vacancyReference: string; proposalId: number | null }> {
    const vacancyId = parseId(vacancyIdArg, 'vacancyId');
    const m = this.dataSource.manager;
    const vacancy = await m.findOneBy(VacancyEntity, { id: vacancyId });
    if (!vacancy) throw DomainError.notFound('Vacancy', vacancyIdArg);
    const household = await this.findHousehold(householdReference);
    const name = this.namer(actor);
    const entity = await m.findOne(ProposalEntity, { where: { vacancyId }, order: { id: 'DESC' } });
    const base = { householdReference: name(household.reference), vacancyReference: vacancy.reference };
    if (!entity) return { ...base, proposalId: null, outcome: 'NOT_A_CANDIDATE', rank: null, chosenRank: null, sentences: [`No proposal has been made for ${vacancy.reference} yet.`] };
    const { proposal } = toStored(entity);
    const responded = await m.existsBy(VacancyResponseEntity, { vacancyId, householdId: household.id });
    const declinedBefore = await m.existsBy(OfferEntity, { vacancyId, householdId: household.id, status: 'DECLINED' });
    const verdict = responded ? (await this.eligibility.judgeForVacancy(m, household.id, vacancy, entity.allocationDate)).verdict : null;
    const { basis } = await this.basisOf(entity);
    const snapshot = basis ? await this.audit.snapshot<AllocationInput>(basis.inputHash) : null;
    const prepared = snapshot && 'value' in snapshot ? prepareAllocation(snapshot.value) : null;
    const answer = whyNotChosen({ household: { id: household.id, reference: household.reference }, responded, declinedBefore, verdict, prepared, proposal }, name);
    const redact = this.redactor(actor, [
      household.reference,
      ...[proposal.chosen, proposal.plainOrderCandidate, ...proposal.alternatives].flatMap((c) => (c ? [c.householdReference] : [])),
    ]);
    return { ...base, proposalId: entity.id, ...answer, sentences: answer.sentences.map(redact) };
  }

  /** By reference, or (auditors) by the pseudonym they were shown. */
  private async findHousehold(reference: string): Promise<HouseholdEntity> {
    const m = this.dataSource.manager;
    const direct = await m.findOneBy(HouseholdEntity, { reference });
    if (direct) return direct;
    if (reference.startsWith('PSN-')) {
      const all: { id: number; reference: string }[] = await m.query('SELECT id, reference FROM household');
      const hit = all.find((h) => this.privacy.pseudonym(h.reference) === reference);
      if (hit) return m.findOneByOrFail(HouseholdEntity, { id: hit.id });
    }
    throw DomainError.notFound('Household', reference);
  }
}
