import { SanctionsService } from '../../src/letting/sanctions.service.js';
import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';

const OFFER = `id status household { id reference }`;
const SECOND_OFFICER = asRole('OFFICER', 'second-officer');
const RESPOND = `mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { nextOffer { ${OFFER} } } }`;
const SANCTIONS = `query($h: ID!) { sanctions(householdId: $h) { id kind state from until why liftRequestedBy liftApprovedBy } }`;

function must<T = any>(answer: { data: T; errors?: any[] }): T {
  if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors, null, 1));
  return answer.data;
}

/**
 * Sanctions (issue 17): an unjustified coded refusal counts towards a block by the letting policy (a
 * justified one does not); a block keeps the household from offers with its reason; lifting it needs a
 * second officer.
 */
describe('sanctions after unjustified refusals', () => {
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    // policy data for the test: one unjustified refusal blocks (version 1 asks three within twelve months)
    const [{ document }] = await sut.dataSource.query(`SELECT document FROM letting_policy WHERE version = 1`);
    await sut.dataSource.query(`INSERT INTO letting_policy (version, name, effective_from, document) VALUES (2, 'Streng (test)', '2026-01-01', $1)`, [
      JSON.stringify({ ...document, sanctions: { ...document.sanctions, unjustifiedRefusalsForBlock: 1 } }),
    ]);
  });
  afterAll(() => sut.close());

  const out = async (offer: any) =>
    offer.status === 'PENDING_APPROVAL'
      ? must(await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { ${OFFER} } }`, { o: offer.id }, SECOND_OFFICER)).approveOffer
      : offer;

  it('imposes a block after an unjustified refusal, not after a justified one, and lifts it only with a second officer', async () => {
    const proposal = must(await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] })).proposeAllocation;
    const first = await out(
      must(await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { ${OFFER} } }`, { p: proposal.id })).decideProposal,
    );
    const justified = must(
      await sut.gql(RESPOND, { input: { offerId: first.id, response: 'DECLINED', reason: 'trap niet te doen', refusalReasonCode: 'MEDICAL' } }),
    );
    expect(must(await sut.gql(SANCTIONS, { h: first.household.id })).sanctions).toEqual([]);

    const second = await out(justified.recordOfferResponse.nextOffer);
    must(await sut.gql(RESPOND, { input: { offerId: second.id, response: 'DECLINED', reason: 'wil een andere buurt', refusalReasonCode: 'LOCATION' } }));
    const [block] = must(await sut.gql(SANCTIONS, { h: second.household.id })).sanctions;
    expect(block).toMatchObject({
      kind: 'BLOCK',
      state: 'ACTIVE',
      from: '2026-03-02',
      until: '2026-09-02',
      why: expect.stringMatching(/1 unjustified refusal/),
    });
    const householdId = Number(second.household.id);
    const sanctions = sut.app.get(SanctionsService);
    expect(await sanctions.blockOf(sut.dataSource.manager, householdId)).toMatch(/2026-09-02/);

    must(await sut.gql(`mutation($s: ID!) { requestSanctionLift(sanctionId: $s, reason: "verhuisd voor werk, aangetoond") { state } }`, { s: block.id }));
    const self = await sut.gql(`mutation($s: ID!) { approveSanctionLift(sanctionId: $s) { state } }`, { s: block.id });
    expect(self.errors![0].extensions.code).toBe('FORBIDDEN');
    const lifted = must(
      await sut.gql(`mutation($s: ID!) { approveSanctionLift(sanctionId: $s) { state liftRequestedBy liftApprovedBy } }`, { s: block.id }, SECOND_OFFICER),
    ).approveSanctionLift;
    expect(lifted).toEqual({ state: 'LIFTED', liftRequestedBy: 'test-officer', liftApprovedBy: 'second-officer' });
    expect(await sanctions.blockOf(sut.dataSource.manager, householdId)).toBeNull();
    const trail = await sut.dataSource.query(
      `SELECT type, actor FROM audit_event WHERE type IN ('SANCTION_IMPOSED', 'SANCTION_LIFT') AND (subject->>'householdId')::int = $1 ORDER BY seq DESC LIMIT 3`,
      [householdId],
    );
    expect(trail.reverse()).toEqual([
      { type: 'SANCTION_IMPOSED', actor: 'test-officer' },
      { type: 'SANCTION_LIFT', actor: 'test-officer' },
      { type: 'SANCTION_LIFT', actor: 'second-officer' },
    ]);
  });

  it('shows sanctions to officers and auditors, never to a manager', async () => {
    const refused = await sut.gql(SANCTIONS, { h: ids['V-1'] }, asRole('MANAGER'));
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
