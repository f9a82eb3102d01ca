import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';

/** The API as people use it: business keys beside ids, the first page with after: null, re-proposals recorded as the system's. */
describe('business keys and records of who did what', () => {
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
  });
  afterAll(() => sut.close());

  it('finds a vacancy by its reference, and filters vacancies by complex code', async () => {
    const { data } = await sut.gql(`{ vacancy(reference: "VAC-C") { id reference } vacancies(filter: { complexCode: "CASE" }) { nodes { reference } } }`);
    expect(data.vacancy).toEqual({ id: ids['VAC-C'], reference: 'VAC-C' });
    expect(data.vacancies.nodes.map((n: any) => n.reference)).toEqual(['VAC-C']);
    const neither = await sut.gql(`{ vacancy { id } }`);
    expect(neither.errors![0].extensions.fields).toEqual([{ field: 'id', reason: 'give exactly one of id or reference' }]);
    expect((await sut.gql(`{ vacancy(reference: "VAC-NONE") { id } }`)).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('judges eligibility by household reference and dwelling code', async () => {
    const byKey = await sut.gql(`{ eligibility(householdId: "N-1", dwellingId: "C-10") { householdId eligible } }`, {}, asRole('OFFICER'));
    const byId = await sut.gql(
      `query($h: ID!, $d: ID!) { eligibility(householdId: $h, dwellingId: $d) { householdId eligible } }`,
      { h: ids['N-1'], d: (await sut.dataSource.query(`SELECT id FROM dwelling WHERE code = 'C-10'`))[0].id },
      asRole('OFFICER'),
    );
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data.eligibility).toEqual(byId.data.eligibility);
    expect((await sut.gql(`{ eligibility(householdId: "N-1", dwellingId: "NO-SUCH") { eligible } }`, {}, asRole('OFFICER'))).errors![0].extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('takes after: null as the first page', async () => {
    const { data, errors } = await sut.gql(`{ households(first: 2, after: null) { nodes { reference } } complexes(first: 1, after: null) { totalCount } }`);
    expect(errors).toBeUndefined();
    expect(data.households.nodes).toHaveLength(2);
  });

  it("lets an override name the household by reference, and records the proposal after a decline as the system's, on behalf of the officer", async () => {
    const proposalId = (await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-P'] })).data.proposeAllocation.id;
    const decided = await sut.gql(
      `mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: "N-1", reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Agreed in the buurt session with the care partner" }) { id household { reference } } }`,
      { p: proposalId },
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideProposal.household.reference).toBe('N-1');
    expect(
      (await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { status } }`, { o: decided.data.decideProposal.id }, asRole('OFFICER', 'second-officer')))
        .data.approveOffer.status,
    ).toBe('OPEN');
    const declined = await sut.gql(
      `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: DECLINED, reason: "Too far from work" }) { nextProposal { id } } }`,
      { o: decided.data.decideProposal.id },
    );
    expect(declined.errors).toBeUndefined();
    const nextId = Number(declined.data.recordOfferResponse.nextProposal.id);
    const [made] = await sut.dataSource.query(
      `SELECT actor, body FROM audit_event WHERE type = 'PROPOSAL_MADE' AND subject @> $1::jsonb ORDER BY seq DESC LIMIT 1`,
      [JSON.stringify({ proposalId: nextId })],
    );
    expect(made.actor).toBe('system');
    expect(JSON.parse(made.body).payload.madeBySystem).toEqual({ onBehalfOf: 'test-officer', after: `offer ${decided.data.decideProposal.id} was declined` });
    const [row] = await sut.dataSource.query('SELECT requested_by FROM proposal WHERE id = $1', [nextId]);
    expect(row.requested_by).toBe('system');
  });
});
