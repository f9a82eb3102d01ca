import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { IsoDate } from '../engine/model.js';
import { CandidateEvent, CandidateState, candidateTransition } from '../engine/letting/candidates.js';
import { StageDeadlines, stageDeadlinesProblems } from '../engine/letting/offer-stages.js';

export type CandidateOfferEvent = 'OFFER' | 'ACCEPT' | 'REFUSE' | 'EXPIRE' | 'WITHDRAW';

/**
 * What the offers (src/allocation/offers.service.ts) need of the letting process, inside their own
 * transaction: the stage deadlines of the letting policy in force, the refusal reasons, and keeping a
 * vacancy's candidate list in step with its offers (OFFER, ACCEPT, REFUSE, EXPIRE; candidates.ts).
 */
@Injectable()
export class OfferStageSupport {
  constructor(
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The stage deadlines of the letting policy in force on the date (policy data; migrations/1764000000017). */
  async stageDays(m: EntityManager, onDate: IsoDate): Promise<StageDeadlines> {
    const [row]: { version: number; document: { stageDays: Record<string, unknown> } }[] = await m.query(
      `SELECT version, document FROM letting_policy WHERE effective_from <= $1 ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    if (!row) throw new Error(`No letting policy in force on ${onDate}; version 1 is missing (migrations/1764000000017)`);
    const problems = stageDeadlinesProblems(row.document.stageDays ?? {});
    if (problems.length)
      throw new Error(`Letting policy version ${row.version} has bad stage days: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    return row.document.stageDays as unknown as StageDeadlines;
  }

  /** Whether the code is a refusal reason (and if it is justified); null when unknown. */
  async refusalReason(m: EntityManager, code: string): Promise<{ justified: boolean } | null> {
    const [row]: { justified: boolean }[] = await m.query(`SELECT justified FROM letting_reason WHERE kind = 'REFUSAL' AND code = $1`, [code]);
    return row ?? null;
  }

  async hasCandidateList(m: EntityManager, vacancyId: number): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM candidate WHERE vacancy_id = $1 LIMIT 1`, [vacancyId]);
    return row !== undefined;
  }

  /** Stores a candidate's allowed step: its new state, the history entry and the audit event (one place for every step). */
  async record(
    m: EntityManager,
    on: { vacancyId: number; candidateId: number; householdId: number },
    step: Extract<ReturnType<typeof candidateTransition>, { ok: true }>,
    actor: Actor,
  ): Promise<void> {
    await m.query(`UPDATE candidate SET state = $2, reason_code = $3 WHERE id = $1`, [on.candidateId, step.state, step.candidate.reasonCode]);
    await m.query(`INSERT INTO candidate_event (candidate_id, from_state, to_state, event, reason_code, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      on.candidateId,
      step.entry.from,
      step.entry.to,
      step.entry.event,
      step.entry.reasonCode,
      step.entry.at,
      actor.subject,
    ]);
    await this.audit.append(m, actor, 'CANDIDATE_UPDATED', on, {
      event: step.entry.event,
      from: step.entry.from,
      to: step.entry.to,
      reasonCode: step.entry.reasonCode,
    });
  }

  /**
   * The candidate of this household on the vacancy's list follows its offer (no list, or not on it: nothing
   * to do). A step the list does not allow (an offer to a skipped candidate) is refused whole.
   */
  async followOffer(m: EntityManager, vacancyId: number, householdId: number, type: CandidateOfferEvent, reasonCode: string | null, actor: Actor) {
    const [row]: { id: number; position: number; state: CandidateState; reason_code: string | null }[] = await m.query(
      `SELECT id, position, state, reason_code FROM candidate WHERE vacancy_id = $1 AND household_id = $2 FOR UPDATE`,
      [vacancyId, householdId],
    );
    if (!row) return;
    const at = this.clock.now().toISOString();
    const event = (
      type === 'REFUSE'
        ? { type, reasonCode: reasonCode ?? '', at, by: actor.subject }
        : type === 'EXPIRE' && reasonCode !== null
          ? { type, reasonCode, at, by: actor.subject }
          : { type, at, by: actor.subject }
    ) as CandidateEvent;
    const step = candidateTransition({ id: String(row.id), position: row.position, state: row.state, reasonCode: row.reason_code, history: [] }, event);
    if (!step.ok) throw new DomainError(ErrorCode.CONFLICT, `The candidate list does not allow this: ${step.reason}`);
    await this.record(m, { vacancyId, candidateId: row.id, householdId }, step, actor);
  }
}
