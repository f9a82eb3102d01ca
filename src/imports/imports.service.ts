import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type Actor } from '../auth/roles.js';
import { canonicalJson, sha256Hex } from '../engine/audit/hash-chain.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInsideDirectory } from '../common/paths.js';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, FieldProblem } from '../common/domain-error.js';
import { flattenValidationErrors } from '../common/validation.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { withDwellingDefaults } from '../dwellings/dwellings.service.js';
import { householdConsistencyProblems } from '../households/household-consistency.js';
import { HouseholdEntity, HouseholdMemberEntity } from '../households/household.entity.js';
import { toHouseholdRow } from '../households/household.mapper.js';
import { memberRows } from '../households/households.service.js';
import { NeighbourhoodEntity, NeighbourhoodReadingEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { IndicatorKind, observationCountProblems, observationShapeProblems } from '../engine/resilience/observation-rules.js';
import { TenancyPeriod, describePeriod, overlaps } from '../tenancies/tenancy-overlap.js';
import { TenancyEntity } from '../tenancies/tenancy.entity.js';
import { ACTIVE_VACANCY_STATUSES } from '../vacancies/vacancies.service.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';
import { CSV_COLUMNS, OPTIONAL_CSV_COLUMNS, OPTIONAL_CSV_COLUMNS_OF, convertCsvRecord } from './csv-columns.js';
import { ImportDataset } from './import-rows.js';
import { ImportFormat, ImportInput, ImportKind, ImportProblem, ImportResult, MAX_INLINE_IMPORT_CHARS } from './graphql/import.type.js';
import {
  ComplexImportRow,
  DwellingImportRow,
  HouseholdImportRow,
  NeighbourhoodImportRow,
  NeighbourhoodReadingImportRow,
  OutcomeObservationImportRow,
  TenancyImportRow,
  VacancyImportRow,
} from './import-row.validators.js';

export const SECTIONS = ['neighbourhoods', 'complexes', 'dwellings', 'households', 'tenancies', 'vacancies', 'readings', 'observations'] as const;
export type Section = (typeof SECTIONS)[number];

const ROW_CLASSES = {
  neighbourhoods: NeighbourhoodImportRow,
  complexes: ComplexImportRow,
  dwellings: DwellingImportRow,
  households: HouseholdImportRow,
  tenancies: TenancyImportRow,
  vacancies: VacancyImportRow,
  readings: NeighbourhoodReadingImportRow,
  observations: OutcomeObservationImportRow,
} as const;

const KIND_SECTION: Record<Exclude<ImportKind, ImportKind.DATASET>, Section> = {
  [ImportKind.NEIGHBOURHOODS]: 'neighbourhoods',
  [ImportKind.COMPLEXES]: 'complexes',
  [ImportKind.DWELLINGS]: 'dwellings',
  [ImportKind.HOUSEHOLDS]: 'households',
  [ImportKind.TENANCIES]: 'tenancies',
  [ImportKind.VACANCIES]: 'vacancies',
  [ImportKind.NEIGHBOURHOOD_READINGS]: 'readings',
  [ImportKind.OUTCOME_OBSERVATIONS]: 'observations',
};

/** Most rows accepted in one import: larger sets are split by the caller. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows per batch of a batched import (importDatasetInBatches): each batch is validated like one import. */
export const IMPORT_BATCH_ROWS = 20_000;

/** How far a batched import has come, after each batch written. */
export interface ImportProgress {
  section: Section;
  /** Rows of this section written so far, and its total. */
  sectionDone: number;
  sectionTotal: number;
  /** Rows of every section written so far, and the import's total. */
  done: number;
  total: number;
  elapsedMs: number;
}
const INSERT_CHUNK = 1000;

interface ParsedRow {
  line: number;
  value: Record<string, unknown>;
  /** Not a row object at all (reported); kept so the line counts. */
  invalid?: boolean;
  /** CSV cells that failed conversion (reported); their fields are left out of validation. */
  failedFields?: Set<string>;
}

/** The business key of each section: rows of this import may refer to it. */
const KEY_FIELD: Record<Section, string | null> = {
  neighbourhoods: 'buurtCode',
  complexes: 'code',
  dwellings: 'code',
  households: 'reference',
  tenancies: null,
  vacancies: 'reference',
  readings: null,
  observations: null,
};

/**
 * How rows whose business key is already stored are taken: refused (the file imports, default) or
 * updated in place (the VERA-WRV import, issue 19: a second delivery of the same records updates
 * them). Only complexes, dwellings, households and vacancies are updated. A vacancy is locked and
 * changed only while it is OPEN (a proposal, offer or decision is never rewritten by an import); it
 * keeps its respondents, and its route and dwelling once households responded or its publication
 * closed. A household keeps the optional facts the row leaves out (givenHouseholdFields).
 */
export interface ImportWriteOptions {
  updateExisting?: boolean;
  /**
   * Runs inside the import's transaction after its rows are written: writes what the rows do not hold.
   * Problems it returns undo the whole import; on a dry run it runs too, and the import then rolls back.
   */
  afterWrite?: (m: EntityManager) => Promise<ImportProblem[]>;
}

/**
 * Rows mapped from another format, section by section: the import's row shapes (import-rows.ts), where a
 * household may leave out what a stored one keeps (update mode); each row is validated as a file's is.
 */
export type MappedDataset = { [S in Section]?: object[] };

/** The business keys of this import that are stored already (update mode). */
type StoredKeys = { complexes: Set<string>; dwellings: Set<string>; households: Set<string>; vacancies: Set<string> };

type ValidRows = {
  neighbourhoods: { line: number; row: NeighbourhoodImportRow }[];
  complexes: { line: number; row: ComplexImportRow }[];
  dwellings: { line: number; row: DwellingImportRow }[];
  households: { line: number; row: HouseholdImportRow }[];
  tenancies: { line: number; row: TenancyImportRow }[];
  vacancies: { line: number; row: VacancyImportRow }[];
  readings: { line: number; row: NeighbourhoodReadingImportRow }[];
  observations: { line: number; row: OutcomeObservationImportRow }[];
};

/**
 * Bulk import, all or nothing: every row is parsed and validated (types, ranges, references to
 * existing or same-file records, uniqueness) before anything is written, and the writes run in one
 * transaction. The answer lists every bad row with its line, field and reason.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async import(input: ImportInput, actor: Actor): Promise<ImportResult> {
    const text = await this.readContent(input);
    const problems: ImportProblem[] = [];
    const parsed = this.parse(input, text, problems);
    return this.validateAndWrite(input.kind, parsed, problems, input.dryRun, actor, {
      format: input.format,
      path: input.path ?? null,
      contentHash: sha256Hex(text),
    });
  }

  /** The demo seeder's entry: same validation and all-or-nothing write as a file import. */
  importDataset(dataset: ImportDataset, beforeWrite?: (m: EntityManager) => Promise<void>, actor: Actor = SYSTEM_ACTOR): Promise<ImportResult> {
    const problems: ImportProblem[] = [];
    const parsed = Object.fromEntries(SECTIONS.map((s) => [s, jsonRows(dataset[s] ?? [], s, problems)])) as Record<Section, ParsedRow[]>;
    return this.validateAndWrite(
      ImportKind.DATASET,
      parsed,
      problems,
      false,
      actor,
      { format: 'JSON', path: null, contentHash: sha256Hex(canonicalJson(dataset)) },
      beforeWrite,
    );
  }

  /**
   * Rows mapped from another format (VERA-WRV documents), validated and written like a file import,
   * all or nothing, with `problems` the mapping already found (nothing is written when there are any).
   * `source` is what the audit trail records of the delivery.
   */
  importMapped(
    dataset: MappedDataset,
    mappingProblems: ImportProblem[],
    options: ImportWriteOptions & {
      dryRun: boolean;
      actor: Actor;
      source: Record<string, unknown> & { format: string; path: string | null; contentHash: string };
    },
  ): Promise<ImportResult> {
    const problems: ImportProblem[] = [...mappingProblems];
    const parsed = Object.fromEntries(SECTIONS.map((s) => [s, jsonRows(dataset[s] ?? [], s, problems)])) as Record<Section, ParsedRow[]>;
    return this.validateAndWrite(ImportKind.DATASET, parsed, problems, options.dryRun, options.actor, options.source, undefined, options);
  }

  /**
   * A dataset larger than one import may hold (MAX_IMPORT_ROWS; the large demo region, issue 18), in
   * batches of `batchRows`, section by section in dependency order: each batch validated and checked
   * like one import (rows of earlier batches are in the database by then, inside the same
   * transaction, so references and uniqueness are checked against them), and still all or nothing:
   * one transaction, so a bad row in the last batch leaves nothing written. The answer names bad rows
   * by their line in the whole section; it stops at the first batch with bad rows (listing all of
   * that batch's). `onProgress` hears after each batch written.
   */
  async importDatasetInBatches(
    dataset: ImportDataset,
    options: { beforeWrite?: (m: EntityManager) => Promise<void>; onProgress?: (p: ImportProgress) => void; batchRows?: number; actor?: Actor } = {},
  ): Promise<ImportResult> {
    const { beforeWrite, onProgress, batchRows = IMPORT_BATCH_ROWS, actor = SYSTEM_ACTOR } = options;
    if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > MAX_IMPORT_ROWS)
      throw DomainError.invalid([{ field: 'batchRows', reason: `must be a whole number from 1 to ${MAX_IMPORT_ROWS}` }]);
    const problems: ImportProblem[] = [];
    const totals = SECTIONS.map((section) => ({ section, rows: (dataset[section] ?? []).length })).filter((r) => r.rows > 0);
    const total = totals.reduce((n, r) => n + r.rows, 0);
    const started = Date.now();
    let written = false;
    let done = 0;
    let batches = 0;
    await this.dataSource
      .transaction(async (m) => {
        if (beforeWrite) await beforeWrite(m);
        for (const { section, rows } of totals) {
          const all: unknown[] = dataset[section]!;
          for (let first = 0; first < rows; first += batchRows) {
            const parsed = Object.fromEntries(SECTIONS.map((s) => [s, [] as ParsedRow[]])) as Record<Section, ParsedRow[]>;
            parsed[section] = jsonRows(all.slice(first, first + batchRows), section, problems, first + 1);
            const { valid, invalidKeys } = this.validateRows(parsed, problems);
            await this.checkReferences(m, valid, invalidKeys, problems);
            if (problems.length > 0) throw new BatchRefused();
            await writeRows(m, valid, actor);
            batches += 1;
            done += parsed[section].length;
            onProgress?.({ section, sectionDone: Math.min(first + batchRows, rows), sectionTotal: rows, done, total, elapsedMs: Date.now() - started });
          }
        }
        await this.audit.append(
          m,
          actor,
          'DATA_IMPORTED',
          { kind: ImportKind.DATASET },
          { format: 'JSON', path: null, contentHash: sha256Hex(canonicalJson(dataset)), rows: totals, batches, replacedExisting: beforeWrite !== undefined },
        );
        written = true;
      })
      .catch((e: unknown) => {
        if (!(e instanceof BatchRefused)) throw e;
      });
    if (written) await this.refreshPlannerStatistics();
    return { ok: problems.length === 0, written, kind: ImportKind.DATASET, rows: totals, errors: sortProblems(problems) };
  }

  private async validateAndWrite(
    kind: ImportKind,
    parsed: Record<Section, ParsedRow[]>,
    problems: ImportProblem[],
    dryRun: boolean,
    actor: Actor,
    source: Record<string, unknown> & { format: string; path: string | null; contentHash: string },
    beforeWrite?: (m: EntityManager) => Promise<void>,
    options: ImportWriteOptions = {},
  ): Promise<ImportResult> {
    const { valid, invalidKeys } = this.validateRows(parsed, problems);
    const rows = SECTIONS.filter((s) => parsed[s].length > 0).map((section) => ({ section, rows: parsed[section].length }));
    const result = (written: boolean): ImportResult => ({ ok: problems.length === 0, written, kind, rows, errors: sortProblems(problems) });
    let written = false;
    // references and uniqueness are checked even when some rows are bad, so the answer lists every bad row
    await this.dataSource
      .transaction(async (m) => {
        if (beforeWrite) await beforeWrite(m);
        const stored = await this.checkReferences(m, valid, invalidKeys, problems, options.updateExisting === true);
        // a dry run with writes after the rows (afterWrite) goes all the way and rolls back, so it finds what they find
        if (problems.length > 0 || (dryRun && !options.afterWrite)) return;
        await writeRows(m, valid, actor, stored);
        const late = (await options.afterWrite?.(m)) ?? [];
        problems.push(...late);
        if (late.length > 0 || dryRun) throw new BatchRefused();
        // the rows are not copied into the log (personal data); their hash identifies what was imported
        await this.audit.append(
          m,
          actor,
          'DATA_IMPORTED',
          { kind },
          { ...source, rows, replacedExisting: beforeWrite !== undefined, ...(options.updateExisting ? { updated: countStored(stored) } : {}) },
        );
        written = true;
      })
      .catch((e: unknown) => {
        if (!(e instanceof BatchRefused)) throw e;
      });
    if (written) await this.refreshPlannerStatistics();
    return result(written);
  }

  /**
   * The query planner's statistics of the tables an import fills. The embedded database has no
   * autovacuum, so without this it plans every later query as if the tables were empty (nested loops
   * over 2,000 respondents: 5.2 ms against 3.6 ms for their facts versions, scripts/bench.ts data);
   * on a PostgreSQL server it saves waiting for autovacuum after a large import. The data is committed
   * by now: a failure here only costs speed, so it is logged, not thrown.
   */
  private async refreshPlannerStatistics(): Promise<void> {
    try {
      await this.dataSource.query(`ANALYZE ${IMPORTED_TABLES.join(', ')}`);
    } catch (e) {
      this.logger.warn(`planner statistics not refreshed after an import: ${(e as Error).message}`);
    }
  }

  /** The text to import: given inline, or read from a file inside the import directory (IMPORT_DIR), never outside it. */
  async readContent(input: Pick<ImportInput, 'content' | 'path'>): Promise<string> {
    if ((input.content === undefined) === (input.path === undefined)) {
      throw DomainError.invalid([{ field: 'content', reason: 'give exactly one of content or path' }]);
    }
    if (input.content !== undefined) return input.content;
    // resolve links first: a symlink inside the directory may point anywhere (imports/up -> /)
    let base: string;
    let full: string;
    try {
      base = await realpath(this.config.importDir);
    } catch {
      throw DomainError.invalid([{ field: 'path', reason: 'imports by path are not available: the import directory (IMPORT_DIR) does not exist' }]);
    }
    // messages name the path as given, never an absolute path of the server, and say nothing of files outside
    const outside = DomainError.invalid([{ field: 'path', reason: 'must name a file inside the import directory (IMPORT_DIR), also after following links' }]);
    const inside = (path: string) => isInsideDirectory(base, path);
    if (!inside(resolve(base, input.path!))) throw outside;
    try {
      full = await realpath(resolve(base, input.path!));
    } catch (e) {
      throw DomainError.invalid([{ field: 'path', reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
    }
    if (!inside(full)) throw outside;
    try {
      const info = await stat(full);
      if (!info.isFile()) throw DomainError.invalid([{ field: 'path', reason: `is not a file (${input.path})` }]);
      if (info.size > MAX_INLINE_IMPORT_CHARS * 2)
        throw DomainError.invalid([{ field: 'path', reason: `file is larger than ${MAX_INLINE_IMPORT_CHARS * 2} bytes; split it` }]);
      return await readFile(full, 'utf8');
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw DomainError.invalid([{ field: 'path', reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
    }
  }

  private parse(input: ImportInput, text: string, problems: ImportProblem[]): Record<Section, ParsedRow[]> {
    const out = Object.fromEntries(SECTIONS.map((s) => [s, [] as ParsedRow[]])) as Record<Section, ParsedRow[]>;
    if (input.kind === ImportKind.DATASET) {
      if (input.format !== ImportFormat.JSON) throw DomainError.invalid([{ field: 'format', reason: 'must be JSON for a DATASET import' }]);
      const data = parseJson(text, input.path !== undefined);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw DomainError.invalid([{ field: 'content', reason: `must be a JSON object with arrays ${SECTIONS.join(', ')}` }]);
      }
      const unknown = Object.keys(data).filter((k) => !(SECTIONS as readonly string[]).includes(k));
      if (unknown.length) throw DomainError.invalid([{ field: 'content', reason: `has unknown sections ${unknown.join(', ')}` }]);
      for (const section of SECTIONS) out[section] = jsonRows((data as Record<string, unknown>)[section] ?? [], section, problems);
    } else {
      const section = KIND_SECTION[input.kind];
      out[section] =
        input.format === ImportFormat.JSON ? jsonRows(parseJson(text, input.path !== undefined), section, problems) : csvRows(text, section, problems);
    }
    const total = SECTIONS.reduce((n, s) => n + out[s].length, 0);
    if (total > MAX_IMPORT_ROWS) throw DomainError.invalid([{ field: 'content', reason: `has ${total} rows; at most ${MAX_IMPORT_ROWS} per import` }]);
    // an empty file (or a header alone) is a mistake, not an import of nothing
    if (total === 0 && problems.length === 0) throw DomainError.invalid([{ field: 'content', reason: 'has no rows to import' }]);
    return out;
  }

  private validateRows(parsed: Record<Section, ParsedRow[]>, problems: ImportProblem[]): { valid: ValidRows; invalidKeys: Record<Section, Set<string>> } {
    const today = this.clock.today();
    const valid = Object.fromEntries(SECTIONS.map((s) => [s, []])) as unknown as ValidRows;
    const invalidKeys = Object.fromEntries(SECTIONS.map((s) => [s, new Set<string>()])) as Record<Section, Set<string>>;
    const rememberKey = (section: Section, value: Record<string, unknown>) => {
      const key = KEY_FIELD[section] ? value[KEY_FIELD[section]!] : undefined;
      if (typeof key === 'string') invalidKeys[section].add(key);
    };
    for (const section of SECTIONS) {
      for (const { line, value, invalid, failedFields } of parsed[section]) {
        if (invalid) {
          rememberKey(section, value);
          continue;
        }
        const row = plainToInstance(ROW_CLASSES[section] as new () => object, value);
        const fieldProblems = flattenValidationErrors(validateSync(row, { whitelist: true, forbidNonWhitelisted: true })).filter(
          (p) => !failedFields?.has(p.field.split('.')[0]),
        );
        if (section === 'households' && fieldProblems.length === 0) fieldProblems.push(...householdConsistencyProblems(row as HouseholdImportRow, today));
        if (section === 'readings' && fieldProblems.length === 0) {
          const r = row as NeighbourhoodReadingImportRow;
          if (r.resilienceClass == null && r.leefbaarometerClass == null && r.nuisanceClass == null)
            fieldProblems.push({ field: 'resilienceClass', reason: 'a reading needs at least one of resilienceClass, leefbaarometerClass, nuisanceClass' });
        }
        if (section === 'tenancies' && fieldProblems.length === 0) {
          const t = row as TenancyImportRow;
          if (t.endDate && t.endDate < t.startDate) fieldProblems.push({ field: 'endDate', reason: `must not be before startDate (${t.startDate})` });
          if (t.endReason && !t.endDate) fieldProblems.push({ field: 'endReason', reason: 'is for a tenancy that ended: give endDate too' });
        }
        if (section === 'observations' && fieldProblems.length === 0) fieldProblems.push(...observationShapeProblems(row as OutcomeObservationImportRow));
        for (const p of fieldProblems) problems.push({ section, line, ...p });
        if (fieldProblems.length === 0 && !failedFields?.size) (valid[section] as { line: number; row: object }[]).push({ line, row });
        else rememberKey(section, value);
      }
    }
    return { valid, invalidKeys };
  }

  /** Uniqueness and references, against the database and the rows of this same import. */
  private async checkReferences(
    m: EntityManager,
    v: ValidRows,
    invalidKeys: Record<Section, Set<string>>,
    problems: ImportProblem[],
    updateExisting = false,
  ): Promise<StoredKeys> {
    const storedKeys: StoredKeys = { complexes: new Set(), dwellings: new Set(), households: new Set(), vacancies: new Set() };
    // in update mode a stored key is an update, not a duplicate; twice in one import is still refused
    const refusedIfStored = (section: keyof StoredKeys, keys: Set<string>, own: string[]) => {
      if (!updateExisting) return keys;
      for (const key of own) if (keys.has(key)) storedKeys[section].add(key);
      return new Set<string>();
    };
    const report = (section: Section, line: number, p: FieldProblem) => problems.push({ section, line, ...p });

    const buurtCodes = await existingKeys(m, NeighbourhoodEntity, 'buurtCode', [
      ...v.neighbourhoods.map((r) => r.row.buurtCode),
      ...v.complexes.map((r) => r.row.buurtCode),
      ...v.readings.map((r) => r.row.buurtCode),
      ...v.observations.flatMap((r) => (r.row.buurtCode ? [r.row.buurtCode] : [])),
    ]);
    checkUnique(
      v.neighbourhoods,
      (r) => r.buurtCode,
      buurtCodes,
      'buurtCode',
      (l, p) => report('neighbourhoods', l, p),
    );
    const knownBuurten = new Set([...buurtCodes, ...v.neighbourhoods.map((r) => r.row.buurtCode), ...invalidKeys.neighbourhoods]);
    for (const { line, row } of v.complexes) {
      if (!knownBuurten.has(row.buurtCode)) report('complexes', line, { field: 'buurtCode', reason: `is not a known neighbourhood (${row.buurtCode})` });
    }
    await checkReadings(m, v.readings, knownBuurten, (l, p) => report('readings', l, p));
    await checkObservations(m, v.observations, knownBuurten, new Set([...v.complexes.map((r) => r.row.code), ...invalidKeys.complexes]), (l, p) =>
      report('observations', l, p),
    );

    const complexCodes = await existingKeys(m, ComplexEntity, 'code', [...v.complexes.map((r) => r.row.code), ...v.dwellings.map((r) => r.row.complexCode)]);
    checkUnique(
      v.complexes,
      (r) => r.code,
      refusedIfStored(
        'complexes',
        complexCodes,
        v.complexes.map((r) => r.row.code),
      ),
      'code',
      (l, p) => report('complexes', l, p),
    );
    const knownComplexes = new Set([...complexCodes, ...v.complexes.map((r) => r.row.code), ...invalidKeys.complexes]);
    for (const { line, row } of v.dwellings) {
      if (!knownComplexes.has(row.complexCode)) report('dwellings', line, { field: 'complexCode', reason: `is not a known complex (${row.complexCode})` });
    }

    const dwellingCodes = await existingKeys(m, DwellingEntity, 'code', [
      ...v.dwellings.map((r) => r.row.code),
      ...v.tenancies.map((r) => r.row.dwellingCode),
      ...v.vacancies.map((r) => r.row.dwellingCode),
    ]);
    checkUnique(
      v.dwellings,
      (r) => r.code,
      refusedIfStored(
        'dwellings',
        dwellingCodes,
        v.dwellings.map((r) => r.row.code),
      ),
      'code',
      (l, p) => report('dwellings', l, p),
    );
    const knownDwellings = new Set([...dwellingCodes, ...v.dwellings.map((r) => r.row.code), ...invalidKeys.dwellings]);

    const householdRefs = await existingKeys(m, HouseholdEntity, 'reference', [
      ...v.households.map((r) => r.row.reference),
      ...v.tenancies.map((r) => r.row.householdReference),
      ...v.vacancies.flatMap((r) => r.row.respondents),
    ]);
    checkUnique(
      v.households,
      (r) => r.reference,
      refusedIfStored(
        'households',
        householdRefs,
        v.households.map((r) => r.row.reference),
      ),
      'reference',
      (l, p) => report('households', l, p),
    );
    const knownHouseholds = new Set([...householdRefs, ...v.households.map((r) => r.row.reference), ...invalidKeys.households]);

    const endReasons = new Set(
      v.tenancies.some((t) => t.row.endReason) ? ((await m.query(`SELECT code FROM tenancy_end_reason`)) as { code: string }[]).map((r) => r.code) : [],
    );
    for (const { line, row } of v.tenancies) {
      if (row.endReason && !endReasons.has(row.endReason))
        report('tenancies', line, { field: 'endReason', reason: `is not a tenancy end reason (${row.endReason}; see tenancyEndReasons)` });
      if (!knownDwellings.has(row.dwellingCode)) report('tenancies', line, { field: 'dwellingCode', reason: `is not a known dwelling (${row.dwellingCode})` });
      if (!knownHouseholds.has(row.householdReference))
        report('tenancies', line, { field: 'householdReference', reason: `is not a known household (${row.householdReference})` });
    }
    // periods of one dwelling, and of one household, may not overlap (stored ones and this file's)
    const stored: { dwelling_code: string; reference: string; start_date: string; end_date: string | null }[] = v.tenancies.length
      ? await m.query(
          `SELECT d.code AS dwelling_code, h.reference, t.start_date, t.end_date FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
           JOIN household h ON h.id = t.household_id WHERE d.code = ANY($1) OR h.reference = ANY($2)`,
          [v.tenancies.map((r) => r.row.dwellingCode), v.tenancies.map((r) => r.row.householdReference)],
        )
      : [];
    for (const [field, keyOfRow, keyOfStored] of [
      ['dwellingCode', (r: TenancyImportRow) => r.dwellingCode, (t: (typeof stored)[number]) => t.dwelling_code],
      ['householdReference', (r: TenancyImportRow) => r.householdReference, (t: (typeof stored)[number]) => t.reference],
    ] as const) {
      const periods = new Map<string, TenancyPeriod[]>();
      const add = (key: string, p: TenancyPeriod) => periods.set(key, [...(periods.get(key) ?? []), p]);
      for (const t of stored) add(keyOfStored(t), { start: t.start_date, end: t.end_date, line: null });
      for (const { line, row } of v.tenancies) add(keyOfRow(row), { start: row.startDate, end: row.endDate ?? null, line });
      for (const [key, list] of periods) {
        for (const o of overlaps(list)) report('tenancies', o.line, { field, reason: `overlaps another tenancy of ${key} (${describePeriod(o.other)})` });
      }
    }

    const vacancyRefs = await existingKeys(
      m,
      VacancyEntity,
      'reference',
      v.vacancies.map((r) => r.row.reference),
    );
    checkUnique(
      v.vacancies,
      (r) => r.reference,
      refusedIfStored(
        'vacancies',
        vacancyRefs,
        v.vacancies.map((r) => r.row.reference),
      ),
      'reference',
      (l, p) => report('vacancies', l, p),
    );
    // stored vacancies updated in place are locked until the import ends: a proposal cannot take one between this check and the update
    const storedVacancies: { id: number; code: string; reference: string; status: string; route: string; publication: string | null; respondents: number }[] =
      storedKeys.vacancies.size > 0
        ? await m.query(
            `SELECT v.id, d.code, v.reference, v.status, v.route, p.state AS publication,
                    (SELECT count(*)::int FROM vacancy_response r WHERE r.vacancy_id = v.id) AS respondents
               FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
              WHERE v.reference = ANY($1) ORDER BY v.id FOR UPDATE OF v`,
            [[...storedKeys.vacancies]],
          )
        : [];
    const activeVacancies: { code: string; reference: string }[] = v.vacancies.length
      ? await m.query(`SELECT d.code, v.reference FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id WHERE v.status = ANY($2) AND d.code = ANY($1)`, [
          v.vacancies.map((r) => r.row.dwellingCode),
          [...ACTIVE_VACANCY_STATUSES],
        ])
      : [];
    // a vacancy updated in place does not stand in its own way
    const dwellingInProgress = new Set(activeVacancies.filter((r) => !storedKeys.vacancies.has(r.reference)).map((r) => r.code));
    const storedVacancy = new Map(storedVacancies.map((r) => [r.reference, r]));
    for (const { line, row } of v.vacancies) {
      const before = storedVacancy.get(row.reference);
      if (!before) continue;
      if (before.status !== 'OPEN')
        report('vacancies', line, {
          field: 'reference',
          reason: `is ${before.status} already; an import changes a vacancy only while it is OPEN (${row.reference})`,
        });
      // households responded to this dwelling by this route, or its list is being made: neither changes under them
      else if (
        (before.route !== row.route || before.code !== row.dwellingCode) &&
        (before.respondents > 0 || (before.publication ?? 'PUBLISHED') !== 'PUBLISHED')
      )
        report('vacancies', line, {
          field: before.route !== row.route ? 'route' : 'dwellingCode',
          reason: `of ${row.reference} stays ${before.route !== row.route ? before.route : before.code}: it has ${before.respondents} respondent(s)${before.publication ? ` and a ${before.publication} publication` : ''}`,
        });
    }
    // only households on the waiting list respond (as respondToVacancy requires)
    const respondentRefs = [...new Set(v.vacancies.flatMap((r) => r.row.respondents))];
    const offList: { reference: string }[] = respondentRefs.length
      ? await m.query('SELECT reference FROM household WHERE reference = ANY($1) AND NOT on_waiting_list', [respondentRefs])
      : [];
    const notWaiting = new Set([...offList.map((r) => r.reference), ...v.households.filter((r) => r.row.onWaitingList === false).map((r) => r.row.reference)]);
    for (const { line, row } of v.vacancies) {
      const off = row.respondents.filter((ref) => notWaiting.has(ref));
      if (off.length)
        report('vacancies', line, {
          field: 'respondents',
          reason: `contains households not on the waiting list (${off.slice(0, 5).join(', ')}${off.length > 5 ? ', ...' : ''})`,
        });
      if (!knownDwellings.has(row.dwellingCode)) report('vacancies', line, { field: 'dwellingCode', reason: `is not a known dwelling (${row.dwellingCode})` });
      const unknown = row.respondents.filter((ref) => !knownHouseholds.has(ref));
      if (unknown.length)
        report('vacancies', line, {
          field: 'respondents',
          reason: `contains unknown households (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''})`,
        });
      if (new Set(row.respondents).size !== row.respondents.length) report('vacancies', line, { field: 'respondents', reason: 'lists a household twice' });
      if ((ACTIVE_VACANCY_STATUSES as readonly string[]).includes(row.status ?? 'OPEN')) {
        if (dwellingInProgress.has(row.dwellingCode))
          report('vacancies', line, { field: 'dwellingCode', reason: `already has a vacancy in progress (${row.dwellingCode})` });
        dwellingInProgress.add(row.dwellingCode);
      }
    }
    return storedKeys;
  }
}

function countStored(stored: StoredKeys): Record<keyof StoredKeys, number> {
  return { complexes: stored.complexes.size, dwellings: stored.dwellings.size, households: stored.households.size, vacancies: stored.vacancies.size };
}

/** From a file, the parser's message is left out: it quotes the file, which the caller may not be meant to read. */
function parseJson(text: string, fromFile = false): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([
      { field: fromFile ? 'path' : 'content', reason: fromFile ? 'is not a valid JSON file' : `is not valid JSON (${(e as Error).message})` },
    ]);
  }
}

/** A batch of a batched import had bad rows: the transaction rolls back (nothing of the import stays). */
class BatchRefused extends Error {}

function jsonRows(data: unknown, section: Section, problems: ImportProblem[], firstLine = 1): ParsedRow[] {
  if (!Array.isArray(data)) throw DomainError.invalid([{ field: section, reason: 'must be a JSON array of rows' }]);
  return data.map((value, i) => {
    const line = firstLine + i;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { line, value: value as Record<string, unknown> };
    problems.push({ section, line, field: 'row', reason: 'must be a JSON object' });
    return { line, value: {}, invalid: true };
  });
}

/** The header as written; a column named twice would silently lose one of its cells. */
function uniqueHeader(header: string[]): string[] {
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (twice.length) throw new Error(`column ${twice[0]} appears twice in the header`);
  return header;
}

function csvRows(text: string, section: Section, problems: ImportProblem[]): ParsedRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, { columns: uniqueHeader, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: false });
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw DomainError.invalid([{ field: 'content', reason: `is not valid CSV${err.lines ? ` at line ${err.lines}` : ''}: ${err.message}` }]);
  }
  const columns = CSV_COLUMNS[section];
  const header = records.length ? Object.keys(records[0].record) : [];
  const optional = (c: string) => OPTIONAL_CSV_COLUMNS.has(c) || OPTIONAL_CSV_COLUMNS_OF[section]?.has(c) === true;
  const missing = Object.keys(columns).filter((c) => !optional(c) && records.length > 0 && !header.includes(c));
  if (missing.length) throw DomainError.invalid([{ field: 'content', reason: `CSV header lacks required columns: ${missing.join(', ')}` }]);
  return records.flatMap(({ record, info }) => {
    const { row, problems: cellProblems } = convertCsvRecord(record, columns);
    for (const p of cellProblems) problems.push({ section, line: info.lines, ...p });
    return [{ line: info.lines, value: row, failedFields: new Set(cellProblems.map((p) => p.field)) }];
  });
}

