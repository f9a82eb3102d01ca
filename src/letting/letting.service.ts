import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { priorityTierOf } from '../eligibility/eligibility.mapper.js';
import type { Language } from '../engine/common/language.js';
import { orderCandidates } from '../engine/letting/candidate-order.js';
import { CANDIDATE_MACHINE, CandidateEvent as EngineCandidateEvent, CandidateState, candidateTransition } from '../engine/letting/candidates.js';
import { drawLottery } from '../engine/letting/lottery.js';
import { LettingModel, Publication, PublicationState, advertisingRefusal, publicationTransition } from '../engine/letting/publication.js';
import { allowedEvents, type Refusal } from '../engine/letting/transition.js';
import { respondentFacts } from '../households/household-facts.query.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { Candidate, LettingReason, PublishVacancyInput, VacancyPublication } from './graphql/letting.type.js';
import { OfferStageSupport } from './offer-stage-support.service.js';

interface PublicationRow {
  vacancy_id: number;
  opens_on: string;
  closes_on: string;
  viewing_on: string | null;
  conditions: string;
  state: PublicationState;
  lottery_seed: string | null;
  published_by: string;
  published_at: Date;
  listed_at: Date | null;
}

interface CandidateRow {
  id: number;
  vacancy_id: number;
  household_id: number;
  position: number;
  state: CandidateState;
  eligible: boolean;
  hard_failures: string[];
  summary: string;
  order_key: Candidate['orderKey'];
  reason_code: string | null;
}

/** Columns of vacancy_publication p, dates as ISO text. */
const PUBLICATION_COLUMNS = `p.vacancy_id, to_char(p.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on,
  to_char(p.viewing_on, 'YYYY-MM-DD') AS viewing_on, p.conditions, p.state, p.lottery_seed, p.published_by, p.published_at, p.listed_at`;

/** A refused transition as the API's error: a wrong state is a conflict, anything else bad input on `field`. */
export function refusalError(refusal: Refusal, field: string): DomainError {
  if (refusal.code === 'WRONG_STATE' || refusal.code === 'TOO_EARLY') return new DomainError(ErrorCode.CONFLICT, refusal.reason);
  return DomainError.invalid([{ field, reason: refusal.reason }]);
}

/**
 * The letting process before the offer (issue 17): a vacancy is advertised with a reaction window
 * (src/engine/letting/publication.ts); when the window has closed, its respondents become the
 * candidate list, ranked by the published order (src/engine/letting/candidate-order.ts; a lottery by
 * a draw whose seed is kept and published) with each candidate's verdict; officers skip (with a coded
 * reason), invite and undo on it (src/engine/letting/candidates.ts). Every step in one transaction
 * with its audit event, inside the officer's assignment.
 */
