import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { movableClock, must } from '../helpers/letting-flow.js';
import { TestApp, asRole, createTestApp } from '../helpers/test-app.js';

const DOSSIER = `query($b: String!) { neighbourhoodDossier(buurtCode: $b) { asOf windowFrom notes
  complexes { code figuresAsOf dwellings households targets { dimension category bound share withinTarget }
    inflowByRoute { total cells { key count suppressed } } endedByReason { total cells { key count suppressed } } turnoverPer100 deviations allocations } } }`;
const PRIORITIES = `{ neighbourhoodPriorities { asOf inflowSince buurten { buurtCode rank score complexes components { id value points note } } } }`;
const GRANT = `mutation($input: GrantPartnerAccessInput!) { grantPartnerAccess(input: $input) { id } }`;
const START = `mutation($input: StartTenancyInput!) { startTenancy(input: $input) { id } }`;
const END = `mutation($input: EndTenancyInput!) { endTenancy(input: $input) { id } }`;

const ADMIN = asRole('ADMIN', 'release-admin');
const MANAGER = asRole('MANAGER', 'release-manager');
const PARTNER = asRole('PARTNER', 'politie-rozenwijk');
const SECOND_PARTNER = asRole('PARTNER', 'wijkteam-rozenwijk');

/**
 * Partners read released figures (issue 16, need-to-know; src/engine/privacy/partner-release.ts): a
 * partner who reads a complex before and after one household moves must not see that move (small-cell
 * suppression alone hides a count of 1-4, not a difference of one). Staff see the complex as it is
 * today; a partner as of its release, a month's end, followed by the next only after five households
 * moved, and stored so that a later correction of history does not change what partners were shown.
 * The case complex (test/fixtures/case-dataset.ts): 10 of 11 homes let since 2019, no move since.
 */