async function existingKeys<E extends object>(m: EntityManager, entity: new () => E, key: keyof E & string, candidates: string[]): Promise<Set<string>> {
  return new Set((await byKeys(m, entity, key, candidates)).keys());
}

/**
 * The ids of the rows of an entity whose business key is among `keys`, by key: one query with the
 * keys as one array parameter (= ANY), not TypeORM's In() with a parameter per key, whose bookkeeping
 * grew with the batch (issue 18's large import). Keys are text columns here; the index on each serves.
 */
async function byKeys<E extends object>(m: EntityManager, entity: new () => E, key: keyof E & string, keys: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(keys)];
  const map = new Map<string, number>();
  if (unique.length === 0) return map;
  const meta = m.connection.getMetadata(entity);
  const escape = (name: string) => m.connection.driver.escape(name);
  const column = escape(meta.findColumnWithPropertyName(key)!.databaseName);
  const rows: { id: number; key: string }[] = await m.query(`SELECT id, ${column} AS key FROM ${escape(meta.tableName)} WHERE ${column} = ANY($1::text[])`, [
    unique,
  ]);
  for (const r of rows) map.set(String(r.key), Number(r.id));
  return map;
}

function checkUnique<R>(
  rows: { line: number; row: R }[],
  keyOf: (r: R) => string,
  existing: Set<string>,
  field: string,
  report: (line: number, p: FieldProblem) => void,
) {
  const seen = new Map<string, number>();
  for (const { line, row } of rows) {
    const key = keyOf(row);
    if (existing.has(key)) report(line, { field, reason: `already exists (${key})` });
    else if (seen.has(key)) report(line, { field, reason: `appears twice in this import (also line ${seen.get(key)})` });
    else seen.set(key, line);
  }
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => SECTIONS.indexOf(a.section as Section) - SECTIONS.indexOf(b.section as Section) || a.line - b.line);
}

