import { parse } from 'csv-parse/sync';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, idsByReference, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const REPORT = `query($y: Int!, $m: String) { allocationReport(year: $y, municipalityCode: $m) { year scope allocations
  quotas { quota numerator denominator basisPoints meetsNorm } deviations { dimension key decisions passedOver overrides }
  groups { dimension category applicants allocated rateBasisPoints } csv } }`;

describe('reports for auditors and managers', () => {
  let sut: TestApp;
  const second = asRole('OFFICER', 'second-officer');

  beforeAll(async () => {
    sut = await createTestApp();
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    const ids = await idsByReference(sut);
    // VAC-C: the proposal passes over V-1 (vulnerable cap); accepted, approved, accepted by N-1
    const p1 = (await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] })).data.proposeAllocation.id;
    const o1 = (await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: p1 })).data.decideProposal.id;
    await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { id } }`, { o: o1 }, second);
    expect(
      (
        await sut.gql(
          `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { tenancyId } }`,
          { o: o1 },
        )
      ).errors,
    ).toBeUndefined();
    // VAC-P: overridden in favour of V-1 with a reason; approved and accepted
    const p2 = (await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-P'] })).data.proposeAllocation.id;
    const o2 = (
      await sut.gql(
        `mutation($p: ID!, $h: ID!) { decideProposal(input: { proposalId: $p, decision: OVERRIDE, householdId: $h, reasonCode: "SOCIAL_MANAGEMENT", reasonText: "Ground floor needed, medical advice on file" }) { id } }`,
        { p: p2, h: ids['V-1'] },
      )
    ).data.decideProposal.id;
    await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { id } }`, { o: o2 }, second);
    expect(
      (
        await sut.gql(
          `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { tenancyId } }`,
          { o: o2 },
        )
      ).errors,
    ).toBeUndefined();
  });
  afterAll(() => sut.close());

  it('shows quota shares against norms, deviations and overrides, and allocation rates by group', async () => {
    const { data, errors } = await sut.gql(REPORT, { y: 2026, m: 'GM9004' }, asRole('AUDITOR'));
    expect(errors).toBeUndefined();
    const r = data.allocationReport;
    expect(r).toMatchObject({ year: 2026, scope: 'GM9004', allocations: 2 });
    expect(r.quotas.find((q: any) => q.quota === 'DAEB_TARGET_GROUP')).toMatchObject({ numerator: 2, denominator: 2, meetsNorm: true });
    expect(r.deviations).toEqual([
      { dimension: 'OFFICER', key: 'test-officer', decisions: 2, passedOver: 1, overrides: 1 },
      { dimension: 'REASON_CODE', key: 'SOCIAL_MANAGEMENT', decisions: 1, passedOver: 0, overrides: 1 },
      { dimension: 'COMPLEX', key: 'CASE', decisions: 1, passedOver: 1, overrides: 0 },
      { dimension: 'COMPLEX', key: 'PARK', decisions: 1, passedOver: 0, overrides: 1 },
    ]);
    // applicants: respondents of VAC-C and VAC-P (V-1, N-1, N-2, X-BIG); housed: N-1 and V-1
    const vulnerable = r.groups.find((g: any) => g.dimension === 'VULNERABILITY' && g.category === 'VULNERABLE');
    expect(vulnerable).toEqual({ dimension: 'VULNERABILITY', category: 'VULNERABLE', applicants: 1, allocated: 1, rateBasisPoints: 10_000 });
    const notVulnerable = r.groups.find((g: any) => g.dimension === 'VULNERABILITY' && g.category === 'NOT_VULNERABLE');
    expect(notVulnerable).toEqual({ dimension: 'VULNERABILITY', category: 'NOT_VULNERABLE', applicants: 3, allocated: 1, rateBasisPoints: 3333 });
  });

  it('shows managers the same report with cells of fewer than five households suppressed, in the fields and the CSV', async () => {
    const { data, errors } = await sut.gql(REPORT, { y: 2026, m: 'GM9004' }, asRole('MANAGER'));
    expect(errors).toBeUndefined();
    const r = data.allocationReport;
    expect(r).toMatchObject({ year: 2026, scope: 'GM9004', allocations: 2 });
    for (const category of ['VULNERABLE', 'NOT_VULNERABLE']) {
      expect(r.groups.find((g: any) => g.dimension === 'VULNERABILITY' && g.category === category)).toEqual({
        dimension: 'VULNERABILITY',
        category,
        applicants: null,
        allocated: null,
        rateBasisPoints: null,
      });
    }
    const rows: string[][] = parse(r.csv);
    expect(rows).toContainEqual(['ALLOCATION_RATE', '2026', 'GM9004', 'VULNERABILITY', 'NOT_VULNERABLE', 'rate_basis_points', '']);
    expect(
      rows.filter((row) => row[0] === 'ALLOCATION_RATE' && row[6] !== '' && Number(row[6]) > 0 && Number(row[6]) < 5 && row[5] !== 'rate_basis_points'),
    ).toEqual([]);
  });

  it('exports the same figures as CSV', async () => {
    const { csv } = (await sut.gql(REPORT, { y: 2026, m: 'GM9004' }, asRole('AUDITOR'))).data.allocationReport;
    const rows: string[][] = parse(csv);
    expect(rows[0]).toEqual(['section', 'year', 'scope', 'dimension', 'key', 'measure', 'value']);
    expect(rows).toContainEqual(['DEVIATION', '2026', 'GM9004', 'REASON_CODE', 'SOCIAL_MANAGEMENT', 'overrides', '1']);
    expect(rows).toContainEqual(['ALLOCATION_RATE', '2026', 'GM9004', 'VULNERABILITY', 'NOT_VULNERABLE', 'rate_basis_points', '3333']);
    expect(rows.filter((r) => r[0] === 'QUOTA' && r[3] === 'DAEB_TARGET_GROUP' && r[5] === 'meets_norm')).toEqual([
      ['QUOTA', '2026', 'GM9004', 'DAEB_TARGET_GROUP', expect.any(String), 'meets_norm', 'true'],
    ]);
  });

  it('refuses a bad municipality code and a year without parameters', async () => {
    const bad = await sut.gql(REPORT, { y: 2026, m: 'AMS' }, asRole('MANAGER'));
    expect(bad.errors![0].extensions.fields).toEqual([{ field: 'municipalityCode', reason: 'must be GM followed by 4 digits' }]);
    const noYear = await sut.gql(REPORT, { y: 2031 }, asRole('MANAGER'));
    expect(noYear.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
