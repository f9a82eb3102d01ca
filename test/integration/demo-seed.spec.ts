import { DemoSeederService } from '../../src/demo/demo-seeder.service.js';
import { CompositionService } from '../../src/composition/composition.service.js';
import { LoaderScope } from '../../src/common/request-context.js';
import { TEST_TODAY, TestApp, createTestApp } from '../helpers/test-app.js';
import { SimulationInputBuilder } from '../../src/simulation/simulation-input.builder.js';
import { simulateRuns } from '../../src/engine/simulation/simulate.js';
import { summarise } from '../../src/engine/simulation/summarise.js';
import { seriesChartSvg } from '../../src/engine/simulation/chart.js';
import { ProgrammesService } from '../../src/resilience/programmes.service.js';
import { AccountabilityService } from '../../src/letting/accountability.service.js';

describe('demo municipality seeding', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  const counts = async () =>
    (
      await sut.dataSource.query(`SELECT (SELECT count(*) FROM neighbourhood)::int AS buurten, (SELECT count(*) FROM complex)::int AS complexes,
    (SELECT count(*) FROM dwelling)::int AS dwellings, (SELECT count(*) FROM household WHERE on_waiting_list)::int AS applicants,
    (SELECT count(*) FROM vacancy WHERE status = 'OPEN')::int AS open_vacancies,
    (SELECT count(DISTINCT vacancy_id) FROM vacancy_response)::int AS vacancies_with_respondents`)
    )[0];

  const playedBack = async () =>
    sut.dataSource.query(`SELECT v.reference, h.reference AS household, o.status, o.refusal_reason_code, p.lottery_seed,
        (SELECT string_agg(s.kind || ':' || s.state || ':' || s.from_date::text, ',' ORDER BY s.id) FROM sanction s WHERE s.household_id = h.id) AS sanctions
       FROM offer o JOIN vacancy v ON v.id = o.vacancy_id JOIN household h ON h.id = o.household_id LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
      ORDER BY o.id`);

  it('loads the whole demo municipality through the import pipeline, and reloads it identically', async () => {
    const seeder = sut.app.get(DemoSeederService);
    expect(await seeder.isEmpty()).toBe(true);
    const first = await seeder.load(7);
    const loaded = await counts();
    // the past year's 16 lettings were played back: their households left the waiting list
    expect(loaded).toMatchObject({ buurten: 12, complexes: 25, applicants: 5000 - 16, open_vacancies: 60, vacancies_with_respondents: 60 + 16 });
    expect(loaded.dwellings).toBeGreaterThanOrEqual(1900);
    expect(await seeder.isEmpty()).toBe(false);

    const history = await playedBack();
    const again = await seeder.reload(7);
    // the same data (how long each load took differs)
    expect({ ...again, timings: again.timings.rowsImported }).toEqual({ ...first, timings: first.timings.rowsImported });
    expect(await counts()).toEqual(loaded);
    // the played-back history is the same on every load: offers, answers, lottery draws, sanctions
    expect(await playedBack()).toEqual(history);
  }, 180_000);

  it("has the past year's lettings played through the live flow: published, listed, refused with codes, one household blocked, let, accounted for", async () => {
    const lettings = await sut.dataSource.query(
      `SELECT v.reference, v.status, v.available_from::text AS available_from, p.state AS publication, t.start_date::text AS tenancy_start,
              (SELECT count(*)::int FROM candidate c WHERE c.vacancy_id = v.id) AS candidates
         FROM vacancy v LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
         LEFT JOIN allocation a ON a.vacancy_id = v.id LEFT JOIN tenancy t ON t.household_id = a.household_id AND t.dwelling_id = a.dwelling_id
        WHERE v.reference LIKE 'VAC-H%' ORDER BY v.reference`,
    );
    expect(lettings).toHaveLength(16);
    for (const l of lettings) {
      expect(l).toMatchObject({ status: 'ALLOCATED', publication: 'LISTED', tenancy_start: l.available_from });
      expect(l.candidates).toBeGreaterThanOrEqual(20);
    }
    // refusals are coded; the choosy applicant's third unjustified refusal within a year brought the policy's block
    const refusals = await sut.dataSource.query(`SELECT refusal_reason_code AS code FROM offer WHERE status = 'DECLINED'`);
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(refusals.every((r: { code: string | null }) => r.code !== null)).toBe(true);
    const blocks = await sut.dataSource.query(
      `SELECT s.kind, s.state, h.reference, (SELECT count(*)::int FROM offer o WHERE o.household_id = h.id AND o.refusal_reason_code = 'LOCATION') AS refused
         FROM sanction s JOIN household h ON h.id = s.household_id WHERE s.kind = 'BLOCK'`,
    );
    expect(blocks).toEqual([expect.objectContaining({ kind: 'BLOCK', state: 'ACTIVE', refused: 3 })]);
    // the accountability page has a row per letting, without personal data
    const accountability = await sut.app.get(AccountabilityService).lettings('2025-01-01', '2026-12-31', null, 'nl');
    expect(accountability.rows).toHaveLength(16);
    expect(accountability.rows.some((r) => r.statusCodes.includes('REFUSED_BEFORE'))).toBe(true);
    expect(accountability.csv).not.toMatch(/H-\d{6}/);
    // every step is in the audit trail
    const [{ n }] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE type = 'SANCTION_IMPOSED'`);
    expect(n).toBeGreaterThanOrEqual(1);
    // written when the demo loaded (the service's own clock), saying the date it stands for
    const [event] = await sut.dataSource.query(
      `SELECT to_char(occurred_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS written, body FROM audit_event WHERE type = 'SANCTION_IMPOSED' ORDER BY seq DESC LIMIT 1`,
    );
    const playedBackOn = JSON.parse(event.body).payload.playedBackOn;
    expect(playedBackOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(event.written).toBe(TEST_TODAY);
    expect(playedBackOn < event.written).toBe(true);

    // and one open regular vacancy advertised over the past week, its window ended yesterday: the officer closes it next
    const advertised = await sut.dataSource.query(
      `SELECT v.route, v.status, p.state, p.opens_on::text AS opens_on, p.closes_on::text AS closes_on FROM vacancy v JOIN vacancy_publication p ON p.vacancy_id = v.id
        WHERE v.reference NOT LIKE 'VAC-H%'`,
    );
    expect(advertised).toEqual([{ route: 'REGULAR', status: 'OPEN', state: 'PUBLISHED', opens_on: '2026-02-22', closes_on: '2026-03-01' }]);
  });

  it("evaluates Plan Rozenhof on the demo's generated history: nuisance and turnover fall against flat comparison complexes, with their bands", async () => {
    const [programme] = await sut.dataSource.query(`SELECT id::text AS id, start_date::text AS start FROM programme WHERE name = 'Plan Rozenhof'`);
    expect(programme.start).toBe('2023-01-01'); // the test clock's year 2026, three years back
    const evaluation = await sut.app.get(ProgrammesService).evaluation(programme.id, 3, true, 'nl', new LoaderScope(sut.dataSource.manager));
    expect(evaluation.comparisonComplexCodes.length).toBeGreaterThanOrEqual(3);
    expect(evaluation.comparisonComplexCodes).not.toContain('CPX-CASE');
    for (const code of ['NUISANCE_REPORTS', 'TURNOVER']) {
      const e = evaluation.indicators.find((i) => i.indicatorCode === code)!;
      expect({ code, programmeChange: Math.sign(e.programme.change!), did: Math.sign(e.differenceInDifferences!) }).toEqual({
        code,
        programmeChange: -1,
        did: -1,
      });
      expect(e.band!.low).toBeLessThan(e.differenceInDifferences!);
      expect(e.band!.high).toBeGreaterThan(e.differenceInDifferences!);
    }
    // nuisance reports halve beyond the noise while the comparison stays flat; some 9 moves a year in
    // 40 homes are too few to say as much of turnover (its band spans zero: said, not hidden)
    const nuisance = evaluation.indicators.find((i) => i.indicatorCode === 'NUISANCE_REPORTS')!;
    expect(nuisance).toMatchObject({ verdict: 'IMPROVED' });
    expect(Math.abs(nuisance.comparison.change!)).toBeLessThan(Math.abs(nuisance.programme.change!) / 3);
    // generated history is labelled as such
    const sources = await sut.dataSource.query(`SELECT DISTINCT source FROM outcome_observation`);
    expect(sources).toEqual([{ source: 'Demo data (generated, not a measurement)' }]);
    // the demo partner reads Rozenhof's buurt
    const [grant] = await sut.dataSource.query(`SELECT g.subject, n.buurt_code FROM partner_grant g JOIN neighbourhood n ON n.id = g.neighbourhood_id`);
    expect(grant).toEqual({ subject: 'dev-partner', buurt_code: 'BU90010200' });
  });

  it('makes the case complex a concentration of vulnerable, non-working, low-income households in a low-resilience buurt', async () => {
    const [caseComplex] = await sut.dataSource.query(
      `SELECT c.id, n.resilience_class FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = 'CPX-CASE'`,
    );
    expect(caseComplex.resilience_class).toBeLessThanOrEqual(2);
    const compositions = sut.app.get(CompositionService);
    const loaders = new LoaderScope(sut.dataSource.manager);
    const composition = await compositions.composition(caseComplex.id, loaders, '2026-03-02', 3);
    const shareOf = (dimension: string, category: string) =>
      composition.dimensions.find((d) => d.dimension === dimension)!.categories.find((c) => c.category === category)!.share;
    expect(composition.dwellingCount).toBeGreaterThanOrEqual(35);
    expect(composition.dwellingCount).toBeLessThanOrEqual(45);
    expect(shareOf('VULNERABILITY', 'VULNERABLE')).toBeGreaterThanOrEqual(0.3);
    expect(shareOf('INCOME_SOURCE', 'BENEFIT')).toBeGreaterThanOrEqual(0.4);
    expect(shareOf('INCOME_BAND', 'WITHIN_PASSEND_LIMIT')).toBeGreaterThanOrEqual(0.7);

    const [rest] = await sut.dataSource.query(
      `SELECT avg((cardinality(h.support_needs) > 0)::int)::float AS vulnerable FROM tenancy t
      JOIN household h ON h.id = t.household_id JOIN dwelling d ON d.id = t.dwelling_id WHERE t.end_date IS NULL AND d.complex_id <> $1`,
      [caseComplex.id],
    );
    expect(shareOf('VULNERABILITY', 'VULNERABLE')).toBeGreaterThanOrEqual(3 * rest.vulnerable);
  });

  it('simulates the case complex: plain order keeps it above its vulnerable cap, Plan Rozenhof brings it inside its band, at a stated price; the chart shows both', async () => {
    const [{ id }] = await sut.dataSource.query(`SELECT id FROM complex WHERE code = 'CPX-CASE'`);
    const versions: { id: number; version: number }[] = await sut.dataSource.query(
      `SELECT id, version FROM composition_policy WHERE code = 'DEFAULT' ORDER BY version`,
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // Demo scenario (README): households without support needs decline four in five offers in Rozenhof
    const request = {
      complexIds: [id],
      compositionPolicyIds: versions.map((v) => Number(v.id)),
      horizonYears: 10,
      runs: 60,
      seed: 1,
      turnover: [],
      respondentsPerVacancy: null,
      applicantMix: null,
      acceptance: { dimension: 'VULNERABILITY' as const, rates: { NOT_VULNERABLE: 0.2, VULNERABLE: 0.95 } },
    };
    const { input, sources } = await sut.dataSource.transaction((m) => sut.app.get(SimulationInputBuilder).build(m, request, id, '2026-03-02'));
    expect(input.policies.map((p) => p.name)).toEqual(['plain order', 'DEFAULT v1', 'DEFAULT v2']);
    expect(sources.applicants).toBeGreaterThan(1000);
    // who responds to Rozenhof: read from the responses to its vacancies, far more vulnerable than the waiting list
    expect(sources.applicantMix).toMatchObject({ source: 'RESPONSES', dimension: 'VULNERABILITY' });
    expect(sources.applicantMix.shares!.VULNERABLE).toBeGreaterThan(0.3);
    expect(sources.acceptance).toMatchObject({ source: 'GIVEN' });
    const summary = summarise(input, await simulateRuns(input, 0, request.runs));
    const band = summary.bands.find((b) => b.targetId === 'VULNERABLE_MAX')!;
    const [plain, inForce, plan] = band.perPolicy;
    expect(plain.startBasisPoints).toBeGreaterThan(band.basisPoints);
    expect(plain.firstYearInside).toBeNull(); // above the cap in every simulated year
    expect(plain.endBasisPoints).toBeGreaterThan(band.basisPoints);
    expect(plan.firstYearInside).not.toBeNull();
    expect(plan.firstYearInside!).toBeLessThanOrEqual(request.horizonYears);
    expect(plan.endBasisPoints).toBeLessThanOrEqual(band.basisPoints);
    expect(plan.yearsOutside).toBeLessThan(inForce.yearsOutside);
    const price = summary.prices.find((p) => p.policy === 'DEFAULT v2')!;
    expect(price.deviatedShareBasisPoints).toBeGreaterThan(0);
    expect(price.registrationTimeGivenUpYears).toBeGreaterThan(0);
    expect(summary.prices.find((p) => p.policy === 'plain order')!.offersPerAllocation).toBeGreaterThan(1);

    const svg = seriesChartSvg(summary, band.seriesId, 'vulnerable households in CPX-CASE');
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg).toContain('target ≤ 30% (DEFAULT v1)');
    expect(svg).toContain('■ plain order (mean, P10-P90)');
    expect(svg).toContain('■ DEFAULT v2 (mean, P10-P90)');
    expect(svg).toContain(
      `price: ${price.registrationTimeGivenUpYears.toFixed(1)} yr registration given up, ${(price.deviatedShareBasisPoints / 100).toFixed(0)}% deviated`,
    );
  }, 120_000);
});
