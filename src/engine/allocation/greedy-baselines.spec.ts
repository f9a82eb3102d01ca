import fc from 'fast-check';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { prepareAllocation } from './prepare-allocation.js';
import { bruteForceOptimum } from './test-fixtures/brute-force.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anInput, smallInstanceArb, vulnerable } from './test-fixtures/allocation-input.builder.js';

describe('greedy baselines', () => {
  it('plain order follows the list and breaks the cap; cap-aware keeps it', () => {
    // 40% vulnerable now, cap 30%: the plain order takes two vulnerable households at the top of the list
    const households = [vulnerable(1), vulnerable(2), aHousehold(3), aHousehold(4)];
    const prepared = prepareAllocation(
      anInput({
        households: households.map((h, i) => ({ ...h, registrationDate: `201${i}-01-01` })),
        complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
        vacancies: [
          aVacancy(
            1,
            1,
            households.map((h) => aPair(h.id)),
          ),
          aVacancy(
            2,
            1,
            households.map((h) => aPair(h.id)),
          ),
        ],
      }),
    );
    const plain = plainOrderGreedy(prepared);
    const capAware = capAwareGreedy(prepared);
    const ids = (a: Int32Array) => [...a].map((pi) => prepared.households[prepared.pairs[pi].householdIndex].id);
    expect(ids(plain.assignment)).toEqual([1, 2]);
    expect(plain.violatedTargets).toBe(1); // 5 of 12 vulnerable > 30%
    expect(ids(capAware.assignment)).toEqual([3, 4]);
    expect(capAware.violatedTargets).toBe(0); // 3 of 12 = 25%
    expect(capAware.evaluation.objective).toBeGreaterThan(plain.evaluation.objective);
  });

  it('are feasible, never beat brute force, and cap-aware fills as many vacancies as can be filled (property)', () => {
    fc.assert(
      fc.property(smallInstanceArb(), (input) => {
        const soft = { ...input, policy: aPolicy({ ...input.policy, quotas: { ...input.policy.quotas, enforcement: 'SOFT' }, unfilledPenalty: 100_000 }) };
        const prepared = prepareAllocation(soft);
        const best = bruteForceOptimum(prepared)!;
        for (const baseline of [plainOrderGreedy(prepared), capAwareGreedy(prepared)]) {
          expect(baseline.evaluation.infeasibilities).toEqual([]);
          expect(baseline.evaluation.objective).toBeLessThanOrEqual(best.evaluation.objective + 1e-9);
        }
        expect(capAwareGreedy(prepared).evaluation.filledCount).toBe(best.evaluation.filledCount);
      }),
      { numRuns: 200 },
    );
  });
});
