import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, Role } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { addYears } from '../engine/common/dates.js';
import { PartnerGrant } from './graphql/dossier.type.js';

interface GrantRow {
  id: number;
  subject: string;
  organisation: string;
  buurt_code: string;
  granted_by: string;
  granted_at: Date;
  expires_on: string;
  revoked_at: Date | null;
}

/**
 * The longest a grant runs: one deep-dive cycle, renewed by a new grant. Woonmix's choice, not a
 * legal term: the AVG's purpose limitation (art. 5(1)(b)) asks that access ends with its purpose, and
 * a yearly renewal makes an administrator look at every partner's access at least once a year.
 */
const LONGEST_GRANT_YEARS = 1;

/** Roles that read every buurt's dossier and priority; anyone else (a partner) reads what is granted to it. */
const READ_EVERY_BUURT: readonly Role[] = ['MANAGER', 'AUDITOR', 'ADMIN'];

const toGrant = (r: GrantRow): PartnerGrant => ({
  id: String(r.id),
  subject: r.subject,
  organisation: r.organisation,
  buurtCode: r.buurt_code,
  grantedBy: r.granted_by,
  grantedAt: r.granted_at,
  expiresOn: r.expires_on,
  revokedAt: r.revoked_at,
});

/**
 * Which buurten a partner (welfare, care, the municipality, the police) may read: granted per buurt by
 * an admin, revoked the same way, both audited (README, "Who sees what"). A reader who is also staff
 * (a manager, an auditor) reads every buurt; one who is only a partner reads the granted ones.
 */
@Injectable()
export class PartnerGrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Staff read a buurt's figures as they stand today; a partner only as released (a month's end, the next
   * release after five households moved: src/engine/privacy/partner-release.ts), or two looks would
   * give away who moved in.
   */
  seesLiveFigures(actor: Actor): boolean {
    return actor.roles.some((r) => READ_EVERY_BUURT.includes(r));
  }

  /** Null: every buurt (a manager, auditor or admin); otherwise the buurt codes granted to this partner today (not revoked, not expired). */
  async readableBuurten(actor: Actor): Promise<Set<string> | null> {
    if (actor.roles.some((r) => READ_EVERY_BUURT.includes(r))) return null;
    const rows: { buurt_code: string }[] = await this.dataSource.query(
      `SELECT n.buurt_code FROM partner_grant g JOIN neighbourhood n ON n.id = g.neighbourhood_id
        WHERE g.subject = $1 AND g.revoked_at IS NULL AND g.expires_on >= $2::date`,
      [actor.subject, this.clock.today()],
    );
    return new Set(rows.map((r) => r.buurt_code));
  }

  /** Refuses a partner a buurt not granted to it (the same answer whether or not the buurt exists). */
  async assertMayRead(actor: Actor, buurtCode: string): Promise<void> {
    const readable = await this.readableBuurten(actor);
    if (readable !== null && !readable.has(buurtCode))
      throw new DomainError(ErrorCode.FORBIDDEN, `buurt ${buurtCode} is not granted to you (partners read the buurten an administrator granted them)`);
  }

  async list(): Promise<PartnerGrant[]> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT g.id, g.subject, g.organisation, n.buurt_code, g.granted_by, g.granted_at, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, g.revoked_at
         FROM partner_grant g JOIN neighbourhood n ON n.id = g.neighbourhood_id ORDER BY g.id`,
    );
    return rows.map(toGrant);
  }

  async grant(input: { subject: string; organisation: string; buurtCode: string; expiresOn: string }, actor: Actor): Promise<PartnerGrant> {
    const today = this.clock.today();
    const longest = addYears(today, LONGEST_GRANT_YEARS);
    if (input.expiresOn < today)
      throw DomainError.invalid([{ field: 'expiresOn', reason: `must be today (${today}) or later: a grant that has ended reads nothing` }]);
    if (input.expiresOn > longest)
      throw DomainError.invalid([
        { field: 'expiresOn', reason: `must be at most a year from today (${longest}); a longer access is a new grant when this one ends` },
      ]);
    return this.dataSource.transaction(async (m) => {
      // the buurt's row locked: two grants of it are checked one after the other (migration 024)
      const [buurt]: { id: number }[] = await m.query(`SELECT id FROM neighbourhood WHERE buurt_code = $1 FOR UPDATE`, [input.buurtCode]);
      if (!buurt) throw DomainError.invalid([{ field: 'buurtCode', reason: `is not a known neighbourhood (${input.buurtCode})` }]);
      const [open]: { id: number; expires_on: string }[] = await m.query(
        `SELECT id, to_char(expires_on, 'YYYY-MM-DD') AS expires_on FROM partner_grant
          WHERE subject = $1 AND neighbourhood_id = $2 AND revoked_at IS NULL AND expires_on >= $3::date FOR UPDATE`,
        [input.subject.trim(), buurt.id, today],
      );
      if (open)
        throw DomainError.invalid([
          {
            field: 'buurtCode',
            reason: `is already granted to ${input.subject.trim()} until ${open.expires_on} (grant ${open.id}); revoke it first to change its end`,
          },
        ]);
      const [row]: GrantRow[] = await m.query(
        `INSERT INTO partner_grant (subject, organisation, neighbourhood_id, granted_by, expires_on) VALUES ($1, $2, $3, $4, $6)
         RETURNING id, subject, organisation, $5::text AS buurt_code, granted_by, granted_at, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, revoked_at`,
        [input.subject.trim(), input.organisation.trim(), buurt.id, actor.subject, input.buurtCode, input.expiresOn],
      );
      await this.audit.append(
        m,
        actor,
        'PARTNER_GRANTED',
        { partnerGrantId: row.id },
        { subject: row.subject, organisation: row.organisation, buurtCode: input.buurtCode, expiresOn: row.expires_on },
      );
      return toGrant(row);
    });
  }

  async revoke(id: string, actor: Actor): Promise<PartnerGrant> {
    return this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, affected]
      const [[row]]: [GrantRow[], number] = await m.query(
        `UPDATE partner_grant g SET revoked_at = now(), revoked_by = $2 FROM neighbourhood n
          WHERE g.id = $1 AND n.id = g.neighbourhood_id AND g.revoked_at IS NULL
          RETURNING g.id, g.subject, g.organisation, n.buurt_code, g.granted_by, g.granted_at, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, g.revoked_at`,
        [parseId(id, 'id'), actor.subject],
      );
      if (!row) throw DomainError.notFound('Open partner grant', id);
      await this.audit.append(m, actor, 'PARTNER_REVOKED', { partnerGrantId: row.id }, { subject: row.subject, buurtCode: row.buurt_code });
      return toGrant(row);
    });
  }
}
