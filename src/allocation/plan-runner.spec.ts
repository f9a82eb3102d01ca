import { loadConfig } from '../config/app-config.js';
import { generateBenchInstance } from '../engine/allocation/bench-instances.js';
import { planAllocation } from '../engine/allocation/plan-allocation.js';
import { PlanRunner, choosablePairsBound } from './plan-runner.service.js';
import { prepareAllocation } from '../engine/allocation/prepare-allocation.js';
import { createRoutingSolver } from './solvers/routing.solver.js';

// runs the compiled worker (dist/): `npm test` builds first
describe('PlanRunner (worker threads)', () => {
  const runner = new PlanRunner({ ...loadConfig({ NODE_ENV: 'test' }), planThreads: 1 });
  afterAll(() => runner.onModuleDestroy());

  it('plans a round in a worker thread exactly as on the calling thread (same JSON, byte for byte)', async () => {
    const input = generateBenchInstance({ vacancies: 8, households: 300, seed: 3 });
    const inWorker = await runner.plan(input, { timeLimitMs: 20_000 });
    const inline = await planAllocation(input, createRoutingSolver(), { timeLimitMs: 20_000 });
    expect(inWorker.plan.status).toBe('OPTIMAL');
    expect(JSON.stringify(inWorker.plan)).toBe(JSON.stringify(inline.plan));
    expect(inWorker.timings.totalMs).toBeGreaterThan(0);
  });

  it('stops a solve when its signal is aborted, and the pool keeps working', async () => {
    const big = generateBenchInstance({ vacancies: 200, households: 5000, seed: 2 });
    const controller = new AbortController();
    const running = runner.plan(big, { timeLimitMs: 60_000 }, controller.signal);
    setTimeout(() => controller.abort(new Error('round cancelled')), 200);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const after = await runner.plan(generateBenchInstance({ vacancies: 3, households: 50, seed: 1 }), { timeLimitMs: 10_000 });
    expect(after.plan.proposals).toHaveLength(3);
  });
});

describe('choosablePairsBound', () => {
  it.each([
    [{ vacancies: 4, households: 300, seed: 3 }],
    [{ vacancies: 10, households: 200, seed: 1 }],
    [{ vacancies: 3, households: 2000, seed: 2, eligibleShare: [1, 1] as const }],
  ])('is never below the choosable pairs prepareAllocation finds (%j)', (spec) => {
    const input = generateBenchInstance({ ...spec, quotas: false });
    expect(choosablePairsBound(input)).toBeGreaterThanOrEqual(prepareAllocation(input).pairs.length);
  });
});