/**
 * Inserts rows of an entity in chunks, returning the generated ids in the rows' order. One multi-row
 * INSERT per chunk, written from the entity's metadata with the driver's own value preparation
 * (transformers, JSON, arrays), as TypeORM's insert would write it: its query builder spent more time
 * on parameter bookkeeping than the database spent inserting (a third of the large region's import,
 * issue 18). A property no row of a chunk has is left to the column's default, as TypeORM does.
 */
async function insertChunked<T extends object>(m: EntityManager, entity: new () => T, rows: object[]): Promise<number[]> {
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const generatedId = meta.primaryColumns.find((c) => c.isGenerated && c.propertyName === 'id');
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK) as Record<string, unknown>[];
    const columns = meta.columns.filter((c) => !c.isGenerated && c.isInsert && !c.isVirtual && chunk.some((r) => r[c.propertyName] !== undefined));
    const params: unknown[] = [];
    const tuples = chunk.map(
      (r) =>
        `(${columns
          .map((c) => {
            const value = r[c.propertyName];
            if (value === undefined) return 'DEFAULT';
            params.push(driver.preparePersistentValue(value, c));
            return `$${params.length}`;
          })
          .join(', ')})`,
    );
    const sql = `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${tuples.join(', ')}`;
    if (!generatedId) {
      await m.query(sql, params);
      continue;
    }
    const inserted: { id: number }[] = await m.query(`${sql} RETURNING ${driver.escape(generatedId.databaseName)} AS id`, params);
    ids.push(...inserted.map((x) => Number(x.id)));
  }
  return ids;
}

