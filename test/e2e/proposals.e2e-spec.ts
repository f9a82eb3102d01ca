import { ImportsService } from '../../src/imports/imports.service.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, expectEveryProposalReplaysIdentical, idsByReference } from '../helpers/test-app.js';

/** The second officer of four-eyes approvals. */
const SECOND_OFFICER = asRole('OFFICER', 'second-officer');
const APPROVE = `mutation($o: ID!) { approveOffer(offerId: $o) { id status approvedBy decidedBy } }`;

const PROPOSAL = `id status solveStatus summary candidateCount routeOrder
  chosen { rank score costVersusChosen household { reference } }
  plainOrderCandidate { rank household { reference } }
  passedOverSummary passedOverReasons { kind ref points text }
  alternatives { rank costVersusChosen household { reference } }
  composition { targetId bound basisPoints before { count total basisPoints } afterThis { count total basisPoints violation } text }
  plan`;

describe('proposals, decisions and offers over GraphQL', () => {
  let sut: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    Object.assign(ids, await idsByReference(sut));
  });
  afterAll(() => sut.close());

  let firstProposalId: string;

  it('keeps the case complex under its vulnerable cap where the plain order would not, and says so in words and numbers', async () => {
    const { data, errors } = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { ${PROPOSAL} } }`, { v: ids['VAC-C'] });
    expect(errors).toBeUndefined();
    const p = data.proposeAllocation;
    firstProposalId = p.id;
    expect(p).toMatchObject({ status: 'PROPOSED', candidateCount: 3 }); // X-BIG is not eligible (room norm)
    expect(p.plainOrderCandidate).toMatchObject({ rank: 1, household: { reference: 'V-1' } });
    expect(p.chosen).toMatchObject({ rank: 2, household: { reference: 'N-1' } });
    const cap = p.composition.find((t: any) => t.targetId === 'VULNERABLE_MAX');
    expect(cap).toMatchObject({ bound: 'MAX', basisPoints: 3000, before: { count: 4, total: 10, basisPoints: 4000 }, afterThis: { count: 4, total: 11 } });
    expect(p.passedOverReasons).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'COMPOSITION_TARGET', ref: 'VULNERABLE_MAX' })]));
    expect(p.passedOverSummary).toMatch(/vulnerable/);
    expect(p.passedOverReasons.find((r: any) => r.ref === 'VULNERABLE_MAX').text).toMatch(/30%/);
    const plainAlternative = p.alternatives.find((a: any) => a.household.reference === 'V-1');
    expect(plainAlternative.costVersusChosen).toBeGreaterThan(0);
    const vacancy = await sut.gql(`query($v: ID!) { vacancy(id: $v) { status } }`, { v: ids['VAC-C'] });
    expect(vacancy.data.vacancy.status).toBe('PROPOSED');
  });

  it('proposes the same plan again for the same inputs (byte for byte) and supersedes the earlier proposal', async () => {
    const again = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id plan } }`, { v: ids['VAC-C'] });
    const first = await sut.gql(`query($id: ID!) { proposal(id: $id) { status plan } }`, { id: firstProposalId });
    expect(again.data.proposeAllocation.plan).toBe(first.data.proposal.plan);
    expect(first.data.proposal.status).toBe('SUPERSEDED');
    firstProposalId = again.data.proposeAllocation.id;
  });

  it('requires a reason for an override, and an eligible household', async () => {
    const noReason = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h }) { id } }`, {
      p: firstProposalId,
      h: ids['V-1'],
    });
    expect(noReason.errors![0].extensions.fields).toEqual([
      { field: 'reasonCode', reason: 'is required for an OVERRIDE' },
      { field: 'reasonText', reason: 'is required for an OVERRIDE' },
    ]);
    const ineligible = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Agreed with the care provider" }) { id } }`,
      { p: firstProposalId, h: ids['X-BIG'] },
    );
    expect(ineligible.errors![0].extensions.fields[0]).toMatchObject({
      field: 'householdId',
      reason: expect.stringContaining('may not be allocated this dwelling (HOUSEHOLD_SIZE_ROOMS)'),
    });
  });

  let offerId: string;
  it('accepts the proposal: passing over the plain-order candidate, the offer waits for a second officer, then goes out', async () => {
    const { data } = await sut.gql(
      `mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status decision decidedBy household { reference } } }`,
      { p: firstProposalId },
    );
    expect(data.decideProposal).toMatchObject({ status: 'PENDING_APPROVAL', decision: 'PROPOSED', decidedBy: 'test-officer', household: { reference: 'N-1' } });
    offerId = data.decideProposal.id;
    const early = await sut.gql(
      `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { tenancyId } }`,
      { o: offerId },
    );
    expect(early.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('awaits a second officer') });
    const self = await sut.gql(APPROVE, { o: offerId });
    expect(self.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('Four-eyes: test-officer decided offer') });
    const approved = await sut.gql(APPROVE, { o: offerId }, SECOND_OFFICER);
    expect(approved.data.approveOffer).toMatchObject({ status: 'OPEN', decidedBy: 'test-officer', approvedBy: 'second-officer' });
    const twice = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: firstProposalId });
    expect(twice.errors![0].extensions.code).toBe('CONFLICT');
  });

  let nextOfferId: string;
  it('passes a declined offer to the next candidate of a recomputed proposal', async () => {
    const noReason = await sut.gql(`mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: DECLINED }) { offer { id } } }`, { o: offerId });
    expect(noReason.errors![0].extensions.fields).toEqual([{ field: 'reason', reason: 'is required when the offer is declined' }]);
    const { data, errors } = await sut.gql(
      `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: DECLINED, reason: "Too far from work" }) {
      offer { status responseReason } nextOffer { id status household { reference } } nextProposal { chosen { household { reference } } plainOrderCandidate { household { reference } } } } }`,
      { o: offerId },
    );
    expect(errors).toBeUndefined();
    expect(data.recordOfferResponse.offer).toEqual({ status: 'DECLINED', responseReason: 'Too far from work' });
    // N-1 declined: the recomputed proposal still keeps V-1 back for the cap and offers N-2
    expect(data.recordOfferResponse.nextProposal.chosen.household.reference).toBe('N-2');
    // N-2 is third in plain order: the next offer passes over two places and waits for approval too
    expect(data.recordOfferResponse.nextOffer).toMatchObject({ status: 'PENDING_APPROVAL', household: { reference: 'N-2' } });
    nextOfferId = data.recordOfferResponse.nextOffer.id;
    expect((await sut.gql(APPROVE, { o: nextOfferId }, SECOND_OFFICER)).data.approveOffer.status).toBe('OPEN');
  });

  it('lets the dwelling exactly once when several accepts arrive at the same time', async () => {
    // accepted at once, the offer's stages skipped: only with the income statement and the identity checked
    for (const documents of [null, { incomeStatement: true, identity: false }]) {
      const unchecked = await sut.gql(
        `mutation($o: ID!, $d: OfferDocumentsInput) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: $d }) { tenancyId } }`,
        { o: nextOfferId, d: documents },
      );
      expect(unchecked.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'documents', reason: expect.stringMatching(/^must have (the income statement and )?the proof of identity checked/) }],
      });
    }
    const [still] = await sut.dataSource.query(`SELECT status, documents FROM offer WHERE id = $1`, [Number(nextOfferId)]);
    expect(still).toEqual({ status: 'OPEN', documents: {} });
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        sut.gql(
          `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { offer { status } tenancyId } }`,
          { o: nextOfferId },
        ),
      ),
    );
    const succeeded = attempts.filter((a) => !a.errors);
    expect(succeeded).toHaveLength(1);
    expect(attempts.filter((a) => a.errors).every((a) => a.errors![0].extensions.code === 'CONFLICT')).toBe(true);
    const [counts] = await sut.dataSource.query(
      `SELECT (SELECT count(*) FROM allocation WHERE vacancy_id = $1)::int AS allocations,
      (SELECT count(*) FROM tenancy t JOIN vacancy v ON v.dwelling_id = t.dwelling_id WHERE v.id = $1)::int AS tenancies,
      (SELECT status FROM vacancy WHERE id = $1) AS status, (SELECT on_waiting_list FROM household WHERE reference = 'N-2') AS waiting`,
      [ids['VAC-C']],
    );
    expect(counts).toEqual({ allocations: 1, tenancies: 1, status: 'ALLOCATED', waiting: false });
    const quota = await sut.gql(`{ quotaStatus(year: 2026, municipalityCode: "GM9004") { allocations } }`);
    expect(quota.data.quotaStatus.allocations).toBe(1);
    const composition = await sut.gql(`{ complexes(filter: { search: "Rozenhof" }) { nodes { composition(asOf: "2026-03-20") { occupiedCount } } } }`);
    expect(composition.data.complexes.nodes[0].composition.occupiedCount).toBe(11);
  });

  it('offers an override with its reason, and refuses proposals for a vacancy already let', async () => {
    const proposal = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { household { reference } } } }`, { v: ids['VAC-P'] });
    expect(proposal.data.proposeAllocation.chosen.household.reference).toBe('N-1');
    const notRespondent = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "Ground floor needed" }) { id } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['X-BIG'] },
    );
    expect(notRespondent.errors![0].extensions.fields[0].reason).toMatch(/did not respond to this vacancy/);
    const blank = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "            " }) { id } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['V-1'] },
    );
    expect(blank.errors![0].extensions.fields).toEqual([{ field: 'reasonText', reason: 'must say why, in words' }]);
    // a coded reason must rest on a fact on file: V-1 has no medical or Wmo indication
    const unfounded = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "Ground floor needed, medical advice on file" }) { id } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['V-1'] },
    );
    expect(unfounded.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'reasonCode', reason: 'MEDICAL_FIT needs a medical or Wmo indication on file for the household, and it has none' }],
    });
    const override = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Agreed with the care partner in the buurt session" }) { id status decision reasonCode reasonText household { reference } } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['V-1'] },
    );
    // an override always needs a second officer
    expect(override.data.decideProposal).toMatchObject({
      status: 'PENDING_APPROVAL',
      decision: 'OVERRIDE',
      reasonCode: 'SOCIAL_MANAGEMENT',
      reasonText: 'Agreed with the care partner in the buurt session',
      household: { reference: 'V-1' },
    });
    expect((await sut.gql(APPROVE, { o: override.data.decideProposal.id }, SECOND_OFFICER)).data.approveOffer.status).toBe('OPEN');

    // withdrawing the vacancy lets its open offer lapse: it can no longer be accepted
    await sut.gql(`mutation($v: ID!) { withdrawVacancy(id: $v) { status } }`, { v: ids['VAC-P'] });
    const late = await sut.gql(
      `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { tenancyId } }`,
      {
        o: override.data.decideProposal.id,
      },
    );
    expect(late.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('already WITHDRAWN') });
    const let_ = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] });
    expect(let_.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('is ALLOCATED') });
  });

  it('proposes in December for a move-in next year, judging by the limits of the decision date', async () => {
    const { data, errors } = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { allocationDate chosen { household { reference } } } }`, {
      v: ids['VAC-NY'],
    });
    expect(errors).toBeUndefined();
    expect(data.proposeAllocation).toEqual({ allocationDate: '2026-03-02', chosen: { household: { reference: 'Y-1' } } });
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});

