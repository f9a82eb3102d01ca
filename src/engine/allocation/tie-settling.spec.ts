import fc from 'fast-check';
import { buildAllocationModel, mainObjectiveModel } from './build-allocation-model.js';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { evaluatePlan } from './plan-objective.js';
import { PreparedAllocation, prepareAllocation } from './prepare-allocation.js';
import { settleTies } from './tie-settling.js';
import { bruteForceOptimum } from './test-fixtures/brute-force.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anInput, smallInstanceArb } from './test-fixtures/allocation-input.builder.js';
import { planOf } from './test-fixtures/plan-of.js';

const everyPair = () => true;
const idsOf = (prepared: PreparedAllocation, a: Int32Array) =>
  [...a].map((pi) => (pi === -1 ? null : prepared.households[prepared.pairs[pi].householdIndex].id));

/** Two vacancies of one complex, three households who responded to both, in registration order. */
const twoVacancies = () => {
  const households = [1, 2, 3].map((id) => aHousehold(id, { registrationDate: `201${id}-01-01` }));
  return prepareAllocation(
    anInput({
      policy: aPolicy({ rankStepPoints: 10 }),
      households,
      complexes: [aComplex(1, 3, 40)],
      vacancies: [1, 2].map((id) =>
        aVacancy(
          id,
          1,
          households.map((h) => aPair(h.id)),
        ),
      ),
    }),
  );
};

describe('settleTies', () => {
  it.each([
    // the same priority points either way; the better-ranked household goes to the vacancy earlier in the sweep
    ['two vacancies trade their households', [2, 1], [1, 2], 1],
    ['already settled: nothing moves', [1, 2], [1, 2], 0],
    // household 2 (housed nowhere) in place of 3 gains a rank step: a move that raises the plan is taken too
    ['a better-ranked household housed nowhere replaces one', [1, 3], [1, 2], 1],
  ] as const)('%s', (_case, from, to, moves) => {
    const prepared = twoVacancies();
    const start = planOf(prepared, from);
    const got = settleTies(prepared, start, everyPair, 1);
    expect(idsOf(prepared, got.assignment)).toEqual(to);
    expect(got.moves).toBe(moves);
    expect(idsOf(prepared, start)).toEqual(from); // the start plan is not changed in place
  });

  it('uses only the pairs it may: a trade into a pair left out of the model is not made', () => {
    const prepared = twoVacancies();
    const leftOut = prepared.vacancies[0].pairIndices.find((pi) => prepared.households[prepared.pairs[pi].householdIndex].id === 1)!;
    const got = settleTies(prepared, planOf(prepared, [2, 1]), (pi) => pi !== leftOut, 1);
    expect(idsOf(prepared, got.assignment)).toEqual([2, 1]);
  });

  it('never lowers a plan, keeps it within every hard rule, and ends where no move is left (property)', () => {
    let moved = 0;
    fc.assert(
      fc.property(smallInstanceArb({ maxVacancies: 4, maxHouseholds: 7 }), (input) => {
        const prepared = prepareAllocation(input);
        const start = capAwareGreedy(prepared);
        if (start.evaluation.infeasibilities.length > 0) return;
        const got = settleTies(prepared, start.assignment, everyPair, 0.01);
        const after = evaluatePlan(prepared, got.assignment);
        moved += Number(got.moves > 0);
        expect(after.infeasibilities).toEqual([]);
        expect(after.objective).toBeGreaterThanOrEqual(start.evaluation.objective - 1e-12);
        expect(settleTies(prepared, got.assignment, everyPair, 0.01).moves).toBe(0);
      }),
      { numRuns: 300, seed: 20261205 },
    );
    expect(moved).toBeGreaterThan(0);
  });

  it('leaves no replacement by a household housed nowhere and no trade of two vacancies that raises the plan (property, by evaluatePlan)', () => {
    let trades = 0;
    fc.assert(
      fc.property(smallInstanceArb({ maxVacancies: 4, maxHouseholds: 7 }), (input) => {
        const prepared = prepareAllocation(input);
        // starts: the worst plan by the tie-break among the best in every other point, the two greedy plans
        const worstTie = bruteForceOptimum({ ...prepared, pairs: prepared.pairs.map((p) => ({ ...p, tieBreak: -p.tieBreak })) });
        const starts = [worstTie?.assignment, capAwareGreedy(prepared).assignment, plainOrderGreedy(prepared).assignment];
        for (const start of starts) if (start && evaluatePlan(prepared, start).infeasibilities.length === 0) settledIsLocallyBest(prepared, start);
      }),
      { numRuns: 300, seed: 20261205 },
    );
    expect(trades).toBeGreaterThan(20);

    function settledIsLocallyBest(prepared: PreparedAllocation, start: Int32Array) {
      const got = settleTies(prepared, start, everyPair, 0.01);
      const settled = evaluatePlan(prepared, got.assignment).objective;
      trades += Number(got.moves > 0);
      const housed = new Set([...got.assignment].flatMap((pi) => (pi === -1 ? [] : [prepared.pairs[pi].householdIndex])));
      const better = (plan: Int32Array) => {
        const e = evaluatePlan(prepared, plan);
        return e.infeasibilities.length === 0 && e.objective > settled + 1e-12;
      };
      for (const v of prepared.vacancies) {
        const current = got.assignment[v.index];
        if (current === -1) continue;
        for (const q of v.pairIndices) {
          if (housed.has(prepared.pairs[q].householdIndex)) continue;
          const plan = Int32Array.from(got.assignment);
          plan[v.index] = q;
          expect(better(plan)).toBe(false);
        }
        for (const w of prepared.vacancies) {
          const other = got.assignment[w.index];
          if (w.index <= v.index || other === -1) continue;
          const at = (vacancy: number, household: number) =>
            prepared.vacancies[vacancy].pairIndices.find((pi) => prepared.pairs[pi].householdIndex === household) ?? -1;
          const q1 = at(v.index, prepared.pairs[other].householdIndex);
          const q2 = at(w.index, prepared.pairs[current].householdIndex);
          if (q1 === -1 || q2 === -1) continue;
          const plan = Int32Array.from(got.assignment);
          plan[v.index] = q1;
          plan[w.index] = q2;
          expect(better(plan)).toBe(false);
        }
      }
    }
  });
});

