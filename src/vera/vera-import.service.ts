import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { sha256Hex } from '../engine/audit/hash-chain.js';
import { type LettingModel, advertisingRefusal, publicationTransition } from '../engine/letting/publication.js';
import type { ImportProblem } from '../imports/graphql/import.type.js';
import type { ComplexRow, DwellingRow, VacancyRow } from '../imports/import-rows.js';
import { type MappedDataset, ImportsService, MAX_IMPORT_ROWS } from '../imports/imports.service.js';
import { VeraImportInput, VeraImportProblem, VeraImportResult, VeraResource } from './graphql/vera.type.js';
import { VERA_SCHEMA } from './vera-schemas.js';
import {
  type DeliveredHouseholdOrigin,
  type MappingProblem,
  dayOf,
  fromEenheid,
  fromPublicatie,
  householdsFromRelaties,
  keyOf,
  lastDayBefore,
  pointsOf,
} from './vera-stock.mapping.js';
import type { VeraDocument } from './vera-export.mapping.js';
import { VeraValidators } from './vera-validators.js';

/** The longest sender key kept (table vera_record_key). */
const MAX_ID_EXTERN = 200;
/** Ranking points and positions are whole numbers Woonmix stores in 32 bits. */
const MAX_INT = 2 ** 31 - 1;

/** Where a Woonmix field of a mapped row came from in its VERA document (to name the place of a row error). */
const POINTER_OF_FIELD: Record<string, Record<string, string>> = {
  complexes: { code: '/clusters/0/code', name: '/clusters/0/naam', buurtCode: '/adres/buurt/code' },
  dwellings: {
    code: '/code',
    complexCode: '/clusters/0/code',
    address: '/adres',
    postcode: '/adres/postcode',
    rooms: '/kamersAantal',
    floorAreaM2: '/oppervlakten',
    netRentCents: '/prijscomponenten',
    serviceCostsCents: '/prijscomponenten',
    accessibility: '/toegankelijkheidslabel',
    labels: '/extra-attributen',
  },
  households: {
    reference: '/code',
    members: '/relaties',
    taxableIncomeCents: '/relaties',
    incomeYear: '/relaties',
    incomeSource: '/extra-attributen',
    registrationDate: '/extra-attributen',
    box3AssetsCents: '/extra-attributen',
    urgencyCategory: '/extra-attributen',
    urgencyGranted: '/extra-attributen',
    urgencyExpires: '/extra-attributen',
    supportNeeds: '/extra-attributen',
    localTiesMunicipalityCode: '/extra-attributen',
    localTiesYears: '/extra-attributen',
    indicationKind: '/extra-attributen',
    indicationAccessibility: '/extra-attributen',
    preferences: '/extra-attributen',
    onWaitingList: '/extra-attributen',
  },
  vacancies: {
    reference: '/code',
    dwellingCode: '/eenheden/0',
    availableFrom: '/opleverdatum',
    route: '/model',
    labelFallbackActive: '/extra-attributen',
    localTiesPriority: '/extra-attributen',
  },
};

/** A dwelling as stored, with its vacancy when a proposal or an offer is out on it ("VAC-1 is OFFERED"). */
interface StoredDwelling {
  code: string;
  labels: string[];
  rooms: number;
  floor_area_m2: number;
  net_rent_cents: number;
  service_costs_cents: number;
  is_daeb: boolean;
  accessibility: string;
  held: string | null;
}

/** The facts of a dwelling a delivery changes, in words (what the eligibility rules read). */
function changedFacts(before: StoredDwelling, after: DwellingRow): string[] {
  const labels = (l: readonly string[]) => [...l].sort().join(';');
  return (
    [
      ['net rent', before.net_rent_cents !== after.netRentCents],
      ['service costs', before.service_costs_cents !== (after.serviceCostsCents ?? 0)],
      ['rooms', before.rooms !== after.rooms],
      ['floor area', before.floor_area_m2 !== after.floorAreaM2],
      ['DAEB label', before.is_daeb !== after.isDaeb],
      ['accessibility', before.accessibility !== after.accessibility],
      ['labels', labels(before.labels) !== labels(after.labels ?? [])],
    ] as const
  ).flatMap(([what, differs]) => (differs ? [what] : []));
}

