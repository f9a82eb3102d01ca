import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import type { Language } from '../engine/common/language.js';
import type { IsoDate } from '../engine/model.js';
import { Sanction, SanctionPolicy, SanctionState, blockedOn, sanctionTransition, sanctionsAfterRefusal } from '../engine/letting/sanctions.js';
import type { RequestContext } from '../common/request-context.js';
import { audienceOf } from '../privacy/audience.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { SanctionView } from './graphql/sanction.type.js';

interface SanctionRow {
  id: number;
  household_id: number;
  kind: Sanction['kind'];
  state: SanctionState;
  from_date: string;
  until_date: string | null;
  cause_offer_id: number | null;
  why: string;
  lift_requested_by: string | null;
  lift_reason: string | null;
  lift_approved_by: string | null;
}

const COLUMNS = `id, household_id, kind, state, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(until_date, 'YYYY-MM-DD') AS until_date,
  cause_offer_id, why, lift_requested_by, lift_reason, lift_approved_by`;

const toEngine = (r: SanctionRow): Sanction => ({
  kind: r.kind,
  state: r.state,
  from: r.from_date,
  until: r.until_date,
  lift: r.lift_requested_by ? { requestedBy: r.lift_requested_by, reason: r.lift_reason ?? '', approvedBy: r.lift_approved_by } : null,
});

const toView = (r: SanctionRow): SanctionView => ({
  id: String(r.id),
  household: undefined as never, // resolved by the field resolver through the batch loader
  householdId: r.household_id,
  kind: r.kind,
  state: r.state,
  from: r.from_date,
  until: r.until_date,
  why: r.why,
  causeOfferId: r.cause_offer_id === null ? null : String(r.cause_offer_id),
  liftRequestedBy: r.lift_requested_by,
  liftReason: r.lift_reason,
  liftApprovedBy: r.lift_approved_by,
});

/**
 * Sanctions after unjustified refusals (issue 17; src/engine/letting/sanctions.ts): imposed when a
 * coded refusal is recorded, by the letting policy in force (a block from offers; an urgent household
 * refusing a suitable offer loses its urgency); a block keeps the household from offers with its
 * reason; lifting a sanction needs a second officer (four eyes). Every step audited.
 */
