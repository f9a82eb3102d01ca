import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode, FieldProblem } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import { OFFER_LETTER_PLACEHOLDERS, OfferLetterFacts, letterHtml, letterText, renderOfferLetter, templateProblems } from '../engine/letting/offer-letter.js';
import type { ActiveStage, OfferDocuments } from '../engine/letting/offer-stages.js';
import type { IsoDate } from '../engine/model.js';
import { householdMention } from '../engine/privacy/household-mention.js';
import { audienceOf } from '../privacy/audience.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { AddOfferLetterTemplateVersionInput, OfferLetter, OfferLetterTemplateVersion } from './graphql/offer-letter.type.js';
import { OfferStageSupport } from './offer-stage-support.service.js';

interface TemplateRow {
  version: number;
  kind: string;
  effective_from: string;
  organisation: string;
  subject: string;
  body: string;
  notes: string;
}

interface OfferRow {
  id: number;
  vacancy_id: number;
  household_id: number;
  status: string;
  stage: ActiveStage | null;
  stage_due: string | null;
  documents: Partial<OfferDocuments> | null;
  address: string;
  postcode: string;
  rooms: number;
  floor_area_m2: number;
  accessibility: OfferLetterFacts['dwelling']['accessibility'];
  net_rent_cents: number;
  service_costs_cents: number;
  complex_name: string;
  viewing_on: string | null;
}

const TEMPLATE_COLUMNS = `version, kind, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, organisation, subject, body, notes`;

const toVersion = (r: TemplateRow): OfferLetterTemplateVersion => ({
  version: Number(r.version),
  kind: r.kind,
  effectiveFrom: r.effective_from,
  organisation: r.organisation,
  subject: r.subject,
  body: r.body,
  notes: r.notes,
  placeholders: [...OFFER_LETTER_PLACEHOLDERS],
});

/**
 * Offer letters from templates (issue 17; src/engine/letting/offer-letter.ts): the letter of an open
 * offer from the template in force on its date, and new template versions (managers, audited). The
 * household is named by a mention, rendered for each reader by the disclosure plugin (officers read the
 * reference, auditors a pseudonym); managers never receive a letter (PER_HOUSEHOLD_TYPES).
 */
