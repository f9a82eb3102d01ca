import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../common/request-context.js';
import { audienceOf } from './audience.js';

const PSEUDONYM = /^PSN-[0-9a-f]{16}$/;

/** Why an officer or admin may read a household's special-category data now. */
export interface AccessPurpose {
  purpose: 'VACANCY' | 'OFFER' | 'ADMINISTRATION';
  purposeId: number | null;
}

/** Per-request state: what this reader may see of which household (batched, one query per level). */
/** This feature's key in the request's state (src/common/request-context.ts). */
const DISCLOSURE_STATE = 'privacy.disclosure';

interface DisclosureState {
  purposes: DataLoader<number, AccessPurpose | null>;
  vacancyAccess: DataLoader<number, boolean>;
  records: DataLoader<string, true>;
}

/**
 * The one place that decides what an actor may see of a household at read time (the static part,
 * which fields an audience may select at all, is src/privacy/disclosure-policy.ts):
 * - the pseudonym auditors see, keyed by the service secret on the internal id (stable when a
 *   reference is corrected; nobody without the secret can map it back);
 * - special-category data for officers only where an assignment covers a vacancy the household
 *   responded to or was offered (admins: association-wide), every read recorded;
 * - assignments as the boundary of an officer's work (proposals, decisions, approvals).
 */
@Injectable()
export class HouseholdDisclosure {
  private readonly pseudonymToId = new Map<string, number>();
  private pseudonymsUpTo = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  pseudonym(householdId: number): string {
    return `PSN-${createHmac('sha256', this.config.auth.secret).update(`household:${householdId}`).digest('hex').slice(0, 16)}`;
  }