/** The Woonmix record a document of a resource becomes, and its key column. */
const RECORD_KEY_COLUMN: Partial<Record<VeraResource, { table: string; column: string }>> = {
  [VeraResource.EENHEDEN]: { table: 'dwelling', column: 'code' },
  [VeraResource.PUBLICATIES]: { table: 'vacancy', column: 'reference' },
  [VeraResource.RELATIES]: { table: 'household', column: 'reference' },
};

/** One delivery being imported: its documents with their keys, what the audit trail records, the problems found so far. */
interface Delivery {
  keyed: Keyed[];
  input: VeraImportInput;
  actor: Actor;
  source: Record<string, unknown>;
  problems: VeraImportProblem[];
  /** The keys Woonmix gave this sender's documents before, by idExtern (read once per delivery). */
  storedKeys: Map<string, string>;
  result: (errors: VeraImportProblem[], written: boolean) => VeraImportResult;
}

interface Keyed {
  index: number;
  doc: VeraDocument;
  key: string;
}

/**
 * Imports VERA-WRV documents (issue 19): each document is validated against the specification's
 * component schema (Ajv over WRV.yaml, src/vera/vera-validator.ts), then mapped onto Woonmix's rows,
 * then written all or nothing through the same validation as every other import (ImportsService),
 * or, for respondents and points, in one transaction of its own. A record delivered before under the
 * same sender and idExtern is updated, not added again (table vera_record_key).
 */
