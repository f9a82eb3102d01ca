import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Actor } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { householdIdMention } from '../engine/privacy/household-mention.js';
import { AssignOfficerInput, OfficerAssignment, SpecialCategoryAccessArgs, SpecialCategoryAccessRecord } from './graphql/assignment.type.js';
import { HouseholdDisclosure } from './household-disclosure.service.js';

interface AssignmentRow {
  id: number;
  subject: string;
  municipality_code: string | null;
  complex_code: string | null;
  assigned_by: string;
  assigned_at: Date;
  ended_by: string | null;
  ended_at: Date | null;
}

const SELECT_ASSIGNMENT = `SELECT a.id, a.subject, a.municipality_code, c.code AS complex_code, a.assigned_by, a.assigned_at, a.ended_by, a.ended_at
  FROM officer_assignment a LEFT JOIN complex c ON c.id = a.complex_id`;

function toAssignment(r: AssignmentRow): OfficerAssignment {
  return {
    id: String(r.id),
    subject: r.subject,
    municipalityCode: r.municipality_code,
    complexCode: r.complex_code,
    assignedBy: r.assigned_by,
    assignedAt: new Date(r.assigned_at).toISOString(),
    endedBy: r.ended_by,
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
  };
}

/** Officers' assignments (kept by admins, audited) and the special-category access records. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  async list(subject: string | undefined, includeEnded: boolean): Promise<OfficerAssignment[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(
      `${SELECT_ASSIGNMENT} WHERE ($1::text IS NULL OR a.subject = $1) AND ($2 OR a.ended_at IS NULL) ORDER BY a.id`,
      [subject ?? null, includeEnded],
    );
    return rows.map(toAssignment);
  }

  assign(input: AssignOfficerInput, actor: Actor): Promise<OfficerAssignment> {
    const municipalityCode = input.municipalityCode ?? null;
    const complexCode = input.complexCode ?? null;
    if ((municipalityCode === null) === (complexCode === null)) {
      throw DomainError.invalid([
        {
          field: municipalityCode === null ? 'municipalityCode' : 'complexCode',
          reason: 'give either a municipalityCode or a complexCode, not both and not neither',
        },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      let complexId: number | null = null;
      if (complexCode !== null) {
        const found: { id: number }[] = await m.query('SELECT id FROM complex WHERE code = $1', [complexCode]);
        if (!found.length) throw DomainError.invalid([{ field: 'complexCode', reason: `no complex has code ${complexCode}` }]);
        complexId = Number(found[0].id);
      } else {
        const known: unknown[] = await m.query('SELECT 1 FROM neighbourhood WHERE municipality_code = $1 LIMIT 1', [municipalityCode]);
        if (!known.length) throw DomainError.invalid([{ field: 'municipalityCode', reason: `no buurt of municipality ${municipalityCode} is known` }]);
      }
      const duplicate: unknown[] = await m.query(
        `SELECT 1 FROM officer_assignment WHERE subject = $1 AND ended_at IS NULL AND coalesce(municipality_code, '') = coalesce($2, '') AND coalesce(complex_id, 0) = coalesce($3, 0)`,
        [input.subject, municipalityCode, complexId],
      );
      if (duplicate.length)
        throw new DomainError(
          ErrorCode.CONFLICT,
          `${input.subject} is already assigned to ${complexCode ? `complex ${complexCode}` : `municipality ${municipalityCode}`}`,
        );
      const [{ id }]: { id: number }[] = await m.query(
        'INSERT INTO officer_assignment (subject, municipality_code, complex_id, assigned_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [input.subject, municipalityCode, complexId, actor.subject],
      );
      await this.audit.append(m, actor, 'OFFICER_ASSIGNED', { assignmentId: Number(id) }, { subject: input.subject, municipalityCode, complexCode });
      const rows: AssignmentRow[] = await m.query(`${SELECT_ASSIGNMENT} WHERE a.id = $1`, [id]);
      return toAssignment(rows[0]);
    });
  }

  end(idArg: string, actor: Actor): Promise<OfficerAssignment> {
    const id = parseId(idArg, 'id');
    return this.dataSource.transaction(async (m) => {
      const rows: AssignmentRow[] = await m.query(`${SELECT_ASSIGNMENT} WHERE a.id = $1 FOR UPDATE OF a`, [id]);
      if (!rows.length) throw DomainError.notFound('Assignment', idArg);
      if (rows[0].ended_at !== null) throw new DomainError(ErrorCode.CONFLICT, `Assignment ${id} ended already`);
      await m.query('UPDATE officer_assignment SET ended_at = now(), ended_by = $2 WHERE id = $1', [id, actor.subject]);
      await this.audit.append(m, actor, 'OFFICER_ASSIGNMENT_ENDED', { assignmentId: id }, { subject: rows[0].subject });
      return toAssignment(((await m.query(`${SELECT_ASSIGNMENT} WHERE a.id = $1`, [id])) as AssignmentRow[])[0]);
    });
  }

  /** Access records, oldest first; households named as the reader may see them (auditors: pseudonyms). */
  async accessRecords(args: SpecialCategoryAccessArgs, actor: Actor): Promise<SpecialCategoryAccessRecord[]> {
    const householdId = args.household === undefined ? null : await this.disclosure.householdIdFromInput(actor, args.household, 'household');
    const rows: {
      id: string;
      accessed_at: Date;
      subject: string;
      roles: string[];
      household_id: number;
      purpose: string;
      purpose_id: number | null;
      fields: string[];
    }[] = await this.dataSource.query(
      `SELECT id, accessed_at, subject, roles, household_id, purpose, purpose_id, fields FROM special_category_access
          WHERE id > $1 AND ($2::integer IS NULL OR household_id = $2) AND ($3::text IS NULL OR subject = $3) ORDER BY id LIMIT $4`,
      [args.afterId, householdId, args.subject ?? null, args.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      accessedAt: new Date(r.accessed_at).toISOString(),
      subject: r.subject,
      roles: r.roles,
      household: householdIdMention(Number(r.household_id)),
      purpose: r.purpose,
      purposeId: r.purpose_id === null ? null : String(r.purpose_id),
      fields: r.fields,
    }));
  }
}