  /**
   * A page cursor sealed for readers who may not learn internal household ids (a plain cursor is
   * the base64 of the id): AES-256-GCM under a key derived from the service secret.
   */
  sealCursor(cursor: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.cursorKey(), iv);
    const sealed = Buffer.concat([cipher.update(cursor, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  openCursor(sealed: string): string {
    try {
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.cursorKey(), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw DomainError.invalid([{ field: 'after', reason: 'is not a cursor returned by this API' }]);
    }
  }

  private cursorKey(): Buffer {
    return createHash('sha256').update(`woonmix-cursor:${this.config.auth.secret}`).digest();
  }

  /** The household a pseudonym stands for, or null. Pseudonyms of new ids are added as they appear. */
  async idOfPseudonym(pseudonym: string): Promise<number | null> {
    if (!PSEUDONYM.test(pseudonym)) return null;
    const known = this.pseudonymToId.get(pseudonym);
    if (known !== undefined) return known;
    const [{ max }] = (await this.dataSource.query('SELECT coalesce(max(id), 0) AS max FROM household')) as { max: number | string }[];
    for (let id = this.pseudonymsUpTo + 1; id <= Number(max); id++) this.pseudonymToId.set(this.pseudonym(id), id);
    this.pseudonymsUpTo = Math.max(this.pseudonymsUpTo, Number(max));
    return this.pseudonymToId.get(pseudonym) ?? null;
  }

  /**
   * A household named by a caller: auditors by the pseudonym they were shown (never a reference or
   * an internal id: that would make the API an oracle), officers and admins by id or reference.
   */
  async householdIdFromInput(actor: Actor, value: string, field: string): Promise<number> {
    const audience = audienceOf(actor);
    if (audience === 'AGGREGATE') throw new DomainError(ErrorCode.FORBIDDEN, `${field}: managers see households only in aggregates`);
    if (audience === 'PSEUDONYMOUS') {
      const id = await this.idOfPseudonym(value);
      if (id === null) throw DomainError.invalid([{ field, reason: 'must be a household pseudonym (PSN- and 16 hex digits) that you were shown' }]);
      return id;
    }
    if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
    const rows: { id: number }[] = await this.dataSource.query('SELECT id FROM household WHERE reference = $1', [value]);
    if (!rows.length) throw DomainError.notFound('Household', value);
    return Number(rows[0].id);
  }

  private state(ctx: RequestContext): DisclosureState {
    const actor = ctx.req?.actor;
    if (!actor) throw new Error('disclosure needs a signed-in actor');
    ctx.state ??= new Map();
    const known = ctx.state.get(DISCLOSURE_STATE) as DisclosureState | undefined;
    if (known) return known;
    const state: DisclosureState = {
      purposes: new DataLoader<number, AccessPurpose | null>(async (ids) => this.purposesFor(actor, ids)),
      vacancyAccess: new DataLoader<number, boolean>(async (ids) => this.vacanciesInScope(actor, ids)),
      records: new DataLoader<string, true>(async (keys) => {
        await this.writeAccessRecords(
          actor,
          keys.map((k) => JSON.parse(k) as AccessRecordKey),
        );
        return keys.map(() => true as const);
      }),
    };
    ctx.state.set(DISCLOSURE_STATE, state);
    return state;
  }

  /**
   * Whether the reader may see this household's special-category data; when yes, the read of
   * `field` is recorded (who, which household, for which vacancy or offer) before it is answered.
   */
  async readSpecialCategories(ctx: RequestContext, householdId: number, field: string): Promise<boolean> {
    const actor = ctx.req?.actor;
    if (!actor || audienceOf(actor) !== 'OPERATIONAL') return false;
    const purpose = await this.state(ctx).purposes.load(householdId);
    if (!purpose) return false;
    await this.state(ctx).records.load(JSON.stringify({ householdId, field, ...purpose }));
    return true;
  }

  /** Whether the reader may see special-category data of this household, without reading (and recording) any. */
  async maySeeSpecialCategories(ctx: RequestContext, householdId: number): Promise<boolean> {
    const actor = ctx.req?.actor;
    if (!actor || audienceOf(actor) !== 'OPERATIONAL') return false;
    return (await this.state(ctx).purposes.load(householdId)) !== null;
  }

  /** Whether the reader handles this vacancy (assigned to its complex or municipality, or admin). */
  async handlesVacancy(ctx: RequestContext, vacancyId: number): Promise<boolean> {
    const actor = ctx.req?.actor;
    if (!actor || audienceOf(actor) !== 'OPERATIONAL') return false;
    return this.state(ctx).vacancyAccess.load(vacancyId);
  }

  /** Records a read of special-category data the caller has already been allowed (see handlesVacancy). */
  async recordRead(ctx: RequestContext, householdId: number, field: string, purpose: AccessPurpose): Promise<void> {
    await this.state(ctx).records.load(JSON.stringify({ householdId, field, ...purpose }));
  }

  /**
   * Refuses work on vacancies outside the officer's assignment (FORBIDDEN, naming the scope needed
   * and the assignments held). Admins act association-wide.
   */
  async assertAssigned(m: EntityManager, actor: Actor, vacancyIds: readonly number[], action: string): Promise<void> {
    // admins act association-wide; the service itself (jobs, SYSTEM_ACTOR) acts for whoever started the work
    if (actor.roles.includes('ADMIN') || actor.roles.length === 0) return;
    // a manager plans rounds association-wide (the only assigned action open to managers); the proposals
    // it makes show a manager no household (src/privacy/disclosure-policy.ts), officers decide them
    if (action === 'startAllocationRound' && audienceOf(actor) === 'AGGREGATE') return;
    const outside: { reference: string; code: string; municipality_code: string }[] = await m.query(
      `SELECT v.reference, c.code, n.municipality_code FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id
         JOIN complex c ON c.id = d.complex_id JOIN neighbourhood n ON n.id = c.neighbourhood_id
        WHERE v.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM officer_assignment a WHERE a.subject = $2 AND a.ended_at IS NULL
                AND (a.complex_id = c.id OR a.municipality_code = n.municipality_code))
        ORDER BY v.id LIMIT 1`,
      [[...vacancyIds], actor.subject],
    );
    if (!outside.length) return;
    const held: { municipality_code: string | null; code: string | null }[] = await m.query(
      `SELECT a.municipality_code, c.code FROM officer_assignment a LEFT JOIN complex c ON c.id = a.complex_id
        WHERE a.subject = $1 AND a.ended_at IS NULL ORDER BY a.id`,
      [actor.subject],
    );
    const list = held.map((a) => (a.code ? `complex ${a.code}` : `municipality ${a.municipality_code}`)).join(', ') || 'nothing';
    const v = outside[0];
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      `${action}: vacancy ${v.reference} is outside your assignment; it needs an assignment to complex ${v.code} or municipality ${v.municipality_code}, and ${actor.subject} is assigned to ${list} (an admin assigns officers with assignOfficer)`,
    );
  }

  private async purposesFor(actor: Actor, ids: readonly number[]): Promise<(AccessPurpose | null)[]> {
    if (actor.roles.includes('ADMIN')) return ids.map(() => ({ purpose: 'ADMINISTRATION', purposeId: null }));
    if (!actor.roles.includes('OFFICER')) return ids.map(() => null);
    // a vacancy in progress inside the assignment that the household responded to, or an offer to it there
    const rows: { household_id: number; purpose: 'VACANCY' | 'OFFER'; purpose_id: number }[] = await this.dataSource.query(
      `WITH scope AS (
         SELECT v.id AS vacancy_id FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id JOIN complex c ON c.id = d.complex_id
           JOIN neighbourhood n ON n.id = c.neighbourhood_id
          WHERE v.status IN ('OPEN', 'PROPOSED', 'OFFERED')
            AND EXISTS (SELECT 1 FROM officer_assignment a WHERE a.subject = $2 AND a.ended_at IS NULL
                          AND (a.complex_id = c.id OR a.municipality_code = n.municipality_code)))
       SELECT o.household_id, 'OFFER' AS purpose, min(o.id) AS purpose_id FROM offer o JOIN scope s ON s.vacancy_id = o.vacancy_id
        WHERE o.household_id = ANY($1) AND o.status IN ('PENDING_APPROVAL', 'OPEN') GROUP BY o.household_id
       UNION ALL
       SELECT r.household_id, 'VACANCY', min(r.vacancy_id) FROM vacancy_response r JOIN scope s ON s.vacancy_id = r.vacancy_id
        WHERE r.household_id = ANY($1) GROUP BY r.household_id`,
      [[...ids], actor.subject],
    );
    const byHousehold = new Map<number, AccessPurpose>();
    for (const r of rows)
      if (!byHousehold.has(Number(r.household_id))) byHousehold.set(Number(r.household_id), { purpose: r.purpose, purposeId: Number(r.purpose_id) });
    return ids.map((id) => byHousehold.get(id) ?? null);
  }

  private async vacanciesInScope(actor: Actor, ids: readonly number[]): Promise<boolean[]> {
    if (actor.roles.includes('ADMIN')) return ids.map(() => true);
    if (!actor.roles.includes('OFFICER')) return ids.map(() => false);
    const rows: { id: number }[] = await this.dataSource.query(
      `SELECT v.id FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id JOIN complex c ON c.id = d.complex_id
         JOIN neighbourhood n ON n.id = c.neighbourhood_id
        WHERE v.id = ANY($1) AND EXISTS (SELECT 1 FROM officer_assignment a WHERE a.subject = $2 AND a.ended_at IS NULL
                AND (a.complex_id = c.id OR a.municipality_code = n.municipality_code))`,
      [[...ids], actor.subject],
    );
    const allowed = new Set(rows.map((r) => Number(r.id)));
    return ids.map((id) => allowed.has(id));
  }

  private async writeAccessRecords(actor: Actor, keys: AccessRecordKey[]): Promise<void> {
    // one row per household and purpose, naming every field read in this request
    const grouped = new Map<string, { householdId: number; purpose: string; purposeId: number | null; fields: Set<string> }>();
    for (const k of keys) {
      const key = `${k.householdId}:${k.purpose}:${k.purposeId}`;
      const g = grouped.get(key) ?? { householdId: k.householdId, purpose: k.purpose, purposeId: k.purposeId, fields: new Set<string>() };
      g.fields.add(k.field);
      grouped.set(key, g);
    }
    const rows = [...grouped.values()];
    await this.dataSource.query(
      `INSERT INTO special_category_access (subject, roles, household_id, purpose, purpose_id, fields)
       SELECT $1, $2::text[], r.household_id, r.purpose, r.purpose_id, r.fields
         FROM jsonb_to_recordset($3::jsonb) AS r(household_id integer, purpose text, purpose_id integer, fields text[])`,
      [
        actor.subject,
        [...actor.roles],
        JSON.stringify(rows.map((r) => ({ household_id: r.householdId, purpose: r.purpose, purpose_id: r.purposeId, fields: [...r.fields].sort() }))),
      ],
    );
  }
}

interface AccessRecordKey extends AccessPurpose {
  householdId: number;
  field: string;
}

export type { DisclosureState };
