import { TEST_TODAY, TestApp, asRole, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const DECIDER = asRole('OFFICER', 'officer-a');
const APPROVER = asRole('OFFICER', 'officer-b');
const OUTSIDER = asRole('OFFICER', 'officer-unassigned');
const QUEUE = `{ pendingApprovals { offerId vacancyReference complexCode decision decidedBy reasonCode reasonLabel reasonText reasonRequires offeredRank displacement
  household { reference indication { kind accessibility } specialCategoryVisible } targets { targetId label } } }`;
const PROPOSE = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { rank } } }`;
const OVERRIDE = `mutation($p: ID!, $h: ID!, $c: String!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: $c, reasonText: "Ground floor needed, the indication is on file" }) { id status } }`;

/** The four-eyes queue, and override reasons as versioned policy data (README, "Audit log, explanations, reports, four-eyes"). */
describe('four-eyes queue and coded override reasons', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let proposalId: string;
  let offerId: string;
  /** Access records from here on (on a shared server the table holds other suites' records too). */
  let recordsAfter = 0;

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    recordsAfter = Number((await sut.dataSource.query('SELECT coalesce(max(id), 0) AS max FROM special_category_access'))[0].max);
    // N-2 has a medical indication for a zero-step home: the fact MEDICAL_FIT relies on
    const updated = await sut.gql(
      `mutation($id: ID!) { updateHousehold(id: $id, input: { indicationKind: MEDICAL, indicationAccessibility: ZERO_STEP }) { id } }`,
      { id: ids['N-2'] },
    );
    expect(updated.errors).toBeUndefined();
  });
  afterAll(() => sut.close());

  it('lists what waits for a second officer, with what the approver needs to judge it', async () => {
    proposalId = (await sut.gql(PROPOSE, { v: ids['VAC-C'] }, DECIDER)).data.proposeAllocation.id;
    // the proposal weighs a target on vulnerability: reading it reads each candidate's special-category data, on record
    const read = (
      await sut.gql(
        `query($a: Int!) { specialCategoryAccess(subject: "officer-a", afterId: $a) { household purpose purposeId fields } }`,
        { a: recordsAfter },
        asRole('ADMIN'),
      )
    ).data.specialCategoryAccess;
    expect(read).toContainEqual({ household: ids['V-1'], purpose: 'VACANCY', purposeId: ids['VAC-C'], fields: ['proposal'] });
    const decided = await sut.gql(OVERRIDE, { p: proposalId, h: ids['N-2'], c: 'MEDICAL_FIT' }, DECIDER);
    expect(decided.errors).toBeUndefined();
    offerId = decided.data.decideProposal.id;
    expect(decided.data.decideProposal.status).toBe('PENDING_APPROVAL');

    const { data, errors } = await sut.gql(QUEUE, {}, APPROVER);
    expect(errors).toBeUndefined();
    expect(data.pendingApprovals).toEqual([
      {
        offerId,
        vacancyReference: 'VAC-C',
        complexCode: 'CASE',
        decision: 'OVERRIDE',
        decidedBy: 'officer-a',
        reasonCode: 'MEDICAL_FIT',
        reasonLabel: 'The home fits a medical or Wmo indication of the household',
        reasonText: 'Ground floor needed, the indication is on file',
        reasonRequires: 'MEDICAL_OR_WMO_INDICATION',
        offeredRank: 3,
        displacement: 2,
        household: { reference: 'N-2', indication: { kind: 'MEDICAL', accessibility: 'ZERO_STEP' }, specialCategoryVisible: true },
        targets: expect.any(Array),
      },
    ]);
    // the approver's read of the indication is on record, with the offer as its purpose
    const records = (
      await sut.gql(
        `query($a: Int!) { specialCategoryAccess(subject: "officer-b", afterId: $a) { purpose purposeId fields } }`,
        { a: recordsAfter },
        asRole('AUDITOR'),
      )
    ).data.specialCategoryAccess;
    expect(records).toContainEqual({ purpose: 'OFFER', purposeId: offerId, fields: ['indication'] });
  });

  it('does not list an offer to the officer who decided it, nor to an officer outside the assignment', async () => {
    expect((await sut.gql(QUEUE, {}, DECIDER)).data.pendingApprovals).toEqual([]);
    expect((await sut.gql(QUEUE, {}, OUTSIDER)).data.pendingApprovals).toEqual([]);
    const refused = await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { id } }`, { o: offerId }, OUTSIDER);
    expect(refused.errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/^approveOffer: vacancy VAC-C is outside your assignment/),
    });
  });

  it('takes a new version of the override reasons from a manager, validated and audited, and decides under the version in force', async () => {
    const ADD = `mutation($i: AddOverrideReasonPolicyVersionInput!) { addOverrideReasonPolicyVersion(input: $i) { version effectiveFrom reasons { code requires } } }`;
    const reasons = [
      { code: 'CARE_PARTNER', label: 'Agreed with the care partner of the buurt', requires: null },
      { code: 'WORK', label: 'Works nearby as care or education staff', requires: 'INCOME_FROM_WORK' },
    ];
    const invalid = await sut.gql(ADD, { i: { effectiveFrom: '2026-01-01', reasons: [reasons[0], reasons[0]] } }, asRole('MANAGER'));
    expect(invalid.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'reasons[1].code', reason: 'CARE_PARTNER is listed twice' },
        { field: 'effectiveFrom', reason: `must be today (${TEST_TODAY}) or later: a policy does not change the past` },
      ],
    });
    expect((await sut.gql(ADD, { i: { effectiveFrom: TEST_TODAY, reasons } }, asRole('OFFICER'))).errors![0].extensions.code).toBe('FORBIDDEN');
    const added = await sut.gql(ADD, { i: { effectiveFrom: TEST_TODAY, reasons } }, asRole('MANAGER'));
    expect(added.data.addOverrideReasonPolicyVersion).toEqual({
      version: 2,
      effectiveFrom: TEST_TODAY,
      reasons: [
        { code: 'CARE_PARTNER', requires: null },
        { code: 'WORK', requires: 'INCOME_FROM_WORK' },
      ],
    });
    const versions = (await sut.gql(`{ overrideReasonPolicies { version } }`, {}, asRole('AUDITOR'))).data.overrideReasonPolicies;
    expect(versions.map((v: any) => v.version)).toEqual([1, 2]);
    const [event] = await sut.dataSource.query(`SELECT actor FROM audit_event WHERE type = 'OVERRIDE_REASONS_ADDED' ORDER BY seq DESC LIMIT 1`);
    expect(event.actor).toBe('test-manager');

    // the second officer refuses the pending override; the proposal is decided again under version 2
    expect(
      (
        await sut.gql(
          `mutation($o: ID!) { refuseOffer(input: { offerId: $o, reason: "Ask the care partner first, then decide" }) { status } }`,
          { o: offerId },
          APPROVER,
        )
      ).data.refuseOffer.status,
    ).toBe('WITHDRAWN');
    const gone = await sut.gql(OVERRIDE, { p: proposalId, h: ids['N-2'], c: 'MEDICAL_FIT' }, DECIDER);
    expect(gone.errors![0].extensions.fields).toEqual([{ field: 'reasonCode', reason: 'must be one of CARE_PARTNER, WORK (override reasons v2)' }]);
    const again = await sut.gql(OVERRIDE, { p: proposalId, h: ids['N-2'], c: 'CARE_PARTNER' }, DECIDER);
    expect(again.errors).toBeUndefined();
    const [offer] = await sut.dataSource.query('SELECT override_reason_policy_version AS v FROM offer WHERE id = $1', [again.data.decideProposal.id]);
    expect(offer.v).toBe(2);
  });

  it('does not count the override the second officer refused in the report', async () => {
    const report = (
      await sut.gql(`{ allocationReport(year: 2026, municipalityCode: "GM9004") { deviations { dimension key overrides } } }`, {}, asRole('AUDITOR'))
    ).data.allocationReport;
    const reasons = report.deviations.filter((d: any) => d.dimension === 'REASON_CODE');
    expect(reasons).toEqual([{ dimension: 'REASON_CODE', key: 'CARE_PARTNER', overrides: 1 }]);
  });

  it('replays every proposal made here IDENTICAL', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
