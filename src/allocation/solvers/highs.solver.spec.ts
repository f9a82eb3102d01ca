import { buildAllocationModel, solutionOfAssignment } from '../../engine/allocation/build-allocation-model.js';
import { plainOrderGreedy } from '../../engine/allocation/greedy-baselines.js';
import { generateBenchInstance } from '../../engine/allocation/bench-instances.js';
import { MipModelBuilder, mipObjective, verifySolution } from '../../engine/allocation/mip-model.js';
import { prepareAllocation } from '../../engine/allocation/prepare-allocation.js';
import { HIGHS_JS_VERSION, createHighsSolver, loadHighs } from './highs.solver.js';

describe('HiGHS adapter', () => {
  const model = buildAllocationModel(prepareAllocation(generateBenchInstance({ vacancies: 10, households: 200, seed: 2, maxPositions: null }))).mip;

  it('loads once per process and names its versions', async () => {
    expect(await loadHighs()).toBe(await loadHighs());
    const r = await createHighsSolver().solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    expect(r.solverName).toBe('HiGHS');
    expect(r.solverVersion).toMatch(new RegExp(`^${HIGHS_JS_VERSION.replace(/\./g, '\\.')} \\(HiGHS \\d+\\.\\d+\\.\\d+\\)$`));
  });

  it.each([[false], [true]])('solves to a verified optimum (lpFirst %p) with gap and bound', async (lpFirst) => {
    const r = await createHighsSolver({ lpFirst }).solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    expect(r.status).toBe('OPTIMAL');
    expect(verifySolution(model, r.x!)).toEqual([]);
    expect(r.objective).toBeCloseTo(mipObjective(model, r.x!), 6);
    expect(r.gap).toBeLessThanOrEqual(1e-9);
    expect(r.bound! + 1e-6).toBeGreaterThanOrEqual(r.objective!);
  });

  it('reports a solve with no time as TIME_LIMIT, never OPTIMAL', async () => {
    const r = await createHighsSolver().solve(model, { timeLimitMs: 0, mipRelGap: 1e-9 });
    expect(r.status).toBe('TIME_LIMIT');
    expect(r.x).toBeNull();
    expect(r.message).toMatch(/without a solution/);
  });

  it('reports an infeasible model as INFEASIBLE', async () => {
    const b = new MipModelBuilder('infeasible');
    b.addCol('x', 1, 0, 1, true);
    b.addCol('y', 1, 0, 1, true);
    b.addRow('both', 2, Number.POSITIVE_INFINITY, [0, 1], [1, 1]);
    b.addRow('notBoth', Number.NEGATIVE_INFINITY, 1, [0, 1], [1, 1]);
    for (const lpFirst of [false, true]) {
      const r = await createHighsSolver({ lpFirst }).solve(b.build(), { timeLimitMs: 5000, mipRelGap: 1e-9 });
      expect(r.status).toBe('INFEASIBLE');
      expect(r.x).toBeNull();
    }
  });

  it('accepts a warm start', async () => {
    const solver = createHighsSolver();
    const cold = await solver.solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    const warm = await solver.solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9, initialX: cold.x! });
    expect(warm.status).toBe('OPTIMAL');
    expect(warm.objective).toBeCloseTo(cold.objective!, 6);
  });

  it('from a poor feasible start (the plain-order plan; no feasibility jump then) still proves the optimum', async () => {
    const prepared = prepareAllocation(generateBenchInstance({ vacancies: 12, households: 240, seed: 5, maxPositions: null }));
    const built = buildAllocationModel(prepared);
    const start = solutionOfAssignment(built, prepared, plainOrderGreedy(prepared).assignment);
    expect(verifySolution(built.mip, start)).toEqual([]);
    const solver = createHighsSolver();
    const cold = await solver.solve(built.mip, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    const warm = await solver.solve(built.mip, { timeLimitMs: 20_000, mipRelGap: 1e-9, initialX: start });
    expect(mipObjective(built.mip, start)).toBeLessThan(cold.objective! - 1);
    expect([warm.status, cold.status]).toEqual(['OPTIMAL', 'OPTIMAL']);
    expect(warm.objective).toBeCloseTo(cold.objective!, 6);
    expect(verifySolution(built.mip, warm.x!)).toEqual([]);
  });
});
