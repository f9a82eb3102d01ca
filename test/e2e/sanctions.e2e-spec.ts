import { SanctionsService } from '../../src/letting/sanctions.service.js';
import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';
import { offerVacancy } from '../helpers/letting-flow.js';

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

/**
 * A loss of urgency (issue 17): an urgent household refusing a suitable offer without a justified
 * reason loses its urgency (policy version 1); lifting that sanction with four eyes gives the urgency
 * back as it was, unless the household has been granted a new one since. Its "why" reads in the
 * reader's language.
 */
describe('a loss of urgency, and lifting it', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
  });
  afterAll(() => sut.close());

  const URGENCY = `query($h: ID!) { household(id: $h) { urgency { category granted expires } } }`;
  const LOSS = `query($h: ID!) { sanctions(householdId: $h) { id kind state why lostUrgency { category granted expires } } }`;
  const urgencyOf = async (h: string) => must(await sut.gql(URGENCY, { h })).household.urgency;
  const makeUrgent = (h: string, category: string, granted: string, expires: string | null) =>
    sut.dataSource.query(`UPDATE household SET urgency_category = $2, urgency_granted = $3, urgency_expires = $4 WHERE id = $1`, [
      h,
      category,
      granted,
      expires,
    ]);
  const lift = async (sanctionId: string) => {
    must(
      await sut.gql(`mutation($s: ID!) { requestSanctionLift(sanctionId: $s, reason: "weigering bleek terecht na huisbezoek") { state } }`, { s: sanctionId }),
    );
    return must(await sut.gql(`mutation($s: ID!) { approveSanctionLift(sanctionId: $s) { state } }`, { s: sanctionId }, SECOND_OFFICER)).approveSanctionLift;
  };
  const liftTrail = async (sanctionId: string) =>
    (
      await sut.dataSource.query(
        `SELECT body::jsonb -> 'payload' AS payload FROM audit_event WHERE type = 'SANCTION_LIFT' AND (subject->>'sanctionId')::int = $1 ORDER BY seq`,
        [sanctionId],
      )
    ).map((r: { payload: unknown }) => r.payload);

  it('takes the urgency away on an unjustified refusal of a suitable offer, and gives it back as it was when the sanction is lifted', async () => {
    const first = await offerVacancy(sut, ids['VAC-C'], `id status household { id }`);
    const household = first.household.id;
    await makeUrgent(household, 'MEDICAL', '2026-01-10', '2027-01-10');
    const refused = must(
      await sut.gql(RESPOND, { input: { offerId: first.id, response: 'DECLINED', reason: 'wil een andere buurt', refusalReasonCode: 'LOCATION' } }),
    );
    expect(await urgencyOf(household)).toBeNull();
    const [loss] = must(await sut.gql(LOSS, { h: household })).sanctions;
    expect(loss).toMatchObject({
      kind: 'LOSE_URGENCY',
      state: 'ACTIVE',
      why: 'The urgent household refused a suitable offer without a justified reason (LOCATION): it loses its urgency from 2026-03-02.',
      lostUrgency: { category: 'MEDICAL', granted: '2026-01-10', expires: '2027-01-10' },
    });
    // a Dutch screen reads the Dutch sentence of the same decision
    const [inDutch] = must(await sut.gql(LOSS, { h: household }, undefined, { 'accept-language': 'nl-NL,nl;q=0.9' })).sanctions;
    expect(inDutch.why).toBe(
      'Het urgente huishouden weigerde een passend aanbod zonder terechte reden (LOCATION): het verliest zijn urgentie per 2 maart 2026.',
    );
    // an auditor reads that a loss of urgency was lifted, not which urgency (special-category data)
    const audited = await sut.gql(`query($h: ID!) { sanctions(householdId: $h) { kind lostUrgency { category } } }`, { h: household }, asRole('AUDITOR'));
    expect(audited.data).toBeUndefined();
    expect(audited.errors![0].extensions).toEqual({ code: 'FORBIDDEN', deniedFields: ['LostUrgency.category'] });

    expect(await lift(loss.id)).toEqual({ state: 'LIFTED' });
    expect(await urgencyOf(household)).toEqual({ category: 'MEDICAL', granted: '2026-01-10', expires: '2027-01-10' });
    expect((await liftTrail(loss.id)).at(-1)).toMatchObject({
      event: 'APPROVE_LIFT',
      to: 'LIFTED',
      restoredUrgency: { granted: '2026-01-10', expires: '2027-01-10' },
    });
    // auditors read the log's bodies verbatim: no urgency category in them (special-category data)
    const bodies: { body: string }[] = await sut.dataSource.query(
      `SELECT body FROM audit_event WHERE type IN ('SANCTION_IMPOSED', 'SANCTION_LIFT') AND (subject->>'householdId')::int = $1`,
      [household],
    );
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const { body } of bodies) expect(body).not.toMatch(/MEDICAL/);

    // the next household in line, urgent too, refuses as well; it is granted a new urgency before the lift
    const next = refused.recordOfferResponse.nextOffer;
    const second =
      next.status === 'PENDING_APPROVAL'
        ? must(await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { ${OFFER} } }`, { o: next.id }, SECOND_OFFICER)).approveOffer
        : next;
    const other = second.household.id;
    expect(other).not.toBe(household);
    await makeUrgent(other, 'SOCIAL', '2025-11-01', null);
    must(await sut.gql(RESPOND, { input: { offerId: second.id, response: 'DECLINED', reason: 'te hoog', refusalReasonCode: 'LOCATION' } }));
    const [otherLoss] = must(await sut.gql(LOSS, { h: other })).sanctions;
    expect(otherLoss).toMatchObject({ kind: 'LOSE_URGENCY', lostUrgency: { category: 'SOCIAL', granted: '2025-11-01', expires: null } });
    await makeUrgent(other, 'MEDICAL', '2026-03-02', '2027-03-02');
    expect(await lift(otherLoss.id)).toEqual({ state: 'LIFTED' });
    expect(await urgencyOf(other)).toEqual({ category: 'MEDICAL', granted: '2026-03-02', expires: '2027-03-02' });
    expect((await liftTrail(otherLoss.id)).at(-1)).toMatchObject({
      event: 'APPROVE_LIFT',
      urgencyNotRestored: 'the household has been granted an urgency since; that decision stands',
    });
  });
});
