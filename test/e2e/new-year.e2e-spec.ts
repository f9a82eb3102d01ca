import request from 'supertest';
import { Clock } from '../../src/common/clock.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp } from '../helpers/test-app.js';

const COVERAGE = `{ ruleParameterCoverage { today years needed { year neededFrom present reasons } warning } }`;
const clockOn = (today: string): Clock => ({ now: () => new Date(`${today}T09:00:00Z`), today: () => today });

/** A service that survives 1 January: it says which parameter years the work ahead needs, in time. */
describe('legal parameters around New Year', () => {
  let sut: TestApp;
  afterEach(() => sut.close());

  it('in March: this year is needed and present, nothing to warn about', async () => {
    sut = await createTestApp();
    const { data } = await sut.gql(COVERAGE, {}, asRole('MANAGER'));
    expect(data.ruleParameterCoverage).toMatchObject({ today: '2026-03-02', years: [2024, 2025, 2026], warning: null });
    expect(data.ruleParameterCoverage.needed.map((n: any) => [n.year, n.present])).toEqual([[2026, true]]);
    const ready = await request(sut.app.getHttpServer()).get('/health/ready');
    expect(ready.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('from 60 days before a missing year: a warning in the coverage and in /health/ready; gone once an admin adds the year', async () => {
    sut = await createTestApp({}, { clock: clockOn('2026-11-15') });
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    const { data } = await sut.gql(COVERAGE, {}, asRole('OFFICER'));
    const c = data.ruleParameterCoverage;
    expect(c.needed.find((n: any) => n.year === 2027)).toEqual({
      year: 2027,
      neededFrom: '2027-01-01',
      present: false,
      reasons: ['dates from 2027-01-01 (the next 90 days)', 'vacancy VAC-NY available from 2027-01-10'],
    });
    expect(c.warning).toBe('No rule parameters for 2027 (needed from 2027-01-01): an admin adds the published limits with addRuleParameterYear before then');
    const ready = await request(sut.app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', database: 'ok', warnings: [c.warning] });

    // test figures, not published ones: this test needs some year 2027 to exist, not its real limits
    const input = {
      year: 2027,
      daebIncomeLimitSingleCents: 5_300_000,
      daebIncomeLimitMultiCents: 5_900_000,
      daebRentLimitCents: 94_000,
      passendIncomeSingleBelowAowCents: 3_000_000,
      passendIncomeMultiBelowAowCents: 4_100_000,
      passendIncomeSingleAowCents: 2_950_000,
      passendIncomeMultiAowCents: 4_000_000,
      rentCapLowCents: 73_000,
      rentCapHighCents: 78_000,
      qualityDiscountLimitCents: 48_000,
      youthAgeLimit: 21,
      aowAgeYears: 67,
      aowAgeMonths: 0,
      sources: [{ field: 'all', source: 'test figures, not published' }],
    };
    expect(
      (await sut.gql(`mutation($i: AddRuleParameterYearInput!) { addRuleParameterYear(input: $i) { year } }`, { i: input }, asRole('ADMIN'))).errors,
    ).toBeUndefined();
    expect((await sut.gql(COVERAGE, {}, asRole('OFFICER'))).data.ruleParameterCoverage.warning).toBeNull();
    expect((await request(sut.app.getHttpServer()).get('/health/ready')).body).toEqual({ status: 'ok', database: 'ok' });
  });
});