async function idMap<E extends { id: number }>(m: EntityManager, entity: new () => E, key: keyof E & string, keys: string[]): Promise<Map<string, number>> {
  return byKeys(m, entity, key, keys);
}

/** Writes validated rows in dependency order; business keys are resolved to ids as we go. */
/** Tables writeRows fills. */
const IMPORTED_TABLES = [
  'neighbourhood',
  'neighbourhood_reading',
  'outcome_observation',
  'complex',
  'dwelling',
  'household',
  'household_member',
  'tenancy',
  'vacancy',
  'vacancy_response',
];

/** Fields of a household row that may be left out: left out of an update, the stored value stays (as updateHousehold keeps it). */
const OPTIONAL_HOUSEHOLD_FIELDS = new Set([
  'box3AssetsCents',
  'rankingPoints',
  'urgencyCategory',
  'urgencyGranted',
  'urgencyExpires',
  'supportNeeds',
  'localTiesMunicipalityCode',
  'localTiesYears',
  'indicationKind',
  'indicationAccessibility',
  'preferences',
  'onWaitingList',
]);

/** The columns an update of a stored household writes: what the row gives (a sanction's lost urgency or a housed household's place off the list stays unless the delivery says otherwise). */
function givenHouseholdFields(row: HouseholdImportRow): Partial<ReturnType<typeof toHouseholdRow>> {
  return Object.fromEntries(
    Object.entries(toHouseholdRow(row)).filter(
      ([field]) => !OPTIONAL_HOUSEHOLD_FIELDS.has(field) || (row as unknown as Record<string, unknown>)[field] !== undefined,
    ),
  );
}

