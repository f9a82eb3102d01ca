import request from 'supertest';
import { ImportsService } from '../../src/imports/imports.service.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, idsByReference } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait-for.js';

const MANAGER = asRole('MANAGER');
const SIM = `id status attempts error progress { stage percent message }
  results { complexCode years runs inputHash csv sources
    bands { targetId seriesId bound basisPoints setBy perPolicy { policy yearsOutside firstYearInside startBasisPoints endBasisPoints } }
    prices { policy allocationsPerRun deviatedShareBasisPoints meanChosenWaitYears meanPlainOrderWaitYears registrationTimeGivenUpYears daebTargetGroupShareBasisPoints }
    charts { seriesId title url } }`;
const START = `mutation($input: StartSimulationInput!) { startSimulation(input: $input) { id status progress { stage } } }`;
const TURNOVER = ['SINGLE', 'COUPLE', 'FAMILY', 'SINGLE_PARENT', 'OTHER'].map((householdType) => ({ householdType, rate: 0.15 }));

async function waitForSimulation(sut: TestApp, id: string, done: (s: any) => boolean, timeoutMs = 60_000) {
  return waitFor(
    async () => {
      const { data, errors } = await sut.gql(`query($id: ID!) { simulation(id: $id) { ${SIM} } }`, { id }, MANAGER);
      expect(errors).toBeUndefined();
      return data.simulation;
    },
    { until: done, timeoutMs, intervalMs: 150, what: `simulation ${id} to reach the awaited state`, show: (s) => `${s.status} ${JSON.stringify(s.progress)}` },
  );
}
const finished = (s: any) => !['QUEUED', 'RUNNING'].includes(s.status);

