import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/auth/roles.js';
import { mintToken } from '../src/auth/tokens.js';
import { CLOCK, type Clock } from '../src/common/clock.js';
import type { AppConfig } from '../src/config/app-config.js';
import { projectRoot } from '../src/config/project-root.js';
import { DemoSeederService } from '../src/demo/demo-seeder.service.js';
import { summarise } from '../src/engine/simulation/summarise.js';
import { AssignmentsService } from '../src/privacy/assignments.service.js';
import { SimulationInputBuilder } from '../src/simulation/simulation-input.builder.js';
import { SimulationRunner } from '../src/simulation/simulation-runner.service.js';
import { AllocationInputLoader, PLANNABLE_STATUSES } from '../src/allocation/allocation-input.loader.js';
import { createHighsSolver } from '../src/allocation/solvers/highs.solver.js';
import { createRoutingSolver } from '../src/allocation/solvers/routing.solver.js';
import { explainSolved } from '../src/engine/allocation/plan-allocation.js';
import { prepareAllocation } from '../src/engine/allocation/prepare-allocation.js';
import { AllocationSolveOptions, solveAllocation } from '../src/engine/allocation/solve-allocation.js';
import type { Solver } from '../src/engine/allocation/solver.port.js';
import { VacancyEntity } from '../src/vacancies/vacancy.entity.js';
import { In } from 'typeorm';

/**
 * `BENCH_SCALE=large npm run bench` (issue 18): the large region (DEMO_SCALE=large: five
 * municipalities, about 50,000 homes, 150,000 households on the list) loaded through the import path,
 * then the officer's and manager's requests over GraphQL on it, each with median and p90; the service's
 * peak memory (the bench process: service and, without DATABASE_URL, the embedded database) and the
 * database's size. The rows name their target from the issue; a row not measured says so.
 */
export interface BenchResult {
  name: string;
  median_ms: number;
  /** What was measured besides time: a solve status, 'info' for comparison rows. */
  status: string;
  gap: number | null;
  violations: number | null;
  runs: number;
  p90_ms: number;
  target: string;
  /** The target as numbers, when the row has one: judged into `verdict`. */
  limit?: { maxMs: number; maxGap?: number };
}

type Measure = (runs: number, fn: () => Promise<unknown>) => Promise<{ median: number; p90: number }>;

/** A query of the web client, as it sends it (the generated documents, src/web/client/src/gql/graphql.ts). */
export function clientDocument(name: string): string {
  const text = readFileSync(join(projectRoot(), 'src/web/client/src/gql/graphql.ts'), 'utf8');
  const found = new RegExp(`export const ${name}Document = new TypedDocumentString\\(\`([\\s\\S]*?)\`\\)`).exec(text);
  if (!found) throw new Error(`no client document ${name} in src/web/client/src/gql/graphql.ts`);
  return found[1];
}