@Injectable()
export class OfferLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly disclosure: HouseholdDisclosure,
    private readonly stages: OfferStageSupport,
  ) {}

  /** The template version in force on the date (version 1 from migrations/1764000000018 always is). */
  async inForce(m: EntityManager, onDate: IsoDate): Promise<OfferLetterTemplateVersion> {
    const [row]: TemplateRow[] = await m.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM offer_letter_template WHERE kind = 'OFFER' AND effective_from <= $1
        ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [onDate],
    );
    if (!row) throw new Error(`No offer letter template in force on ${onDate}; version 1 is missing (migrations/1764000000018)`);
    return toVersion(row);
  }

  async versions(): Promise<OfferLetterTemplateVersion[]> {
    const rows: TemplateRow[] = await this.dataSource.query(`SELECT ${TEMPLATE_COLUMNS} FROM offer_letter_template ORDER BY version, kind`);
    return rows.map(toVersion);
  }

  /** The letter of an open offer, dated today. Officers: only for vacancies they handle. */
  async letter(offerId: string, actor: Actor, ctx: RequestContext): Promise<OfferLetter> {
    const id = parseId(offerId, 'offerId');
    const m = this.dataSource.manager;
    const [row]: OfferRow[] = await m.query(
      `SELECT o.id, o.vacancy_id, o.household_id, o.status, o.stage, to_char(o.stage_due, 'YYYY-MM-DD') AS stage_due, o.documents,
              d.address, d.postcode, d.rooms, d.floor_area_m2, d.accessibility, d.net_rent_cents, d.service_costs_cents, c.name AS complex_name,
              CASE WHEN p.state <> 'WITHDRAWN' THEN to_char(p.viewing_on, 'YYYY-MM-DD') END AS viewing_on
         FROM offer o JOIN vacancy v ON v.id = o.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id JOIN complex c ON c.id = d.complex_id
         LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
        WHERE o.id = $1`,
      [id],
    );
    if (!row) throw DomainError.notFound('Offer', offerId);
    if (audienceOf(actor) === 'OPERATIONAL' && !(await this.disclosure.handlesVacancy(ctx, Number(row.vacancy_id))))
      throw new DomainError(ErrorCode.FORBIDDEN, `offerLetter: offer ${id} is for a vacancy outside your assignment`);
    if (row.status !== 'OPEN' || row.stage === null || row.stage_due === null)
      throw new DomainError(ErrorCode.CONFLICT, `Offer ${id} is ${row.status}: a letter goes with an open offer (after its approval, before its end)`);
    const today = this.clock.today();
    const template = await this.inForce(m, today);
    const result = renderOfferLetter(template, {
      date: today,
      household: householdMention(Number(row.household_id)),
      dwelling: {
        address: row.address,
        postcode: row.postcode,
        rooms: Number(row.rooms),
        floorAreaM2: Number(row.floor_area_m2),
        accessibility: row.accessibility,
        complexName: row.complex_name,
        netRentCents: Number(row.net_rent_cents),
        serviceCostsCents: Number(row.service_costs_cents),
      },
      offer: { stage: row.stage, dueDate: row.stage_due, documents: row.documents ?? {} },
      deadlines: await this.stages.stageDays(m, today),
      viewingOn: row.viewing_on,
      organisation: template.organisation,
    });
    // templates are checked when added; a stored one that fails is a fault of the data, not of the caller
    if (!result.ok) throw new Error(`Offer letter template ${template.version}: ${result.problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
    const { letter } = result;
    return {
      offerId: String(id),
      date: today,
      templateVersion: letter.templateVersion,
      subject: letter.subject,
      body: letterText(letter),
      blocks: letter.blocks.map((b) => (b.kind === 'LIST' ? { kind: b.kind, text: null, items: b.items } : { kind: b.kind, text: b.text, items: [] })),
      html: letterHtml(letter),
    };
  }

  /**
   * Adds the next version; it takes effect today or later, never in the past. A letter is made when it
   * is asked for, dated that day, from the version in force then (letters are not stored).
   */
  async addVersion(input: AddOfferLetterTemplateVersionInput, actor: Actor): Promise<OfferLetterTemplateVersion> {
    const today = this.clock.today();
    const problems: FieldProblem[] = templateProblems(input).map((p) => ({ field: p.field, reason: p.reason }));
    if (input.effectiveFrom < today)
      problems.unshift({ field: 'effectiveFrom', reason: `must be today (${today}) or later: a policy does not change the past` });
    if (input.organisation.trim() === '') problems.push({ field: 'organisation', reason: 'must not be blank' });
    if (problems.length) throw DomainError.invalid(problems);
    return this.dataSource.transaction(async (m) => {
      // lock the versions so two managers cannot both add the same next version
      await m.query('LOCK TABLE offer_letter_template IN SHARE ROW EXCLUSIVE MODE');
      const [{ next }]: { next: number }[] = await m.query('SELECT coalesce(max(version), 0) + 1 AS next FROM offer_letter_template');
      const [row]: TemplateRow[] = await m.query(
        `INSERT INTO offer_letter_template (version, kind, effective_from, organisation, subject, body, notes, created_by)
         VALUES ($1, 'OFFER', $2, $3, $4, $5, $6, $7) RETURNING ${TEMPLATE_COLUMNS}`,
        [Number(next), input.effectiveFrom, input.organisation.trim(), input.subject.trim(), input.body, input.notes?.trim() ?? '', actor.subject],
      );
      const version = toVersion(row);
      await this.audit.append(
        m,
        actor,
        'OFFER_LETTER_TEMPLATE_ADDED',
        { offerLetterTemplateVersion: version.version },
        {
          version: version.version,
          kind: version.kind,
          effectiveFrom: version.effectiveFrom,
          organisation: version.organisation,
          subject: version.subject,
          body: version.body,
          notes: version.notes,
        },
      );
      return version;
    });
  }
}
