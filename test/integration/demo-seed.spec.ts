import { DemoSeederService } from '../../src/demo/demo-seeder.service.js';
import { ComplexesService } from '../../src/complexes/complexes.service.js';
import { createLoaders } from '../../src/database/loaders.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';
import { SimulationInputBuilder } from '../../src/simulation/simulation-input.builder.js';
import { simulateRuns } from '../../src/engine/simulation/simulate.js';
import { summarise } from '../../src/engine/simulation/summarise.js';

describe('demo municipality seeding', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  const counts = async () => (await sut.dataSource.query(`SELECT (SELECT count(*) FROM neighbourhood)::int AS buurten, (SELECT count(*) FROM complex)::int AS complexes,
    (SELECT count(*) FROM dwelling)::int AS dwellings, (SELECT count(*) FROM household WHERE on_waiting_list)::int AS applicants,
    (SELECT count(*) FROM vacancy WHERE status = 'OPEN')::int AS open_vacancies,
    (SELECT count(DISTINCT vacancy_id) FROM vacancy_response)::int AS vacancies_with_respondents`))[0];

  it('loads the whole demo municipality through the import pipeline, and reloads it identically', async () => {
    const seeder = sut.app.get(DemoSeederService);
    expect(await seeder.isEmpty()).toBe(true);
    const first = await seeder.load(7);
    const loaded = await counts();
    expect(loaded).toMatchObject({ buurten: 12, complexes: 25, applicants: 5000, open_vacancies: 60, vacancies_with_respondents: 60 });
    expect(loaded.dwellings).toBeGreaterThanOrEqual(1900);
    expect(await seeder.isEmpty()).toBe(false);

    const again = await seeder.reload(7);
    expect(again).toEqual(first);
    expect(await counts()).toEqual(loaded);
  });

  it('makes the case complex a concentration of vulnerable, non-working, low-income households in a low-resilience buurt', async () => {
    const [caseComplex] = await sut.dataSource.query(`SELECT c.id, n.resilience_class FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = 'CPX-CASE'`);
    expect(caseComplex.resilience_class).toBeLessThanOrEqual(2);
    const complexes = sut.app.get(ComplexesService);
    const loaders = createLoaders(sut.dataSource.manager);
    const composition = await complexes.composition(caseComplex.id, loaders, '2026-03-02', 3);
    const shareOf = (dimension: string, category: string) =>
      composition.dimensions.find((d) => d.dimension === dimension)!.categories.find((c) => c.category === category)!.share;
    expect(composition.dwellingCount).toBeGreaterThanOrEqual(35);
    expect(composition.dwellingCount).toBeLessThanOrEqual(45);
    expect(shareOf('VULNERABILITY', 'VULNERABLE')).toBeGreaterThanOrEqual(0.3);
    expect(shareOf('INCOME_SOURCE', 'BENEFIT')).toBeGreaterThanOrEqual(0.4);
    expect(shareOf('INCOME_BAND', 'WITHIN_PASSEND_LIMIT')).toBeGreaterThanOrEqual(0.7);

    const [rest] = await sut.dataSource.query(`SELECT avg((cardinality(h.support_needs) > 0)::int)::float AS vulnerable FROM tenancy t
      JOIN household h ON h.id = t.household_id JOIN dwelling d ON d.id = t.dwelling_id WHERE t.end_date IS NULL AND d.complex_id <> $1`, [caseComplex.id]);
    expect(shareOf('VULNERABILITY', 'VULNERABLE')).toBeGreaterThanOrEqual(3 * rest.vulnerable);
  });

  it('simulates the case complex with its own inflow mix: the policy in force brings it inside its vulnerable band sooner than the plain order, at a price in registration time', async () => {
    const [{ id }] = await sut.dataSource.query(`SELECT id FROM complex WHERE code = 'CPX-CASE'`);
    const request = { complexIds: [id], compositionPolicyIds: [], horizonYears: 10, runs: 60, seed: 1, turnover: [], respondentsPerVacancy: null, applicantMix: null };
    const { input, sources } = await sut.dataSource.transaction((m) => sut.app.get(SimulationInputBuilder).build(m, request, id, '2026-03-02'));
    expect(input.policies.map((p) => p.name)).toEqual(['plain order', 'DEFAULT v1']);
    expect(sources.applicants).toBeGreaterThan(1000);
    const summary = summarise(input, await simulateRuns(input, 0, request.runs));
    const band = summary.bands.find((b) => b.targetId === 'VULNERABLE_MAX')!;
    const [plain, policy] = band.perPolicy;
    expect(sources.applicantMix).toMatchObject({ source: 'HISTORY', dimension: 'VULNERABILITY' });
    expect(plain.startBasisPoints).toBeGreaterThan(band.basisPoints);
    expect(plain.yearsOutside).toBeGreaterThan(policy.yearsOutside);
    expect(policy.firstYearInside).toBeLessThan(plain.firstYearInside ?? Number.POSITIVE_INFINITY);
    expect(policy.endBasisPoints).toBeLessThanOrEqual(band.basisPoints);
    const price = summary.prices.find((p) => p.policy === 'DEFAULT v1')!;
    expect(price.deviatedShareBasisPoints).toBeGreaterThan(0);
    expect(price.registrationTimeGivenUpYears).toBeGreaterThan(0);
  });
});
