import { OverrideReasonPolicy, overrideReasonProblem } from '../engine/allocation/override-reasons.js';
import { OverrideReasonsService } from './override-reasons.service.js';
import { PendingApproval } from './graphql/pending-approval.type.js';
import type { RequestContext } from '../common/request-context.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { assertNotAwaitingList } from './allocation-input.loader.js';
import { parseId } from '../common/ids.js';
import { languageOf } from '../common/request-language.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { addDays } from '../engine/common/dates.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { TenancyEntity } from '../tenancies/tenancy.entity.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';
import { OfferEntity, ProposalEntity } from './allocation.entities.js';
import { lapseReasonCode } from '../engine/letting/candidates.js';
import { ActiveStage, acceptanceRefusal, dueStages, offerTransition, openOffer } from '../engine/letting/offer-stages.js';
import { OfferStageSupport } from '../letting/offer-stage-support.service.js';
import { SanctionsService } from '../letting/sanctions.service.js';
import { DecideProposalInput, DecisionEnum, OfferResponseEnum, OfferResponseInput } from './graphql/proposal.type.js';
import type { Language } from '../engine/common/language.js';
import { ProposalsService, StoredProposal, inLanguage, lockVacancy, toStored } from './proposals.service.js';

/** The documents checked: those checked before (stored on the offer) stay checked; the request may check the others. */
function checkedDocuments(
  offer: Pick<OfferEntity, 'documents'>,
  given: { incomeStatement: boolean; identity: boolean } | null | undefined,
): { incomeStatement: boolean; identity: boolean } {
  const checked = (d: 'incomeStatement' | 'identity') => offer.documents?.[d] === true || given?.[d] === true;
  return { incomeStatement: checked('incomeStatement'), identity: checked('identity') };
}

/** Who expires an overdue stage: the deadline job (in the audit log by this name). */
export const OFFER_DEADLINE_JOB: Actor = { subject: 'job:offer-deadlines', roles: [] };

export interface OfferResponseOutcome {
  offer: OfferEntity;
  nextOffer: OfferEntity | null;
  nextProposal: StoredProposal | null;
  tenancyId: number | null;
}

/**
 * The officer's decision on a proposal (accept, or override with a reason) creates an offer; the
 * household's answer either lets the dwelling (allocation recorded, tenancy started) or passes the
 * offer to the next candidate of a recomputed proposal. Each step locks the vacancy row first, so
 * concurrent answers for one vacancy are applied one at a time; the unique indexes guard as well.
 */
