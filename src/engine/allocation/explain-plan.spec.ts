import { withholdProposal } from '../privacy/withhold-plan.js';
import { AllocationPlan, explainPlan } from './explain-plan.js';
import { evaluatePlan } from './plan-objective.js';
import { PreparedAllocation, prepareAllocation } from './prepare-allocation.js';
import { AllocationSolution } from './solve-allocation.js';
import { aComplex, aHousehold, aPair, aVacancy, anInput, vulnerable } from './test-fixtures/allocation-input.builder.js';

/** Explains a given plan (one household per vacancy, by id) as if a solver had returned it with these facts. */
function explainAs(prepared: PreparedAllocation, householdIdPerVacancy: readonly number[], facts: Partial<AllocationSolution> = {}): AllocationPlan {
  const assignment = new Int32Array(prepared.vacancies.length).fill(-1);
  prepared.vacancies.forEach((v, i) => {
    const pi = v.pairIndices.find((k) => prepared.households[prepared.pairs[k].householdIndex].id === householdIdPerVacancy[i]);
    if (pi === undefined) throw new RangeError(`household ${householdIdPerVacancy[i]} is no candidate for ${v.reference}`);
    assignment[i] = pi;
  });
  const solution: AllocationSolution = {
    status: 'OPTIMAL', source: 'SOLVER', assignment, evaluation: evaluatePlan(prepared, assignment), solverName: 'test', solverVersion: '0',
    bound: null, gap: null, optimalityScope: 'ALL_CANDIDATES', model: null, verification: [], message: null, solverMs: null, ...facts,
  };
  return explainPlan(prepared, solution, []);
}

const oneVacancy = () =>
  prepareAllocation(
    anInput({
      households: [aHousehold(1, { registrationDate: '2015-01-01' }), aHousehold(2, { registrationDate: '2016-01-01' })],
      complexes: [aComplex(1, 5, 20)],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(2)])],
    }),
  );

describe('explainPlan: a plan that passes over the plain order with nothing against the plain candidate', () => {
  it.each([
    ['a plan cut short by the time limit', { status: 'TIME_LIMIT', gap: 0.01 } as const, /the plan is TIME_LIMIT, relative gap 0\.01, not proven the best\./],
    ['a greedy fallback', { status: 'ERROR', source: 'GREEDY_FALLBACK' } as const, /the plan is ERROR, not proven the best\./],
    ['an optimum over the top candidates only', { optimalityScope: 'TOP_K_CANDIDATES' } as const, /the best over each vacancy's top candidates only \(TOP_K pruning\)/],
    ['an optimum within the solver tolerance', { gap: 0.0001 } as const, /optimal only within the solver's tolerance, relative gap 0\.0001/],
  ])('%s: says so, with the points the plain candidate would gain (never "a costlier choice elsewhere")', (_case, facts, why) => {
    const p = explainAs(oneVacancy(), [2], facts).proposals[0];
    const [reason] = p.plainOrderPassedOver!.reasons;
    expect(reason.kind).toBe('PLAN_NOT_PROVEN_BEST');
    expect(reason.points).toBeLessThan(0);
    expect(reason.text).toMatch(/^Passing over 1 place costs \d+(\.\d+)? priority points\. With the rest of the plan unchanged, choosing H-000001 here would gain \d+(\.\d+)? points: /);
    expect(reason.text).toMatch(why);
    expect(reason.text).not.toMatch(/costlier choice/);
    // the passed-over plain candidate, an alternative here, scores better: the note says why
    const plain = p.alternatives.find((a) => a.householdId === 1)!;
    expect(plain.costVersusChosen).toBeLessThan(0);
    expect(plain.jointNote).toMatch(why);
  });

  it('an optimal plan that follows the plain order gives no note to any alternative', () => {
    const p = explainAs(oneVacancy(), [1]).proposals[0];
    expect(p.plainOrderPassedOver).toBeNull();
    expect(p.alternatives.map((a) => [a.costVersusChosen > 0, a.jointNote])).toEqual([[true, null]]);
  });
});

describe('explainPlan: whole-plan comparisons and special-category data', () => {
  // VAC-1 (complex 1, resilience class 1, 4 of 10 vulnerable: over its 30% cap) takes households 1 or 2;
  // VAC-2 (complex 2, class 5) any of the three. The plan: 1 -> VAC-1, vulnerable 2 -> VAC-2.
  const prepared = prepareAllocation(
    anInput({
      households: [aHousehold(1, { registrationDate: '2015-01-01' }), vulnerable(2, { registrationDate: '2016-01-01' }), aHousehold(3, { registrationDate: '2017-01-01' })],
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 4, NOT_VULNERABLE: 6 } }), aComplex(2, 5, 10)],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(2)]), aVacancy(2, 2, [aPair(1), aPair(2), aPair(3)])],
    }),
  );
  const p2 = explainAs(prepared, [1, 2]).proposals[1];

  it('names every target and number that moving the plain candidate changes, the refill of its vacancy included', () => {
    const [reason] = p2.plainOrderPassedOver!.reasons;
    expect(reason.kind).toBe('ALLOCATED_ELSEWHERE');
    expect(reason.points).toBeGreaterThan(0);
    // moving household 1 here leaves VAC-1 to vulnerable household 2: complex 1's cap is broken further
    expect(reason.text).toMatch(/Moving H-000001 here costs \d+(\.\d+)? points in the plan as a whole: plain-order tie-break -0\.0004; the VULNERABLE_MAX target \(vulnerable households\) -100; VAC-1 goes to H-000002 \(rank 2\) instead\.$/);
    expect(reason.textWithoutSpecialCategory).not.toMatch(/VULNERABLE_MAX|vulnerable/);
    expect(reason.textWithoutSpecialCategory).toMatch(/a composition target on special-category data \(detail for the officers handling the vacancy\); VAC-1 goes to H-000002 \(rank 2\) instead\.$/);
  });

  it('a reader without need to know gets the text without it, and no points', () => {
    const withheld = withholdProposal(p2);
    const [reason] = withheld.plainOrderPassedOver!.reasons;
    expect(reason.text).toBe(p2.plainOrderPassedOver!.reasons[0].textWithoutSpecialCategory);
    expect(reason.points).toBeNull();
    expect('textWithoutSpecialCategory' in reason).toBe(false);
    expect(withheld.summary).not.toMatch(/VULNERABLE_MAX|vulnerable_max/);
    expect(withheld.alternatives.every((a) => !('jointNote' in a) && !('costVersusChosen' in a))).toBe(true);
  });
});