@Injectable()
export class VeraImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportsService,
    private readonly validators: VeraValidators,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(input: VeraImportInput, actor: Actor): Promise<VeraImportResult> {
    const text = await this.imports.readContent(input);
    const documents = parseDocuments(text, input.path !== undefined);
    const validator = this.validators.get();
    const schema = VERA_SCHEMA[input.resource];
    const result = (errors: VeraImportProblem[], written: boolean, notes: VeraImportProblem[] = []): VeraImportResult => ({
      ok: errors.length === 0,
      written,
      resource: input.resource,
      schema,
      specificationVersion: validator.version,
      documents: documents.length,
      errors: sortProblems(errors),
      notes,
    });
    // first the specification: a document that breaks it is not mapped at all
    const specProblems = documents.flatMap((doc, i) =>
      validator.validate(schema, doc).map((p) => ({ document: i + 1, pointer: p.pointer, rule: p.rule, reason: p.reason })),
    );
    if (specProblems.length > 0) return result(specProblems, false);
    const source = { format: 'VERA-WRV', resource: input.resource, sender: input.sender, path: input.path ?? null, contentHash: sha256Hex(text) };

    const keyed: Keyed[] = [];
    const problems: VeraImportProblem[] = [];
    const storedKeys = await this.storedKeys(input.resource, input.sender, documents);
    documents.forEach((doc, index) => {
      const idExtern = typeof doc.idExtern === 'string' && doc.idExtern !== '' ? doc.idExtern : undefined;
      // a respondent or a points calculation is not a record of its own in Woonmix: a key is kept when given
      const recordless = input.resource === VeraResource.KANDIDATEN || input.resource === VeraResource.PUNTENBEREKENINGEN;
      const key = (idExtern && storedKeys.get(idExtern)) ?? keyOf(doc) ?? (recordless ? `#${index + 1}` : undefined);
      if (idExtern !== undefined && idExtern.length > MAX_ID_EXTERN)
        problems.push({ document: index + 1, pointer: '/idExtern', rule: null, reason: `is longer than ${MAX_ID_EXTERN} characters` });
      else if (key === undefined)
        problems.push({
          document: index + 1,
          pointer: '/idExtern',
          rule: null,
          reason: 'is missing, and so is code: Woonmix needs a key to update the record later',
        });
      else keyed.push({ index, doc, key });
    });

    switch (input.resource) {
      case VeraResource.EENHEDEN:
      case VeraResource.PUBLICATIES:
      case VeraResource.RELATIES: {
        const mapped = await this.mapRows(input.resource, input.sender, keyed, documents, problems);
        await this.refuseKeysOfOthers(input.resource, keyed, mapped.recorded, storedKeys, problems);
        const answer = await this.imports.importMapped(
          mapped.dataset,
          problems.length > 0 ? [{ section: 'vera', line: 0, field: 'document', reason: 'has problems' }] : [],
          {
            updateExisting: true,
            dryRun: input.dryRun,
            actor,
            source,
            afterWrite: async (m) => {
              // the keys of the documents that became records (a member of a household is not one)
              await this.recordKeys(
                m,
                input.resource,
                input.sender,
                keyed.filter((k) => mapped.recorded.has(k.index)),
              );
              return mapped.windows.length > 0 ? this.writePublicationWindows(m, mapped.windows, actor) : [];
            },
          },
        );
        const rowProblems = answer.errors
          .filter((e) => !(e.section === 'vera' && e.line === 0))
          .map((e) =>
            e.section === 'vera' ? { document: e.line, pointer: e.field, rule: null, reason: e.reason } : toVeraProblem(e, mapped.origin, mapped.households),
          );
        return result([...problems, ...rowProblems], answer.written, mapped.notes);
      }
      case VeraResource.KANDIDATEN:
        return this.importRespondents({ keyed, input, actor, source, problems, storedKeys, result });
      case VeraResource.PUNTENBEREKENINGEN:
        return this.importPoints({ keyed, input, actor, source, problems, storedKeys, result });
      default:
        throw DomainError.invalid([{ field: 'resource', reason: `${input.resource} is written by Woonmix, not read` }]);
    }
  }

  /**
   * A document without a code that this sender has not delivered before is named by its idExtern
   * alone. That key is the sender's own numbering, not Woonmix's: when a record of that key exists
   * already (another sender's, or Woonmix's own), taking it would overwrite that record, so the
   * document is refused and asked for its code.
   */
  private async refuseKeysOfOthers(
    resource: VeraResource,
    keyed: Keyed[],
    recorded: ReadonlySet<number>,
    storedKeys: ReadonlyMap<string, string>,
    problems: VeraImportProblem[],
  ): Promise<void> {
    const named = keyed.filter(
      (k) =>
        recorded.has(k.index) &&
        !(typeof k.doc.code === 'string' && k.doc.code !== '') &&
        typeof k.doc.idExtern === 'string' &&
        !storedKeys.has(k.doc.idExtern),
    );
    if (named.length === 0) return;
    const record = RECORD_KEY_COLUMN[resource];
    if (!record) return;
    const taken: { key: string }[] = await this.dataSource.query(`SELECT ${record.column} AS key FROM ${record.table} WHERE ${record.column} = ANY($1)`, [
      named.map((k) => k.key),
    ]);
    const existing = new Set(taken.map((t) => t.key));
    for (const k of named.filter((n) => existing.has(n.key)))
      problems.push({
        document: k.index + 1,
        pointer: '/idExtern',
        rule: null,
        reason: `has no code, and this sender has not delivered ${k.key} before: a record ${k.key} exists in Woonmix already (another sender's or Woonmix's own); send its code to update it`,
      });
  }

  /** Keys Woonmix gave the sender's records of this resource before, by idExtern. */
  private async storedKeys(
    resource: VeraResource,
    sender: string,
    documents: VeraDocument[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const ids = documents.flatMap((d) => (typeof d.idExtern === 'string' && d.idExtern !== '' ? [d.idExtern] : []));
    if (ids.length === 0) return new Map();
    const rows: { id_extern: string; woonmix_key: string }[] = await m.query(
      `SELECT id_extern, woonmix_key FROM vera_record_key WHERE resource = $1 AND sender = $2 AND id_extern = ANY($3)`,
      [resource, sender, ids],
    );
    return new Map(rows.map((r) => [r.id_extern, r.woonmix_key]));
  }

  /** A reference to a record of another resource (a unit, a household): by the sender's idExtern when known, else by code. */
  private async resolver(resource: VeraResource, sender: string, refs: unknown[]): Promise<(ref: unknown) => string | undefined> {
    const known = await this.storedKeys(
      resource,
      sender,
      refs.filter((r): r is VeraDocument => typeof r === 'object' && r !== null),
    );
    return (ref) => {
      if (typeof ref !== 'object' || ref === null) return undefined;
      const r = ref as VeraDocument;
      if (typeof r.idExtern === 'string' && known.has(r.idExtern)) return known.get(r.idExtern);
      return typeof r.code === 'string' && r.code !== '' ? r.code : undefined;
    };
  }

  private async recordKeys(m: EntityManager, resource: VeraResource, sender: string, keyed: Keyed[]): Promise<void> {
    const rows = keyed.filter((k) => typeof k.doc.idExtern === 'string' && k.doc.idExtern !== '');
    if (rows.length === 0) return;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    await m.query(
      `INSERT INTO vera_record_key (resource, sender, id_extern, woonmix_key, sender_id, id_organisatie, id_administratie)
       SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (resource, sender, id_extern) DO UPDATE
         SET woonmix_key = excluded.woonmix_key, sender_id = excluded.sender_id, id_organisatie = excluded.id_organisatie,
             id_administratie = excluded.id_administratie, last_seen = now()`,
      [
        resource,
        sender,
        rows.map((r) => r.doc.idExtern as string),
        rows.map((r) => r.key),
        rows.map((r) => text(r.doc.id)),
        rows.map((r) => text(r.doc.idOrganisatie)),
        rows.map((r) => text(r.doc.idAdministratie)),
      ],
    );
  }

  /** Eenheden, Publicaties and Relaties as rows of the regular import, and where each row came from. */
  private async mapRows(resource: VeraResource, sender: string, keyed: Keyed[], documents: VeraDocument[], problems: VeraImportProblem[]) {
    const dataset: MappedDataset = {};
    const origin: Record<string, number[]> = { complexes: [], dwellings: [], households: [], vacancies: [] };
    const notes: VeraImportProblem[] = [];
    const windows: { reference: string; from: string; until: string; document: number }[] = [];
    let households: DeliveredHouseholdOrigin[] = [];
    const report = (index: number, list: MappingProblem[], into = problems) => {
      for (const p of list) into.push({ document: index + 1, pointer: p.pointer, rule: null, reason: p.reason });
    };
    if (resource === VeraResource.EENHEDEN) {
      // a complex Woonmix has stays as it is (its name and buurt are Woonmix's); a new cluster becomes a complex
      const clusterCodes = keyed.flatMap((k) => (Array.isArray(k.doc.clusters) && typeof k.doc.clusters[0]?.code === 'string' ? [k.doc.clusters[0].code] : []));
      const stored: { code: string; buurt_code: string }[] = await this.dataSource.query(
        `SELECT c.code, n.buurt_code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = ANY($1)`,
        [[...new Set(clusterCodes)]],
      );
      const storedBuurt = new Map(stored.map((c) => [c.code, c.buurt_code]));
      const storedDwellings: StoredDwelling[] = await this.dataSource.query(
        `SELECT d.code, d.labels, d.rooms, d.floor_area_m2, d.net_rent_cents, d.service_costs_cents, d.is_daeb, d.accessibility,
                (SELECT v.reference || ' is ' || v.status FROM vacancy v WHERE v.dwelling_id = d.id AND v.status IN ('PROPOSED', 'OFFERED')) AS held
           FROM dwelling d WHERE d.code = ANY($1)`,
        [keyed.map((k) => k.key)],
      );
      const storedDwelling = new Map(storedDwellings.map((d) => [d.code, d]));
      const complexes = new Map<string, { row: ComplexRow; index: number; named: boolean }>();
      const dwellings: DwellingRow[] = [];
      for (const { index, doc, key } of keyed) {
        const before = storedDwelling.get(key);
        const mapped = fromEenheid(doc, key, before?.labels);
        report(index, mapped.problems);
        report(index, mapped.notes, notes);
        if (!mapped.dwelling || !mapped.complex) continue;
        // the facts change as updateDwelling changes them; the officer is told a proposal or offer was made on the old ones
        const changed = before?.held ? changedFacts(before, mapped.dwelling) : [];
        if (changed.length > 0)
          notes.push({
            document: index + 1,
            pointer: '/code',
            rule: null,
            reason: `changes the ${changed.join(', ')} of ${key} while its vacancy ${before!.held}: that was made on the facts before this delivery`,
          });
        const { code, buurtCode } = mapped.complex;
        const named = mapped.complex.name !== code;
        const inWoonmix = storedBuurt.get(code);
        const seen = complexes.get(code);
        if (inWoonmix !== undefined) {
          if (inWoonmix !== buurtCode)
            notes.push({
              document: index + 1,
              pointer: '/adres/buurt/code',
              rule: null,
              reason: `names buurt ${buurtCode}; complex ${code} lies in ${inWoonmix} in Woonmix and stays there (its composition is steered there)`,
            });
        } else if (seen && seen.row.buurtCode !== buurtCode) {
          problems.push({
            document: index + 1,
            pointer: '/adres/buurt/code',
            rule: null,
            reason: `places cluster ${code} in buurt ${buurtCode}, document ${seen.index + 1} in ${seen.row.buurtCode}: a new complex lies in one buurt`,
          });
        } else if (!seen) {
          complexes.set(code, { row: mapped.complex, index, named });
          origin.complexes.push(index);
        } else if (!seen.named && named) {
          // the first document to name the cluster names the complex
          seen.row = mapped.complex;
          seen.named = true;
        }
        dwellings.push(mapped.dwelling);
        origin.dwellings.push(index);
      }
      dataset.complexes = [...complexes.values()].map((c) => c.row);
      dataset.dwellings = dwellings;
    } else if (resource === VeraResource.PUBLICATIES) {
      const dwellingKeyOf = await this.resolver(
        VeraResource.EENHEDEN,
        sender,
        keyed.flatMap((k) => (Array.isArray(k.doc.eenheden) ? k.doc.eenheden : [])),
      );
      const vacancies: VacancyRow[] = [];
      for (const { index, doc, key } of keyed) {
        const mapped = fromPublicatie(doc, key, dwellingKeyOf);
        report(index, mapped.problems);
        if (!mapped.vacancy) continue;
        vacancies.push(mapped.vacancy);
        origin.vacancies.push(index);
        if (mapped.window?.from && mapped.window.until)
          windows.push({ reference: key, from: dayOf(mapped.window.from), until: lastDayBefore(mapped.window.until), document: index + 1 });
      }
      dataset.vacancies = vacancies;
    } else {
      // a group and its members travel together: the whole delivery is read at once
      const read = householdsFromRelaties(documents, this.clock.today());
      households = read.households;
      for (const p of read.problems) problems.push({ document: p.index + 1, pointer: p.pointer, rule: null, reason: p.reason });
      const keyByIndex = new Map(keyed.map((k) => [k.index, k.key]));
      const rows = households.map(({ index, row }) => ({ index, row: { ...row, reference: keyByIndex.get(index) ?? row.reference } }));
      // points come from Puntenberekeningen (rankingPoints left out: a household delivered again keeps its points)
      dataset.households = rows.map(({ row }) => row);
      origin.households = rows.map((r) => r.index);
    }
    const recorded = new Set(Object.entries(origin).flatMap(([section, list]) => (section === 'complexes' ? [] : list)));
    return { dataset, origin, notes, windows, recorded, households };
  }

  /**
   * A Publicatie's window (begindatum to einddatum) as the vacancy's publication (table
   * vacancy_publication): made as publishVacancy makes it (the engine's publication rules), or moved
   * while it is still PUBLISHED; a window that was closed or listed is not rewritten by a delivery.
   */
  private async writePublicationWindows(
    m: EntityManager,
    windows: { reference: string; from: string; until: string; document: number }[],
    actor: Actor,
  ): Promise<ImportProblem[]> {
    const problems: ImportProblem[] = [];
    const rows: { id: number; reference: string; route: string; state: string | null; opens_on: string | null; closes_on: string | null }[] = await m.query(
      `SELECT v.id, v.reference, v.route, p.state, to_char(p.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on
         FROM vacancy v LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id WHERE v.reference = ANY($1) ORDER BY v.id FOR UPDATE OF v`,
      [windows.map((w) => w.reference)],
    );
    const byReference = new Map(rows.map((r) => [r.reference, r]));
    const today = this.clock.today();
    for (const w of windows) {
      const v = byReference.get(w.reference)!;
      const refuse = (reason: string, pointer = '/begindatum') => problems.push({ section: 'vera', line: w.document, field: pointer, reason });
      // the rules publishVacancy keeps (src/engine/letting/publication.ts): no advert for a direct allocation, none closing in the past
      const refusal = advertisingRefusal(v.route as LettingModel, w.until, today);
      if (refusal?.field === 'model') {
        refuse(`${v.reference} ${refusal.reason}: deliver it without begindatum and einddatum`, '/model');
        continue;
      }
      if (refusal && (v.state === null || v.closes_on !== w.until)) {
        refuse(`(the last day ${w.until}) ${refusal.reason}`, '/einddatum');
        continue;
      }
      if (v.state === null) {
        const step = publicationTransition(
          { state: 'DRAFT', model: null, opensAt: null, closesAt: null },
          { type: 'PUBLISH', model: v.route as never, opensAt: w.from, closesAt: w.until },
          'en',
        );
        if (!step.ok) {
          refuse(`cannot be published: ${step.reason}`);
          continue;
        }
        await m.query(`INSERT INTO vacancy_publication (vacancy_id, opens_on, closes_on, state, published_by) VALUES ($1, $2, $3, $4, $5)`, [
          v.id,
          w.from,
          w.until,
          step.state,
          actor.subject,
        ]);
        await this.audit.append(m, actor, 'VACANCY_PUBLISHED', { vacancyId: v.id }, { model: v.route, opensOn: w.from, closesOn: w.until, source: 'VERA-WRV' });
      } else if (v.opens_on !== w.from || v.closes_on !== w.until) {
        if (v.state !== 'PUBLISHED') refuse(`the publication is ${v.state} already: its window (${v.opens_on} to ${v.closes_on}) stays as it was`);
        // the rule publishVacancy's window follows (src/engine/letting/publication.ts): it opens before it closes
        else if (!(w.from < w.until)) refuse(`the window must open before it closes (${w.from} to ${w.until})`);
        else {
          await m.query(`UPDATE vacancy_publication SET opens_on = $2, closes_on = $3 WHERE vacancy_id = $1`, [v.id, w.from, w.until]);
          await this.audit.append(
            m,
            actor,
            'VACANCY_PUBLISHED',
            { vacancyId: v.id },
            { model: v.route, opensOn: w.from, closesOn: w.until, movedFrom: { opensOn: v.opens_on, closesOn: v.closes_on }, source: 'VERA-WRV' },
          );
        }
      }
    }
    return problems;
  }

  /** Kandidaten: each household responds to the vacancy in progress of the unit it names, with the platform's position. */
  private async importRespondents({ keyed, input, actor, source, problems, storedKeys, result }: Delivery): Promise<VeraImportResult> {
    const dwellingKeyOf = await this.resolver(
      VeraResource.EENHEDEN,
      input.sender,
      keyed.map((k) => k.doc.eenheid),
    );
    const householdKeyOf = await this.resolver(
      VeraResource.RELATIES,
      input.sender,
      keyed.map((k) => k.doc.relatie),
    );
    const wanted = keyed.map((k) => ({
      ...k,
      idExtern: typeof k.doc.idExtern === 'string' ? k.doc.idExtern : undefined,
      dwelling: dwellingKeyOf(k.doc.eenheid),
      household: householdKeyOf(k.doc.relatie),
    }));
    let written = false;
    await this.dataSource.transaction(async (m) => {
      const vacancies: { code: string; vacancy_id: number; reference: string; status: string; publication: string | null }[] = await m.query(
        `SELECT d.code, v.id AS vacancy_id, v.reference, v.status, p.state AS publication
           FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
          WHERE d.code = ANY($1) AND v.status IN ('OPEN', 'PROPOSED', 'OFFERED') ORDER BY v.id FOR UPDATE OF v`,
        [wanted.flatMap((w) => (w.dwelling ? [w.dwelling] : []))],
      );
      const households: { reference: string; id: number; on_waiting_list: boolean }[] = await m.query(
        `SELECT reference, id, on_waiting_list FROM household WHERE reference = ANY($1)`,
        [wanted.flatMap((w) => (w.household ? [w.household] : []))],
      );
      const vacancyOf = new Map(vacancies.map((v) => [v.code, v]));
      const householdOf = new Map(households.map((h) => [h.reference, h]));
      const seen = new Map<string, number>();
      const rows: { vacancyId: number; householdId: number; position: number | null }[] = [];
      for (const w of wanted) {
        const at = (pointer: string, reason: string) => problems.push({ document: w.index + 1, pointer, rule: null, reason });
        const vacancy = w.dwelling ? vacancyOf.get(w.dwelling) : undefined;
        const household = w.household ? householdOf.get(w.household) : undefined;
        if (!w.dwelling) at('/eenheid', 'names no unit (code or idExtern)');
        else if (!vacancy) at('/eenheid', `has no vacancy in progress in Woonmix (${w.dwelling}): deliver its Publicatie first`);
        else if (vacancy.status !== 'OPEN')
          at('/eenheid', `its vacancy ${vacancy.reference} is ${vacancy.status} already: respondents are added while it is OPEN`);
        // the candidate list is made from the respondents when the window closes: none join after
        else if (vacancy.publication !== null && vacancy.publication !== 'PUBLISHED')
          at('/eenheid', `the publication of ${vacancy.reference} is ${vacancy.publication}: respondents are added while it is published`);
        if (typeof w.doc.positie === 'number' && (w.doc.positie < 0 || w.doc.positie > MAX_INT)) at('/positie', `must be from 0 to ${MAX_INT}`);
        if (!w.household) at('/relatie', 'names no household (code or idExtern)');
        else if (!household) at('/relatie', `is not a known household (${w.household}): deliver its Relaties first`);
        else if (!household.on_waiting_list) at('/relatie', `${w.household} is not on the waiting list: only households on it respond`);
        if (!vacancy || !household) continue;
        const pair = `${vacancy.vacancy_id}:${household.id}`;
        if (seen.has(pair)) at('', `responds twice to ${vacancy.reference} in this delivery (also document ${seen.get(pair)})`);
        seen.set(pair, w.index + 1);
        rows.push({ vacancyId: vacancy.vacancy_id, householdId: household.id, position: typeof w.doc.positie === 'number' ? w.doc.positie : null });
        // the key of a respondent is its vacancy and household: delivered again for another pair, the old response goes
        w.key = `${vacancy.reference}/${w.household}`;
      }
      const moves = wanted.flatMap((w) => {
        const before = w.idExtern ? storedKeys.get(w.idExtern) : undefined;
        return before && before !== w.key ? [{ w, before }] : [];
      });
      const moved = moves.map((move) => move.before);
      // a response leaves its vacancy only while a respondent could still join it: once the list is
      // made (or the vacancy is taken further), the candidate list holds it and it stays
      const leaving: { key: string; reference: string; status: string; publication: string | null }[] = moved.length
        ? await m.query(
            `SELECT v.reference || '/' || h.reference AS key, v.reference, v.status, p.state AS publication
               FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN household h ON h.id = r.household_id
               LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
              WHERE (v.reference || '/' || h.reference) = ANY($1)`,
            [moved],
          )
        : [];
      const leavingByKey = new Map(leaving.map((l) => [l.key, l]));
      for (const { w, before } of moves) {
        const from = leavingByKey.get(before);
        if (!from) continue;
        const held = from.status !== 'OPEN' ? from.status : from.publication !== null && from.publication !== 'PUBLISHED' ? from.publication : null;
        if (held)
          problems.push({
            document: w.index + 1,
            pointer: '/eenheid',
            rule: null,
            reason: `moves this response away from ${from.reference}, whose ${from.status !== 'OPEN' ? 'vacancy' : 'publication'} is ${held}: the response stays there`,
          });
      }
      if (problems.length > 0 || input.dryRun) return;
      if (moved.length > 0)
        await m.query(
          `DELETE FROM vacancy_response r USING vacancy v, household h
            WHERE r.vacancy_id = v.id AND r.household_id = h.id AND v.status = 'OPEN' AND (v.reference || '/' || h.reference) = ANY($1)`,
          [moved],
        );
      await m.query(
        `INSERT INTO vacancy_response (vacancy_id, household_id, platform_position)
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[])
         ON CONFLICT (vacancy_id, household_id) DO UPDATE SET platform_position = excluded.platform_position`,
        [rows.map((r) => r.vacancyId), rows.map((r) => r.householdId), rows.map((r) => r.position)],
      );
      await this.recordKeys(m, input.resource, input.sender, wanted);
      await this.audit.append(m, actor, 'DATA_IMPORTED', { kind: 'VERA' }, { ...source, rows: [{ section: 'respondents', rows: rows.length }] });
      written = true;
    });
    return result(problems, written);
  }

  /** Puntenberekeningen: a household's ranking points (start, situation and search points together) on its registration. */
  private async importPoints({ keyed, input, actor, source, problems, result }: Delivery): Promise<VeraImportResult> {
    let written = false;
    await this.dataSource.transaction(async (m) => {
      const wanted = keyed.map((k) => {
        const inschrijving = k.doc.inschrijving as VeraDocument | undefined;
        // the registration's code is the household reference; its idExtern is the sender's numbering of the registration, not of the household
        const code = inschrijving && typeof inschrijving.code === 'string' && inschrijving.code !== '' ? inschrijving.code : undefined;
        return { ...k, household: code, ...pointsOf(k.doc) };
      });
      const stored: { reference: string; id: number }[] = await m.query(`SELECT reference, id FROM household WHERE reference = ANY($1) FOR UPDATE`, [
        wanted.flatMap((w) => (w.household ? [w.household] : [])),
      ]);
      const idOf = new Map(stored.map((s) => [s.reference, s.id]));
      const seen = new Map<string, number>();
      const rows: { id: number; points: number }[] = [];
      for (const w of wanted) {
        const at = (pointer: string, reason: string) => problems.push({ document: w.index + 1, pointer, rule: null, reason });
        for (const p of w.problems) at(p.pointer, p.reason);
        if (!w.household) at('/inschrijving/code', 'is missing: the registration’s code is the household reference');
        else if (!idOf.has(w.household)) at('/inschrijving/code', `is not a known household (${w.household})`);
        else if (seen.has(w.household)) at('/inschrijving/code', `${w.household} has another calculation in this delivery (document ${seen.get(w.household)})`);
        if (w.household) seen.set(w.household, w.index + 1);
        if (w.points !== undefined && w.points > MAX_INT) at('/zoekpunten', `the points add up to ${w.points}: at most ${MAX_INT}`);
        else if (w.points !== undefined && w.household && idOf.has(w.household)) {
          rows.push({ id: idOf.get(w.household)!, points: w.points });
          // the key of a calculation is the household whose points it sets
          w.key = w.household;
        }
      }
      if (problems.length > 0 || input.dryRun) return;
      // only rows whose points change: every write of a household row is a new facts version
      // (migrations/1764000000026-household-version-own-writes.ts), which empties its cached facts
      await m.query(
        `UPDATE household h SET ranking_points = u.points FROM unnest($1::int[], $2::int[]) AS u(id, points)
          WHERE h.id = u.id AND h.ranking_points IS DISTINCT FROM u.points`,
        [rows.map((r) => r.id), rows.map((r) => r.points)],
      );
      await this.recordKeys(m, input.resource, input.sender, wanted);
      await this.audit.append(m, actor, 'DATA_IMPORTED', { kind: 'VERA' }, { ...source, rows: [{ section: 'rankingPoints', rows: rows.length }] });
      written = true;
    });
    return result(problems, written);
  }
}