describe('simulation for managers: the mix of a complex over the years, policy against plain order', () => {
  let sut: TestApp;
  let caseId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    const dataset = caseDataset();
    // a waiting list where those registered longest are more often vulnerable (as in the case)
    for (let i = 0; i < 80; i += 1) {
      const vulnerable = i % 5 < (i < 30 ? 3 : 1);
      dataset.households.push(
        HouseholdBuilder.from({
          reference: `W-${i}`,
          registrationDate: `20${String(5 + Math.floor(i / 6)).padStart(2, '0')}-0${1 + (i % 9)}-15`,
          incomeSource: vulnerable ? 'BENEFIT' : 'WORK',
          supportNeeds: vulnerable ? ['MENTAL_HEALTH'] : [],
        }).build(),
      );
    }
    expect((await sut.app.get(ImportsService).importDataset(dataset)).errors).toEqual([]);
    [{ id: caseId }] = await sut.dataSource.query(`SELECT id::text FROM complex WHERE code = 'CASE'`);
    void idsByReference;
  });
  afterAll(() => sut.close());

  let completed: any;
  it('shows plain order keeping the case complex above its vulnerable cap and the policy bringing it inside, with the price in registration time', async () => {
    const { data, errors } = await sut.gql(
      START,
      { input: { complexIds: [caseId], horizonYears: 8, runs: 60, seed: 7, turnover: TURNOVER, respondentsPerVacancy: 20 } },
      MANAGER,
    );
    expect(errors).toBeUndefined();
    expect(data.startSimulation).toMatchObject({ status: 'QUEUED', progress: { stage: 'QUEUED' } });
    completed = await waitForSimulation(sut, data.startSimulation.id, finished);
    expect(completed).toMatchObject({ status: 'COMPLETED', error: null, progress: { stage: 'DONE', percent: 100 } });
    const [result] = completed.results;
    expect(result).toMatchObject({ complexCode: 'CASE', years: 8, runs: 60 });
    const band = result.bands.find((b: any) => b.targetId === 'VULNERABLE_MAX');
    expect(band).toMatchObject({ bound: 'MAX', basisPoints: 3000, seriesId: 'VULNERABILITY:VULNERABLE', setBy: 'DEFAULT v1' });
    const [plain, policy] = band.perPolicy;
    expect(plain.policy).toBe('plain order');
    expect(plain.startBasisPoints).toBe(4000);
    expect(plain.endBasisPoints).toBeGreaterThan(3000);
    expect(plain.yearsOutside).toBe(8);
    expect(policy.endBasisPoints).toBeLessThanOrEqual(3000);
    expect(policy.firstYearInside).not.toBeNull();
    const prices = Object.fromEntries(result.prices.map((p: any) => [p.policy, p]));
    expect(prices['plain order']).toMatchObject({ deviatedShareBasisPoints: 0, registrationTimeGivenUpYears: 0 });
    expect(prices['DEFAULT v1'].registrationTimeGivenUpYears).toBeGreaterThan(0);
    expect(JSON.parse(result.sources).turnover.SINGLE).toEqual({ rate: 0.15, source: 'GIVEN', exposureYears: expect.any(Number) });
    expect(result.csv.split('\n')[0]).toBe('policy,series,dimension,year,mean_basis_points,p10_basis_points,p90_basis_points');
  });

  it('serves the chart at the link it returns: lines per policy and the target band; a forged link is refused', async () => {
    const chart = completed.results[0].charts.find((c: any) => c.seriesId === 'VULNERABILITY:VULNERABLE');
    const res = await request(sut.app.getHttpServer()).get(chart.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.text ?? res.body.toString();
    expect(svg).toContain('<polyline');
    expect(svg).toContain('target ≤ 30% (DEFAULT v1)');
    expect(svg).toContain('plain order');
    const forged = await request(sut.app.getHttpServer()).get(chart.url.replace(/sig=[0-9a-f]+/, 'sig=00000000000000000000000000000000'));
    expect(forged.status).toBe(403);
  });

  it('gives the same results for the same seed, and logs the simulation with its inputs', async () => {
    const again = await sut.gql(
      START,
      { input: { complexIds: [caseId], horizonYears: 8, runs: 60, seed: 7, turnover: TURNOVER, respondentsPerVacancy: 20 } },
      MANAGER,
    );
    const second = await waitForSimulation(sut, again.data.startSimulation.id, finished);
    const strip = (r: any) => ({ ...r, charts: r.charts.map((c: any) => c.seriesId) });
    expect(second.results.map(strip)).toEqual(completed.results.map(strip));
    // the newest: on a shared server the log holds other suites' simulations under the same (restarted) ids
    const events = await sut.dataSource.query(
      `SELECT body FROM audit_event WHERE type = 'SIMULATION_COMPLETED' AND subject @> $1::jsonb ORDER BY seq DESC LIMIT 1`,
      [JSON.stringify({ simulationId: Number(completed.id) })],
    );
    const payload = JSON.parse(events[0].body).payload;
    const [snapshot] = await sut.dataSource.query('SELECT document FROM audit_snapshot WHERE hash = $1', [payload.inputHashes[0]]);
    expect(JSON.parse(snapshot.document).complex.reference).toBe('CASE');
    expect(payload.inputHashes[0]).toBe(completed.results[0].inputHash);
    expect(payload.request).toMatchObject({ runs: 60, seed: 7, horizonYears: 8 });
  });

  it('refuses bad input with the field and the reason', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ complexIds: [caseId], horizonYears: -1, runs: 10 }, 'horizonYears', /from 1 to 30/],
      [{ complexIds: [caseId], horizonYears: 5, runs: 0 }, 'runs', /from 1 to 2000/],
      [{ complexIds: [caseId], horizonYears: 5, runs: 5000 }, 'runs', /from 1 to 2000/],
      [{ complexIds: ['999999'], horizonYears: 5, runs: 10 }, 'complexIds', /unknown complex\(es\): 999999/],
      [{ complexIds: [caseId], horizonYears: 5, runs: 10, turnover: [{ householdType: 'SINGLE', rate: 1.5 }] }, 'turnover.rate', /from 0 to 1/],
      [
        { complexIds: [caseId], horizonYears: 5, runs: 10, acceptance: { dimension: 'VULNERABILITY', rates: [{ category: 'VULNERABLE', rate: -0.1 }] } },
        'acceptance.rates',
        /from 0 to 1/,
      ],
      [
        { complexIds: [caseId], horizonYears: 5, runs: 10, acceptance: { dimension: 'VULNERABILITY', rates: [{ category: 'RICH', rate: 0.5 }] } },
        'acceptance.rates',
        /RICH not in VULNERABILITY/,
      ],
      [{ complexIds: [caseId], horizonYears: 5, runs: 10, acceptance: { dimension: 'COLOUR', rates: [] } }, 'acceptance.dimension', /must be one of/],
      [
        {
          complexIds: [caseId],
          horizonYears: 5,
          runs: 10,
          acceptance: {
            dimension: 'VULNERABILITY',
            rates: [
              { category: 'VULNERABLE', rate: 0 },
              { category: 'NOT_VULNERABLE', rate: 0 },
            ],
          },
        },
        'acceptance.rates',
        /at least one category must accept/,
      ],
      [
        {
          complexIds: [caseId],
          horizonYears: 5,
          runs: 10,
          applicantMix: {
            dimension: 'VULNERABILITY',
            shares: [
              { category: 'VULNERABLE', share: 0.5 },
              { category: 'VULNERABLE', share: 0.5 },
            ],
          },
        },
        'applicantMix.shares',
        /more than once/,
      ],
    ];
    for (const [input, field, reason] of cases) {
      const { errors } = await sut.gql(START, { input }, MANAGER);
      expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(errors![0].extensions.fields).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]));
    }
  });

  it('stops a running simulation when it is cancelled', async () => {
    const { data } = await sut.gql(START, { input: { complexIds: [caseId], horizonYears: 30, runs: 2000, seed: 1, turnover: TURNOVER } }, MANAGER);
    const id = data.startSimulation.id;
    await waitForSimulation(sut, id, (s) => s.status === 'RUNNING' && s.progress.percent >= 5);
    const cancelled = await sut.gql(`mutation($id: ID!) { cancelSimulation(id: $id) { status } }`, { id }, MANAGER);
    expect(cancelled.data.cancelSimulation.status).toBe('CANCELLED');
    // an instance runs one simulation at a time: one started after the cancel completes only once the
    // cancelled one has stopped and let go of the worker (had its 30 years x 2000 runs gone on, they would keep the worker busy far longer)
    const next = await sut.gql(START, { input: { complexIds: [caseId], horizonYears: 1, runs: 1, seed: 2, turnover: TURNOVER } }, MANAGER);
    expect(next.errors).toBeUndefined();
    expect(await waitForSimulation(sut, next.data.startSimulation.id, finished, 30_000)).toMatchObject({ status: 'COMPLETED' });
    const after = await waitForSimulation(sut, id, () => true);
    expect(after).toMatchObject({ status: 'CANCELLED', results: [] });
    const again = await sut.gql(`mutation($id: ID!) { cancelSimulation(id: $id) { status } }`, { id }, MANAGER);
    expect(again.errors![0].extensions.code).toBe('CONFLICT');
  });
});