@Injectable()
export class OffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly eligibility: EligibilityService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly disclosure: HouseholdDisclosure,
    private readonly overrideReasons: OverrideReasonsService,
    private readonly stages: OfferStageSupport,
    private readonly sanctions: SanctionsService,
  ) {}

  /** An offer that goes out enters its first stage, due by the letting policy; its candidate is OFFERED. */
  private async goesOut(m: EntityManager, offer: OfferEntity, actor: Actor): Promise<void> {
    const today = this.clock.today();
    const opened = openOffer(today, await this.stages.stageDays(m, today));
    await m.update(OfferEntity, { id: offer.id }, { stage: opened.stage as ActiveStage, stageEnteredOn: opened.enteredOn, stageDue: opened.dueDate });
    await this.stages.followOffer(m, offer.vacancyId, offer.householdId, 'OFFER', null, actor);
  }

  async get(offerId: string): Promise<OfferEntity> {
    const offer = await this.dataSource.manager.findOneBy(OfferEntity, { id: parseId(offerId, 'offerId') });
    if (!offer) throw DomainError.notFound('Offer', offerId);
    return offer;
  }

  forVacancy(vacancyId: string): Promise<OfferEntity[]> {
    return this.dataSource.manager.find(OfferEntity, { where: { vacancyId: parseId(vacancyId, 'vacancyId') }, order: { id: 'ASC' } });
  }

  async decide(input: DecideProposalInput, actor: Actor): Promise<OfferEntity> {
    const proposalId = parseId(input.proposalId, 'proposalId');
    // by id or reference, resolved before the transaction (the embedded database serves one session at a time)
    const overrideHousehold = input.householdId ? await this.disclosure.householdIdFromInput(actor, input.householdId, 'householdId') : null;
    return this.dataSource.transaction(async (m) => {
      const found = await m.findOneBy(ProposalEntity, { id: proposalId });
      if (!found) throw DomainError.notFound('Proposal', input.proposalId);
      const vacancy = await lockVacancy(m, found.vacancyId);
      const proposal = await m.findOneByOrFail(ProposalEntity, { id: proposalId }); // re-read under the lock
      if (proposal.status !== 'PROPOSED' || vacancy.status !== 'PROPOSED') {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Proposal ${proposal.id} is ${proposal.status} and vacancy ${vacancy.reference} is ${vacancy.status}: only the current proposal of a PROPOSED vacancy can be decided`,
        );
      }
      // after the state checks: the losers of a race answer CONFLICT without another query (the lock queue stays short)
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], 'decideProposal');
      // a proposal made before the vacancy was advertised is not offered while its window runs
      await assertNotAwaitingList(m, vacancy);
      let householdId: number;
      let reasonPolicy: OverrideReasonPolicy | null = null;
      if (input.decision === DecisionEnum.ACCEPT) {
        if (input.householdId != null || input.reasonCode != null || input.reasonText != null) {
          throw DomainError.invalid([{ field: 'decision', reason: 'ACCEPT takes the proposed candidate; use OVERRIDE to offer another household' }]);
        }
        if (proposal.chosenHouseholdId === null) throw new DomainError(ErrorCode.CONFLICT, `Proposal ${proposal.id} has no eligible candidate to accept`);
        householdId = proposal.chosenHouseholdId;
        await this.assertMayBeOffered(m, vacancy, householdId, false); // things may have changed since the proposal
      } else {
        const missing = (['householdId', 'reasonCode', 'reasonText'] as const).filter((f) => !input[f]);
        if (missing.length) throw DomainError.invalid(missing.map((field) => ({ field, reason: 'is required for an OVERRIDE' })));
        householdId = overrideHousehold!;
        await this.assertMayBeOffered(m, vacancy, householdId, true);
        // the coded reason must rest on a fact on file (src/engine/allocation/override-reasons.ts)
        const facts = await m.findOneByOrFail(HouseholdEntity, { id: householdId });
        reasonPolicy = await this.overrideReasons.inForce(m, this.clock.today());
        const problem = overrideReasonProblem(reasonPolicy, input.reasonCode!, { indicationKind: facts.indicationKind, incomeSource: facts.incomeSource });
        if (problem) throw DomainError.invalid([problem]);
      }
      const override = input.decision === DecisionEnum.OVERRIDE;
      const approval = this.approvalNeeded(toStored(proposal), override);
      const offer = await m.save(
        OfferEntity,
        m.create(OfferEntity, {
          proposalId: proposal.id,
          vacancyId: vacancy.id,
          householdId,
          decision: override ? 'OVERRIDE' : 'PROPOSED',
          reasonCode: input.reasonCode ?? null,
          reasonText: input.reasonText ?? null,
          overrideReasonPolicyVersion: reasonPolicy?.version ?? null,
          status: approval ? 'PENDING_APPROVAL' : 'OPEN',
          responseReason: null,
          respondedAt: null,
          decidedBy: actor.subject,
          approvedBy: null,
          approvedAt: null,
        }),
      );
      await m.update(ProposalEntity, { id: proposal.id }, { status: 'DECIDED' });
      await m.update(VacancyEntity, { id: vacancy.id }, { status: 'OFFERED' });
      if (offer.status === 'OPEN') await this.goesOut(m, offer, actor);
      await this.audit.append(
        m,
        actor,
        'OFFER_DECIDED',
        { offerId: offer.id, proposalId: proposal.id, vacancyId: vacancy.id, householdId },
        {
          decision: offer.decision,
          reasonCode: offer.reasonCode,
          reasonText: offer.reasonText,
          overrideReasonPolicyVersion: offer.overrideReasonPolicyVersion,
          status: offer.status,
          fourEyes: approval,
        },
      );
      return m.findOneByOrFail(OfferEntity, { id: offer.id }); // with the stage it went out in
    });
  }

  respond(input: OfferResponseInput, actor: Actor, language: Language = 'en'): Promise<OfferResponseOutcome> {
    const offerId = parseId(input.offerId, 'offerId');
    if (input.response === OfferResponseEnum.DECLINED && !input.reason) {
      throw DomainError.invalid([{ field: 'reason', reason: 'is required when the offer is declined' }]);
    }
    return this.dataSource.transaction(async (m) => {
      const { vacancy, offer } = await this.lockOpenOffer(m, offerId, input.offerId);
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], 'recordOfferResponse');
      if (input.response !== OfferResponseEnum.ACCEPTED) return this.answer(m, vacancy, offer, input, actor);
      // accepted at once (the stages skipped), but never without the documents the stages check (issue 17)
      const documents = checkedDocuments(offer, input.documents);
      const refusal = acceptanceRefusal(documents, language);
      if (refusal !== null) throw DomainError.invalid([{ field: 'documents', reason: refusal }]);
      return this.answer(m, vacancy, { ...offer, documents }, input, actor);
    });
  }

  /** The vacancy (locked first, as every write on it) and its open offer, re-read under the lock. */
  private async lockOpenOffer(m: EntityManager, offerId: number, given: string): Promise<{ vacancy: VacancyEntity; offer: OfferEntity }> {
    const found = await m.findOneBy(OfferEntity, { id: offerId });
    if (!found) throw DomainError.notFound('Offer', given);
    const vacancy = await lockVacancy(m, found.vacancyId);
    const offer = await m.findOneByOrFail(OfferEntity, { id: offerId });
    if (offer.status === 'PENDING_APPROVAL')
      throw new DomainError(ErrorCode.CONFLICT, `Offer ${offer.id} awaits a second officer's approval (approveOffer) before it goes out`);
    if (offer.status !== 'OPEN') throw new DomainError(ErrorCode.CONFLICT, `Offer ${offer.id} is already ${offer.status}`);
    if (vacancy.status !== 'OFFERED')
      throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is ${vacancy.status}; its offer can no longer be answered`);
    return { vacancy, offer };
  }

  /** The household's answer on an open offer (or the deadline's, for an expired stage): let, or on to the next candidate. */
  private async answer(
    m: EntityManager,
    vacancy: VacancyEntity,
    offer: OfferEntity,
    input: OfferResponseInput & { expired?: boolean },
    actor: Actor,
  ): Promise<OfferResponseOutcome> {
    const respondedAt = this.clock.now();
    if (input.response === OfferResponseEnum.ACCEPTED) {
      const tenancyId = await this.let(m, vacancy, offer, actor);
      await m.update(
        OfferEntity,
        { id: offer.id },
        { status: 'ACCEPTED', responseReason: input.reason ?? null, respondedAt, stage: null, documents: offer.documents },
      );
      await this.stages.followOffer(m, vacancy.id, offer.householdId, 'ACCEPT', null, actor);
      await this.audit.append(
        m,
        actor,
        'OFFER_RESPONSE',
        { offerId: offer.id, vacancyId: vacancy.id, householdId: offer.householdId },
        { response: 'ACCEPTED', reason: input.reason ?? null, tenancyId, acceptedAtStage: offer.stage, documents: offer.documents },
      );
      return { offer: await m.findOneByOrFail(OfferEntity, { id: offer.id }), nextOffer: null, nextProposal: null, tenancyId };
    }
    // a refusal is coded where the vacancy has a candidate list: the codes say whether it was justified (sanctions)
    const code = input.refusalReasonCode ?? null;
    if (code === null && (await this.stages.hasCandidateList(m, vacancy.id)))
      throw DomainError.invalid([
        { field: 'refusalReasonCode', reason: 'is required: this vacancy has a candidate list, so a refusal is coded (see lettingReasons)' },
      ]);
    if (code !== null && !(await this.stages.refusalReason(m, code)))
      throw DomainError.invalid([{ field: 'refusalReasonCode', reason: `is not a refusal reason (${code}; see lettingReasons)` }]);
    await m.update(OfferEntity, { id: offer.id }, { status: 'DECLINED', responseReason: input.reason!, respondedAt, stage: null, refusalReasonCode: code });
    await this.stages.followOffer(m, vacancy.id, offer.householdId, input.expired ? 'EXPIRE' : 'REFUSE', code, actor);
    // an unjustified refusal may lead to a sanction by the letting policy (src/engine/letting/sanctions.ts)
    if (code !== null) await this.sanctions.afterRefusal(m, offer, code, actor);
    await this.audit.append(
      m,
      actor,
      'OFFER_RESPONSE',
      { offerId: offer.id, vacancyId: vacancy.id, householdId: offer.householdId },
      { response: 'DECLINED', reason: input.reason!, refusalReasonCode: code, expiredStage: input.expired ? offer.stage : null, tenancyId: null },
    );
    // the mix may have changed since: recompute, without the households that declined this vacancy
    await m.update(VacancyEntity, { id: vacancy.id }, { status: 'PROPOSED' });
    const next = await this.proposals.proposeAfterDecline(m, { ...vacancy, status: 'PROPOSED' }, actor, offer.id);
    let nextOffer: OfferEntity | null = null;
    if (next.entity.chosenHouseholdId !== null) {
      const approval = this.approvalNeeded(next, false);
      nextOffer = await m.save(
        OfferEntity,
        m.create(OfferEntity, {
          proposalId: next.entity.id,
          vacancyId: vacancy.id,
          householdId: next.entity.chosenHouseholdId,
          decision: 'PROPOSED',
          reasonCode: null,
          reasonText: null,
          status: approval ? 'PENDING_APPROVAL' : 'OPEN',
          responseReason: null,
          respondedAt: null,
          decidedBy: actor.subject,
          approvedBy: null,
          approvedAt: null,
        }),
      );
      if (nextOffer.status === 'OPEN') await this.goesOut(m, nextOffer, actor);
      await this.audit.append(
        m,
        actor,
        'OFFER_DECIDED',
        { offerId: nextOffer.id, proposalId: next.entity.id, vacancyId: vacancy.id, householdId: nextOffer.householdId },
        {
          decision: 'PROPOSED',
          reasonCode: null,
          reasonText: null,
          status: nextOffer.status,
          fourEyes: approval,
          after: input.expired ? 'the previous offer expired' : 'the previous offer was declined',
        },
      );
      await m.update(ProposalEntity, { id: next.entity.id }, { status: 'DECIDED' });
      await m.update(VacancyEntity, { id: vacancy.id }, { status: 'OFFERED' });
      next.entity.status = 'DECIDED';
      nextOffer = await m.findOneByOrFail(OfferEntity, { id: nextOffer.id });
    }
    return { offer: await m.findOneByOrFail(OfferEntity, { id: offer.id }), nextOffer, nextProposal: next, tenancyId: null };
  }

  /**
   * The next stage of an open offer (src/engine/letting/offer-stages.ts): the documents are checked
   * before the final acceptance; from the final acceptance the offer is accepted and the dwelling let.
   */
  advance(
    input: { offerId: string; documents?: { incomeStatement: boolean; identity: boolean } | null },
    actor: Actor,
    language: Language = 'en',
  ): Promise<OfferResponseOutcome> {
    const offerId = parseId(input.offerId, 'offerId');
    return this.dataSource.transaction(async (m) => {
      const { vacancy, offer } = await this.lockOpenOffer(m, offerId, input.offerId);
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], 'advanceOffer');
      const today = this.clock.today();
      const deadlines = await this.stages.stageDays(m, today);
      const current = offer.stage ?? 'INTEREST_CHECK';
      const documents = checkedDocuments(offer, input.documents);
      const step = offerTransition(
        { stage: current, enteredOn: offer.stageEnteredOn ?? today, dueDate: offer.stageDue, reasonCode: null },
        { type: 'ADVANCE', today, documents },
        deadlines,
        language,
      );
      if (!step.ok)
        throw step.code === 'MISSING_DOCUMENT'
          ? DomainError.invalid([{ field: 'documents', reason: step.reason }])
          : new DomainError(ErrorCode.CONFLICT, step.reason);
      if (step.state === 'ACCEPTED')
        return this.answer(m, vacancy, { ...offer, documents }, { offerId: input.offerId, response: OfferResponseEnum.ACCEPTED }, actor);
      await m.update(
        OfferEntity,
        { id: offer.id },
        { stage: step.state as ActiveStage, stageEnteredOn: step.offer.enteredOn, stageDue: step.offer.dueDate, documents },
      );
      await this.audit.append(
        m,
        actor,
        'OFFER_STAGE_ADVANCED',
        { offerId: offer.id, vacancyId: vacancy.id, householdId: offer.householdId },
        { from: current, to: step.state, due: step.offer.dueDate, documents },
      );
      return { offer: await m.findOneByOrFail(OfferEntity, { id: offer.id }), nextOffer: null, nextProposal: null, tenancyId: null };
    });
  }

  /** Open offers due today or overdue (src/engine/letting/offer-stages.ts, dueStages), of the vacancies the officer handles. */
  async due(actor: Actor, ctx: RequestContext): Promise<OfferEntity[]> {
    const open = await this.dataSource.manager.find(OfferEntity, { where: { status: 'OPEN' }, order: { stageDue: 'ASC', id: 'ASC' } });
    const today = this.clock.today();
    const dueNow = dueStages(
      open.map((o) => ({ offer: o, stage: o.stage ?? 'INTEREST_CHECK', dueDate: o.stageDue })),
      today,
    ).map((d) => d.offer.offer);
    const handled = await Promise.all(dueNow.map((o) => this.disclosure.handlesVacancy(ctx, o.vacancyId)));
    return dueNow.filter((_o, i) => handled[i]);
  }

  /**
   * Offers whose stage is past its due date expire: declined with the code EXPIRED and the vacancy goes
   * to the next candidate (issue 17), as the deadline job's act. Each offer in its own transaction under
   * the vacancy's lock, re-checked there: with two instances (or a retry after a restart) one of them
   * expires it and the other finds it no longer open, so each stage expires exactly once.
   */
  async expireOverdue(): Promise<{ expired: number[]; failed: { offerId: number; reason: string }[] }> {
    const today = this.clock.today();
    const overdue: { id: number }[] = await this.dataSource.query(`SELECT id FROM offer WHERE status = 'OPEN' AND stage_due < $1 ORDER BY id`, [today]);
    const expired: number[] = [];
    // one offer that cannot expire (its transaction rolls back whole) does not hold up the others
    const failed: { offerId: number; reason: string }[] = [];
    for (const { id } of overdue) {
      const done = await this.dataSource
        .transaction(async (m) => {
          let locked: { vacancy: VacancyEntity; offer: OfferEntity };
          try {
            locked = await this.lockOpenOffer(m, id, String(id));
          } catch (e) {
            if (e instanceof DomainError && e.code === ErrorCode.CONFLICT) return false; // answered, expired or withdrawn meanwhile
            throw e;
          }
          if (locked.offer.stageDue === null || locked.offer.stageDue >= today) return false; // advanced meanwhile
          await this.answer(
            m,
            locked.vacancy,
            locked.offer,
            {
              offerId: String(id),
              response: OfferResponseEnum.DECLINED,
              reason: `the ${locked.offer.stage} stage was due on ${locked.offer.stageDue}`,
              refusalReasonCode: lapseReasonCode(locked.offer.stage),
              expired: true,
            },
            OFFER_DEADLINE_JOB,
          );
          return true;
        })
        .catch((e: unknown) => {
          failed.push({ offerId: id, reason: (e as Error).message });
          return false;
        });
      if (done) expired.push(id);
    }
    return { expired, failed };
  }

  /** Accepted: the allocation is judged and recorded, the tenancy starts, the household leaves the list. */
  private async let(m: EntityManager, vacancy: VacancyEntity, offer: OfferEntity, actor: Actor): Promise<number> {
    const today = this.clock.today();
    const startDate = vacancy.availableFrom > today ? vacancy.availableFrom : today;
    const household = await m.findOne(HouseholdEntity, { where: { id: offer.householdId }, lock: { mode: 'pessimistic_write' } });
    if (!household?.onWaitingList)
      throw new DomainError(ErrorCode.CONFLICT, `Household ${household?.reference ?? offer.householdId} is no longer on the waiting list`);
    // judged and counted on the day the tenancy starts (as startTenancy does)
    await this.eligibility.recordAllocation(m, actor, {
      householdId: offer.householdId,
      dwellingId: vacancy.dwellingId,
      vacancyId: vacancy.id,
      onDate: startDate,
      route: vacancy.route,
      context: { labelFallbackActive: vacancy.labelFallbackActive, localTiesPriority: vacancy.localTiesPriority },
    });
    // the dwelling must be free from the start date: the previous tenancy is ended by its own process
    const occupied = await m.findOne(TenancyEntity, {
      where: [
        { dwellingId: vacancy.dwellingId, endDate: IsNull() },
        { dwellingId: vacancy.dwellingId, endDate: MoreThanOrEqual(startDate) },
      ],
    });
    if (occupied)
      throw new DomainError(
        ErrorCode.CONFLICT,
        `The dwelling is let from ${occupied.startDate} to ${occupied.endDate ?? 'now'}; end that tenancy before ${startDate}`,
      );
    // a tenant moving within the stock (doorstromer) leaves the old home the day before; any other overlap is refused
    const own = await m.find(TenancyEntity, {
      where: [
        { householdId: offer.householdId, endDate: IsNull() },
        { householdId: offer.householdId, endDate: MoreThanOrEqual(startDate) },
      ],
    });
    for (const t of own) {
      if (t.endDate !== null || t.startDate >= startDate) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Household ${household.reference} has a tenancy from ${t.startDate} to ${t.endDate ?? 'now'} that overlaps ${startDate}`,
        );
      }
      await m.update(TenancyEntity, { id: t.id }, { endDate: addDays(startDate, -1) });
    }
    const tenancy = await m.save(
      TenancyEntity,
      m.create(TenancyEntity, {
        householdId: offer.householdId,
        dwellingId: vacancy.dwellingId,
        startDate,
        endDate: null,
        allocationRoute: vacancy.route,
      }),
    );
    await m.update(HouseholdEntity, { id: household.id }, { onWaitingList: false });
    // proposals elsewhere that name the household are out of date: they must be made again
    await m.update(ProposalEntity, { chosenHouseholdId: household.id, status: 'PROPOSED' }, { status: 'SUPERSEDED' });
    await m.update(VacancyEntity, { id: vacancy.id }, { status: 'ALLOCATED' });
    return tenancy.id;
  }

  /**
   * Four-eyes (README, "Four-eyes"): an override always, and a proposal that passes over the plain-order
   * candidate by at least FOUR_EYES_MIN_DISPLACEMENT places, need a second officer's approval.
   */
  private approvalNeeded(proposal: StoredProposal, override: boolean): { reason: string } | null {
    if (override) return { reason: 'an override of the proposed candidate' };
    const rank = proposal.proposal.chosen?.rank ?? 1;
    if (rank - 1 >= this.config.fourEyesMinDisplacement) {
      return { reason: `the proposal passes over ${rank - 1} place(s) of the plain order (threshold ${this.config.fourEyesMinDisplacement})` };
    }
    return null;
  }

  /** The second officer approves: the offer goes out. The officer who decided may not approve it. */
  approve(offerId: string, actor: Actor): Promise<OfferEntity> {
    return this.answerApproval(offerId, actor, null);
  }

  /**
   * Four-eyes queue: offers awaiting approval that another officer decided, inside the caller's
   * assignment (admins: all), oldest first, with the facts the decision relies on.
   */
  async pendingApprovals(actor: Actor, ctx: RequestContext): Promise<PendingApproval[]> {
    const m = this.dataSource.manager;
    const waiting = (await m.find(OfferEntity, { where: { status: 'PENDING_APPROVAL' }, order: { id: 'ASC' } })).filter((o) => o.decidedBy !== actor.subject);
    // one query each: which vacancies the caller handles, the proposals, the complexes, the reason versions
    const inScope = await Promise.all(waiting.map((o) => this.disclosure.handlesVacancy(ctx, o.vacancyId)));
    const offers = waiting.filter((_o, i) => inScope[i]);
    if (!offers.length) return [];
    // the targets' sentences in the reader's language (Accept-Language), when the proposal stored them in it (else its English)
    const language = languageOf(ctx.req);
    const proposals = new Map(
      (await m.findBy(ProposalEntity, { id: In(offers.map((o) => o.proposalId)) })).map((p) => [p.id, inLanguage(toStored(p), language).proposal]),
    );
    const complexes: { vacancy_id: number; code: string }[] = await m.query(
      'SELECT v.id AS vacancy_id, c.code FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id JOIN complex c ON c.id = d.complex_id WHERE v.id = ANY($1)',
      [offers.map((o) => o.vacancyId)],
    );
    const complexOf = new Map(complexes.map((c) => [Number(c.vacancy_id), c.code]));
    const policies = await this.overrideReasons.versions();
    return offers.map((offer) => {
      const proposal = proposals.get(offer.proposalId)!;
      const offered = [proposal.chosen, ...proposal.alternatives].find((c) => c?.householdId === offer.householdId) ?? null;
      const reasonRefs = new Set((proposal.plainOrderPassedOver?.reasons ?? []).filter((r) => r.kind === 'COMPOSITION_TARGET').map((r) => r.ref));
      const targets = proposal.composition.filter((t) => reasonRefs.has(t.targetId) || (t.afterThis?.violation ?? 0) > 0);
      const reason = policies.find((p) => p.version === offer.overrideReasonPolicyVersion)?.reasons.find((r) => r.code === offer.reasonCode) ?? null;
      return {
        offerId: String(offer.id),
        proposalId: String(offer.proposalId),
        vacancyId: String(offer.vacancyId),
        vacancyReference: proposal.vacancyReference,
        complexCode: complexOf.get(offer.vacancyId) ?? '',
        decision: offer.decision,
        decidedBy: offer.decidedBy ?? '',
        decidedAt: offer.createdAt.toISOString(),
        reasonCode: offer.reasonCode,
        reasonLabel: reason?.label ?? null,
        reasonText: offer.reasonText,
        reasonRequires: reason?.requires ?? null,
        household: undefined as never,
        householdId: offer.householdId,
        offeredRank: offered?.rank ?? null,
        displacement: offered ? offered.rank - 1 : null,
        targets: targets.map((t) => ({ ...t, categories: [...t.categories] })),
      };
    });
  }

  /** The second officer refuses: the offer is withdrawn and the proposal can be decided again. */
  refuse(offerId: string, reason: string, actor: Actor): Promise<OfferEntity> {
    return this.answerApproval(offerId, actor, reason);
  }

  private answerApproval(offerId: string, actor: Actor, refusal: string | null): Promise<OfferEntity> {
    const id = parseId(offerId, 'offerId');
    return this.dataSource.transaction(async (m) => {
      const found = await m.findOneBy(OfferEntity, { id });
      if (!found) throw DomainError.notFound('Offer', offerId);
      await lockVacancy(m, found.vacancyId);
      const offer = await m.findOneByOrFail(OfferEntity, { id });
      if (offer.status !== 'PENDING_APPROVAL')
        throw new DomainError(ErrorCode.CONFLICT, `Offer ${offer.id} is ${offer.status}; only an offer awaiting approval can be approved or refused`);
      await this.disclosure.assertAssigned(m, actor, [offer.vacancyId], refusal === null ? 'approveOffer' : 'refuseOffer');
      if (offer.decidedBy === actor.subject) {
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          `Four-eyes: ${actor.subject} decided offer ${offer.id} and cannot also approve or refuse it; another officer must`,
        );
      }
      const now = this.clock.now();
      if (refusal === null) {
        await m.update(OfferEntity, { id }, { status: 'OPEN', approvedBy: actor.subject, approvedAt: now });
        await this.goesOut(m, offer, actor);
        await this.audit.append(
          m,
          actor,
          'OFFER_APPROVED',
          { offerId: id, proposalId: offer.proposalId, vacancyId: offer.vacancyId, householdId: offer.householdId },
          { decidedBy: offer.decidedBy },
        );
      } else {
        await m.update(OfferEntity, { id }, { status: 'WITHDRAWN', responseReason: `approval refused: ${refusal}`, respondedAt: now, approvedBy: null });
        await m.update(ProposalEntity, { id: offer.proposalId }, { status: 'PROPOSED' });
        await m.update(VacancyEntity, { id: offer.vacancyId }, { status: 'PROPOSED' });
        await this.audit.append(
          m,
          actor,
          'OFFER_APPROVAL_REFUSED',
          { offerId: id, proposalId: offer.proposalId, vacancyId: offer.vacancyId, householdId: offer.householdId },
          { decidedBy: offer.decidedBy, reason: refusal },
        );
      }
      return m.findOneByOrFail(OfferEntity, { id });
    });
  }

  /**
   * An offer goes to a household on the waiting list, without another open offer, that may be
   * allocated the dwelling; an override names a respondent (any household for DIRECT letting).
   */
  private async assertMayBeOffered(m: EntityManager, vacancy: VacancyEntity, householdId: number, override: boolean): Promise<void> {
    const fail = (reason: string) =>
      override
        ? DomainError.invalid([{ field: 'householdId', reason }])
        : new DomainError(ErrorCode.CONFLICT, `The proposed household ${reason}; propose again`);
    const household = await m.findOneBy(HouseholdEntity, { id: householdId });
    if (!household) throw DomainError.invalid([{ field: 'householdId', reason: `is not a known household (${householdId})` }]);
    if (!household.onWaitingList) throw fail(`household ${household.reference} is not on the waiting list`);
    if (await m.existsBy(OfferEntity, { householdId, status: In(['OPEN', 'PENDING_APPROVAL']) }))
      throw fail(`household ${household.reference} already holds an open offer`);
    if (override && vacancy.route !== 'DIRECT' && !(await m.existsBy(VacancyResponseEntity, { vacancyId: vacancy.id, householdId }))) {
      throw fail(`household ${household.reference} did not respond to this vacancy (only DIRECT letting offers to non-respondents)`);
    }
    const blocked = await this.sanctions.blockOf(m, householdId);
    if (blocked) throw fail(`household ${household.reference} is blocked from offers: ${blocked}`);
    const declined = await m.existsBy(OfferEntity, { vacancyId: vacancy.id, householdId, status: 'DECLINED' });
    if (declined) throw fail(`household ${household.reference} already declined this vacancy`);
    const { verdict } = await this.eligibility.judgeForVacancy(m, householdId, vacancy, this.clock.today());
    if (!verdict.eligible) throw fail(`household ${household.reference} may not be allocated this dwelling (${verdict.hardFailures.join(', ')})`);
  }
}