const NOTHING_STORED: StoredKeys = { complexes: new Set(), dwellings: new Set(), households: new Set(), vacancies: new Set() };

/** Rows of a section split into new ones (inserted) and stored ones (updated in place, update mode). */
function splitStored<R>(rows: { line: number; row: R }[], keyOf: (r: R) => string, stored: Set<string>) {
  return { fresh: rows.filter((r) => !stored.has(keyOf(r.row))), known: rows.filter((r) => stored.has(keyOf(r.row))) };
}

/**
 * Updates stored rows of an entity by business key, one statement per row: updates are the rare case
 * (a second delivery of the same records), so clarity beats a bulk statement here.
 */
async function updateByKey<E extends object>(m: EntityManager, entity: new () => E, key: keyof E & string, rows: { key: string; fields: object }[]) {
  for (const { key: value, fields } of rows) await m.update(entity, { [key]: value } as never, fields as never);
}

async function writeRows(m: EntityManager, v: ValidRows, actor: Actor, stored: StoredKeys = NOTHING_STORED): Promise<void> {
  await insertChunked(
    m,
    NeighbourhoodEntity,
    v.neighbourhoods.map(({ row }) => ({ ...row, resilienceScore: row.resilienceScore ?? null })),
  );

  const buurtIds = await idMap(m, NeighbourhoodEntity, 'buurtCode', [...v.complexes.map((r) => r.row.buurtCode), ...v.readings.map((r) => r.row.buurtCode)]);
  await insertChunked(
    m,
    NeighbourhoodReadingEntity,
    v.readings.map(({ row }) => ({
      neighbourhoodId: buurtIds.get(row.buurtCode)!,
      year: row.year,
      source: row.source,
      resilienceClass: row.resilienceClass ?? null,
      resilienceScore: row.resilienceScore ?? null,
      leefbaarometerClass: row.leefbaarometerClass ?? null,
      leefbaarometerScore: row.leefbaarometerScore ?? null,
      dwellingsClass: row.dwellingsClass ?? null,
      physicalEnvironmentClass: row.physicalEnvironmentClass ?? null,
      amenitiesClass: row.amenitiesClass ?? null,
      socialCohesionClass: row.socialCohesionClass ?? null,
      nuisanceClass: row.nuisanceClass ?? null,
      dwellingStock: row.dwellingStock ?? null,
    })),
  );
  const complexes = splitStored(v.complexes, (r) => r.code, stored.complexes);
  const complexFields = (row: ComplexImportRow) => ({ code: row.code, name: row.name, neighbourhoodId: buurtIds.get(row.buurtCode)! });
  await insertChunked(
    m,
    ComplexEntity,
    complexes.fresh.map(({ row }) => complexFields(row)),
  );
  await updateByKey(
    m,
    ComplexEntity,
    'code',
    complexes.known.map(({ row }) => ({ key: row.code, fields: complexFields(row) })),
  );

  const complexIds = await idMap(
    m,
    ComplexEntity,
    'code',
    v.dwellings.map((r) => r.row.complexCode),
  );
  const dwellingFields = (row: DwellingImportRow) => {
    const { complexCode, ...fields } = row;
    return { ...withDwellingDefaults(fields), complexId: complexIds.get(complexCode)! };
  };
  const dwellings = splitStored(v.dwellings, (r) => r.code, stored.dwellings);
  await insertChunked(
    m,
    DwellingEntity,
    dwellings.fresh.map(({ row }) => dwellingFields(row)),
  );
  await updateByKey(
    m,
    DwellingEntity,
    'code',
    dwellings.known.map(({ row }) => ({ key: row.code, fields: dwellingFields(row) })),
  );

  const households = splitStored(v.households, (r) => r.reference, stored.households);
  const householdIds = await insertChunked(
    m,
    HouseholdEntity,
    households.fresh.map(({ row }) => toHouseholdRow(row)),
  );
  await insertChunked(
    m,
    HouseholdMemberEntity,
    households.fresh.flatMap(({ row }, i) => memberRows(householdIds[i], row.members)),
  );
  // a stored household's members are replaced, as updateHousehold replaces them
  const knownHouseholdIds = await idMap(
    m,
    HouseholdEntity,
    'reference',
    households.known.map((r) => r.row.reference),
  );
  await updateByKey(
    m,
    HouseholdEntity,
    'reference',
    households.known.map(({ row }) => ({ key: row.reference, fields: givenHouseholdFields(row) })),
  );
  if (households.known.length) await m.query(`DELETE FROM household_member WHERE household_id = ANY($1)`, [[...knownHouseholdIds.values()]]);
  await insertChunked(
    m,
    HouseholdMemberEntity,
    households.known.flatMap(({ row }) => memberRows(knownHouseholdIds.get(row.reference)!, row.members)),
  );

  const dwellingIds = await idMap(m, DwellingEntity, 'code', [...v.tenancies.map((r) => r.row.dwellingCode), ...v.vacancies.map((r) => r.row.dwellingCode)]);
  const householdByRef = await idMap(m, HouseholdEntity, 'reference', [
    ...v.tenancies.map((r) => r.row.householdReference),
    ...v.vacancies.flatMap((r) => r.row.respondents),
  ]);
  await insertChunked(
    m,
    TenancyEntity,
    v.tenancies.map(({ row }) => ({
      householdId: householdByRef.get(row.householdReference)!,
      dwellingId: dwellingIds.get(row.dwellingCode)!,
      startDate: row.startDate,
      endDate: row.endDate ?? null,
      allocationRoute: row.allocationRoute ?? null,
      endReason: row.endReason ?? null,
    })),
  );

  const vacancies = splitStored(v.vacancies, (r) => r.reference, stored.vacancies);
  const vacancyFields = (row: VacancyImportRow) => ({
    reference: row.reference,
    dwellingId: dwellingIds.get(row.dwellingCode)!,
    availableFrom: row.availableFrom,
    route: row.route,
    labelFallbackActive: row.labelFallbackActive ?? false,
    localTiesPriority: row.localTiesPriority ?? false,
  });
  const vacancyIds = await insertChunked(
    m,
    VacancyEntity,
    vacancies.fresh.map(({ row }) => ({ ...vacancyFields(row), status: row.status ?? 'OPEN' })),
  );
  // a stored vacancy (OPEN, checked) keeps its status and respondents
  await updateByKey(
    m,
    VacancyEntity,
    'reference',
    vacancies.known.map(({ row }) => ({ key: row.reference, fields: vacancyFields(row) })),
  );
  await insertObservations(m, v.observations, actor);
  await insertChunked(
    m,
    VacancyResponseEntity,
    vacancies.fresh.flatMap(({ row }, i) => row.respondents.map((ref) => ({ vacancyId: vacancyIds[i], householdId: householdByRef.get(ref)! }))),
  );
}

