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
    // the block is an eligibility rule with its reason: no proposal or override can pass it
    const dwellingId = must(await sut.gql(`query($v: ID!) { vacancy(id: $v) { dwelling { id } } }`, { v: ids['VAC-C'] })).vacancy.dwelling.id;
    const VERDICT = `query($h: ID!, $d: ID!) { eligibility(householdId: $h, dwellingId: $d, onDate: "2026-03-02") { eligible hardFailures outcomes { ruleId result explanation } } }`;
    const blocked = must(await sut.gql(VERDICT, { h: second.household.id, d: dwellingId })).eligibility;
    expect(blocked).toMatchObject({ eligible: false, hardFailures: ['OFFER_BLOCK'] });
    expect(blocked.outcomes.find((o: any) => o.ruleId === 'OFFER_BLOCK').explanation).toMatch(/blocked from 2026-03-02 until 2026-09-02/);

    must(await sut.gql(`mutation($s: ID!) { requestSanctionLift(sanctionId: $s, reason: "verhuisd voor werk, aangetoond") { state } }`, { s: block.id }));
    const self = await sut.gql(`mutation($s: ID!) { approveSanctionLift(sanctionId: $s) { state } }`, { s: block.id });
    expect(self.errors![0].extensions.code).toBe('FORBIDDEN');
    const lifted = must(
      await sut.gql(`mutation($s: ID!) { approveSanctionLift(sanctionId: $s) { state liftRequestedBy liftApprovedBy } }`, { s: block.id }, SECOND_OFFICER),
    ).approveSanctionLift;
    expect(lifted).toEqual({ state: 'LIFTED', liftRequestedBy: 'test-officer', liftApprovedBy: 'second-officer' });
    expect(await sanctions.blockOf(sut.dataSource.manager, householdId)).toBeNull();
    // lifted: the household's facts changed (a new facts version), so no cached verdict keeps the block
    const free = must(await sut.gql(VERDICT, { h: second.household.id, d: dwellingId })).eligibility;
    expect(free.outcomes.find((o: any) => o.ruleId === 'OFFER_BLOCK').result).toBe('PASSED');
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

  it('lists the sanctions in force, oldest first: officers those of the vacancies they handle, by reference; auditors all, by pseudonym; managers none', async () => {
    const IN_FORCE = `{ sanctionsInForce { id kind state from until why liftRequestedBy household { reference } } }`;
    // a block in force, one with a lift asked for, one lifted and one past its last day (test data beside the first test's lifted block)
    const [a, b] = await sut.dataSource.query(`SELECT id FROM household WHERE reference IN ('N-1', 'N-2') ORDER BY reference`);
    const insert = async (householdId: number, state: string, from: string, until: string | null, kind = 'BLOCK') =>
      String(
        (
          await sut.dataSource.query(
            // caused by a refusal on VAC-C (the first test's offers), a vacancy the test officer handles
            `INSERT INTO sanction (household_id, kind, state, from_date, until_date, why, lift_requested_by, lift_reason, cause_offer_id)
             VALUES ($1, $2, $3, $4, $5, 'test', $6, $7, (SELECT min(id) FROM offer WHERE vacancy_id = ${Number(ids['VAC-C'])})) RETURNING id`,
            [householdId, kind, state, from, until, state === 'LIFT_REQUESTED' ? 'test-officer' : null, state === 'LIFT_REQUESTED' ? 'verhuisd' : null],
          )
        )[0].id,
      );
    const later = await insert(a.id, 'ACTIVE', '2026-02-01', '2026-08-01');
    const asked = await insert(b.id, 'LIFT_REQUESTED', '2026-01-15', null, 'LOSE_URGENCY');
    await insert(a.id, 'LIFTED', '2026-01-01', '2026-07-01');
    await insert(b.id, 'ACTIVE', '2025-01-01', '2025-07-01'); // ended before today (2026-03-02)
    const officer = must(await sut.gql(IN_FORCE)).sanctionsInForce;
    expect(officer.map((s: any) => s.id)).toEqual([asked, later]);
    expect(officer[0]).toMatchObject({ kind: 'LOSE_URGENCY', state: 'LIFT_REQUESTED', liftRequestedBy: 'test-officer', household: { reference: 'N-2' } });
    expect(officer[1]).toMatchObject({ kind: 'BLOCK', state: 'ACTIVE', from: '2026-02-01', until: '2026-08-01', household: { reference: 'N-1' } });
    const auditor = must(await sut.gql(IN_FORCE, {}, asRole('AUDITOR'))).sanctionsInForce;
    expect(auditor.map((s: any) => s.id)).toEqual([asked, later]);
    expect(auditor.map((s: any) => s.household.reference)).toEqual([expect.stringMatching(/^PSN-[0-9a-f]{16}$/), expect.stringMatching(/^PSN-[0-9a-f]{16}$/)]);
    expect(must(await sut.gql(IN_FORCE, {}, asRole('ADMIN'))).sanctionsInForce).toHaveLength(2);
    // need-to-know: an officer of another region handles none of these refusals, and reads none of them
    const outsider = asRole('OFFICER', 'officer-of-another-region');
    expect(must(await sut.gql(IN_FORCE, {}, outsider)).sanctionsInForce).toEqual([]);
    expect(must(await sut.gql(SANCTIONS, { h: String(a.id) }, outsider)).sanctions).toEqual([]);
    const manager = await sut.gql(IN_FORCE, {}, asRole('MANAGER'));
    expect(manager.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(manager.data).toBeUndefined();
  });

  it('shows sanctions to officers and auditors, never to a manager', async () => {
    const refused = await sut.gql(SANCTIONS, { h: ids['V-1'] }, asRole('MANAGER'));
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