describe('mainObjectiveModel', () => {
  it('leaves the tie-break out and scales the rest to whole numbers; tieMax is each vacancy’s best tie-break', () => {
    const prepared = twoVacancies();
    const model = buildAllocationModel(prepared);
    const main = mainObjectiveModel(model, prepared)!;
    expect(main.scale).toBe(1);
    expect([...main.mip.colCost].every(Number.isInteger)).toBe(true);
    expect(main.mip.colNames).toEqual(model.mip.colNames);
    expect(main.mip.rowNames).toEqual(model.mip.rowNames);
    const bestTies = prepared.vacancies.map((v) => Math.max(...v.pairIndices.map((pi) => prepared.pairs[pi].tieBreak)));
    expect(main.tieMax).toBeCloseTo(bestTies[0] + bestTies[1], 15);
  });

  it.each([
    ['a cost in tenths', 0.1, 10],
    ['a cost in hundredths', 0.05, 100],
    ['a cost off the grid of hundredths: no whole scale, so the model stays as it is', 0.0005, null],
  ])('%s', (_case, extra, scale) => {
    const prepared = twoVacancies();
    const model = buildAllocationModel(prepared);
    const u = model.unfilledCol[0];
    const colCost = Float64Array.from(model.mip.colCost);
    colCost[u] += extra;
    expect(mainObjectiveModel({ ...model, mip: { ...model.mip, colCost } }, prepared)?.scale ?? null).toBe(scale);
  });
});
