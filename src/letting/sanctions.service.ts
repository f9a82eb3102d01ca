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
  why_nl: string | null;
  lost_urgency_category: string | null;
  lost_urgency_granted: string | null;
  lost_urgency_expires: string | null;
  lift_requested_by: string | null;
  lift_reason: string | null;
  lift_approved_by: string | null;
}

const COLUMNS = `id, household_id, kind, state, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(until_date, 'YYYY-MM-DD') AS until_date,
  cause_offer_id, why, why_nl, lost_urgency_category, to_char(lost_urgency_granted, 'YYYY-MM-DD') AS lost_urgency_granted,
  to_char(lost_urgency_expires, 'YYYY-MM-DD') AS lost_urgency_expires, lift_requested_by, lift_reason, lift_approved_by`;

/** A household's urgency (category, granted, expires), as a loss of urgency takes it away and a lift gives it back. */
interface Urgency {
  category: string;
  granted: string;
  expires: string | null;
}

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
  whyByLanguage: { en: r.why, nl: r.why_nl ?? r.why },
  lostUrgency:
    r.lost_urgency_category === null ? null : { category: r.lost_urgency_category, granted: r.lost_urgency_granted!, expires: r.lost_urgency_expires },
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
    const [household]: { urgency_category: string | null; urgency_granted: string | null; urgency_expires: string | null }[] = await m.query(
      `SELECT urgency_category, to_char(urgency_granted, 'YYYY-MM-DD') AS urgency_granted, to_char(urgency_expires, 'YYYY-MM-DD') AS urgency_expires
         FROM household WHERE id = $1 FOR UPDATE`,
      [offer.householdId],
    );
    const reasons: { code: string; justified: boolean }[] = await m.query(`SELECT code, justified FROM letting_reason WHERE kind = 'REFUSAL'`);
    const earlier: { date: string; code: string }[] = await m.query(
      `SELECT to_char(coalesce(responded_at, created_at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS date, refusal_reason_code AS code FROM offer
        WHERE household_id = $1 AND status = 'DECLINED' AND refusal_reason_code IS NOT NULL AND id <> $2 ORDER BY id`,
      [offer.householdId, offer.id],
    );
    const current = ((await m.query(`SELECT ${COLUMNS} FROM sanction WHERE household_id = $1`, [offer.householdId])) as SanctionRow[]).map(toEngine);
    const urgency: Urgency | null =
      household.urgency_category === null
        ? null
        : { category: household.urgency_category, granted: household.urgency_granted!, expires: household.urgency_expires };
    const policy = await this.policy(m, today);
    // the same decision, its sentences in each language the service writes (the record's English, and Dutch for Dutch screens)
    const decide = (language: Language) =>
      sanctionsAfterRefusal(
        earlier.map((e) => ({ date: e.date, reasonCode: e.code, urgent: false, suitable: true })),
        // an urgency that has run out is no longer one to lose (its end date is its last day)
        { date: today, reasonCode, urgent: urgency !== null && (urgency.expires === null || urgency.expires >= today), suitable: true },
        reasons,
        policy,
        current,
        language,
      );
    const decision = decide('en');
    if (!decision.ok) throw DomainError.invalid([{ field: 'refusalReasonCode', reason: decision.reason }]);
    const inDutch = decide('nl');
    const whyNl = inDutch.ok ? inDutch.sanctions.map((s) => s.why) : [];
    for (const [i, s] of decision.sanctions.entries()) {
      const lost = s.kind === 'LOSE_URGENCY' ? urgency : null;
      const [{ id }]: { id: number }[] = await m.query(
        `INSERT INTO sanction (household_id, kind, state, from_date, until_date, cause_offer_id, why, why_nl, lost_urgency_category, lost_urgency_granted, lost_urgency_expires)
         VALUES ($1, $2, 'ACTIVE', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [offer.householdId, s.kind, s.from, s.until, offer.id, s.why, whyNl[i] ?? null, lost?.category ?? null, lost?.granted ?? null, lost?.expires ?? null],
      );
      if (lost)
        await m.query(`UPDATE household SET urgency_category = NULL, urgency_granted = NULL, urgency_expires = NULL WHERE id = $1`, [offer.householdId]);
      await this.audit.append(
        m,
        actor,
        'SANCTION_IMPOSED',
        { sanctionId: id, householdId: offer.householdId, offerId: offer.id },
        {
          kind: s.kind,
          from: s.from,
          until: s.until,
          why: s.why,
          reasonCode,
          unjustifiedCounted: decision.unjustifiedCounted,
          // the category is special-category data (AVG art. 9): kept on the sanction, which only the vacancy's officers read; the log, read by auditors, has the dates
          ...(lost ? { lostUrgency: { granted: lost.granted, expires: lost.expires } } : {}),
        },
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

  /**
   * A lifted loss of urgency gives the household back the urgency it took, as it was (category,
   * granted, expires; an expiry date passed meanwhile still ends it). Not when the household has been
   * granted an urgency since (that newer decision stands), nor for a sanction stored without it
   * (migration 020): the audit trail says which, without the category (special-category data).
   */
  private async restoreUrgency(m: EntityManager, row: SanctionRow): Promise<{ restoredUrgency: Omit<Urgency, 'category'> } | { urgencyNotRestored: string }> {
    if (row.lost_urgency_category === null) return { urgencyNotRestored: 'the sanction does not record the urgency it took (imposed before migration 020)' };
    const [household]: { urgency_category: string | null }[] = await m.query(`SELECT urgency_category FROM household WHERE id = $1 FOR UPDATE`, [
      row.household_id,
    ]);
    if (household.urgency_category !== null) return { urgencyNotRestored: 'the household has been granted an urgency since; that decision stands' };
    const restored: Urgency = { category: row.lost_urgency_category, granted: row.lost_urgency_granted!, expires: row.lost_urgency_expires };
    await m.query(`UPDATE household SET urgency_category = $2, urgency_granted = $3, urgency_expires = $4 WHERE id = $1`, [
      row.household_id,
      restored.category,
      restored.granted,
      restored.expires,
    ]);
    // as imposing it: the audit trail, read by auditors, has the dates, not the category
    return { restoredUrgency: { granted: restored.granted, expires: restored.expires } };
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
      const urgency = step.state === 'LIFTED' && row.kind === 'LOSE_URGENCY' ? await this.restoreUrgency(m, row) : {};
      await this.audit.append(
        m,
        actor,
        'SANCTION_LIFT',
        { sanctionId: id, householdId: row.household_id },
        { event: type, from: row.state, to: step.state, reason, ...urgency },
      );
      const [updated]: SanctionRow[] = await m.query(`SELECT ${COLUMNS} FROM sanction WHERE id = $1`, [id]);
      return toView(updated);
    });
  }
}