describe('partner releases: no single move shows between two looks', () => {
  let sut: TestApp;
  let prioritiesBefore: any;
  const clock = movableClock('2026-03-02');
  const dossier = async (as: typeof PARTNER) => must(await sut.gql(DOSSIER, { b: 'BU90040001' }, as)).neighbourhoodDossier;
  const caseComplex = (d: any) => d.complexes.find((c: any) => c.code === 'CASE');
  const idOf = async (sql: string, ref: string) => String((await sut.dataSource.query(sql, [ref]))[0].id);
  const tenancyOf = (reference: string) =>
    idOf(`SELECT t.id FROM tenancy t JOIN household h ON h.id = t.household_id WHERE h.reference = $1 AND t.end_date IS NULL`, reference);
  const releases = () =>
    sut.dataSource.query(
      `SELECT to_char(r.release_date, 'YYYY-MM-DD') AS release_date, r.households_moved, (r.figures->>'households')::int AS households,
              (r.figures->'counts'->>'households')::int AS counted
         FROM dossier_release r JOIN complex c ON c.id = r.complex_id WHERE c.code = 'CASE' ORDER BY r.release_date`,
    );

  beforeAll(async () => {
    sut = await createTestApp({}, { clock });
    const { errors } = await sut.app.get(ImportsService).importDataset(caseDataset());
    if (errors.length) throw new Error(JSON.stringify(errors));
    must(
      await sut.gql(GRANT, { input: { subject: PARTNER.subject, organisation: 'Politie Casestad', buurtCode: 'BU90040001', expiresOn: '2026-12-31' } }, ADMIN),
    );
    must(
      await sut.gql(
        GRANT,
        { input: { subject: SECOND_PARTNER.subject, organisation: 'Wijkteam Casestad', buurtCode: 'BU90040001', expiresOn: '2026-12-31' } },
        ADMIN,
      ),
    );
  });
  afterAll(() => sut?.close());

  it('shows staff today and a partner the month’s end; a move today changes what staff see, and nothing a partner sees', async () => {
    const partnerBefore = await dossier(PARTNER);
    prioritiesBefore = must(await sut.gql(PRIORITIES, {}, PARTNER)).neighbourhoodPriorities;
    expect(partnerBefore.asOf).toBe('2026-02-28');
    expect(partnerBefore.notes.join(' ')).toContain('a figure that moved by 1 to 4 since a release last showed it is hidden');
    expect(prioritiesBefore.asOf).toBe('2026-02-28');
    expect(caseComplex(partnerBefore)).toMatchObject({ figuresAsOf: '2026-02-28', households: 10 });
    expect(caseComplex(await dossier(MANAGER))).toMatchObject({ figuresAsOf: '2026-03-02', households: 10 });
    expect(await releases()).toEqual([{ release_date: '2026-02-28', households_moved: null, households: 10, counted: 10 }]);

    // one household moves in today
    const [household, dwelling] = await Promise.all([
      idOf(`SELECT id FROM household WHERE reference = $1`, 'N-1'),
      idOf(`SELECT id FROM dwelling WHERE code = $1`, 'C-10'),
    ]);
    must(await sut.gql(START, { input: { householdId: household, dwellingId: dwelling, startDate: '2026-03-02' } }));

    const staff = caseComplex(await dossier(MANAGER));
    expect(staff).toMatchObject({ households: 11 });
    expect(staff.inflowByRoute.total).toBeNull(); // one household: a small cell, yet a difference of one
    const partnerAfter = await dossier(PARTNER);
    expect(partnerAfter.complexes).toEqual(partnerBefore.complexes);
    expect(must(await sut.gql(PRIORITIES, {}, PARTNER)).neighbourhoodPriorities).toEqual(prioritiesBefore);
  });

  it('keeps the release for a month in which fewer than five households moved', async () => {
    const before = caseComplex(await dossier(PARTNER));
    clock.set('2026-04-10');
    const partner = await dossier(PARTNER);
    expect(partner.asOf).toBe('2026-03-31');
    expect(caseComplex(partner)).toEqual(before);
    expect(caseComplex(partner).figuresAsOf).toBe('2026-02-28');
    expect(await releases()).toEqual([{ release_date: '2026-02-28', households_moved: null, households: 10, counted: 10 }]);
  });

  it('releases anew once five households have moved, hiding what changed by 1-4; two partners at once make it once', async () => {
    // four households move out in March: with the one who moved in, five since the release of February
    for (const reference of ['T-0', 'T-1', 'T-2', 'T-3'])
      must(await sut.gql(END, { input: { tenancyId: await tenancyOf(reference), endDate: '2026-03-20', endReason: null } }));
    const [first, second] = await Promise.all([dossier(PARTNER), dossier(SECOND_PARTNER)]);
    expect(caseComplex(first)).toEqual(caseComplex(second));
    // five moved, yet the households went from 10 to 7: a change of 3, which would tell how many of the five left; hidden
    expect(caseComplex(first)).toMatchObject({ figuresAsOf: '2026-03-31', households: null });
    // the buurt's priority is built from the release: the one household that moved in is held out of its inflow
    const priorities = must(await sut.gql(PRIORITIES, {}, PARTNER)).neighbourhoodPriorities;
    expect(priorities.asOf).toBe('2026-03-31');
    expect(priorities.buurten).toEqual(prioritiesBefore.buurten);
    const [released] = await sut.dataSource.query(
      `SELECT r.figures->'priority'->'inflow' AS passed_on, r.figures->'counts'->>'inflow:total' AS counted FROM dossier_release r JOIN complex c ON c.id = r.complex_id
        WHERE c.code = 'CASE' AND r.release_date = '2026-03-31'`,
    );
    expect(released).toEqual({ passed_on: { count: 0, vulnerableCount: 0, urgentCount: 0 }, counted: '1' });
    // the vulnerable share, hidden before (4 of 10: a small cell), is 0 now: a zero names nobody
    expect(caseComplex(first).targets[0]).toMatchObject({ dimension: 'VULNERABILITY', share: 0 });
    expect(await releases()).toEqual([
      { release_date: '2026-02-28', households_moved: null, households: 10, counted: 10 },
      { release_date: '2026-03-31', households_moved: 5, households: null, counted: 7 },
    ]);
    const [view] = await sut.dataSource.query(
      `SELECT body::jsonb->'payload'->'figuresAsOf' AS figures_as_of FROM audit_event WHERE type = 'DOSSIER_VIEWED' AND actor = $1 ORDER BY seq DESC LIMIT 1`,
      [PARTNER.subject],
    );
    expect(view.figures_as_of).toEqual({ CASE: '2026-03-31' });
    const csv = must(await sut.gql(`query { neighbourhoodDossierCsv(buurtCode: "BU90040001", decimalComma: false) { csv } }`, {}, PARTNER))
      .neighbourhoodDossierCsv.csv;
    expect(csv.split(/\r?\n/)).toContain('figures as of,CASE,FIGURES_AS_OF,,,,,2026-03-31');
  });

  it('never changes a release: a move recorded afterwards with an earlier date shows to staff only', async () => {
    const released = caseComplex(await dossier(PARTNER));
    must(await sut.gql(END, { input: { tenancyId: await tenancyOf('T-4'), endDate: '2026-03-25', endReason: null } }));
    expect(caseComplex(await dossier(MANAGER))).toMatchObject({ figuresAsOf: '2026-04-10', households: 6 });
    expect(caseComplex(await dossier(PARTNER))).toEqual(released);
    expect((await releases()).map((r: any) => r.counted)).toEqual([10, 7]);
  });
});
