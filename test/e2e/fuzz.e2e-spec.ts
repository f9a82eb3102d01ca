import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { DATA_TABLES } from '../../src/demo/demo-seeder.service.js';
import { JOB_SCHEMA } from '../../src/jobs/job-queue.service.js';
import { MAX_IMPORT_ROWS } from '../../src/imports/imports.service.js';
import { TestApp, createCaseApp } from '../helpers/test-app.js';

/**
 * Hostile input (README, "Reliability and security"): generated malformed inputs for EVERY mutation of the schema and for every
 * kind of import. Each must be answered with a clear error (a code a client can act on, or an import
 * report naming line, field and reason), never an internal error, and must change nothing.
 * FUZZ_RUNS (default 10,000) is split: 80% over the mutations, 20% over imports.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const MUTATION_RUNS = Math.round(RUNS * 0.8);
const IMPORT_RUNS = RUNS - MUTATION_RUNS;

/** Codes a client can act on; anything else (INTERNAL_SERVER_ERROR) is a failure. */
const CLEAR = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']);

const schema: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));

// hostile strings: SQL, formulas, paths, control characters, very long text
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "'; DROP TABLE household; --",
    '=HYPERLINK("http://evil")',
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '１２３',
    '\u202e',
  ),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);
const plausibleString = fc.constantFrom(
  'BU90040001',
  'BU90040002',
  'GM9004',
  'CASE',
  'C-1',
  'N-1',
  'V-1',
  'WORK',
  'REGULAR',
  'VULNERABILITY',
  'VULNERABLE',
  '{}',
  '[]',
  'SOCIAL_MANAGEMENT',
  'reason',
);
const dateString = fc.constantFrom('2026-03-02', '2026-04-01', '2030-01-01', '1980-01-01', '2026-02-30', '2026-13-01', '01-02-2026', '', '2026-3-2');
const idString = fc.constantFrom('1', '2', '3', '4', '5', '10', '0', '-1', 'abc', '999999999', '2147483648', '1.5', '', ' 1', "1' OR '1'='1");
const int = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648), fc.integer({ min: 0, max: 10_000_000 }));
const float = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -1, 0.5, 1.5));

function scalar(typeName: string, fieldName: string): fc.Arbitrary<unknown> {
  switch (typeName) {
    case 'ID':
      return idString;
    case 'Int':
      return int;
    case 'Float':
      return float;
    case 'Boolean':
      return fc.boolean();
    default:
      return /Date$|From$|Granted$|Expires$|ExpiresOn$/.test(fieldName) ? fc.oneof(dateString, hostileString) : fc.oneof(plausibleString, hostileString);
  }
}

/** A value of the GraphQL input type: right in shape (so it reaches the service), anything in content. */
function valueOf(type: GraphQLInputType, fieldName: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, fieldName, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType, fieldName, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value));
  if (isScalarType(type)) return scalar(type.name, fieldName);
  return inputObject(type as GraphQLInputObjectType, depth + 1);
}

