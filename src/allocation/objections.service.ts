import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import { ObjectionEvent, ObjectionPolicy, ObjectionState, fileObjection, objectionOverdue, objectionTransition } from '../engine/letting/objections.js';
import { audienceOf } from '../privacy/audience.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { DecideObjectionInput, Objection, ObjectionDecisionEnum, ObjectionWhyNotChosen } from './graphql/objection.type.js';
import { RationaleService } from './rationale.service.js';

interface ObjectionRow {
  id: number;
  vacancy_id: number;
  household_id: number;
  grounds: string;
  why_not_chosen: ObjectionWhyNotChosen;
  state: ObjectionState;
  filed_on: string;
  decision_due: string;
  decided_on: string | null;
  reasons: string | null;
  filed_by: string;
  decided_by: string | null;
}

const COLUMNS = `id, vacancy_id, household_id, grounds, why_not_chosen, state, to_char(filed_on, 'YYYY-MM-DD') AS filed_on,
  to_char(decision_due, 'YYYY-MM-DD') AS decision_due, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, reasons, filed_by, decided_by`;

/**
 * Objections to a letting (reclamatie, issue 17): a seeker who was not chosen objects; the case opens
 * with the answer to "why not this household" attached as it stood (src/allocation/rationale.service.ts),
 * a decision deadline from the letting policy, and ends in a decision with reasons
 * (src/engine/letting/objections.ts). Every step audited; the officers of the vacancy handle it.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly rationale: RationaleService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  private toObjection(r: ObjectionRow): Objection {
    return {
      id: String(r.id),
      vacancyId: String(r.vacancy_id),
      householdId: r.household_id,
      household: undefined as never, // resolved by the field resolver through the batch loader
      grounds: r.grounds,
      whyNotChosen: r.why_not_chosen,
      state: r.state,
      filedOn: r.filed_on,
      decisionDue: r.decision_due,
      overdue: objectionOverdue({ state: r.state, decisionDue: r.decision_due }, this.clock.today()),
      decidedOn: r.decided_on,
      reasons: r.reasons,
      filedBy: r.filed_by,
      decidedBy: r.decided_by,
    };
  }

  /** Objections, oldest first: an officer reads those of the vacancies it handles (need-to-know), an auditor all. */
  async list(vacancyId: string | null, actor: Actor, ctx: RequestContext): Promise<Objection[]> {
    const rows: ObjectionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM objection WHERE $1::int IS NULL OR vacancy_id = $1 ORDER BY id`, [
      vacancyId === null ? null : parseId(vacancyId, 'vacancyId'),
    ]);
    const readable =
      audienceOf(actor) === 'PSEUDONYMOUS' ? rows.map(() => true) : await Promise.all(rows.map((r) => this.disclosure.handlesVacancy(ctx, r.vacancy_id)));
    return rows.filter((_r, i) => readable[i]).map((r) => this.toObjection(r));
  }

  async file(input: { vacancyId: string; householdId: string; grounds: string }, actor: Actor, ctx: RequestContext): Promise<Objection> {
    const vacancyId = parseId(input.vacancyId, 'vacancyId');
    const householdId = await this.disclosure.householdIdFromInput(actor, input.householdId, 'householdId');
    // the answer as it stands now (the case keeps it): in the record's English, and its sentences in
    // Dutch for Dutch screens (the field resolves in the reader's language). Without special-category
    // facts: auditors read the case and the audit log keeps it (AVG art. 9; the officer asks
    // whyNotChosen for the whole answer)
    const inLanguage = (headers: Record<string, string>) =>
      this.rationale.whyNotChosen(input.householdId, input.vacancyId, actor, { ...ctx, req: { ...ctx.req, headers } } as RequestContext, true);
    const answer = await inLanguage({});
    const inDutch = await inLanguage({ 'accept-language': 'nl' });
    return this.dataSource.transaction(async (m) => {
      await this.disclosure.assertAssigned(m, actor, [vacancyId], 'fileObjection');
      const today = this.clock.today();
      const filed = fileObjection(today, await this.policy(m, today));
      const whyNotChosen: ObjectionWhyNotChosen = {
        outcome: answer.outcome,
        rank: answer.rank,
        chosenRank: answer.chosenRank,
        sentences: answer.sentences,
        sentencesNl: inDutch.sentences,
      };
      const [{ id }]: { id: number }[] = await m.query(
        `INSERT INTO objection (vacancy_id, household_id, grounds, why_not_chosen, state, filed_on, decision_due, filed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [vacancyId, householdId, input.grounds.trim(), JSON.stringify(whyNotChosen), filed.state, filed.filedOn, filed.decisionDue, actor.subject],
      );
      await this.audit.append(
        m,
        actor,
        'OBJECTION_FILED',
        { objectionId: id, vacancyId, householdId },
        { grounds: input.grounds.trim(), decisionDue: filed.decisionDue, whyNotChosen },
      );
      return this.one(m, id);
    });
  }

  /** Start the review, decide (upheld or rejected, with reasons) or withdraw an objection. */
  step(objectionId: string, event: { type: 'START_REVIEW' | 'WITHDRAW' } | DecideObjectionInput, actor: Actor): Promise<Objection> {
    const id = parseId(objectionId, 'objectionId');
    return this.dataSource.transaction(async (m) => {
      const [row]: ObjectionRow[] = await m.query(`SELECT ${COLUMNS} FROM objection WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Objection', objectionId);
      await this.disclosure.assertAssigned(m, actor, [row.vacancy_id], 'updateObjection');
      const today = this.clock.today();
      const engineEvent: ObjectionEvent =
        'decision' in event
          ? { type: event.decision === ObjectionDecisionEnum.UPHOLD ? 'UPHOLD' : 'REJECT', today, reasons: event.reasons.trim() }
          : { type: event.type };
      const step = objectionTransition(
        { state: row.state, filedOn: row.filed_on, decisionDue: row.decision_due, decidedOn: row.decided_on, reasons: row.reasons },
        engineEvent,
      );
      if (!step.ok) {
        if (step.code === 'MISSING_INPUT' || step.code === 'INVALID_INPUT') throw DomainError.invalid([{ field: 'reasons', reason: step.reason }]);
        throw new DomainError(ErrorCode.CONFLICT, step.reason);
      }
      const decided = step.state === 'UPHELD' || step.state === 'REJECTED';
      await m.query(`UPDATE objection SET state = $2, decided_on = $3, reasons = $4, decided_by = $5 WHERE id = $1`, [
        id,
        step.state,
        step.objection.decidedOn,
        step.objection.reasons,
        decided ? actor.subject : null,
      ]);
      await this.audit.append(
        m,
        actor,
        'OBJECTION_UPDATED',
        { objectionId: id, vacancyId: row.vacancy_id, householdId: row.household_id },
        { event: engineEvent.type, from: row.state, to: step.state, reasons: step.objection.reasons },
      );
      return this.one(m, id);
    });
  }

  private async policy(m: EntityManager, onDate: string): Promise<ObjectionPolicy> {
    const [row]: { document: { objections: ObjectionPolicy } }[] = await m.query(
      `SELECT document FROM letting_policy WHERE effective_from <= $1 ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    return row.document.objections;
  }

  private async one(m: EntityManager, id: number): Promise<Objection> {
    const [row]: ObjectionRow[] = await m.query(`SELECT ${COLUMNS} FROM objection WHERE id = $1`, [id]);
    return this.toObjection(row);
  }
}