@Injectable()
export class SanctionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  private async policy(m: EntityManager, onDate: IsoDate): Promise<SanctionPolicy> {
    const [row]: { document: { sanctions: SanctionPolicy } }[] = await m.query(
      `SELECT document FROM letting_policy WHERE effective_from <= $1 ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    return row.document.sanctions;
  }

  /**
   * After a coded refusal of an offer (inside the offer's transaction): the sanctions the policy
   * imposes. An offer passed the rules before it went out, so it counts as suitable.
   */
  async afterRefusal(m: EntityManager, offer: { id: number; householdId: number }, reasonCode: string, actor: Actor): Promise<void> {
    const today = this.clock.today();
    const [household]: { urgency_category: string | null }[] = await m.query(`SELECT urgency_category FROM household WHERE id = $1 FOR UPDATE`, [
      offer.householdId,
    ]);
    const reasons: { code: string; justified: boolean }[] = await m.query(`SELECT code, justified FROM letting_reason WHERE kind = 'REFUSAL'`);
    const earlier: { date: string; code: string }[] = await m.query(
      `SELECT to_char(coalesce(responded_at, created_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS date, refusal_reason_code AS code FROM offer
        WHERE household_id = $1 AND status = 'DECLINED' AND refusal_reason_code IS NOT NULL AND id <> $2 ORDER BY id`,
      [offer.householdId, offer.id],
    );
    const current = ((await m.query(`SELECT ${COLUMNS} FROM sanction WHERE household_id = $1`, [offer.householdId])) as SanctionRow[]).map(toEngine);
    const urgent = household.urgency_category !== null;
    const decision = sanctionsAfterRefusal(
      earlier.map((e) => ({ date: e.date, reasonCode: e.code, urgent: false, suitable: true })),
      { date: today, reasonCode, urgent, suitable: true },
      reasons,
      await this.policy(m, today),
      current,
    );
    if (!decision.ok) throw DomainError.invalid([{ field: 'refusalReasonCode', reason: decision.reason }]);
    for (const s of decision.sanctions) {
      const [{ id }]: { id: number }[] = await m.query(
        `INSERT INTO sanction (household_id, kind, state, from_date, until_date, cause_offer_id, why) VALUES ($1, $2, 'ACTIVE', $3, $4, $5, $6) RETURNING id`,
        [offer.householdId, s.kind, s.from, s.until, offer.id, s.why],
      );
      if (s.kind === 'LOSE_URGENCY')
        await m.query(`UPDATE household SET urgency_category = NULL, urgency_granted = NULL, urgency_expires = NULL WHERE id = $1`, [offer.householdId]);
      await this.audit.append(
        m,
        actor,
        'SANCTION_IMPOSED',
        { sanctionId: id, householdId: offer.householdId, offerId: offer.id },
        { kind: s.kind, from: s.from, until: s.until, why: s.why, reasonCode, unjustifiedCounted: decision.unjustifiedCounted },
      );
    }
  }

  /** The block keeping the household from offers today, with its sentence; null when none. */
  async blockOf(m: EntityManager, householdId: number, language: Language = 'en'): Promise<string | null> {
    const rows: SanctionRow[] = await m.query(`SELECT ${COLUMNS} FROM sanction WHERE household_id = $1`, [householdId]);
    return blockedOn(rows.map(toEngine), this.clock.today(), language)?.why ?? null;
  }

  async ofHousehold(householdId: number, actor: Actor, ctx: RequestContext): Promise<SanctionView[]> {
    const rows: SanctionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM sanction WHERE household_id = $1 ORDER BY id`, [householdId]);
    return (await this.readable(rows, actor, ctx)).map(toView);
  }

  /**
   * Need-to-know: an auditor reads every sanction (under pseudonyms), an admin too; an officer those
   * caused by a refusal on a vacancy it handles (the officers who may lift them, see lift()).
   */
  private async readable(rows: SanctionRow[], actor: Actor, ctx: RequestContext): Promise<SanctionRow[]> {
    if (audienceOf(actor) === 'PSEUDONYMOUS' || actor.roles.includes('ADMIN')) return rows;
    const causes = rows.flatMap((r) => (r.cause_offer_id === null ? [] : [r.cause_offer_id]));
    const vacancyOf = new Map<number, number>(
      ((await this.dataSource.query(`SELECT id, vacancy_id FROM offer WHERE id = ANY($1)`, [causes])) as { id: number; vacancy_id: number }[]).map((o) => [
        Number(o.id),
        Number(o.vacancy_id),
      ]),
    );
    const handled = await Promise.all(
      rows.map((r) => (r.cause_offer_id === null ? Promise.resolve(false) : this.disclosure.handlesVacancy(ctx, vacancyOf.get(Number(r.cause_offer_id))!))),
    );
    return rows.filter((_r, i) => handled[i]);
  }

  /**
   * The sanctions in force today, oldest first (by start, then id): ACTIVE or with a lift requested,
   * and not past the last day of a block (a block ends by itself on its until date; a loss of
   * urgency has none).
   */
  async inForce(actor: Actor, ctx: RequestContext): Promise<SanctionView[]> {
    const rows: SanctionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sanction WHERE state IN ('ACTIVE', 'LIFT_REQUESTED') AND (until_date IS NULL OR until_date >= $1) ORDER BY from_date, id`,
      [this.clock.today()],
    );
    return (await this.readable(rows, actor, ctx)).map(toView);
  }

  /** Request, approve or refuse lifting a sanction; approving needs another officer than the one who asked. */
  lift(sanctionId: string, type: 'REQUEST_LIFT' | 'APPROVE_LIFT' | 'REFUSE_LIFT', reason: string | null, actor: Actor): Promise<SanctionView> {
    const id = parseId(sanctionId, 'sanctionId');
    return this.dataSource.transaction(async (m) => {
      const [row]: SanctionRow[] = await m.query(`SELECT ${COLUMNS} FROM sanction WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw DomainError.notFound('Sanction', sanctionId);
      // the officers of the vacancy whose offer was refused handle its sanction
      const [cause]: { vacancy_id: number }[] =
        row.cause_offer_id === null ? [] : await m.query(`SELECT vacancy_id FROM offer WHERE id = $1`, [row.cause_offer_id]);
      if (cause) await this.disclosure.assertAssigned(m, actor, [cause.vacancy_id], type === 'REQUEST_LIFT' ? 'requestSanctionLift' : 'answerSanctionLift');
      const event =
        type === 'REQUEST_LIFT'
          ? { type, by: actor.subject, reason: reason ?? '' }
          : type === 'APPROVE_LIFT'
            ? { type, by: actor.subject }
            : { type, by: actor.subject };
      const step = sanctionTransition(toEngine(row), event as Parameters<typeof sanctionTransition>[1]);
      if (!step.ok) {
        if (step.code === 'FOUR_EYES') throw new DomainError(ErrorCode.FORBIDDEN, step.reason);
        if (step.code === 'MISSING_INPUT') throw DomainError.invalid([{ field: 'reason', reason: step.reason }]);
        throw new DomainError(ErrorCode.CONFLICT, step.reason);
      }
      const lift = step.sanction.lift;
      await m.query(`UPDATE sanction SET state = $2, lift_requested_by = $3, lift_reason = $4, lift_approved_by = $5 WHERE id = $1`, [
        id,
        step.state,
        lift?.requestedBy ?? null,
        lift?.reason ?? null,
        lift?.approvedBy ?? null,
      ]);
      await this.audit.append(
        m,
        actor,
        'SANCTION_LIFT',
        { sanctionId: id, householdId: row.household_id },
        { event: type, from: row.state, to: step.state, reason },
      );
      const [updated]: SanctionRow[] = await m.query(`SELECT ${COLUMNS} FROM sanction WHERE id = $1`, [id]);
      return toView(updated);
    });
  }
}
