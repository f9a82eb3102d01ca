import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { link, realpath, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isInsideDirectory } from '../common/paths.js';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { HouseholdEntity } from '../households/household.entity.js';
import type { HouseholdRow } from '../imports/import-rows.js';
import { VeraExport, VeraResource } from './graphql/vera.type.js';
import {
  OBJECTION_STATE_TO_VERA,
  OVEREENKOMSTSOORT_INSCHRIJVING,
  RECLAMATIESOORT_BEZWAAR,
  RELATIESOORT,
  SANCTIESOORT,
  SANCTION_STATE_TO_VERA,
} from './vera-codes.js';
import { AllocationFacts, OfferFacts, VeraDocument, aanbiedingOf, toewijzingOf } from './vera-export.mapping.js';
import { PERIOD_RESOURCES, VERA_SCHEMA } from './vera-schemas.js';
import { dutchDayStart, eenheidOf, kandidaatOf, nextDay, publicatieOf, puntenberekeningOf, relatiesOf } from './vera-stock.mapping.js';
import { VeraValidators } from './vera-validators.js';

/** A year of a large association's allocations fits; a longer span is asked for in parts. */
export const MAX_EXPORT_DAYS = 366;

const referentie = (c: { code: string; naam: string }) => ({ code: c.code, naam: c.naam });

/**
 * Exports Woonmix's records as VERA-WRV documents for the association's letting platform or ERP:
 * what it decided in a period (Toewijzingen, Aanbiedingen, Sancties, Reclamaties) or its stock and
 * waiting list as they stand (Eenheden, Publicaties, Kandidaten, Puntenberekeningen, Relaties).
 * Every document is checked against the specification before it leaves: one that does not follow it
 * is a defect here, reported as such, never sent. The export is recorded in the audit trail (who,
 * what, which period, how many, which file), in the same transaction as the read.
 */
