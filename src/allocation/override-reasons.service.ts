import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { OverrideReason, OverrideReasonPolicy, overrideReasonListProblems } from '../engine/allocation/override-reasons.js';
import type { IsoDate } from '../engine/model.js';
import { AddOverrideReasonPolicyVersionInput } from './graphql/override-reason.type.js';

interface PolicyRow {
  id: number;
  version: number;
  effective_from: string | Date;
  reasons: OverrideReason[];
}

export interface OverrideReasonPolicyVersionView extends OverrideReasonPolicy {
  id: number;
  effectiveFrom: IsoDate;
}

const isoDate = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const toView = (r: PolicyRow): OverrideReasonPolicyVersionView => ({
  id: r.id,
  version: r.version,
  effectiveFrom: isoDate(r.effective_from),
  reasons: r.reasons,
});

/** Versions of the coded override reasons: the one in force on a date, the list, and new versions (managers). */
@Injectable()
export class OverrideReasonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async inForce(m: EntityManager, onDate: IsoDate): Promise<OverrideReasonPolicyVersionView> {
    const rows: PolicyRow[] = await m.query(
      `SELECT id, version, effective_from::text AS effective_from, reasons FROM override_reason_policy
        WHERE effective_from <= $1 ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    if (!rows.length) throw new Error(`No override reasons in force on ${onDate}; version 1 is missing`);
    return toView(rows[0]);
  }

  async versions(): Promise<OverrideReasonPolicyVersionView[]> {
    const rows: PolicyRow[] = await this.dataSource.query(
      'SELECT id, version, effective_from::text AS effective_from, reasons FROM override_reason_policy ORDER BY version',
    );
    return rows.map(toView);
  }

  /** Adds the next version; it takes effect today or later, so decisions made under an earlier one keep their meaning. */
  async addVersion(input: AddOverrideReasonPolicyVersionInput, actor: Actor): Promise<OverrideReasonPolicyVersionView> {
    const reasons: OverrideReason[] = input.reasons.map((r) => ({ code: r.code, label: r.label.trim(), requires: r.requires ?? null }));
    const problems = overrideReasonListProblems(reasons);
    const today = this.clock.today();
    if (input.effectiveFrom < today) problems.push({ field: 'effectiveFrom', reason: `must be today (${today}) or later: a policy does not change the past` });
    if (problems.length) throw DomainError.invalid(problems);
    return this.dataSource.transaction(async (m) => {
      // lock the table's versions so two managers cannot both add the same next version
      await m.query('LOCK TABLE override_reason_policy IN SHARE ROW EXCLUSIVE MODE');
      const [{ next }]: { next: number }[] = await m.query('SELECT coalesce(max(version), 0) + 1 AS next FROM override_reason_policy');
      const [row]: PolicyRow[] = await m.query(
        `INSERT INTO override_reason_policy (version, effective_from, reasons) VALUES ($1, $2, $3)
         RETURNING id, version, effective_from::text AS effective_from, reasons`,
        [Number(next), input.effectiveFrom, JSON.stringify(reasons)],
      );
      await this.audit.append(
        m,
        actor,
        'OVERRIDE_REASONS_ADDED',
        { overrideReasonPolicyId: row.id },
        { version: row.version, effectiveFrom: input.effectiveFrom, reasons },
      );
      return toView(row);
    });
  }
}