/**
 * Readings: of a known buurt (stored or in this import), and one per buurt, year and source: a year
 * is never read twice from one source, nor overwritten (stored readings stay as they are).
 */
async function checkReadings(
  m: EntityManager,
  readings: { line: number; row: NeighbourhoodReadingImportRow }[],
  knownBuurten: Set<string>,
  report: (line: number, p: FieldProblem) => void,
): Promise<void> {
  if (readings.length === 0) return;
  const key = (buurtCode: string, year: number, source: string) => JSON.stringify([buurtCode, year, source]);
  const stored: { buurt_code: string; year: number; source: string }[] = await m.query(
    `SELECT n.buurt_code, r.year, r.source FROM neighbourhood_reading r JOIN neighbourhood n ON n.id = r.neighbourhood_id WHERE n.buurt_code = ANY($1)`,
    [[...new Set(readings.map((r) => r.row.buurtCode))]],
  );
  const existing = new Set(stored.map((s) => key(s.buurt_code, Number(s.year), s.source)));
  const seen = new Map<string, number>();
  for (const { line, row } of readings) {
    if (!knownBuurten.has(row.buurtCode)) {
      report(line, { field: 'buurtCode', reason: `is not a known neighbourhood (${row.buurtCode})` });
      continue;
    }
    const k = key(row.buurtCode, row.year, row.source);
    if (existing.has(k))
      report(line, { field: 'year', reason: `${row.buurtCode} already has a reading for ${row.year} from ${row.source}; readings are kept, not overwritten` });
    else if (seen.has(k))
      report(line, { field: 'year', reason: `appears twice in this import for ${row.buurtCode} and ${row.source} (also line ${seen.get(k)})` });
    else seen.set(k, line);
  }
}