@Injectable()
export class VeraExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly validators: VeraValidators,
  ) {}

  async export(resource: VeraResource, from: string | undefined, to: string | undefined, actor: Actor, path?: string): Promise<VeraExport> {
    const period = PERIOD_RESOURCES.includes(resource);
    if (period) {
      if (!from) throw DomainError.invalid([{ field: 'from', reason: `is needed for ${resource}: the first day of the period` }]);
      if (!to) throw DomainError.invalid([{ field: 'to', reason: `is needed for ${resource}: the last day of the period` }]);
      if (to < from) throw DomainError.invalid([{ field: 'to', reason: 'must not be before from' }]);
      const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
      if (days > MAX_EXPORT_DAYS)
        throw DomainError.invalid([{ field: 'to', reason: `the period may hold at most ${MAX_EXPORT_DAYS} days; export longer ones in parts` }]);
    } else if (from || to) {
      throw DomainError.invalid([{ field: from ? 'from' : 'to', reason: `${resource} is exported as it stands today: give no period` }]);
    }
    const target = path === undefined ? null : await this.exportFile(path);
    const schema = VERA_SCHEMA[resource];
    const validator = this.validators.get();
    // one snapshot for the documents; the audit record after it, in a transaction of its own (a
    // snapshot taken before the audit trail's lock would not see events written meanwhile)
    const documents = await this.dataSource.transaction('REPEATABLE READ', (m) => this.documents(m, resource, from ?? '', to ?? ''));
    const problems = documents.flatMap((d, i) => validator.validate(schema, d, `/${i}`));
    if (problems.length > 0) {
      const first = problems[0];
      throw new Error(
        `VERA export of ${resource} broke the specification (${problems.length} problem(s); first at ${first.pointer}: ${first.reason}, ${first.rule})`,
      );
    }
    const text = JSON.stringify(documents);
    const place = target ? await this.writeAside(target, text, path!) : null;
    try {
      await this.dataSource.transaction(async (m) => {
        await this.audit.append(
          m,
          actor,
          'DATA_EXPORTED',
          { format: 'VERA-WRV', resource },
          { ...(period ? { from, to } : {}), count: documents.length, schema, specificationVersion: validator.version, path: path ?? null },
        );
        // the file takes its name only when it is recorded: link() never replaces an existing file
        if (place) await this.putInPlace(place, path!);
      });
    } finally {
      if (place) await rm(place.temporary, { force: true });
    }
    return { resource, schema, specificationVersion: validator.version, count: documents.length, documents: text, path: path ?? null };
  }

  /** A new file's place inside the import directory (IMPORT_DIR), also after following links; its folder must exist. */
  private async exportFile(path: string): Promise<{ base: string; folder: string; file: string }> {
    let base: string;
    try {
      base = await realpath(this.config.importDir);
    } catch {
      throw DomainError.invalid([{ field: 'path', reason: 'files are not available: the import directory (IMPORT_DIR) does not exist' }]);
    }
    const outside = DomainError.invalid([{ field: 'path', reason: 'must name a file inside the import directory (IMPORT_DIR), also after following links' }]);
    if (!path.endsWith('.json')) throw DomainError.invalid([{ field: 'path', reason: 'must end in .json' }]);
    const wanted = resolve(base, path);
    if (!isInsideDirectory(base, wanted)) throw outside;
    let folder: string;
    try {
      folder = await realpath(dirname(wanted));
    } catch {
      throw DomainError.invalid([{ field: 'path', reason: `its folder does not exist (${path})` }]);
    }
    if (folder !== base && !isInsideDirectory(base, folder)) throw outside;
    return { base, folder, file: join(folder, basename(wanted)) };
  }

  /**
   * The documents in a new file beside the target, readable by the service's user only (they hold
   * personal data); named into place after the export is recorded (putInPlace).
   */
  private async writeAside(target: { base: string; folder: string; file: string }, text: string, path: string) {
    const temporary = join(target.folder, `.${basename(target.file)}.${randomUUID()}.part`);
    try {
      await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    } catch (e) {
      await rm(temporary, { force: true });
      throw DomainError.invalid([{ field: 'path', reason: `cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'}; ${path})` }]);
    }
    return { ...target, temporary };
  }

  /** Names the written file: its folder checked again (a folder swapped for a link meanwhile is refused), never over an existing file. */
  private async putInPlace(place: { base: string; folder: string; file: string; temporary: string }, path: string): Promise<void> {
    const outside = DomainError.invalid([{ field: 'path', reason: 'must name a file inside the import directory (IMPORT_DIR), also after following links' }]);
    const folderNow = await realpath(place.folder).catch(() => null);
    if (folderNow !== place.folder || (folderNow !== place.base && !isInsideDirectory(place.base, folderNow))) throw outside;
    try {
      await link(place.temporary, place.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw DomainError.invalid([
        { field: 'path', reason: code === 'EEXIST' ? `exists already (${path}); choose another name` : `cannot be written (${code ?? 'error'})` },
      ]);
    }
  }

  private async documents(m: EntityManager, resource: VeraResource, from: string, to: string): Promise<VeraDocument[]> {
    switch (resource) {
      case VeraResource.TOEWIJZINGEN:
        return (await this.allocations(m, from, to)).map(toewijzingOf);
      case VeraResource.AANBIEDINGEN:
        return (await this.offers(m, from, to)).map(aanbiedingOf);
      case VeraResource.SANCTIES:
        return this.sanctions(m, from, to);
      case VeraResource.RECLAMATIES:
        return this.objections(m, from, to);
      case VeraResource.EENHEDEN:
        return this.dwellings(m);
      case VeraResource.PUBLICATIES:
        return this.vacancies(m);
      case VeraResource.KANDIDATEN:
        return this.respondents(m);
      case VeraResource.PUNTENBEREKENINGEN:
        return (
          (await m.query(`SELECT reference, ranking_points FROM household WHERE ranking_points IS NOT NULL ORDER BY reference`)) as {
            reference: string;
            ranking_points: number;
          }[]
        ).map((r) => puntenberekeningOf(r.reference, r.ranking_points));
      case VeraResource.RELATIES:
        return (await this.households(m)).flatMap(relatiesOf);
    }
  }

  private async dwellings(m: EntityManager): Promise<VeraDocument[]> {
    const places: { id: number; complex_code: string; complex_name: string; buurt_code: string; buurt_name: string }[] = await m.query(
      `SELECT d.id, c.code AS complex_code, c.name AS complex_name, n.buurt_code, n.name AS buurt_name
         FROM dwelling d JOIN complex c ON c.id = d.complex_id JOIN neighbourhood n ON n.id = c.neighbourhood_id`,
    );
    const placeOf = new Map(places.map((p) => [p.id, p]));
    const rows = await m.find(DwellingEntity, { order: { code: 'ASC' } });
    return rows.map((d) => {
      const p = placeOf.get(d.id)!;
      return eenheidOf({
        code: d.code,
        complexCode: p.complex_code,
        complexName: p.complex_name,
        buurtCode: p.buurt_code,
        buurtName: p.buurt_name,
        address: d.address,
        postcode: d.postcode,
        rooms: d.rooms,
        floorAreaM2: d.floorAreaM2,
        netRentCents: d.netRentCents,
        serviceCostsCents: d.serviceCostsCents,
        isDaeb: d.isDaeb,
        accessibility: d.accessibility,
        labels: d.labels,
      });
    });
  }

  /** Vacancies in progress (open, proposed, offered), with their publication's window when there is one. */
  private async vacancies(m: EntityManager): Promise<VeraDocument[]> {
    const rows: {
      reference: string;
      code: string;
      available_from: string;
      route: string;
      label_fallback_active: boolean;
      local_ties_priority: boolean;
      opens_on: string | null;
      closes_on: string | null;
    }[] = await m.query(
      `SELECT v.reference, d.code, to_char(v.available_from, 'YYYY-MM-DD') AS available_from, v.route, v.label_fallback_active, v.local_ties_priority,
              to_char(p.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on
         FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
        WHERE v.status IN ('OPEN', 'PROPOSED', 'OFFERED') ORDER BY v.reference`,
    );
    return rows.map((r) =>
      publicatieOf({
        reference: r.reference,
        dwellingCode: r.code,
        availableFrom: r.available_from,
        route: r.route as never,
        labelFallbackActive: r.label_fallback_active,
        localTiesPriority: r.local_ties_priority,
        // begindatum: the first day begins; einddatum: the advert stops being visible, as the day after the last begins
        publishedFrom: r.opens_on ? dutchDayStart(r.opens_on) : null,
        publishedUntil: r.closes_on ? dutchDayStart(nextDay(r.closes_on)) : null,
      }),
    );
  }

  private async respondents(m: EntityManager): Promise<VeraDocument[]> {
    const rows: { reference: string; code: string; household: string; platform_position: number | null }[] = await m.query(
      `SELECT v.reference, d.code, h.reference AS household, r.platform_position
         FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id JOIN household h ON h.id = r.household_id
        WHERE v.status IN ('OPEN', 'PROPOSED', 'OFFERED') ORDER BY v.reference, h.reference`,
    );
    return rows.map((r) =>
      kandidaatOf({ vacancyReference: r.reference, dwellingCode: r.code, householdReference: r.household, platformPosition: r.platform_position }),
    );
  }

  private async households(m: EntityManager): Promise<HouseholdRow[]> {
    const rows = await m.find(HouseholdEntity, { relations: { members: true }, order: { reference: 'ASC' } });
    return rows.map((h) => ({
      reference: h.reference,
      members: [...h.members].sort((a, b) => a.position - b.position).map((x) => ({ role: x.role, birthDate: x.birthDate })),
      taxableIncomeCents: h.taxableIncomeCents,
      incomeYear: h.incomeYear,
      incomeSource: h.incomeSource,
      box3AssetsCents: h.box3AssetsCents,
      rankingPoints: h.rankingPoints,
      registrationDate: h.registrationDate,
      urgencyCategory: h.urgencyCategory,
      urgencyGranted: h.urgencyGranted,
      urgencyExpires: h.urgencyExpires,
      supportNeeds: h.supportNeeds,
      localTiesMunicipalityCode: h.localTiesMunicipalityCode,
      localTiesYears: h.localTiesYears,
      indicationKind: h.indicationKind,
      indicationAccessibility: h.indicationAccessibility,
      preferences: h.preferences,
      onWaitingList: h.onWaitingList,
    }));
  }

  /**
   * Sancties imposed in the period: the kind as the association maps it (table vera_sanction_kind),
   * the state (a lifted sanction is withdrawn), the period, on the household's registration. The
   * reason in words stays in Woonmix (it may name circumstances).
   */
  private async sanctions(m: EntityManager, from: string, to: string): Promise<VeraDocument[]> {
    const rows: {
      id: number;
      vera_code: string;
      state: keyof typeof SANCTION_STATE_TO_VERA;
      from_date: string;
      until_date: string | null;
      reference: string;
    }[] = await m.query(
      `SELECT s.id, k.vera_code, s.state, to_char(s.from_date, 'YYYY-MM-DD') AS from_date, to_char(s.until_date, 'YYYY-MM-DD') AS until_date, h.reference
           FROM sanction s JOIN vera_sanction_kind k ON k.kind = s.kind JOIN household h ON h.id = s.household_id
          WHERE s.from_date BETWEEN $1 AND $2 ORDER BY s.id`,
      [from, to],
    );
    return rows.map((r) => ({
      id: String(r.id),
      soort: referentie(SANCTIESOORT[r.vera_code]),
      status: referentie(SANCTION_STATE_TO_VERA[r.state]),
      begindatum: r.from_date,
      ...(r.until_date ? { einddatum: r.until_date } : {}),
      inschrijving: { soort: referentie(OVEREENKOMSTSOORT_INSCHRIJVING), code: r.reference },
    }));
  }

  /**
   * Reclamaties filed in the period: each objection to a letting as a bezwaar, its state, filed and
   * decided on, by the household. The grounds and the decision's reasons stay in Woonmix (free text).
   */
  private async objections(m: EntityManager, from: string, to: string): Promise<VeraDocument[]> {
    const rows: { id: number; state: keyof typeof OBJECTION_STATE_TO_VERA; filed_on: string; decided_on: string | null; reference: string }[] = await m.query(
      `SELECT o.id, o.state, to_char(o.filed_on, 'YYYY-MM-DD') AS filed_on, to_char(o.decided_on, 'YYYY-MM-DD') AS decided_on, h.reference
         FROM objection o JOIN household h ON h.id = o.household_id WHERE o.filed_on BETWEEN $1 AND $2 ORDER BY o.id`,
      [from, to],
    );
    return rows.map((r) => {
      const status = OBJECTION_STATE_TO_VERA[r.state];
      return {
        id: String(r.id),
        soort: referentie(RECLAMATIESOORT_BEZWAAR),
        ...(status ? { status: referentie(status) } : {}),
        begindatum: r.filed_on,
        ...(r.decided_on ? { einddatum: r.decided_on } : {}),
        relatie: { soort: referentie(RELATIESOORT.GRO), code: r.reference },
        ...(status ? {} : { 'extra-attributen': [{ naam: 'woonmix.status', waarde: r.state }] }),
      };
    });
  }

  private async allocations(m: EntityManager, from: string, to: string): Promise<AllocationFacts[]> {
    const rows = (await m.query(
      `SELECT a.id, to_char(a.allocation_date, 'YYYY-MM-DD') AS allocation_date, v.reference AS vacancy_reference, d.code AS dwelling_code,
              h.reference AS household_reference, (SELECT count(*) FROM household_member hm WHERE hm.household_id = h.id)::int AS household_size,
              (SELECT array_agg(hm.role ORDER BY hm.position) FROM household_member hm WHERE hm.household_id = h.id) AS member_roles,
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
      member_roles: AllocationFacts['memberRoles'];
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
      memberRoles: r.member_roles,
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
        WHERE (o.created_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date
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
