import { readFileSync } from 'node:fs';
import {
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  buildSchema,
} from 'graphql';
import request from 'supertest';
import { SCHEMA_FILE } from '../../src/app.module.js';
import { ROLES, Role } from '../../src/auth/roles.js';
import { mintToken } from '../../src/auth/tokens.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, idsByReference, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const ALL: Role[] = [...ROLES];
const O: Role[] = ['OFFICER'];

/**
 * Who may call what (issue 5). Every operation of the schema must be listed: a new one without an
 * entry fails the first test.
 */
const MATRIX: Record<string, Role[]> = {
  // reads open to every role (field-level rules still apply: see the special-category tests)
  allocationRound: ALL, allocationRounds: ALL, complex: ALL, complexes: ALL, compositionPolicies: ALL, dwelling: ALL, dwellings: ALL,
  household: ALL, households: ALL, localPolicies: ALL, neighbourhoods: ALL, offers: ALL, proposal: ALL, proposals: ALL, quotaStatus: ALL,
  resilienceClasses: ALL, ruleParameterYears: ALL, ruleParameters: ALL, tenancyHistory: ALL, vacancies: ALL, vacancy: ALL,
  // verdicts name the rules a household fails: the officers who decide and the auditors who check
  eligibility: ['OFFICER', 'AUDITOR'], eligibleCandidates: ['OFFICER', 'AUDITOR'],
  // the log is the auditors'; a replay changes nothing
  auditEvents: ['AUDITOR'], verifyAuditChain: ['AUDITOR'], replayProposal: ['OFFICER', 'MANAGER', 'AUDITOR'],
  proposalRationale: ['OFFICER', 'MANAGER', 'AUDITOR'], whyNotChosen: ['OFFICER', 'AUDITOR'], allocationReport: ['MANAGER', 'AUDITOR'],
  startSimulation: ['MANAGER'], cancelSimulation: ['MANAGER'], simulation: ['MANAGER', 'AUDITOR'],
  // officers propose, decide and run the letting
  proposeAllocation: O, decideProposal: O, approveOffer: O, refuseOffer: O, recordOfferResponse: O, startAllocationRound: O,
  cancelAllocationRound: O, createVacancy: O, updateVacancy: O, withdrawVacancy: O, respondToVacancy: O, withdrawVacancyResponse: O,
  createHousehold: O, updateHousehold: O, withdrawHousehold: O, startTenancy: O, endTenancy: O,
  // managers change policies
  addCompositionPolicyVersion: ['MANAGER'], addLocalPolicyVersion: ['MANAGER'],
  // admins manage parameters, imports and the stock
  addRuleParameterYear: ['ADMIN'], importData: ['ADMIN'], createNeighbourhood: ['ADMIN'], updateNeighbourhood: ['ADMIN'],
  createComplex: ['ADMIN'], updateComplex: ['ADMIN'], createDwelling: ['ADMIN'], updateDwelling: ['ADMIN'],
};

const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

/** A value of the right GraphQL type (required fields only), so the request reaches the access check. */
function sample(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType);
  if (type instanceof GraphQLList) return [];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined).map((f) => [f.name, sample(f.type)]));
  }
  const scalar = (type as GraphQLScalarType).name;
  return { Int: 1, Float: 1, Boolean: false, ID: '999999', String: '2026-03-02' }[scalar] ?? 'x';
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
  const vars = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const doc = `${kind}${vars ? `(${vars})` : ''} { ${field.name}${args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''} { __typename } }`;
  return { doc, variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])) };
}

const operations = [
  ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ name: f.name, ...operation('query', f) })),
  ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ name: f.name, ...operation('mutation', f) })),
];