/**
 * Observations: of a known indicator that is counted (a class is read from the buurt readings), of a
 * known complex or buurt, a share not above its denominator, and one first observation per indicator,
 * scope and period (stored or in this file): a stored one is corrected by correctObservation, never
 * overwritten by an import.
 */
async function checkObservations(
  m: EntityManager,
  observations: { line: number; row: OutcomeObservationImportRow }[],
  knownBuurten: Set<string>,
  complexesOfThisImport: Set<string>,
  report: (line: number, p: FieldProblem) => void,
): Promise<void> {
  if (observations.length === 0) return;
  const indicators = new Map<string, IndicatorKind>(
    ((await m.query(`SELECT code, kind, basis FROM outcome_indicator`)) as IndicatorKind[]).map((r) => [r.code, r]),
  );
  const complexCodes = [...new Set(observations.flatMap((o) => (o.row.complexCode ? [o.row.complexCode] : [])))];
  const storedComplexes = new Set(((await m.query(`SELECT code FROM complex WHERE code = ANY($1)`, [complexCodes])) as { code: string }[]).map((r) => r.code));
  const key = (r: { indicatorCode: string; scope: string; periodStart: string; periodEnd: string }) =>
    JSON.stringify([r.indicatorCode, r.scope, r.periodStart, r.periodEnd]);
  const stored: { indicator_code: string; scope: string; period_start: string; period_end: string }[] = await m.query(
    `SELECT o.indicator_code, coalesce(c.code, n.buurt_code) AS scope, to_char(o.period_start, 'YYYY-MM-DD') AS period_start,
            to_char(o.period_end, 'YYYY-MM-DD') AS period_end
       FROM outcome_observation o LEFT JOIN complex c ON c.id = o.complex_id LEFT JOIN neighbourhood n ON n.id = o.neighbourhood_id
      WHERE o.corrects_id IS NULL AND (c.code = ANY($1) OR n.buurt_code = ANY($2))`,
    [complexCodes, [...new Set(observations.flatMap((o) => (o.row.buurtCode ? [o.row.buurtCode] : [])))]],
  );
  const existing = new Set(stored.map((s) => key({ indicatorCode: s.indicator_code, scope: s.scope, periodStart: s.period_start, periodEnd: s.period_end })));
  const seen = new Map<string, number>();
  for (const { line, row } of observations) {
    for (const p of observationCountProblems(indicators.get(row.indicatorCode), row)) report(line, p);
    if (row.complexCode && !storedComplexes.has(row.complexCode) && !complexesOfThisImport.has(row.complexCode))
      report(line, { field: 'complexCode', reason: `is not a known complex (${row.complexCode})` });
    if (row.buurtCode && !knownBuurten.has(row.buurtCode)) report(line, { field: 'buurtCode', reason: `is not a known neighbourhood (${row.buurtCode})` });
    const k = key({ ...row, scope: (row.complexCode ?? row.buurtCode)! });
    if (existing.has(k))
      report(line, {
        field: 'periodStart',
        reason: `${row.complexCode ?? row.buurtCode} already has ${row.indicatorCode} for ${row.periodStart}..${row.periodEnd}; observations are corrected (correctObservation), not overwritten`,
      });
    else if (seen.has(k)) report(line, { field: 'periodStart', reason: `appears twice in this import (also line ${seen.get(k)})` });
    else seen.set(k, line);
  }
}