/** Peak resident memory of this process, sampled every 100 ms. */
function memoryPeak(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** The bench's simulation: one complex, 10 years, 500 runs, seed 1, the plain order beside the policy in force. */
export function caseSimulationRequest(complexId: number) {
  return {
    complexIds: [complexId],
    compositionPolicyIds: [],
    horizonYears: 10,
    runs: 500,
    seed: 1,
    turnover: [],
    respondentsPerVacancy: null,
    applicantMix: null,
    acceptance: null,
  };
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

export async function largeScaleBenchmarks(app: INestApplication, config: AppConfig, url: string, runs: number, measure: Measure): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  const ds = app.get(DataSource);
  const peak = memoryPeak();
  const row = (name: string, timing: { median: number; p90: number }, n: number, target: string, maxMs?: number, status = 'measured'): BenchResult => {
    console.log(`  ${name}: median ${timing.median} ms, p90 ${timing.p90} ms`);
    return {
      name,
      median_ms: timing.median,
      p90_ms: timing.p90,
      runs: n,
      status,
      gap: null,
      violations: null,
      target,
      ...(maxMs === undefined ? {} : { limit: { maxMs } }),
    };
  };

  // the whole set through the import path (batches, one transaction), replacing what the database held
  const loaded = await app.get(DemoSeederService).load(config.demoSeed, true, { scale: 'large', progress: (line) => console.log(`  ${line}`) });
  const { generateMs, importMs, rowsImported, historyMs } = loaded.timings;
  const rowsPerSecond = Math.round(rowsImported / (importMs / 1000));
  rows.push({
    ...row('large_import_rows_per_s', { median: importMs, p90: importMs }, 1, '> 5,000 rows/s (median_ms: the import; status: rows/s)'),
    status: `${rowsPerSecond} rows/s (${rowsImported} rows; generated in ${generateMs} ms; history played back in ${historyMs} ms)`,
    // the target is a rate: judged as the time 5,000 rows a second would take
    limit: { maxMs: Math.round((rowsImported / 5000) * 1000) },
  });

  const officer: Actor = { subject: 'bench-officer', roles: ['OFFICER'] };
  const manager: Actor = { subject: 'bench-manager', roles: ['MANAGER'] };
  const assignments = app.get(AssignmentsService);
  for (const { code } of await ds.query(`SELECT DISTINCT municipality_code AS code FROM neighbourhood ORDER BY 1`))
    await assignments.assign({ subject: officer.subject, municipalityCode: code }, { subject: 'bench-admin', roles: ['ADMIN'] });
  const headersOf = (actor: Actor) => ({ 'content-type': 'application/json', authorization: `Bearer ${mintToken(config.auth.secret, actor, 3600)}` });
  const asOfficer = headersOf(officer);
  const asManager = headersOf(manager);
  const gql = async (headers: Record<string, string>, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { id?: string }>; errors?: unknown };
    if (!body.data || body.errors) throw new Error(`${query.slice(0, 60)}... failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  // the open vacancies nearest the region's means: a regular advert (~270) and a lottery home (~1,100); not
  // one advertised and waiting for its list (the demo's one, DemoSeederService.advertiseEndedWindow): it is not proposed yet
  const nearest = async (route: string, respondents: number): Promise<{ id: string; n: number }> => {
    const [v] = await ds.query(
      `SELECT v.id, count(r.household_id)::int AS n FROM vacancy v JOIN vacancy_response r ON r.vacancy_id = v.id
        WHERE v.status = 'OPEN' AND v.route = $1 AND NOT EXISTS (SELECT 1 FROM vacancy_publication p WHERE p.vacancy_id = v.id)
        GROUP BY v.id ORDER BY abs(count(r.household_id) - $2), v.id LIMIT 1`,
      [route, respondents],
    );
    return { id: String(v.id), n: v.n };
  };
  const regular = await nearest('REGULAR', 270);
  const lottery = await nearest('LOTTERY', 1100);
  const n = Math.max(5, Math.round(runs / 3));

  const eligible = `query($v: ID!) { eligibleCandidates(vacancyId: $v, first: 10) { evaluatedCount eligibleCount candidates { household { reference } } } }`;
  const propose = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id solveStatus chosen { rank } } }`;
  let lastProposal = '';
  for (const [v, label, maxMs] of [
    [regular, 'regular', 100],
    [lottery, 'lottery', 250],
  ] as const) {
    const proposal = await measure(n, async () => (lastProposal = (await gql(asOfficer, propose, { v: v.id })).proposeAllocation.id!));
    rows.push(row(`large_proposal_${v.n}_${label}`, proposal, n, `< ${maxMs} ms over GraphQL (${v.n} respondents)`, maxMs));
    const candidates = await measure(n, () => gql(asOfficer, eligible, { v: v.id }));
    rows.push(row(`large_eligible_candidates_${v.n}`, candidates, n, `eligibleCandidates over GraphQL (${v.n} respondents)`));
  }
  const screen = await measure(n, () => gql(asOfficer, clientDocument('VacancyScreen'), { id: regular.id }));
  rows.push(row(`large_vacancy_screen_query_${regular.n}`, screen, n, '< 200 ms (the vacancy screen’s query, as the client sends it)', 200));
  const worklist = await measure(n, () => gql(asOfficer, clientDocument('Worklist'), { filter: { statusIn: ['OPEN', 'PROPOSED', 'OFFERED'] }, first: 200 }));
  rows.push(row('large_worklist_query', worklist, n, 'the worklist’s query, as the client sends it (first 200)'));
  const year = Number(app.get<Clock>(CLOCK).today().slice(0, 4)) - 1;
  const report = await measure(n, () => gql(asManager, clientDocument('AllocationReportScreen'), { year, municipalityCode: null }));
  rows.push(row(`large_allocation_report_${year}`, report, n, '< 1 s (the report screen’s query, the whole region)', 1000));
  const replay = `query($p: ID!) { replayProposal(proposalId: $p) { result } }`;
  const replayed = await measure(n, () => gql(asOfficer, replay, { p: lastProposal }));
  rows.push(row(`large_replay_${lottery.n}`, replayed, n, 'replay of the lottery proposal from its snapshot'));

  // a simulation of the case complex (40 homes, 10 years, 500 runs), its input drawn from the large list
  const [{ id: complexId }] = await ds.query(`SELECT id FROM complex WHERE code = $1`, [loaded.caseComplexCode]);
  const request = caseSimulationRequest(Number(complexId));
  const simulation = await measure(1, async () => {
    const { input } = await ds.transaction((m) => app.get(SimulationInputBuilder).build(m, request, Number(complexId), app.get<Clock>(CLOCK).today()));
    summarise(input, await app.get(SimulationRunner).run(input, request.runs, () => undefined));
  });
  rows.push(row('large_simulation_40x10x500', simulation, 1, 'input from the large region, then 500 runs'));

  // a round as a manager runs it: started over GraphQL, loaded, planned (in a worker), stored, polled
  // until done; everything a manager waits for (the planning alone: the round rows after this one)
  const startRound = `mutation { startAllocationRound(input: { timeLimitSeconds: 60 }) { id } }`;
  const roundStatus = `query($id: ID!) { allocationRound(id: $id) { status error solverReport { status gap } } }`;
  let roundOutcome = '';
  const wholeRound = await measure(1, async () => {
    const { id } = (await gql(asManager, startRound, {})).startAllocationRound;
    for (;;) {
      // while the round loads its input the service's main thread is busy for seconds at a time (README,
      // issue 18): a poll that finds its kept-alive connection closed is asked again
      const polled = await gql(asManager, roundStatus, { id }).catch((error: Error) => {
        if (error.message === 'fetch failed') return null;
        throw error;
      });
      if (polled === null) continue;
      const round = polled.allocationRound as unknown as {
        status: string;
        error: string | null;
        solverReport: { status: string; gap: number | null } | null;
      };
      if (!['QUEUED', 'RUNNING'].includes(round.status)) {
        roundOutcome = `${round.status}: ${round.solverReport ? `${round.solverReport.status}, gap ${round.solverReport.gap}` : round.error}`;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  rows.push({
    ...row('large_round_service_all_open', wholeRound, 1, '< 30 s: started over GraphQL until completed (loading, planning, storing)', 30_000),
    status: roundOutcome,
  });

  const [{ bytes }] = await ds.query(`SELECT pg_database_size(current_database())::bigint AS bytes`);
  const peakBytes = peak.stop();
  rows.push({ ...row('large_database_size_mb', { median: NaN, p90: NaN }, 0, 'size of the database after the bench'), status: `${mb(Number(bytes))} MB` });
  rows.push({
    ...row(
      'large_peak_memory_mb',
      { median: NaN, p90: NaN },
      0,
      'peak resident memory of the bench process (service, and the embedded database without DATABASE_URL)',
    ),
    status: `${mb(peakBytes)} MB`,
  });
  rows.splice(rows.length - 2, 0, ...(await roundVersusPlainHighs(app, 'large')));
  return rows;
}

/**
 * A round over every open vacancy with the portfolio quotas (the input a round loads, rounds.service.ts),
 * planned as the service plans it (routing solver: exact pruning, rows one vacancy alone enters folded
 * into its prices, identical rows (an association's scope and its one municipality's) merged, LP rounding on models of 20,000 columns or more, warm start, the tie-break settled
 * after the solve where the tolerance could not settle it, the "unfilled" columns declared integer) and,
 * on the same input in the same run, by plain HiGHS (every pair and every row in the model, the
 * tie-break in the costs, no warm start, no LP first, the "unfilled" columns continuous). Both prepare the model (ranking, windows, rows) and explain the plan; each row gives the time
 * to a solved model and to the explained plan, medians of alternating runs (nine at demo scale, three at large): the ratios compare.
 */
export async function roundVersusPlainHighs(app: INestApplication, scale: string): Promise<BenchResult[]> {
  const ds = app.get(DataSource);
  const today = app.get<Clock>(CLOCK).today();
  const { input } = await ds.transaction('REPEATABLE READ', async (m) =>
    app.get(AllocationInputLoader).load(m, {
      focus: await m.find(VacancyEntity, { where: { status: In([...PLANNABLE_STATUSES]) }, order: { id: 'ASC' } }),
      lookAhead: [],
      onDate: today,
      seed: 1,
      withQuotaRows: true,
    }),
  );
  const pairs = input.vacancies.reduce((n, v) => n + v.candidates.length, 0);
  const size = `${input.vacancies.length} vacancies x ${input.households.length} households (${pairs} pairs)`;
  /**
   * One planning, timed in its parts: solving the model (from the prepared input to a verified
   * solution: building, pruning, starting and solving the model), preparing and solving (the ranking
   * and windows of every vacancy too, the same work for both), and the whole (the explained plan too).
   */
  const timed = async (solver: Solver, options: Partial<AllocationSolveOptions>) => {
    const t0 = process.hrtime.bigint();
    const prepared = prepareAllocation(input);
    const tPrepared = process.hrtime.bigint();
    const solution = await solveAllocation(prepared, solver, options);
    const t1 = process.hrtime.bigint();
    const { plan } = explainSolved(prepared, solution);
    const ms = (t: bigint, from = t0) => Number(t - from) / 1e6;
    return { plan, modelMs: ms(t1, tPrepared), solveMs: ms(t1), ms: ms(process.hrtime.bigint()) };
  };
  const routing = createRoutingSolver();
  const highs = createHighsSolver();
  try {
    const asTheServicePlans = () => timed(routing, { timeLimitMs: 60_000 });
    const plainHighs = () =>
      timed(highs, {
        timeLimitMs: 180_000,
        pruning: { kind: 'NONE' },
        warmStart: false,
        lpRounding: false,
        fastPath: false,
        foldRows: false,
        mergeIdenticalRows: false,
        settleTiesAfterSolve: false,
        integralUnfilled: false,
      });
    // a first solve loads HiGHS's WebAssembly, and V8 optimises its hot functions over the next few
    // (the same demo round: 302 ms on the first solve, 123-137 ms on the next five, 61-68 ms after,
    // measured 2026-12-05): warm-up rounds of each, then the two alternate. The demo round takes tens of
    // milliseconds, where a collection or a timer tick moves one run by a third: six warm-ups and nine
    // runs each there; the large round takes about a second: two and three.
    const [warmUps, alternations] = scale === 'large' ? [2, 3] : [6, 9];
    for (let i = 0; i < warmUps; i += 1) await Promise.resolve().then(asTheServicePlans).then(plainHighs);
    const product: Awaited<ReturnType<typeof timed>>[] = [];
    const plain: Awaited<ReturnType<typeof timed>>[] = [];
    for (let i = 0; i < alternations; i += 1) {
      product.push(await asTheServicePlans());
      plain.push(await plainHighs());
    }
    type Part = 'ms' | 'solveMs' | 'modelMs';
    const median = (runs: Awaited<ReturnType<typeof timed>>[], key: Part) =>
      Math.round([...runs].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]);
    const ratio = (key: Part) => Math.round((median(plain, key) / median(product, key)) * 100) / 100;
    const row = (name: string, runs: Awaited<ReturnType<typeof timed>>[], target: string, limit?: { maxMs: number; maxGap?: number }): BenchResult => ({
      name,
      median_ms: median(runs, 'ms'),
      p90_ms: Math.round(Math.max(...runs.map((r) => r.ms))),
      runs: runs.length,
      status: `${runs[0].plan.status}; ${size}; solving the model ${median(runs, 'modelMs')} ms, preparing and solving ${median(runs, 'solveMs')} ms, explaining the rest`,
      gap: runs[0].plan.gap,
      violations: null,
      target,
      ...(limit ? { limit } : {}),
    });
    return [
      row(
        `${scale}_round_${input.vacancies.length}_quotas`,
        product,
        `< 30 s within 0.1% (proven gap); faster than plain HiGHS in this run: ${ratio('modelMs')}x solving the model, ${ratio('solveMs')}x preparing and solving, ${ratio('ms')}x with the explained plan (target >= 1.5x)`,
        scale === 'large' ? { maxMs: 30_000, maxGap: 0.001 } : undefined,
      ),
      row(
        `${scale}_round_${input.vacancies.length}_plain_highs`,
        plain,
        'the same input, plain HiGHS: every pair and row, the tie-break in the costs, no warm start, no LP first, unfilled columns continuous',
      ),
    ];
  } finally {
    await (routing as { dispose?: () => Promise<void> }).dispose?.();
    await (highs as { dispose?: () => Promise<void> }).dispose?.();
  }
}
