import fc from 'fast-check';
import { DATA_TABLES } from '../../src/demo/demo-seeder.service.js';
import { TestApp, createCaseApp } from '../helpers/test-app.js';

/** Mutations and the variables they take; every generated value goes where the input goes. */
const MUTATIONS: { name: string; doc: string; variable: string }[] = [
  { name: 'createHousehold', doc: 'mutation($v: CreateHouseholdInput!) { createHousehold(input: $v) { id } }', variable: 'v' },
  { name: 'createVacancy', doc: 'mutation($v: CreateVacancyInput!) { createVacancy(input: $v) { id } }', variable: 'v' },
  { name: 'importData', doc: 'mutation($v: ImportInput!) { importData(input: $v) { ok written } }', variable: 'v' },
  { name: 'decideProposal', doc: 'mutation($v: DecideProposalInput!) { decideProposal(input: $v) { id } }', variable: 'v' },
  { name: 'addCompositionPolicyVersion', doc: 'mutation($v: AddCompositionPolicyVersionInput!) { addCompositionPolicyVersion(input: $v) { id } }', variable: 'v' },
  { name: 'addLocalPolicyVersion', doc: 'mutation($v: AddLocalPolicyVersionInput!) { addLocalPolicyVersion(input: $v) { code } }', variable: 'v' },
  { name: 'startSimulation', doc: 'mutation($v: StartSimulationInput!) { startSimulation(input: $v) { id } }', variable: 'v' },
  { name: 'startTenancy', doc: 'mutation($v: StartTenancyInput!) { startTenancy(input: $v) { id } }', variable: 'v' },
];

/** Codes a client can act on; anything else (INTERNAL_SERVER_ERROR) is a failure. */
const CLEAR = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']);

// hostile strings too: SQL, formulas, very long text, control characters
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom("'; DROP TABLE household; --", '=HYPERLINK("http://evil")', '\u0000', '../../etc/passwd', 'GM0000', 'BU00000000', '2026-02-30', '-1'),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 4 }), tie('obj')),
  obj: fc.dictionary(fc.oneof(fc.constantFrom('reference', 'members', 'route', 'vacancyIds', 'document', 'effectiveFrom', 'kind', 'format', 'content', 'proposalId', 'decision', 'complexIds', 'horizonYears', 'runs', 'householdId', 'dwellingId', 'startDate'), fc.string()), tie('any'), { maxKeys: 6 }),
})).any;

describe('hostile input: generated malformed inputs across mutations', () => {
  let sut: TestApp;
  beforeAll(async () => {
    ({ sut } = await createCaseApp());
  });
  afterAll(() => sut.close());

  const counts = async () => Object.fromEntries(await Promise.all([...DATA_TABLES, 'composition_policy', 'local_policy', 'audit_event'].map(async (t) => [t, (await sut.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n])));

  it(`answers every one with a clear error and changes nothing (${Number(process.env.FUZZ_RUNS ?? 1500)} inputs)`, async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MUTATIONS), value, async (m, input) => {
        const { errors, data } = await sut.gql(m.doc, { [m.variable]: input });
        expect([m.name, errors === undefined]).toEqual([m.name, false]); // none of these is a valid input
        for (const e of errors!) expect([m.name, CLEAR.has(e.extensions?.code) ? 'clear' : `${e.extensions?.code}: ${e.message}`]).toEqual([m.name, 'clear']);
        expect(data?.[m.name] ?? null).toBeNull();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500), seed: 20261130 },
    );
    expect(await counts()).toEqual(before);
  });
});
