import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { VeraExport, VeraExportResource } from './graphql/vera.type.js';
import { AllocationFacts, OfferFacts, VeraDocument, aanbiedingOf, toewijzingOf } from './vera-export.mapping.js';
import { VeraValidator } from './vera-validator.js';

/** The component schema each exported resource follows. */
const SCHEMA: Record<VeraExportResource, string> = {
  [VeraExportResource.TOEWIJZINGEN]: 'Toewijzingen-Toewijzingbericht',
  [VeraExportResource.AANBIEDINGEN]: 'Aanbiedingen-Aanbiedingbericht',
};

/** A year of a large association's allocations fits; a longer span is asked for in parts. */
export const MAX_EXPORT_DAYS = 366;

/**
 * Exports what Woonmix decided as VERA-WRV documents for the association's letting platform or ERP.
 * Every document is checked against the specification before it leaves: one that does not follow it
 * is a defect here, reported as such, never sent. The export is recorded in the audit trail (who,
 * what, which period, how many), in the same transaction as the read.
 */
@Injectable()
export class VeraExportService {
  private validator: VeraValidator | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Loaded on first use: half a megabyte of YAML the service does not need until someone exports. */
  private veraValidator(): VeraValidator {
    return (this.validator ??= VeraValidator.fromFile());
  }

  async export(resource: VeraExportResource, from: string, to: string, actor: Actor): Promise<VeraExport> {
    if (to < from) throw DomainError.invalid([{ field: 'to', reason: 'must not be before from' }]);
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_EXPORT_DAYS)
      throw DomainError.invalid([{ field: 'to', reason: `the period may hold at most ${MAX_EXPORT_DAYS} days; export longer ones in parts` }]);
    const schema = SCHEMA[resource];
    const validator = this.veraValidator();
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const documents: VeraDocument[] =
        resource === VeraExportResource.TOEWIJZINGEN
          ? (await this.allocations(m, from, to)).map(toewijzingOf)
          : (await this.offers(m, from, to)).map(aanbiedingOf);
      const problems = documents.flatMap((d, i) => validator.validate(schema, d, `/${i}`));
      if (problems.length > 0) {
        const first = problems[0];
        throw new Error(
          `VERA export of ${resource} broke the specification (${problems.length} problem(s); first at ${first.pointer}: ${first.reason}, ${first.rule})`,
        );
      }
      await this.audit.append(
        m,
        actor,
        'DATA_EXPORTED',
        { format: 'VERA-WRV', resource },
        { from, to, count: documents.length, schema, specificationVersion: validator.version },
      );
      return { resource, schema, specificationVersion: validator.version, count: documents.length, documents: JSON.stringify(documents) };
    });
  }

  private async allocations(m: EntityManager, from: string, to: string): Promise<AllocationFacts[]> {
    const rows = (await m.query(
      `SELECT a.id, to_char(a.allocation_date, 'YYYY-MM-DD') AS allocation_date, v.reference AS vacancy_reference, d.code AS dwelling_code,
              h.reference AS household_reference, (SELECT count(*) FROM household_member hm WHERE hm.household_id = h.id)::int AS household_size,
              a.counts_as, a.verdict
         FROM allocation a
         JOIN dwelling d ON d.id = a.dwelling_id
         JOIN household h ON h.id = a.household_id
         LEFT JOIN vacancy v ON v.id = a.vacancy_id
        WHERE a.allocation_date BETWEEN $1 AND $2
        ORDER BY a.id`,
      [from, to],
    )) as {
      id: number;
      allocation_date: string;
      vacancy_reference: string | null;
      dwelling_code: string;
      household_reference: string;
      household_size: number;
      counts_as: AllocationFacts['countsAs'];
      verdict: { outcomes?: AllocationFacts['outcomes'] };
    }[];
    return rows.map((r) => ({
      id: r.id,
      allocationDate: r.allocation_date,
      // an allocation recorded without a vacancy (imported history) is named by its dwelling
      vacancyReference: r.vacancy_reference ?? r.dwelling_code,
      dwellingCode: r.dwelling_code,
      householdReference: r.household_reference,
      householdSize: r.household_size,
      countsAs: r.counts_as,
      outcomes: r.verdict.outcomes ?? [],
    }));
  }

  private async offers(m: EntityManager, from: string, to: string): Promise<OfferFacts[]> {
    const rows = (await m.query(
      `SELECT o.id, o.status, v.reference AS vacancy_reference, h.reference AS household_reference, lr.vera_detail_status
         FROM offer o
         JOIN vacancy v ON v.id = o.vacancy_id
         JOIN household h ON h.id = o.household_id
         LEFT JOIN letting_reason lr ON lr.kind = 'REFUSAL' AND lr.code = o.refusal_reason_code
        WHERE o.created_at >= $1::date AND o.created_at < $2::date + 1
        ORDER BY o.id`,
      [from, to],
    )) as { id: number; status: OfferFacts['status']; vacancy_reference: string; household_reference: string; vera_detail_status: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      vacancyReference: r.vacancy_reference,
      householdReference: r.household_reference,
      veraDetailStatus: r.vera_detail_status,
    }));
  }
}