describe('access control: signed tokens, roles per operation, special-category data by role', () => {
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
  });
  afterAll(() => sut.close());

  it('lists every operation of the schema in the access matrix', () => {
    expect(operations.map((o) => o.name).filter((n) => !(n in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((n) => !operations.some((o) => o.name === n))).toEqual([]);
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s: allowed and forbidden roles', async (name, op) => {
    for (const role of ROLES) {
      const { errors } = await sut.gql(op.doc, op.variables, asRole(role));
      const codes = (errors ?? []).map((e: any) => e.extensions?.code);
      expect(codes).not.toContain('GRAPHQL_VALIDATION_FAILED');
      if (MATRIX[name].includes(role)) expect([name, role, codes]).not.toEqual([name, role, expect.arrayContaining(['FORBIDDEN'])]);
      else expect([name, role, codes]).toEqual([name, role, ['FORBIDDEN']]);
    }
  });

  it('answers UNAUTHENTICATED without a token, with a bad signature, an expired token or an unknown issuer; health stays open', async () => {
    const query = '{ complexes { totalCount } }';
    const send = (authorization?: string) => {
      const req = request(sut.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
      if (authorization) req.set('authorization', authorization);
      return req.send({ query });
    };
    const forged = mintToken('another-secret-of-at-least-32-characters!!', { subject: 'mallory', roles: ['ADMIN'] }, 3600);
    const expired = mintToken(sut.config.auth.secret, { subject: 'alice', roles: ['OFFICER'] }, -10);
    const jwt = (await import('jsonwebtoken')).default;
    const foreign = jwt.sign({ roles: ['ADMIN'] }, sut.config.auth.secret, { subject: 'x', issuer: 'elsewhere' });
    for (const [authorization, reason] of [[undefined, /Sign in/], ['Basic abc', /Sign in/], [`Bearer ${forged}`, /invalid signature/], [`Bearer ${expired}`, /token expired/], [`Bearer ${foreign}`, /jwt issuer invalid/]] as const) {
      const res = await send(authorization);
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(reason) });
      expect(res.body.data).toBeNull();
    }
    expect((await request(sut.app.getHttpServer()).get('/health')).status).toBe(200);
  });

  describe('special-category data (support needs, indication)', () => {
    const HOUSEHOLD = `query($id: ID!) { household(id: $id) { reference supportNeeds indication { kind } specialCategoryVisible } }`;
    const view = async (actor: ReturnType<typeof asRole>, ref = 'V-1') => (await sut.gql(HOUSEHOLD, { id: ids[ref] }, actor)).data.household;

    it('auditors never see it, and see a pseudonym instead of the reference', async () => {
      const seen = await view(asRole('AUDITOR'));
      expect(seen).toEqual({ reference: expect.stringMatching(/^PSN-[0-9a-f]{16}$/), supportNeeds: null, indication: null, specialCategoryVisible: false });
      expect(seen.reference).toBe((await view(asRole('AUDITOR', 'other-auditor'))).reference); // stable
      const page = await sut.gql(`{ households(first: 50) { nodes { reference supportNeeds indication { kind } } } }`, {}, asRole('AUDITOR'));
      expect(page.data.households.nodes.every((h: any) => h.supportNeeds === null && h.indication === null && h.reference.startsWith('PSN-'))).toBe(true);
    });

    it('managers see only aggregates: the household without it, the composition with counts', async () => {
      expect(await view(asRole('MANAGER'))).toEqual({ reference: 'V-1', supportNeeds: null, indication: null, specialCategoryVisible: false });
      const mix = await sut.gql(`{ complexes(filter: { search: "Rozenhof" }) { nodes { composition { dimensions { dimension categories { category count } } } } } }`, {}, asRole('MANAGER'));
      const vulnerability = mix.data.complexes.nodes[0].composition.dimensions.find((d: any) => d.dimension === 'VULNERABILITY');
      expect(vulnerability.categories.find((c: any) => c.category === 'VULNERABLE').count).toBe(4);
    });

    it('officers see it only for households in a vacancy they handle', async () => {
      const officer = asRole('OFFICER', 'officer-a');
      expect(await view(officer)).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
      await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] }, officer);
      expect(await view(officer)).toEqual({ reference: 'V-1', supportNeeds: ['SHELTER_OUTFLOW'], indication: null, specialCategoryVisible: true });
      // another officer who does not handle the vacancy still does not
      expect(await view(asRole('OFFICER', 'officer-b'))).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
      // and a household that did not respond to that vacancy stays hidden from officer-a
      expect(await view(officer, 'T-0')).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
    });

    it('admins, who import and correct the data, see it', async () => {
      expect(await view(asRole('ADMIN'))).toMatchObject({ reference: 'V-1', supportNeeds: ['SHELTER_OUTFLOW'], specialCategoryVisible: true });
    });
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