async function insertObservations(m: EntityManager, observations: { line: number; row: OutcomeObservationImportRow }[], actor: Actor): Promise<void> {
  if (observations.length === 0) return;
  const complexIds = await idMap(
    m,
    ComplexEntity,
    'code',
    observations.flatMap((o) => (o.row.complexCode ? [o.row.complexCode] : [])),
  );
  const buurtIds = await idMap(
    m,
    NeighbourhoodEntity,
    'buurtCode',
    observations.flatMap((o) => (o.row.buurtCode ? [o.row.buurtCode] : [])),
  );
  for (let i = 0; i < observations.length; i += INSERT_CHUNK) {
    const chunk = observations.slice(i, i + INSERT_CHUNK).map(({ row }) => row);
    await m.query(
      `INSERT INTO outcome_observation (indicator_code, complex_id, neighbourhood_id, period_start, period_end, count, denominator, source, recorded_by)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::date[], $5::date[], $6::int[], $7::int[], $8::text[], $9::text[])`,
      [
        chunk.map((r) => r.indicatorCode),
        chunk.map((r) => (r.complexCode ? complexIds.get(r.complexCode)! : null)),
        chunk.map((r) => (r.buurtCode ? buurtIds.get(r.buurtCode)! : null)),
        chunk.map((r) => r.periodStart),
        chunk.map((r) => r.periodEnd),
        chunk.map((r) => r.count),
        chunk.map((r) => r.denominator),
        chunk.map((r) => r.source),
        chunk.map(() => actor.subject),
      ],
    );
  }
}