function inputObject(type: GraphQLInputObjectType, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.values(type.getFields());
  return fc
    .record(
      Object.fromEntries(
        fields.map((f) => {
          const v = valueOf(f.type, f.name, depth);
          return [f.name, isNonNullType(f.type) ? v : fc.option(v, { nil: undefined, freq: 2 })];
        }),
      ),
    )
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

const BAD_IDS = fc.constantFrom('0', '-1', 'abc', '999999999', '2147483648', '', '1; DROP TABLE household', '１');
const BAD_DATES = fc.constantFrom('2020-01-01', '2026-02-30', '2026-13-01', 'tomorrow', '');

/**
 * What makes each mutation's input surely invalid, whatever else was generated (so a valid input can
 * never slip through and change the data): a path in the variables and the bad values it gets.
 */
const POISON: Record<string, [path: string[], bad: fc.Arbitrary<unknown>]> = {
  addCompositionPolicyVersion: [['input', 'effectiveFrom'], BAD_DATES], // in the past, or not a date
  addLocalPolicyVersion: [['input', 'effectiveFrom'], BAD_DATES],
  addOverrideReasonPolicyVersion: [['input', 'effectiveFrom'], BAD_DATES],
  addOfferLetterTemplateVersion: [['input', 'effectiveFrom'], BAD_DATES],
  addPriorityPolicyVersion: [['input', 'effectiveFrom'], BAD_DATES],
  addRuleParameterYear: [['input', 'year'], fc.constantFrom(1999, 2101, 0, -1, 2024, 2026)], // out of range, or a year that exists
  approveOffer: [['offerId'], BAD_IDS],
  assignOfficer: [['input', 'municipalityCode'], fc.constantFrom('GM1', 'XX9001', '', 'GM99999', 'gm9001')],
  endOfficerAssignment: [['id'], BAD_IDS],
  cancelAllocationRound: [['id'], BAD_IDS],
  cancelSimulation: [['id'], BAD_IDS],
  createComplex: [['input', 'buurtCode'], fc.constantFrom('BU1', 'BU99999999', '', 'GM9004', "BU9004'--")],
  createDwelling: [['input', 'complexId'], BAD_IDS],
  createHousehold: [['input', 'registrationDate'], fc.constantFrom('2026-02-30', '2026-13-01', 'x', '')],
  createNeighbourhood: [['input', 'resilienceClass'], fc.constantFrom(0, 6, -1, 99)],
  createVacancy: [['input', 'dwellingId'], BAD_IDS],
  advanceOffer: [['input', 'offerId'], BAD_IDS],
  decideObjection: [['input', 'objectionId'], BAD_IDS],
  fileObjection: [['input', 'vacancyId'], BAD_IDS],
  startObjectionReview: [['objectionId'], BAD_IDS],
  withdrawObjection: [['objectionId'], BAD_IDS],
  approveSanctionLift: [['sanctionId'], BAD_IDS],
  refuseSanctionLift: [['sanctionId'], BAD_IDS],
  requestSanctionLift: [['sanctionId'], BAD_IDS],
  closeReactionWindow: [['vacancyId'], BAD_IDS],
  inviteCandidate: [['candidateId'], BAD_IDS],
  publishVacancy: [['input', 'vacancyId'], BAD_IDS],
  skipCandidate: [['input', 'candidateId'], BAD_IDS],
  undoInviteCandidate: [['candidateId'], BAD_IDS],
  undoSkipCandidate: [['candidateId'], BAD_IDS],
  createProgramme: [['input', 'buurtCode'], fc.constantFrom('BU1', 'BU99999999', '', 'GM9004', "BU9004'--")],
  correctObservation: [['input', 'observationId'], BAD_IDS],
  grantPartnerAccess: [['input', 'buurtCode'], fc.constantFrom('BU1', 'BU99999999', '', 'GM9004', "BU9004'--")],
  recordObservation: [['input', 'periodStart'], fc.constantFrom('2026-02-30', '2026-13-01', 'x', '')],
  revokePartnerAccess: [['id'], BAD_IDS],
  updatePartnerAction: [['input', 'actionId'], BAD_IDS],
  decideProposal: [['input', 'proposalId'], BAD_IDS],
  endTenancy: [['input', 'tenancyId'], BAD_IDS],
  importData: [['input', 'content'], fc.constantFrom('{', 'not,a,header\n1,2,3', '[{"x":1}]', '{"households": 5}', '"\n"')],
  // a VERA delivery that is no JSON, no documents, no objects, or documents that break the specification or name nothing usable
  veraImport: [['input', 'content'], fc.constantFrom('{', '[]', '[1]', '"x"', '[{"kamersAantal":"drie","soort":{"code":"WOO"}}]', '[{}]')],
  proposeAllocation: [['vacancyId'], BAD_IDS],
  recordOfferResponse: [['input', 'offerId'], BAD_IDS],
  refuseOffer: [['input', 'offerId'], BAD_IDS],
  respondToVacancy: [['vacancyId'], BAD_IDS],
  startAllocationRound: [['input', 'vacancyIds'], BAD_IDS.map((id) => [id])],
  startSimulation: [['input', 'complexIds'], BAD_IDS.map((id) => [id])],
  startTenancy: [['input', 'householdId'], BAD_IDS],
  updateComplex: [['id'], BAD_IDS],
  updateDwelling: [['id'], BAD_IDS],
  updateHousehold: [['id'], BAD_IDS],
  updateNeighbourhood: [['id'], BAD_IDS],
  updateVacancy: [['id'], BAD_IDS],
  withdrawHousehold: [['id'], BAD_IDS],
  withdrawVacancy: [['id'], BAD_IDS],
  withdrawVacancyResponse: [['vacancyId'], BAD_IDS],
};

interface MutationCase {
  name: string;
  document: string;
  variables: Record<string, unknown>;
}

/**
 * How far one mutation's cases got. A case GraphQL refuses (document validation, variable coercion:
 * GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT without a path) tests nothing of ours; one that reached the
 * resolver tests its input checks; one that read the database got past them into the service.
 */
interface Reach {
  cases: number;
  executed: number;
  database: number;
  codes: Record<string, number>;
}

function tally(reach: Map<string, Reach>, name: string, answer: { errors?: any[]; data?: any }, queried: boolean): void {
  const r = reach.get(name) ?? { cases: 0, executed: 0, database: 0, codes: {} };
  reach.set(name, r);
  r.cases += 1;
  // an error raised while resolving the field (Nest's guards and pipes included) carries the field's path;
  // errors before execution carry none, and the answer has no data
  const executed = answer.data?.[name] != null || (answer.errors ?? []).some((e) => e.path?.[0] === name);
  if (executed) r.executed += 1;
  if (queried) r.database += 1;
  for (const e of answer.errors ?? []) {
    const key = `${executed ? 'resolver' : 'before execution'}: ${e.extensions?.code}`;
    r.codes[key] = (r.codes[key] ?? 0) + 1;
  }
}

/** At least this share of each mutation's cases reaches its resolver (the generator makes them right in shape). */
const MIN_EXECUTED_SHARE = 0.9;
/** At least this share of all cases gets past the input checks into the service (measured: about 18%). */
const MIN_DATABASE_SHARE = 0.1;

/** Every mutation of the schema, with its variables generated from its argument types, poisoned. */
function mutationCases(): fc.Arbitrary<MutationCase> {
  const fields = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.args.length > 0);
  return fc.oneof(
    ...fields.map((field) => {
      const args = field.args;
      const document = `mutation(${args.map((a) => `$${a.name}: ${a.type}`).join(', ')}) { ${field.name}(${args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${field.name === 'importData' || field.name === 'veraImport' ? '{ ok written }' : isScalarType(getNamedType(field.type)) ? '' : '{ __typename }'} }`;
      const poison = POISON[field.name];
      return fc
        .record({
          variables: fc.record(Object.fromEntries(args.map((a) => [a.name, valueOf(a.type, a.name)]))),
          bad: poison ? poison[1] : fc.constant(undefined),
        })
        .map(({ variables, bad }) => {
          if (poison) {
            let at: Record<string, unknown> = variables;
            for (const key of poison[0].slice(0, -1)) at = at[key] as Record<string, unknown>;
            at[poison[0].at(-1)!] = bad;
          }
          return { name: field.name, document, variables };
        });
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Imports: valid rows of every kind, each with one corruption that makes it invalid

type Row = Record<string, string>;
const VALID_ROWS: Record<string, Row> = {
  NEIGHBOURHOODS: {
    buurtCode: 'BU90049901',
    name: 'Nieuwbouw',
    municipalityCode: 'GM9004',
    municipalityName: 'Casestad',
    resilienceClass: '3',
    resilienceScore: '',
    resilienceSource: 'veerkrachtkaart 2024',
    resilienceYear: '2024',
  },
  COMPLEXES: { code: 'CPX-NEW', name: 'Nieuwhof', buurtCode: 'BU90040001' },
  DWELLINGS: {
    code: 'NEW-1',
    complexCode: 'CASE',
    address: 'Rozenlaan 99',
    postcode: '7311AB',
    rooms: '2',
    floorAreaM2: '55',
    netRentCents: '65000',
    serviceCostsCents: '3000',
    isDaeb: 'true',
    accessibility: 'NONE',
    labels: '',
  },
  HOUSEHOLDS: {
    reference: 'F-NEW',
    members: 'APPLICANT:1980-01-01;CHILD:2015-05-05',
    taxableIncomeCents: '2500000',
    incomeYear: '2025',
    incomeSource: 'WORK',
    registrationDate: '2019-04-01',
    onWaitingList: 'true',
  },
  VACANCIES: { reference: 'VAC-NEW', dwellingCode: 'C-9', availableFrom: '2026-04-01', route: 'REGULAR', respondents: 'N-1;N-2' },
};
/** Per field, values that are surely wrong for it. */
const CORRUPT: Record<string, readonly string[]> = {
  buurtCode: ['BU1', 'BU99999999', 'GM9004'],
  municipalityCode: ['GM1', 'BU90040001'],
  resilienceClass: ['0', '6', 'three', '2.5'],
  resilienceYear: ['19x', '-1'],
  code: [''],
  complexCode: ['NOPE', ''],
  rooms: ['0', '-2', 'two', '1.5'],
  floorAreaM2: ['0', 'x'],
  netRentCents: ['-1', '6,5', 'x'],
  isDaeb: ['yes', '2'],
  accessibility: ['STAIRS', '1'],
  labels: ['PENTHOUSE', 'SENIOR_55;PENTHOUSE'],
  postcode: [''],
  address: [''],
  name: [''],
  reference: [''],
  members: ['KING:1980-01-01', 'APPLICANT:2030-01-01', 'APPLICANT', 'CHILD:2015-01-01'],
  taxableIncomeCents: ['-5', 'lots'],
  incomeYear: ['1800', 'x'],
  incomeSource: ['LOTTERY_WIN', ''],
  registrationDate: ['2026-02-30', '2099-01-01', 'x', ''],
  onWaitingList: ['perhaps'],
  dwellingCode: ['NOPE-1', ''],
  availableFrom: ['2026-02-30', 'x', ''],
  route: ['QUEUE', ''],
  respondents: ['NOBODY-1', 'N-1;NOBODY-2'],
};

/** Keys that exist already, per kind (a complex's code is not a dwelling's): a duplicate is refused. */
const EXISTING_KEY: Record<string, Record<string, readonly string[]>> = {
  COMPLEXES: { code: ['CASE', 'PARK'] },
  DWELLINGS: { code: ['C-1', 'P-1'] },
  HOUSEHOLDS: { reference: ['V-1', 'N-1'] },
  VACANCIES: { reference: ['VAC-C'] },
  NEIGHBOURHOODS: { buurtCode: ['BU90040001'] },
};

function csv(rows: Row[]): string {
  const header = Object.keys(rows[0]);
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** The typed row of a JSON import: numbers, booleans and lists as JSON values, as the import expects. */
function typed(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue;
    if (k === 'members') out[k] = v.split(';').map((m) => ({ role: m.split(':')[0], birthDate: m.split(':')[1] }));
    else if (k === 'respondents' || k === 'labels') out[k] = v.split(';');
    else if (/^-?\d+$/.test(v) && !['code', 'reference', 'postcode', 'name', 'address'].includes(k)) out[k] = Number(v);
    else if (v === 'true' || v === 'false') out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

interface ImportCase {
  kind: string;
  format: 'CSV' | 'JSON';
  content: string;
  dryRun: boolean;
  what: string;
}

const SECTION: Record<string, string> = {
  NEIGHBOURHOODS: 'neighbourhoods',
  COMPLEXES: 'complexes',
  DWELLINGS: 'dwellings',
  HOUSEHOLDS: 'households',
  VACANCIES: 'vacancies',
};

function importCases(): fc.Arbitrary<ImportCase> {
  const kinds = Object.keys(VALID_ROWS);
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      format: fc.constantFrom('CSV' as const, 'JSON' as const),
      dataset: fc.boolean(),
      dryRun: fc.boolean(),
      corruption: fc.oneof(
        fc.record({ type: fc.constant('field' as const), pick: fc.nat(), value: fc.nat() }),
        fc.record({ type: fc.constant('unknownColumn' as const), name: fc.constantFrom('colour', '=cmd|calc', 'reference ') }),
        fc.record({ type: fc.constant('missingColumn' as const), pick: fc.nat() }),
        fc.record({ type: fc.constant('garbage' as const), text: fc.oneof(hostileString, fc.constantFrom('"unterminated', '{"a":', '\uFEFF\uFEFF,,,\n,,,')) }),
      ),
    })
    .map(({ kind, format, dataset, dryRun, corruption }): ImportCase => {
      const row: Row = { ...VALID_ROWS[kind] };
      let what: string;
      if (corruption.type === 'field') {
        const fields = Object.keys(row).filter((f) => CORRUPT[f]);
        const field = fields[corruption.pick % fields.length];
        const bad = [...CORRUPT[field], ...(EXISTING_KEY[kind]?.[field] ?? [])];
        row[field] = bad[corruption.value % bad.length];
        what = `${field}=${JSON.stringify(row[field])}`;
      } else if (corruption.type === 'unknownColumn') {
        row[corruption.name] = '1';
        what = `unknown column ${corruption.name}`;
      } else if (corruption.type === 'missingColumn') {
        const required = [
          'buurtCode',
          'code',
          'reference',
          'complexCode',
          'dwellingCode',
          'name',
          'members',
          'registrationDate',
          'availableFrom',
          'route',
          'rooms',
        ].filter((f) => f in row);
        delete row[required[corruption.pick % required.length]];
        what = 'missing column';
      } else {
        return { kind: dataset ? 'DATASET' : kind, format, content: corruption.text, dryRun, what: 'garbage' };
      }
      if (dataset) return { kind: 'DATASET', format: 'JSON', content: JSON.stringify({ [SECTION[kind]]: [typed(row)] }), dryRun, what };
      return { kind, format, content: format === 'CSV' ? csv([row]) : JSON.stringify([typed(row)]), dryRun, what };
    });
}

const IMPORT = `mutation($input: ImportInput!) { importData(input: $input) { ok written errors { section line field reason } } }`;

describe(`hostile input: ${RUNS} generated malformed inputs across all mutations and imports`, () => {
  let sut: TestApp;
  beforeAll(async () => {
    ({ sut } = await createCaseApp());
  });
  afterAll(() => sut.close());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        [...DATA_TABLES, 'composition_policy', 'local_policy', 'rule_parameter_year', 'audit_event', 'audit_snapshot', `${JOB_SCHEMA}.job`].map(async (t) => [
          t,
          (await sut.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n,
        ]),
      ),
    );

  it('covers every mutation of the schema, each with an input that is surely invalid', () => {
    const all = Object.values(schema.getMutationType()!.getFields());
    // a mutation without arguments has no input to corrupt: only this one, which writes no data (a checkpoint file)
    expect(all.filter((f) => f.args.length === 0).map((f) => f.name)).toEqual(['writeAuditCheckpoint']);
    const mutations = all
      .filter((f) => f.args.length > 0)
      .map((f) => f.name)
      .sort();
    expect(mutations.filter((m) => !POISON[m])).toEqual([]);
    expect(Object.keys(POISON).filter((m) => !mutations.includes(m))).toEqual([]);
  });

  it('starts from valid import rows of every kind (so each generated import fails for its corruption, deep in validation)', async () => {
    for (const [kind, row] of Object.entries(VALID_ROWS)) {
      for (const [format, content] of [
        ['CSV', csv([row])],
        ['JSON', JSON.stringify([typed(row)])],
      ]) {
        const { data, errors } = await sut.gql(IMPORT, { input: { kind, format, content, dryRun: true } });
        expect({ kind, format, errors, report: data?.importData }).toEqual({
          kind,
          format,
          errors: undefined,
          report: { ok: true, written: false, errors: [] },
        });
      }
    }
  });

  it(`answers ${MUTATION_RUNS} generated mutations with a clear error each, and changes nothing`, async () => {
    const before = await counts();
    const reach = new Map<string, Reach>();
    await fc.assert(
      fc.asyncProperty(mutationCases(), async (c) => {
        const queriesBefore = sut.queryCount();
        const { errors, data } = await sut.gql(c.document, c.variables);
        tally(reach, c.name, { errors, data }, sut.queryCount() > queriesBefore);
        if ((c.name === 'importData' || c.name === 'veraImport') && !errors) {
          // an import answers with its report: refused, nothing written
          expect(data[c.name]).toEqual({ ok: false, written: false });
          return;
        }
        expect([c.name, errors === undefined]).toEqual([c.name, false]);
        for (const e of errors!) expect([c.name, CLEAR.has(e.extensions?.code) ? 'clear' : `${e.extensions?.code}: ${e.message}`]).toEqual([c.name, 'clear']);
        expect(data?.[c.name] ?? null).toBeNull();
      }),
      { numRuns: MUTATION_RUNS, seed: 20261130 },
    );
    expect(await counts()).toEqual(before);

    // the cases really exercised the mutations: a schema (or generator) that has GraphQL refuse them all
    // before execution, or input checks that refuse everything, must not pass as "answered clearly"
    const all = [...reach.values()].reduce((a, r) => ({ cases: a.cases + r.cases, executed: a.executed + r.executed, database: a.database + r.database }), {
      cases: 0,
      executed: 0,
      database: 0,
    });
    expect(all.cases).toBe(MUTATION_RUNS);
    const shallow = [...reach]
      .filter(([, r]) => r.executed < MIN_EXECUTED_SHARE * r.cases)
      .map(([name, r]) => `${name}: ${r.executed} of ${r.cases} cases reached the resolver (${JSON.stringify(r.codes)})`);
    expect(shallow).toEqual([]);
    expect(all.executed).toBeGreaterThanOrEqual(MIN_EXECUTED_SHARE * MUTATION_RUNS);
    expect(all.database).toBeGreaterThanOrEqual(MIN_DATABASE_SHARE * MUTATION_RUNS);
  }, 900_000);

  it(`refuses ${IMPORT_RUNS} generated malformed imports of every kind, each naming what is wrong, and writes nothing`, async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(importCases(), async (c) => {
        const { errors, data } = await sut.gql(IMPORT, { input: { kind: c.kind, format: c.format, content: c.content, dryRun: c.dryRun } });
        if (errors) {
          // refused as a whole: each error is BAD_USER_INPUT naming the field(s) and the reason
          const names = (e: any) =>
            e.extensions?.code === 'BAD_USER_INPUT' &&
            Array.isArray(e.extensions.fields) &&
            e.extensions.fields.length > 0 &&
            e.extensions.fields.every((f: any) => typeof f.field === 'string' && f.field.length > 0 && typeof f.reason === 'string' && f.reason.length > 0);
          expect(errors.length).toBeGreaterThan(0);
          for (const e of errors)
            expect([c.what, names(e) ? 'names field and reason' : `${e.extensions?.code}: ${e.message} ${JSON.stringify(e.extensions?.fields)}`]).toEqual([
              c.what,
              'names field and reason',
            ]);
          return;
        }
        expect([c.what, data.importData.ok, data.importData.written]).toEqual([c.what, false, false]);
        expect(data.importData.errors.length).toBeGreaterThan(0);
        for (const p of data.importData.errors) expect(p.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: IMPORT_RUNS, seed: 20261130 },
    );
    expect(await counts()).toEqual(before);
  }, 900_000);

  it(`refuses an import of more than ${MAX_IMPORT_ROWS} rows as a whole, naming the limit`, async () => {
    const before = await counts();
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `X-${i},Complex ${i},BU90040001`).join('\n');
    const { errors, data } = await sut.gql(IMPORT, { input: { kind: 'COMPLEXES', format: 'CSV', content: `code,name,buurtCode\n${rows}\n`, dryRun: false } });
    expect(data?.importData ?? null).toBeNull();
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'content', reason: `has ${MAX_IMPORT_ROWS + 1} rows; at most ${MAX_IMPORT_ROWS} per import` }],
    });
    expect(await counts()).toEqual(before);
  }, 120_000);
});