describe('look-ahead counts offers still open on other vacancies of the complex', () => {
  let sut: TestApp;
  afterAll(() => sut?.close());

  it('a vulnerable household with an open offer for another home of the complex counts in the mix of the next proposal', async () => {
    sut = await createTestApp();
    const dataset = caseDataset();
    dataset.dwellings.push({ ...dataset.dwellings[0], code: 'C-11', address: 'Rozenlaan 11' });
    dataset.vacancies.push({ reference: 'VAC-C2', dwellingCode: 'C-11', availableFrom: '2026-03-15', route: 'REGULAR', respondents: ['V-1', 'N-2'] });
    expect((await sut.app.get(ImportsService).importDataset(dataset)).errors).toEqual([]);
    const ids = await idsByReference(sut);

    const cap = (p: any) => p.composition.find((t: any) => t.targetId === 'VULNERABLE_MAX');
    const before = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { composition { targetId before { count total } } } }`, {
      v: ids['VAC-C'],
    });
    expect(cap(before.data.proposeAllocation).before).toEqual({ count: 4, total: 10 });

    const second = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C2'] });
    const override = await sut.gql(
      `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Support arranged with the care provider" }) { status } }`,
      { p: second.data.proposeAllocation.id, h: ids['V-1'] },
    );
    expect(override.data.decideProposal.status).toBe('PENDING_APPROVAL'); // an override: four-eyes

    const after = await sut.gql(
      `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { composition { targetId before { count total } } plainOrderCandidate { household { reference } } } }`,
      { v: ids['VAC-C'] },
    );
    expect(cap(after.data.proposeAllocation).before).toEqual({ count: 5, total: 11 });
    // V-1 holds the open offer, so it is no longer a candidate here
    expect(after.data.proposeAllocation.plainOrderCandidate.household.reference).toBe('N-1');
  });

  it('plans the complex’s other open vacancies along, but not one advertised and waiting for its candidate list', async () => {
    const fresh = await createTestApp();
    try {
      const dataset = caseDataset();
      dataset.dwellings.push({ ...dataset.dwellings[0], code: 'C-11', address: 'Rozenlaan 11' });
      dataset.vacancies.push({ reference: 'VAC-C2', dwellingCode: 'C-11', availableFrom: '2026-03-15', route: 'REGULAR', respondents: ['N-2', 'Y-1'] });
      expect((await fresh.app.get(ImportsService).importDataset(dataset)).errors).toEqual([]);
      const ids = await idsByReference(fresh);
      const lookAhead = async () => {
        const { data, errors } = await fresh.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { plan } }`, { v: ids['VAC-C'] });
        expect(errors).toBeUndefined();
        return (JSON.parse(data.proposeAllocation.plan) as { lookAhead: { vacancyReference: string }[] }).lookAhead.map((l) => l.vacancyReference);
      };
      expect(await lookAhead()).toEqual(['VAC-C2']);
      const published = await fresh.gql(`mutation($input: PublishVacancyInput!) { publishVacancy(input: $input) { state } }`, {
        input: { vacancyId: ids['VAC-C2'], opensOn: '2026-03-03', closesOn: '2026-03-09' },
      });
      expect(published.data.publishVacancy.state).toBe('PUBLISHED');
      expect(await lookAhead()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('the POINTS route ranks by the points of the regional registration system', () => {
  let sut: TestApp;
  afterAll(() => sut.close());

  it('proposes the household with the most points, shows the points, and ranks those without points last', async () => {
    sut = await createTestApp();
    const dataset = caseDataset();
    dataset.dwellings.push({ ...dataset.dwellings.find((d) => d.code === 'P-1')!, code: 'P-3', address: 'Parklaan 3' });
    dataset.households.push(
      HouseholdBuilder.from({ reference: 'PT-A', registrationDate: '2020-01-01', rankingPoints: 300 }).build(),
      HouseholdBuilder.from({ reference: 'PT-B', registrationDate: '2010-01-01', rankingPoints: 100 }).build(),
      HouseholdBuilder.from({ reference: 'PT-C', registrationDate: '2005-01-01' }).build(),
    );
    dataset.vacancies.push({ reference: 'VAC-PTS', dwellingCode: 'P-3', availableFrom: '2026-04-01', route: 'POINTS', respondents: ['PT-C', 'PT-B', 'PT-A'] });
    expect((await sut.app.get(ImportsService).importDataset(dataset)).errors).toEqual([]);
    const [{ id }] = await sut.dataSource.query(`SELECT id::text FROM vacancy WHERE reference = 'VAC-PTS'`);
    const { data, errors } = await sut.gql(
      `mutation($v: ID!) { proposeAllocation(vacancyId: $v) {
      routeOrder chosen { rank rankingPoints household { reference rankingPoints } } alternatives { rank rankingPoints household { reference } } } }`,
      { v: id },
    );
    expect(errors).toBeUndefined();
    const p = data.proposeAllocation;
    expect(p.routeOrder).toMatch(/ranking points \(most first; none registered last\)/);
    expect(p.chosen).toEqual({ rank: 1, rankingPoints: 300, household: { reference: 'PT-A', rankingPoints: 300 } });
    expect(p.alternatives).toEqual([
      { rank: 2, rankingPoints: 100, household: { reference: 'PT-B' } },
      { rank: 3, rankingPoints: null, household: { reference: 'PT-C' } },
    ]);
  });
});