/** A delivery: a JSON array of documents (as a VERA list answers), or one document. */
function parseDocuments(text: string, fromFile: boolean): VeraDocument[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([
      { field: fromFile ? 'path' : 'content', reason: fromFile ? 'is not a valid JSON file' : `is not valid JSON (${(e as Error).message})` },
    ]);
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw DomainError.invalid([{ field: 'content', reason: 'has no documents to import' }]);
  if (list.length > MAX_IMPORT_ROWS)
    throw DomainError.invalid([{ field: 'content', reason: `has ${list.length} documents; at most ${MAX_IMPORT_ROWS} per import` }]);
  const notObject = list.findIndex((d) => typeof d !== 'object' || d === null || Array.isArray(d));
  if (notObject >= 0) throw DomainError.invalid([{ field: 'content', reason: `document ${notObject + 1} is not a JSON object` }]);
  return list as VeraDocument[];
}

/** Where a member's field came from in its person document. */
const POINTER_OF_MEMBER_FIELD: Record<string, string> = { birthDate: '/geboortedatum', role: '/rollen' };

/**
 * A row error of the regular import, placed in the VERA document the row came from: a member's field
 * in that person's document, the income in the one person document it came from (when one).
 */
function toVeraProblem(e: ImportProblem, origin: Record<string, number[]>, households: DeliveredHouseholdOrigin[]): VeraImportProblem {
  const index = origin[e.section]?.[e.line - 1];
  const [field, member, memberField] = e.field.split('.');
  const reason = `${e.field} ${e.reason}`;
  const household = e.section === 'households' ? households[e.line - 1] : undefined;
  if (household && field === 'members' && household.memberDocuments[Number(member)] !== undefined)
    return { document: household.memberDocuments[Number(member)] + 1, pointer: POINTER_OF_MEMBER_FIELD[memberField] ?? '', rule: null, reason };
  if (household && (field === 'taxableIncomeCents' || field === 'incomeYear') && household.incomeDocuments.length === 1)
    return { document: household.incomeDocuments[0] + 1, pointer: '/inkomens', rule: null, reason };
  return { document: index === undefined ? 0 : index + 1, pointer: POINTER_OF_FIELD[e.section]?.[field] ?? '', rule: null, reason };
}

function sortProblems(problems: VeraImportProblem[]): VeraImportProblem[] {
  return [...problems].sort((a, b) => a.document - b.document || a.pointer.localeCompare(b.pointer));
}
