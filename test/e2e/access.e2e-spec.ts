import { readFileSync } from 'node:fs';
import { GraphQLEnumType, GraphQLField, GraphQLInputObjectType, GraphQLInputType, GraphQLList, GraphQLNonNull, GraphQLScalarType, buildSchema } from 'graphql';
import request from 'supertest';
import { SCHEMA_FILE } from '../../src/app.module.js';
import { ROLES, Role } from '../../src/auth/roles.js';
import { mintToken } from '../../src/auth/tokens.js';
import { TestApp, asRole, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

/** The association's staff; a partner reads only what names it (its buurten's dossiers and priorities). */
const ALL: Role[] = ROLES.filter((r) => r !== 'PARTNER');
const O: Role[] = ['OFFICER'];
const OAA: Role[] = ['OFFICER', 'AUDITOR', 'ADMIN'];

/**
 * Who may call what (src/auth/roles.ts; README, "Who sees what"). Every operation of the schema must be listed: a new one without an
 * entry fails the first test.
 */
const MATRIX: Record<string, Role[]> = {
  // reads open to every role (field-level rules still apply: see the special-category tests)
  allocationRound: ALL,
  allocationRounds: ALL,
  complex: ALL,
  complexes: ALL,
  compositionPolicies: ALL,
  compositionDimensions: ALL,
  priorityPolicies: ALL,
  dwelling: ALL,
  dwellings: ALL,
  localPolicies: ALL,
  neighbourhoods: ALL,
  quotaStatus: ALL,
  resilienceClasses: ALL,
  ruleParameterYears: ALL,
  ruleParameters: ALL,
  vacancies: ALL,
  vacancy: ALL,
  overrideReasonPolicies: ALL,
  ruleParameterCoverage: ALL,
  // one household each: never for managers (aggregates only), auditors under pseudonyms (src/privacy/disclosure-policy.ts)
  household: OAA,
  households: OAA,
  offers: OAA,
  proposal: OAA,
  proposals: OAA,
  tenancyHistory: OAA,
  // verdicts name the rules a household fails: the officers who decide and the auditors who check
  eligibility: ['OFFICER', 'AUDITOR'],
  eligibleCandidates: ['OFFICER', 'AUDITOR'],
  // the log is the auditors'; a replay changes nothing
  auditEvents: ['AUDITOR'],
  verifyAuditChain: ['AUDITOR'],
  replayProposal: ['OFFICER', 'AUDITOR'],
  proposalRationale: ['OFFICER', 'AUDITOR'],
  whyNotChosen: ['OFFICER', 'AUDITOR'],
  allocationReport: ['MANAGER', 'AUDITOR'],
  // buurten by priority and a buurt's dossier: aggregates of buurten, for those who steer and those who
  // check, and for the partners of a buurt's deep-dive session (their granted buurten only)
  neighbourhoodPriorities: ['MANAGER', 'AUDITOR', 'PARTNER'],
  neighbourhoodDossier: ['MANAGER', 'AUDITOR', 'PARTNER'],
  neighbourhoodDossierCsv: ['MANAGER', 'AUDITOR', 'PARTNER'],
  outcomeIndicators: ALL,
  tenancyEndReasons: ALL,
  outcomeObservations: ['MANAGER', 'AUDITOR', 'ADMIN'],
  recordObservation: ['MANAGER', 'ADMIN'],
  correctObservation: ['MANAGER', 'ADMIN'],
  programmes: ['MANAGER', 'AUDITOR'],
  programme: ['MANAGER', 'AUDITOR'],
  programmeEvaluation: ['MANAGER', 'AUDITOR'],
  createProgramme: ['MANAGER'],
  updatePartnerAction: ['MANAGER'],
  partnerGrants: ['ADMIN', 'AUDITOR'],
  grantPartnerAccess: ['ADMIN'],
  revokePartnerAccess: ['ADMIN'],
  startSimulation: ['MANAGER'],
  // rounds are planned by officers (inside their assignment) and by managers (association-wide)
  startAllocationRound: ['OFFICER', 'MANAGER'],
  cancelAllocationRound: ['OFFICER', 'MANAGER'],
  cancelSimulation: ['MANAGER'],
  simulation: ['MANAGER', 'AUDITOR'],
  // officers propose, decide and run the letting (inside their assignment)
  proposeAllocation: O,
  decideProposal: O,
  approveOffer: O,
  refuseOffer: O,
  recordOfferResponse: O,
  pendingApprovals: O,
  createVacancy: O,
  updateVacancy: O,
  withdrawVacancy: O,
  respondToVacancy: O,
  withdrawVacancyResponse: O,
  createHousehold: O,
  updateHousehold: O,
  withdrawHousehold: O,
  startTenancy: O,
  endTenancy: O,
  // the letting process: officers advertise, close and work the candidate list (inside their assignment)
  publishVacancy: O,
  advanceOffer: O,
  sanctions: OAA,
  sanctionsInForce: OAA,
  objections: ['OFFICER', 'AUDITOR'],
  fileObjection: O,
  startObjectionReview: O,
  decideObjection: O,
  withdrawObjection: O,
  requestSanctionLift: O,
  approveSanctionLift: O,
  refuseSanctionLift: O,
  offersDue: O,
  // offer letters: officers print them (inside their assignment), auditors read them; every role reads the template versions
  offerLetter: ['OFFICER', 'AUDITOR'],
  offerLetterTemplates: ALL,
  closeReactionWindow: O,
  skipCandidate: O,
  undoSkipCandidate: O,
  inviteCandidate: O,
  undoInviteCandidate: O,
  lettingReasons: ALL,
  // the lettings as the association publishes them: for those who steer, check and administer
  lettingsAccountability: ['MANAGER', 'AUDITOR', 'ADMIN'],
  // managers change policies
  addCompositionPolicyVersion: ['MANAGER'],
  addLocalPolicyVersion: ['MANAGER'],
  addOverrideReasonPolicyVersion: ['MANAGER'],
  addOfferLetterTemplateVersion: ['MANAGER'],
  addPriorityPolicyVersion: ['MANAGER'],
  // admins manage parameters, imports, the stock and officers' assignments; auditors see assignments and access records
  addRuleParameterYear: ['ADMIN'],
  importData: ['ADMIN'],
  // the sector's documents out, for the letting platform or ERP: with imports, the administrator's
  veraExport: ['ADMIN'],
  veraImport: ['ADMIN'],
  createNeighbourhood: ['ADMIN'],
  updateNeighbourhood: ['ADMIN'],
  createComplex: ['ADMIN'],
  updateComplex: ['ADMIN'],
  createDwelling: ['ADMIN'],
  updateDwelling: ['ADMIN'],
  assignOfficer: ['ADMIN'],
  endOfficerAssignment: ['ADMIN'],
  writeAuditCheckpoint: ['AUDITOR', 'ADMIN'],
  officerAssignments: ['ADMIN', 'AUDITOR'],
  specialCategoryAccess: ['ADMIN', 'AUDITOR'],
};

const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

/** A value of the right GraphQL type (required fields only), so the request reaches the access check. */
function sample(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType);
  if (type instanceof GraphQLList) return [];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].value;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined)
        .map((f) => [f.name, sample(f.type)]),
    );
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
    // signed with the right secret, but not as the minting side makes tokens: without an expiry, or with a subject outside its rule
    const forever = jwt.sign({ roles: ['ADMIN'] }, sut.config.auth.secret, { subject: 'x', issuer: 'woonmix' });
    const oddSubject = jwt.sign({ roles: ['ADMIN'] }, sut.config.auth.secret, { subject: 'mallory <admin>', issuer: 'woonmix', expiresIn: 600 });
    for (const [authorization, reason] of [
      [undefined, /Sign in/],
      ['Basic abc', /Sign in/],
      [`Bearer ${forged}`, /invalid signature/],
      [`Bearer ${expired}`, /token expired/],
      [`Bearer ${foreign}`, /jwt issuer invalid/],
      [`Bearer ${forever}`, /token has no expiry/],
      [`Bearer ${oddSubject}`, /token subject must be/],
    ] as const) {
      const res = await send(authorization);
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(reason) });
      // refused before GraphQL runs at all: 401, no data
      expect([res.status, res.body.data]).toEqual([401, undefined]);
    }
    expect((await request(sut.app.getHttpServer()).get('/health')).status).toBe(200);
  });

  describe('special-category data (support needs, indication)', () => {
    const HOUSEHOLD = `query($id: ID!) { household(id: $id) { reference supportNeeds indication { kind } specialCategoryVisible } }`;
    const view = async (actor: ReturnType<typeof asRole>, ref = 'V-1') => (await sut.gql(HOUSEHOLD, { id: ids[ref] }, actor)).data.household;

    it('auditors never see it, and see a pseudonym instead of the reference', async () => {
      const seen = (await sut.gql(`query($id: ID!) { household(id: $id) { id reference specialCategoryVisible } }`, { id: ids['V-1'] }, asRole('ADMIN'))).data
        .household;
      expect(seen.reference).toBe('V-1');
      const proposal = (await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-P'] })).data.proposeAllocation;
      const asAuditor = (
        await sut.gql(
          `query($p: ID!) { proposal(id: $p) { chosen { household { id reference specialCategoryVisible } } } }`,
          { p: proposal.id },
          asRole('AUDITOR'),
        )
      ).data.proposal.chosen.household;
      expect(asAuditor).toEqual({
        id: expect.stringMatching(/^PSN-[0-9a-f]{16}$/),
        reference: expect.stringMatching(/^PSN-[0-9a-f]{16}$/),
        specialCategoryVisible: false,
      });
      expect(asAuditor.id).toBe(asAuditor.reference);
      // asking for special-category fields, incomes or a reference filter is refused before anything runs, naming each field
      const refused = await sut.gql(
        `query($id: ID!) { household(id: $id) { supportNeeds indication { kind } taxableIncomeCents members { birthDate } urgency { category } } }`,
        { id: asAuditor.id },
        asRole('AUDITOR'),
      );
      expect(refused.data).toBeUndefined();
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        deniedFields: ['Household.indication', 'Household.supportNeeds', 'Household.taxableIncomeCents', 'HouseholdMember.birthDate', 'Urgency.category'],
      });
      const oracle = await sut.gql(`{ households(filter: { referencePrefix: "V-" }) { nodes { reference } } }`, {}, asRole('AUDITOR'));
      expect(oracle.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', deniedFields: ['HouseholdFilter.referencePrefix'] });
      const viaVariables = await sut.gql(
        `query($f: HouseholdFilter) { households(filter: $f) { nodes { reference } } }`,
        { f: { referencePrefix: 'V-' } },
        asRole('AUDITOR'),
      );
      expect(viaVariables.errors![0].extensions.code).toBe('FORBIDDEN');
      // nor by its operational reference or internal id
      for (const id of ['V-1', ids['V-1']])
        expect((await sut.gql(`query($id: ID!) { household(id: $id) { id } }`, { id }, asRole('AUDITOR'))).errors![0].extensions.code).toBe('BAD_USER_INPUT');
      const page = await sut.gql(`{ households(first: 50) { nodes { id reference } } }`, {}, asRole('AUDITOR'));
      expect(page.data.households.nodes.every((h: any) => /^PSN-[0-9a-f]{16}$/.test(h.reference) && h.id === h.reference)).toBe(true);
      // page cursors do not carry the internal id either (a plain cursor is its base64), yet page on
      const PAGE = `query($after: String) { households(first: 2, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
      const first = (await sut.gql(PAGE, { after: null }, asRole('AUDITOR'))).data.households;
      expect(Buffer.from(first.pageInfo.endCursor, 'base64url').toString('utf8')).not.toMatch(/id:\d/);
      const second = (await sut.gql(PAGE, { after: first.pageInfo.endCursor }, asRole('AUDITOR'))).data.households;
      expect(second.nodes.map((n: any) => n.id)).toEqual(page.data.households.nodes.slice(2, 4).map((n: any) => n.id));
      const forged = await sut.gql(PAGE, { after: Buffer.from('id:1').toString('base64url') }, asRole('AUDITOR'));
      expect(forged.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'after', reason: 'is not a cursor returned by this API' }],
      });
    });

    it('managers get no household at all, only aggregates', async () => {
      const refused = await sut.gql(`query($id: ID!) { household(id: $id) { householdType } }`, { id: ids['V-1'] }, asRole('MANAGER'));
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', deniedFields: ['Query.household'] });
      const nested = await sut.gql(`{ vacancies { nodes { respondents { household { householdType } } } } }`, {}, asRole('MANAGER'));
      expect(nested.errors![0].extensions.deniedFields).toEqual(['Vacancy.respondents', 'VacancyResponse.household']);
      const mix = await sut.gql(
        `{ complexes(filter: { search: "Rozenhof" }) { nodes { composition { dimensions { dimension categories { category count } } } } } }`,
        {},
        asRole('MANAGER'),
      );
      expect(mix.errors).toBeUndefined();
      // Rozenhof has 4 vulnerable households: a small cell, so managers see neither it nor the cell that would give it away
      const vulnerability = (as: ReturnType<typeof asRole>) =>
        sut
          .gql(`{ complexes(filter: { search: "Rozenhof" }) { nodes { composition { dimensions { dimension categories { category count } } } } } }`, {}, as)
          .then((res) => res.data.complexes.nodes[0].composition.dimensions.find((d: any) => d.dimension === 'VULNERABILITY').categories);
      expect(await vulnerability(asRole('MANAGER'))).toEqual([
        { category: 'VULNERABLE', count: null },
        { category: 'NOT_VULNERABLE', count: null },
      ]);
      expect((await vulnerability(asRole('OFFICER'))).find((c: any) => c.category === 'VULNERABLE').count).toBe(4);
    });

    it('officers see it only inside their assignment, and every read is recorded for the auditors', async () => {
      const officer = asRole('OFFICER', 'officer-c');
      expect(await view(officer)).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
      const outside = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] }, officer);
      expect(outside.errors![0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringMatching(
          /proposeAllocation: vacancy VAC-C is outside your assignment; it needs an assignment to complex CASE or municipality GM9004, and officer-c is assigned to nothing/,
        ),
      });
      const assigned = await sut.gql(
        `mutation { assignOfficer(input: { subject: "officer-c", complexCode: "CASE" }) { id subject complexCode assignedBy } }`,
        {},
        asRole('ADMIN'),
      );
      expect(assigned.data.assignOfficer).toMatchObject({ subject: 'officer-c', complexCode: 'CASE', assignedBy: 'test-admin' });
      expect(await view(officer)).toEqual({ reference: 'V-1', supportNeeds: ['SHELTER_OUTFLOW'], indication: null, specialCategoryVisible: true });
      // a household with no vacancy in progress inside the assignment stays hidden
      expect(await view(officer, 'T-0')).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
      // the auditor finds the read under the household's pseudonym and under the officer
      const pseudonym = (await sut.gql(`query($s: String) { specialCategoryAccess(subject: $s) { household } }`, { s: 'officer-c' }, asRole('AUDITOR'))).data
        .specialCategoryAccess[0].household;
      expect(pseudonym).toMatch(/^PSN-[0-9a-f]{16}$/);
      // (per household and per officer; on a shared server the records of other suites are there too)
      const records = (
        await sut.gql(
          `query($h: String) { specialCategoryAccess(household: $h, subject: "officer-c") { subject purpose purposeId fields } }`,
          { h: pseudonym },
          asRole('AUDITOR'),
        )
      ).data.specialCategoryAccess;
      expect(records).toContainEqual({ subject: 'officer-c', purpose: 'VACANCY', purposeId: ids['VAC-C'], fields: ['indication', 'supportNeeds'] });
      // ending the assignment ends the access
      await sut.gql(`mutation($id: ID!) { endOfficerAssignment(id: $id) { endedBy } }`, { id: assigned.data.assignOfficer.id }, asRole('ADMIN'));
      expect(await view(officer)).toMatchObject({ supportNeeds: null, specialCategoryVisible: false });
      const events = (await sut.gql(`{ auditEvents(afterSeq: 0, limit: 200, type: "OFFICER_ASSIGNED") { actor subject } }`, {}, asRole('AUDITOR'))).data
        .auditEvents;
      expect(events).toContainEqual({ actor: 'test-admin', subject: JSON.stringify({ assignmentId: Number(assigned.data.assignOfficer.id) }) });
    });

    it('admins, who import and correct the data, see it', async () => {
      expect(await view(asRole('ADMIN'))).toMatchObject({ reference: 'V-1', supportNeeds: ['SHELTER_OUTFLOW'], specialCategoryVisible: true });
    });
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
