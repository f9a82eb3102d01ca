import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { projectRoot } from '../src/config/project-root.js';
import { DemoSeederService } from '../src/demo/demo-seeder.service.js';
import { EligibilityService } from '../src/eligibility/eligibility.service.js';
import { CandidatePoolEnum } from '../src/eligibility/graphql/eligibility.type.js';

/**
 * `npm run bench`: performance targets, measured as medians (not timed tests). Writes
 * bench/results.json as [{ name, median_ms, status, gap, violations }] and prints a table.
 * Runs on a fresh embedded database (or DATABASE_URL when set) loaded with the demo municipality.
 */
interface BenchResult {
  name: string;
  median_ms: number;
  status: string;
  gap: number | null;
  violations: number | null;
  runs: number;
  p90_ms: number;
  target: string;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 5;

async function measure(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: Math.round(at(0.5) * 100) / 100, p90: Math.round(at(0.9) * 100) / 100 };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'woonmix-bench-'));
  const env = { ...process.env, NODE_ENV: 'test' as const, SEED_DEMO: 'false', PGLITE_DIR: dir, PORT: '0' };
  const config = loadConfig(env);
  const app = await createApp({ config }, false);
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
  const results: BenchResult[] = [];
  try {
    await app.get(DemoSeederService).load(config.demoSeed);
    const ds = app.get(DataSource);
    // one vacancy with exactly 2,000 respondents from the waiting list
    const [{ id: vacancyId }] = await ds.query(`SELECT id FROM vacancy WHERE status = 'OPEN' AND route = 'REGULAR' ORDER BY id LIMIT 1`);
    await ds.query(`DELETE FROM vacancy_response WHERE vacancy_id = $1`, [vacancyId]);
    await ds.query(`INSERT INTO vacancy_response (vacancy_id, household_id) SELECT $1, id FROM household WHERE on_waiting_list ORDER BY id LIMIT 2000`, [vacancyId]);

    const query = `query($v: ID!) { eligibleCandidates(vacancyId: $v, first: 10) { evaluatedCount eligibleCount excludedCount
      excludedByRule { ruleId count } candidates { priorityTier summary household { reference registrationDate } } } }`;
    let evaluated = 0;
    const graphql = await measure(RUNS, async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { v: String(vacancyId) } }) });
      const body = (await res.json()) as { data?: { eligibleCandidates: { evaluatedCount: number } }; errors?: unknown };
      if (!body.data) throw new Error(`eligibleCandidates failed: ${JSON.stringify(body.errors)}`);
      evaluated = body.data.eligibleCandidates.evaluatedCount;
    });
    if (evaluated !== 2000) throw new Error(`expected 2000 respondents, evaluated ${evaluated}`);
    results.push({ name: 'eligible_candidates_2000', median_ms: graphql.median, p90_ms: graphql.p90, runs: RUNS, status: graphql.median < 100 ? 'ok' : 'over_target', gap: null, violations: null, target: '< 100 ms over GraphQL' });

    const service = app.get(EligibilityService);
    const direct = await measure(RUNS, () => service.eligibleCandidates({ vacancyId: String(vacancyId), pool: CandidatePoolEnum.RESPONDENTS, first: 10 }));
    results.push({ name: 'eligible_candidates_2000_service', median_ms: direct.median, p90_ms: direct.p90, runs: RUNS, status: 'info', gap: null, violations: null, target: 'service only (load + evaluate), for comparison' });

    const pool = await measure(Math.max(5, Math.round(RUNS / 3)), () => service.eligibleCandidates({ vacancyId: String(vacancyId), pool: CandidatePoolEnum.WHOLE_POOL, first: 10 }));
    results.push({ name: 'eligible_candidates_pool_5000_service', median_ms: pool.median, p90_ms: pool.p90, runs: Math.max(5, Math.round(RUNS / 3)), status: 'info', gap: null, violations: null, target: 'whole waiting list (5,000), service only' });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const out = join(projectRoot(), 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results.map(({ name, median_ms, status, gap, violations }) => ({ name, median_ms, status, gap, violations })), null, 2)}\n`);
  console.log(`\nWoonmix benchmark (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; ${new Date().toISOString()})`);
  console.table(results.map((r) => ({ name: r.name, 'median ms': r.median_ms, 'p90 ms': r.p90_ms, runs: r.runs, status: r.status, target: r.target })));
  console.log(`written ${join(out, 'results.json')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