@Injectable()
export class LettingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly eligibility: EligibilityService,
    private readonly disclosure: HouseholdDisclosure,
    private readonly steps: OfferStageSupport,
  ) {}

  async publication(vacancyId: number): Promise<VacancyPublication | null> {
    const [row]: (PublicationRow & { route: string })[] = await this.dataSource.query(
      `SELECT ${PUBLICATION_COLUMNS}, v.route FROM vacancy_publication p JOIN vacancy v ON v.id = p.vacancy_id WHERE p.vacancy_id = $1`,
      [vacancyId],
    );
    return row ? toPublication(row, row.route) : null;
  }

  async publish(input: PublishVacancyInput, actor: Actor, language: Language): Promise<VacancyPublication> {
    return this.dataSource.transaction(async (m) => {
      const vacancy = await lockVacancy(m, input.vacancyId);
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], 'publishVacancy');
      if (vacancy.status !== 'OPEN')
        throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is ${vacancy.status}: only an open vacancy is advertised`);
      const today = this.clock.today();
      const refusal = advertisingRefusal(vacancy.route as LettingModel, input.closesOn, today);
      if (refusal?.field === 'model') throw DomainError.invalid([{ field: 'vacancyId', reason: `${vacancy.reference} ${refusal.reason}` }]);
      const [existing]: { state: PublicationState }[] = await m.query(`SELECT state FROM vacancy_publication WHERE vacancy_id = $1`, [vacancy.id]);
      if (existing) throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} was published already (its publication is ${existing.state})`);
      if (refusal) throw DomainError.invalid([{ field: 'closesOn', reason: refusal.reason }]);
      if (input.viewingOn && input.viewingOn < input.opensOn)
        throw DomainError.invalid([{ field: 'viewingOn', reason: `must not be before the window opens (${input.opensOn})` }]);
      const step = publicationTransition(
        { state: 'DRAFT', model: null, opensAt: null, closesAt: null },
        { type: 'PUBLISH', model: vacancy.route as LettingModel, opensAt: input.opensOn, closesAt: input.closesOn },
        language,
      );
      if (!step.ok) throw refusalError(step, 'closesOn');
      await m.query(
        `INSERT INTO vacancy_publication (vacancy_id, opens_on, closes_on, viewing_on, conditions, state, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [vacancy.id, input.opensOn, input.closesOn, input.viewingOn ?? null, input.conditions.trim(), step.state, actor.subject],
      );
      await this.audit.append(
        m,
        actor,
        'VACANCY_PUBLISHED',
        { vacancyId: vacancy.id },
        { model: vacancy.route, opensOn: input.opensOn, closesOn: input.closesOn, viewingOn: input.viewingOn ?? null, conditions: input.conditions.trim() },
      );
      const [row]: PublicationRow[] = await m.query(`SELECT ${PUBLICATION_COLUMNS} FROM vacancy_publication p WHERE p.vacancy_id = $1`, [vacancy.id]);
      return toPublication(row, vacancy.route);
    });
  }

  /**
   * Closes the reaction window (from its last day on) and makes the candidate list: every respondent
   * still on the waiting list judged by the rules on the closing day, ranked by the published order.
   */
  /**
   * Closes the window and makes the list. `playedBackLotterySeed`: only for a letting played back
   * (src/allocation/letting-replay.service.ts), whose draw must be the same on every load; a live
   * closing always draws from a fresh seed.
   */
  async closeAndList(vacancyId: string, actor: Actor, language: Language, playedBackLotterySeed?: string): Promise<Candidate[]> {
    return this.dataSource.transaction(async (m) => {
      const vacancy = await lockVacancy(m, vacancyId);
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], 'closeReactionWindow');
      // the list is made for a vacancy still to let: one proposed or offered meanwhile would get a second route to a tenant
      if (vacancy.status !== 'OPEN')
        throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is ${vacancy.status}: a candidate list is made for an OPEN vacancy`);
      const [row]: PublicationRow[] = await m.query(`SELECT ${PUBLICATION_COLUMNS} FROM vacancy_publication p WHERE p.vacancy_id = $1 FOR UPDATE`, [
        vacancy.id,
      ]);
      if (!row) throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is not published: there is no reaction window to close`);
      const today = this.clock.today();
      const publication: Publication = { state: row.state, model: vacancy.route as LettingModel, opensAt: row.opens_on, closesAt: row.closes_on };
      const closed = publicationTransition(publication, { type: 'CLOSE', today }, language);
      if (!closed.ok) throw refusalError(closed, 'vacancyId');
      const listed = publicationTransition(closed.publication, { type: 'MAKE_LIST' }, language);
      if (!listed.ok) throw refusalError(listed, 'vacancyId');

      const households = await respondentFacts(m, vacancy.id);
      const { verdicts } = await this.eligibility.judgePool(m, vacancy, households, today);
      // a lottery is drawn now, from a seed nobody knew before: kept and published with the letting
      const seed = vacancy.route === 'LOTTERY' ? (playedBackLotterySeed ?? randomBytes(16).toString('hex')) : null;
      const lotteryRanks = new Map<number, number>();
      if (seed !== null)
        for (const t of drawLottery(
          households.map((h) => h.id),
          seed,
        ).tickets)
          lotteryRanks.set(t.respondentId, t.lotteryNumber);
      const placed = orderCandidates(
        vacancy.route,
        households.map((h, i) => ({
          householdId: h.id,
          eligible: verdicts[i].eligible,
          priorityTier: priorityTierOf(verdicts[i]),
          registrationDate: h.registrationDate,
          rankingPoints: h.rankingPoints ?? null,
          lotteryRank: lotteryRanks.get(h.id) ?? null,
        })),
      );
      const at = this.clock.now().toISOString();
      const indexOf = new Map(households.map((h, i) => [h.id, i]));
      // the whole list in one statement, each candidate with its first history line (hundreds of respondents)
      await m.query(
        `WITH listed AS (
           INSERT INTO candidate (vacancy_id, household_id, position, state, eligible, hard_failures, summary, order_key)
           SELECT $1, c.household_id, c.position, 'PLACED', c.eligible, ARRAY(SELECT jsonb_array_elements_text(c.hard_failures)), c.summary, c.order_key
             FROM jsonb_to_recordset($2::jsonb) AS c(household_id integer, position integer, eligible boolean, hard_failures jsonb, summary text, order_key jsonb)
           RETURNING id)
         INSERT INTO candidate_event (candidate_id, from_state, to_state, event, reason_code, at, actor)
         SELECT id, 'PLACED', 'PLACED', 'LISTED', NULL, $3, $4 FROM listed`,
        [
          vacancy.id,
          JSON.stringify(
            placed.map((p) => {
              const verdict = verdicts[indexOf.get(p.householdId)!];
              return {
                household_id: p.householdId,
                position: p.position,
                eligible: verdict.eligible,
                hard_failures: verdict.hardFailures,
                summary: verdict.summary,
                order_key: p.orderKey,
              };
            }),
          ),
          at,
          actor.subject,
        ],
      );
      await m.query(`UPDATE vacancy_publication SET state = $2, lottery_seed = $3, listed_at = now() WHERE vacancy_id = $1`, [vacancy.id, listed.state, seed]);
      await this.audit.append(
        m,
        actor,
        'CANDIDATE_LIST_MADE',
        { vacancyId: vacancy.id },
        {
          model: vacancy.route,
          closedOn: today,
          candidates: placed.length,
          eligible: placed.filter((p) => p.orderKey.eligible).length,
          lotterySeed: seed,
          // the list itself by internal ids and positions: enough to check it later, no personal facts
          positions: placed.map((p) => [p.householdId, p.position]),
        },
      );
      return this.candidates(vacancy.id, m);
    });
  }

  async candidates(vacancyId: number, m: EntityManager = this.dataSource.manager): Promise<Candidate[]> {
    const rows: CandidateRow[] = await m.query(
      `SELECT id, vacancy_id, household_id, position, state, eligible, hard_failures, summary, order_key, reason_code FROM candidate WHERE vacancy_id = $1 ORDER BY position`,
      [vacancyId],
    );
    const events: { candidate_id: number; from_state: string; to_state: string; event: string; reason_code: string | null; at: Date; actor: string }[] =
      rows.length
        ? await m.query(
            `SELECT candidate_id, from_state, to_state, event, reason_code, at, actor FROM candidate_event WHERE candidate_id = ANY($1) ORDER BY id`,
            [rows.map((r) => r.id)],
          )
        : [];
    return rows.map((r) => ({
      id: String(r.id),
      householdId: r.household_id,
      vacancyId: r.vacancy_id,
      position: r.position,
      state: r.state,
      eligible: r.eligible,
      summary: r.summary,
      hardFailures: r.hard_failures,
      orderKey: r.order_key,
      reasonCode: r.reason_code,
      allowedEvents: allowedEvents(CANDIDATE_MACHINE, r.state),
      history: events
        .filter((e) => e.candidate_id === r.id)
        .map((e) => ({ from: e.from_state, to: e.to_state, event: e.event, reasonCode: e.reason_code, at: e.at, by: e.actor })),
    }));
  }

  /** An officer's step on the list: skip (with a coded reason), undo a skip, invite, undo an invitation. */
  async candidateStep(
    candidateId: string,
    type: 'SKIP' | 'UNDO_SKIP' | 'INVITE' | 'UNDO_INVITE',
    reasonCode: string | null,
    actor: Actor,
    language: Language,
  ): Promise<Candidate> {
    return this.dataSource.transaction(async (m) => {
      const id = parseId(candidateId, 'candidateId');
      const [found]: CandidateRow[] = await m.query(`SELECT vacancy_id FROM candidate WHERE id = $1`, [id]);
      if (!found) throw DomainError.notFound('Candidate', candidateId);
      // the vacancy first, then the candidate: the same lock order as every other write on a vacancy
      const vacancy = await lockVacancy(m, String(found.vacancy_id));
      await this.disclosure.assertAssigned(m, actor, [vacancy.id], type === 'SKIP' ? 'skipCandidate' : 'updateCandidate');
      const [row]: CandidateRow[] = await m.query(`SELECT * FROM candidate WHERE id = $1 FOR UPDATE`, [id]);
      if (type === 'SKIP') {
        const [known] = await m.query(`SELECT 1 FROM letting_reason WHERE kind = 'SKIP' AND code = $1`, [reasonCode]);
        if (!known) throw DomainError.invalid([{ field: 'reasonCode', reason: `is not a skip reason (${reasonCode}; see lettingReasons)` }]);
      }
      const at = this.clock.now().toISOString();
      const event = (type === 'SKIP' ? { type, reasonCode: reasonCode!, at, by: actor.subject } : { type, at, by: actor.subject }) as EngineCandidateEvent;
      const step = candidateTransition(
        { id: String(row.id), position: row.position, state: row.state, reasonCode: row.reason_code, history: [] },
        event,
        language,
      );
      if (!step.ok) throw refusalError(step, 'candidateId');
      await this.steps.record(m, { vacancyId: vacancy.id, candidateId: row.id, householdId: row.household_id }, step, actor);
      return (await this.candidates(vacancy.id, m)).find((c) => c.id === String(row.id))!;
    });
  }

  async reasons(language: Language): Promise<LettingReason[]> {
    const rows: { kind: string; code: string; name_nl: string; name_en: string; justified: boolean | null }[] = await this.dataSource.query(
      `SELECT kind, code, name_nl, name_en, justified FROM letting_reason ORDER BY kind, code`,
    );
    return rows.map((r) => ({ kind: r.kind, code: r.code, name: language === 'nl' ? r.name_nl : r.name_en, justified: r.justified }));
  }
}

async function lockVacancy(m: EntityManager, id: string): Promise<VacancyEntity> {
  const row = await m.findOne(VacancyEntity, { where: { id: parseId(id, 'vacancyId') }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw DomainError.notFound('Vacancy', id);
  return row;
}

function toPublication(row: PublicationRow, model: string): VacancyPublication {
  return {
    model,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    viewingOn: row.viewing_on,
    conditions: row.conditions,
    state: row.state,
    lotterySeed: row.lottery_seed,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    listedAt: row.listed_at,
  };
}
