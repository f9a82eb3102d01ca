import { buildAllocationModel } from '../../engine/allocation/build-allocation-model.js';
import { generateBenchInstance } from '../../engine/allocation/bench-instances.js';
import { verifySolution } from '../../engine/allocation/mip-model.js';
import { prepareAllocation } from '../../engine/allocation/prepare-allocation.js';
import { createHighsSolver } from './highs.solver.js';
import { RoutingOptions, createRoutingSolver } from './routing.solver.js';

const modelOf = (vacancies: number, households: number, maxPositions?: number | null) =>
  buildAllocationModel(prepareAllocation(generateBenchInstance({ vacancies, households, seed: 1, maxPositions }))).mip;

describe('routing solver', () => {
  const large = createHighsSolver();

  it.each([
    // ~20 columns: javascript-lp-solver on the calling thread
    ['a look-ahead proposal', modelOf(2, 100), 'javascript-lp-solver', null],
    // ~400 columns: HiGHS by default (deterministic); javascript-lp-solver in a watchdog worker when that tier is on
    ['a small round', modelOf(10, 200, null), 'HiGHS', /routed to HiGHS/],
    // (a budget no busy machine exhausts: what is tested here is the routing; the budget has its own test below)
    ['a small round, worker tier on', modelOf(10, 200, null), 'javascript-lp-solver', null, { smallMaxCols: 500, smallBudgetMs: 20_000 }],
    // ~800 columns: HiGHS
    ['a round', modelOf(50, 2000), 'HiGHS', /routed to HiGHS/],
  ] as [string, ReturnType<typeof modelOf>, string, RegExp | null, Partial<RoutingOptions>?][])(
    '%s goes to %s',
    async (_case, model, solverName, message, routing = {}) => {
      const r = await createRoutingSolver({ large }, routing).solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
      expect(r.status).toBe('OPTIMAL');
      expect(r.solverName).toBe(solverName);
      expect(verifySolution(model, r.x!)).toEqual([]);
      if (message) expect(r.message).toMatch(message);
    },
  );

  it('falls back to HiGHS when javascript-lp-solver is cut short with a fractional x', async () => {
    const model = modelOf(10, 200); // LP relaxation fractional; 1 ms ends branch and bound at once
    const r = await createRoutingSolver({ large }, { smallBudgetMs: 1 }).solve(model, { timeLimitMs: 20_000, mipRelGap: 1e-9 });
    expect(r.status).toBe('OPTIMAL');
    expect(r.solverName).toBe('HiGHS');
    expect(r.message).toMatch(/^javascript-lp-solver gave TIME_LIMIT \(.*time limit.*\); solved again with HiGHS\./);
  });
});
