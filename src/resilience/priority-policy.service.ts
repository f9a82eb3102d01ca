import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { parseJsonInput } from '../common/validation.js';
import { PriorityWeights, priorityWeightsProblems } from '../engine/resilience/buurt-priority.js';
import type { IsoDate } from '../engine/model.js';

export interface PriorityPolicyRow {
  id: number;
  version: number;
  name: string;
  effective_from: string;
  document: PriorityWeights;
}

/** Versions of the priority policy (migrations/1764000000014): weights of the resilience lens, authored by managers, audited. */
@Injectable()
export class PriorityPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  versions(): Promise<PriorityPolicyRow[]> {
    return this.dataSource.query(`SELECT id, version, name, effective_from::text AS effective_from, document FROM priority_policy ORDER BY version`);
  }

  /** The newest version in force on the date. */
  async inForce(onDate: IsoDate, m: EntityManager = this.dataSource.manager): Promise<PriorityPolicyRow> {
    const [row]: PriorityPolicyRow[] = await m.query(
      `SELECT id, version, name, effective_from::text AS effective_from, document FROM priority_policy
        WHERE effective_from <= $1 ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    if (!row) throw new Error(`No priority policy in force on ${onDate}; version 1 is missing (migrations/1764000000014)`);
    return row;
  }

  /** The next version: its weights checked field by field, effective today or later (what was in force stays as it was). */
  async addVersion(input: { name: string; effectiveFrom: IsoDate; document: string }, actor: Actor): Promise<PriorityPolicyRow> {
    const document = parseJsonInput(input.document, 'document');
    const problems = priorityWeightsProblems(document).map((p) => ({ field: p.field === 'document' ? 'document' : `document.${p.field}`, reason: p.reason }));
    const today = this.clock.today();
    if (input.effectiveFrom < today) problems.push({ field: 'effectiveFrom', reason: `must be today (${today}) or later: a policy does not change the past` });
    if (input.name.trim().length < 3) problems.push({ field: 'name', reason: 'must say in words what the version is' });
    if (problems.length) throw DomainError.invalid(problems);
    return this.dataSource.transaction(async (m) => {
      // lock the table's versions so two managers cannot both add the same next version
      await m.query('LOCK TABLE priority_policy IN SHARE ROW EXCLUSIVE MODE');
      const [{ next }]: { next: number }[] = await m.query('SELECT coalesce(max(version), 0) + 1 AS next FROM priority_policy');
      const [row]: PriorityPolicyRow[] = await m.query(
        `INSERT INTO priority_policy (version, name, effective_from, document) VALUES ($1, $2, $3, $4)
         RETURNING id, version, name, effective_from::text AS effective_from, document`,
        [Number(next), input.name.trim(), input.effectiveFrom, JSON.stringify(document)],
      );
      await this.audit.append(
        m,
        actor,
        'PRIORITY_POLICY_ADDED',
        { priorityPolicyId: row.id },
        { version: row.version, name: row.name, effectiveFrom: input.effectiveFrom, document },
      );
      return row;
    });
  }
}
