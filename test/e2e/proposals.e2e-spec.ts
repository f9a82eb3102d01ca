import { ImportDataset } from '../../src/imports/import-rows.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

/**
 * The case complex (case.md) in miniature: 10 of 11 homes let in a resilience-class-1 buurt, 4 tenants
 * vulnerable (40%, above the default 30% cap of class 1). The longest-registered respondent is
 * vulnerable; the next two are not.
 */
function caseDataset(): ImportDataset {
  const tenants = Array.from({ length: 10 }, (_, i) => HouseholdBuilder.from({
    reference: `T-${i}`, onWaitingList: false, incomeSource: i < 5 ? 'BENEFIT' : 'WORK', supportNeeds: i < 4 ? ['MENTAL_HEALTH'] : [],
  }).build());
  return {
    neighbourhoods: [
      { buurtCode: 'BU90040001', name: 'Rozenwijk', municipalityCode: 'GM9004', municipalityName: 'Casestad', resilienceClass: 1, resilienceSource: 'test', resilienceYear: 2024 },
      { buurtCode: 'BU90040002', name: 'Parkzicht', municipalityCode: 'GM9004', municipalityName: 'Casestad', resilienceClass: 4, resilienceSource: 'test', resilienceYear: 2024 },
    ],
    complexes: [{ code: 'CASE', name: 'Rozenhof', buurtCode: 'BU90040001' }, { code: 'PARK', name: 'Parkhof', buurtCode: 'BU90040002' },
      { code: 'NEXT', name: 'Nieuwhof', buurtCode: 'BU90040002' }],
    dwellings: [
      ...Array.from({ length: 11 }, (_, i) => ({ code: `C-${i}`, complexCode: 'CASE', address: `Rozenlaan ${i}`, postcode: '7311AB', rooms: 2, floorAreaM2: 55, netRentCents: 65_000, serviceCostsCents: 0, isDaeb: true, accessibility: 'NONE' as const, labels: [] })),
      { code: 'P-1', complexCode: 'PARK', address: 'Parklaan 1', postcode: '7312AB', rooms: 2, floorAreaM2: 60, netRentCents: 66_000, serviceCostsCents: 0, isDaeb: true, accessibility: 'NONE', labels: [] },
      { code: 'P-2', complexCode: 'NEXT', address: 'Parklaan 2', postcode: '7312AB', rooms: 2, floorAreaM2: 60, netRentCents: 66_000, serviceCostsCents: 0, isDaeb: true, accessibility: 'NONE', labels: [] },
    ],
    households: [
      ...tenants,
      HouseholdBuilder.from({ reference: 'V-1', registrationDate: '2010-01-01', incomeSource: 'BENEFIT', supportNeeds: ['SHELTER_OUTFLOW'], taxableIncomeCents: 1_500_000 }).build(),
      HouseholdBuilder.from({ reference: 'N-1', registrationDate: '2012-01-01' }).build(),
      HouseholdBuilder.from({ reference: 'N-2', registrationDate: '2014-01-01' }).build(),
      HouseholdBuilder.from({ reference: 'Y-1', registrationDate: '2016-01-01' }).build(),
      HouseholdBuilder.from({ reference: 'X-BIG', registrationDate: '2009-01-01' }).withMember('PARTNER', '1985-01-01').withMember('CHILD', '2012-01-01').withMember('CHILD', '2014-01-01').withMember('CHILD', '2016-01-01').build(),
    ],
    tenancies: tenants.map((t, i) => ({ householdReference: t.reference, dwellingCode: `C-${i}`, startDate: '2019-01-01' })),
    vacancies: [
      { reference: 'VAC-C', dwellingCode: 'C-10', availableFrom: '2026-03-15', route: 'REGULAR', respondents: ['V-1', 'N-1', 'N-2', 'X-BIG'] },
      { reference: 'VAC-P', dwellingCode: 'P-1', availableFrom: '2026-03-20', route: 'REGULAR', respondents: ['V-1', 'N-1'] },
      // free in a year whose legal limits are not published yet
      { reference: 'VAC-NY', dwellingCode: 'P-2', availableFrom: '2027-01-10', route: 'REGULAR', respondents: ['Y-1'] },
    ],
  };
}

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
    for (const row of await sut.dataSource.query(`SELECT id, reference AS key FROM household UNION ALL SELECT id, reference FROM vacancy`)) ids[row.key] = String(row.id);
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
    const noReason = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h }) { id } }`, { p: firstProposalId, h: ids['V-1'] });
    expect(noReason.errors![0].extensions.fields).toEqual([
      { field: 'reasonCode', reason: 'is required for an OVERRIDE' },
      { field: 'reasonText', reason: 'is required for an OVERRIDE' },
    ]);
    const ineligible = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Agreed with the care provider" }) { id } }`, { p: firstProposalId, h: ids['X-BIG'] });
    expect(ineligible.errors![0].extensions.fields[0]).toMatchObject({ field: 'householdId', reason: expect.stringContaining('may not be allocated this dwelling (HOUSEHOLD_SIZE_ROOMS)') });
  });

  let offerId: string;
  it('accepts the proposal: an offer goes out to the proposed household', async () => {
    const { data } = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status decision household { reference } } }`, { p: firstProposalId });
    expect(data.decideProposal).toMatchObject({ status: 'OPEN', decision: 'PROPOSED', household: { reference: 'N-1' } });
    offerId = data.decideProposal.id;
    const twice = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: firstProposalId });
    expect(twice.errors![0].extensions.code).toBe('CONFLICT');
  });

  let nextOfferId: string;
  it('passes a declined offer to the next candidate of a recomputed proposal', async () => {
    const noReason = await sut.gql(`mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: DECLINED }) { offer { id } } }`, { o: offerId });
    expect(noReason.errors![0].extensions.fields).toEqual([{ field: 'reason', reason: 'is required when the offer is declined' }]);
    const { data, errors } = await sut.gql(`mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: DECLINED, reason: "Too far from work" }) {
      offer { status responseReason } nextOffer { id status household { reference } } nextProposal { chosen { household { reference } } plainOrderCandidate { household { reference } } } } }`, { o: offerId });
    expect(errors).toBeUndefined();
    expect(data.recordOfferResponse.offer).toEqual({ status: 'DECLINED', responseReason: 'Too far from work' });
    // N-1 declined: the recomputed proposal still keeps V-1 back for the cap and offers N-2
    expect(data.recordOfferResponse.nextProposal.chosen.household.reference).toBe('N-2');
    expect(data.recordOfferResponse.nextOffer).toMatchObject({ status: 'OPEN', household: { reference: 'N-2' } });
    nextOfferId = data.recordOfferResponse.nextOffer.id;
  });

  it('lets the dwelling exactly once when several accepts arrive at the same time', async () => {
    const attempts = await Promise.all(Array.from({ length: 6 }, () =>
      sut.gql(`mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED }) { offer { status } tenancyId } }`, { o: nextOfferId })));
    const succeeded = attempts.filter((a) => !a.errors);
    expect(succeeded).toHaveLength(1);
    expect(attempts.filter((a) => a.errors).every((a) => a.errors![0].extensions.code === 'CONFLICT')).toBe(true);
    const [counts] = await sut.dataSource.query(`SELECT (SELECT count(*) FROM allocation WHERE vacancy_id = $1)::int AS allocations,
      (SELECT count(*) FROM tenancy t JOIN vacancy v ON v.dwelling_id = t.dwelling_id WHERE v.id = $1)::int AS tenancies,
      (SELECT status FROM vacancy WHERE id = $1) AS status, (SELECT on_waiting_list FROM household WHERE reference = 'N-2') AS waiting`, [ids['VAC-C']]);
    expect(counts).toEqual({ allocations: 1, tenancies: 1, status: 'ALLOCATED', waiting: false });
    const quota = await sut.gql(`{ quotaStatus(year: 2026, municipalityCode: "GM9004") { allocations } }`);
    expect(quota.data.quotaStatus.allocations).toBe(1);
    const composition = await sut.gql(`{ complexes(filter: { search: "Rozenhof" }) { nodes { composition(asOf: "2026-03-20") { occupiedCount } } } }`);
    expect(composition.data.complexes.nodes[0].composition.occupiedCount).toBe(11);
  });

  it('offers an override with its reason, and refuses proposals for a vacancy already let', async () => {
    const proposal = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { household { reference } } } }`, { v: ids['VAC-P'] });
    expect(proposal.data.proposeAllocation.chosen.household.reference).toBe('N-1');
    const notRespondent = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "Ground floor needed" }) { id } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['X-BIG'] });
    expect(notRespondent.errors![0].extensions.fields[0].reason).toMatch(/did not respond to this vacancy/);
    const blank = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "            " }) { id } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['V-1'] });
    expect(blank.errors![0].extensions.fields).toEqual([{ field: 'reasonText', reason: 'must say why, in words' }]);
    const override = await sut.gql(`mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "MEDICAL_FIT", reasonText: "Ground floor needed, medical advice on file" }) { id decision reasonCode reasonText household { reference } } }`,
      { p: proposal.data.proposeAllocation.id, h: ids['V-1'] });
    expect(override.data.decideProposal).toMatchObject({ decision: 'OVERRIDE', reasonCode: 'MEDICAL_FIT', reasonText: 'Ground floor needed, medical advice on file', household: { reference: 'V-1' } });

    // withdrawing the vacancy lets its open offer lapse: it can no longer be accepted
    await sut.gql(`mutation($v: ID!) { withdrawVacancy(id: $v) { status } }`, { v: ids['VAC-P'] });
    const late = await sut.gql(`mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED }) { tenancyId } }`, { o: override.data.decideProposal.id });
    expect(late.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('already WITHDRAWN') });
    const let_ = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] });
    expect(let_.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('is ALLOCATED') });
  });

  it('proposes in December for a move-in next year, judging by the limits of the decision date', async () => {
    const { data, errors } = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { allocationDate chosen { household { reference } } } }`, { v: ids['VAC-NY'] });
    expect(errors).toBeUndefined();
    expect(data.proposeAllocation).toEqual({ allocationDate: '2026-03-02', chosen: { household: { reference: 'Y-1' } } });
  });
});
