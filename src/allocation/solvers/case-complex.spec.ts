import { AllocationHousehold, AllocationInput } from '../../engine/allocation/allocation-input.js';
import { ShareState } from '../../engine/allocation/explain-plan.js';
import { planAllocation } from '../../engine/allocation/plan-allocation.js';
import { addDays } from '../../engine/common/dates.js';
import { aComplex, aHousehold, aPair, aVacancy, anInput, vulnerable } from '../../engine/allocation/test-fixtures/allocation-input.builder.js';
import { createRoutingSolver } from './routing.solver.js';

/**
 * The case of docs/domain.md §7: a complex of about 40 homes ("Rozenhof") in a buurt of resilience class 1,
 * 40% vulnerable tenants, under the default cap of 30% (weight 100 per household over, 10 points per
 * place passed over, at most 10 places). The waiting list has two vulnerable households on top.
 */
const CASE_COMPLEX = {
  ...aComplex(1, 1, 40, { VULNERABILITY: { VULNERABLE: 16, NOT_VULNERABLE: 24 }, INCOME_SOURCE: { WORK: 20, BENEFIT: 20 } }),
  reference: 'CPX-CASE',
};

/** Households 1..n registered a month apart; `kinds[i]` says who is vulnerable (V), urgent (U) or neither. */
function waitingList(kinds: string): AllocationHousehold[] {
  return [...kinds].map((k, i) => {
    const make = k === 'V' || k === 'U' ? vulnerable : aHousehold;
    return make(i + 1, { registrationDate: addDays('2014-01-01', 30 * i), urgent: k === 'U' });
  });
}

function caseInput(kinds: string, extraVacancies = 0): AllocationInput {
  const households = waitingList(kinds);
  const pairs = households.map((h) => aPair(h.id));
  return anInput({
    households,
    complexes: [CASE_COMPLEX],
    vacancies: [
      aVacancy(1, 1, pairs, { reference: 'VAC-CASE-1' }),
      ...Array.from({ length: extraVacancies }, (_, i) => aVacancy(2 + i, 1, pairs, { reference: `VAC-CASE-${2 + i}`, focus: false })),
    ],
  });
}

const solver = createRoutingSolver();
const share = (s: ShareState) => [s.count, s.total, s.basisPoints, s.violation];

describe('the case complex: vulnerable inflow kept under its cap, and said so', () => {
  it('passes over two vulnerable households for the next non-vulnerable one, naming the target and the numbers', async () => {
    const { plan } = await planAllocation(caseInput('VV..V.V..V..'), solver);
    expect(plan.status).toBe('OPTIMAL');
    const p = plan.proposals[0];
    expect(p.plainOrderCandidate).toMatchObject({ householdReference: 'H-000001', rank: 1 });
    expect(p.chosen).toMatchObject({ householdReference: 'H-000003', rank: 3, costVersusChosen: 0 });

    const [reason] = p.plainOrderPassedOver!.reasons;
    expect(reason).toMatchObject({ kind: 'COMPOSITION_TARGET', ref: 'VULNERABLE_MAX', points: 100 });
    // with H-1: 17 of 41 vulnerable (41.46%) against 30% of 41 = 12.3: 4.7 over; with H-3: 16 of 41, 3.7 over
    expect(share(reason.withPlainCandidate as ShareState)).toEqual([17, 41, 4146, 4.7]);
    expect(share(reason.withChosen as ShareState)).toEqual([16, 41, 3902, 3.7]);
    expect(reason.text).toBe(
      'With H-000001 the share of vulnerable households in CPX-CASE would be 41.46% (17 of 41), against at most 30% (12.3 of 41): ' +
        '4.7 households over; with H-000003 it is 39.02% (16 of 41): 3.7 households over. At 100 points per household that costs 100 points more.',
    );
    expect(p.summary).toMatch(
      /^H-000003 \(rank 3\) is proposed for VAC-CASE-1 instead of the plain-order candidate H-000001\. Passing over 2 places costs 20 priority points; choosing H-000001 would cost 100 points on the VULNERABLE_MAX target\./,
    );

    // the cost of the plain-order candidate instead: 100 points of cap against 20 of priority
    const plain = p.alternatives.find((a) => a.rank === 1)!;
    expect(plain.costVersusChosen).toBeCloseTo(80, 2);
    // fit is the change the candidate makes: from 4 households over (16 of 40) to 4.7, or to 3.7
    expect(plain.fit.find((f) => f.id === 'VULNERABLE_MAX')!.points).toBeCloseTo(-70, 6);
    expect(p.chosen!.fit.find((f) => f.id === 'VULNERABLE_MAX')!.points).toBeCloseTo(30, 6);
    expect(p.alternatives.length).toBeLessThanOrEqual(10);
    expect(p.alternatives.map((a) => a.costVersusChosen)).toEqual([...p.alternatives.map((a) => a.costVersusChosen)].sort((a, b) => a - b));

    const cap = p.composition.find((t) => t.targetId === 'VULNERABLE_MAX')!;
    expect(share(cap.before)).toEqual([16, 40, 4000, 4]);
    expect(share(cap.afterThis!)).toEqual([16, 41, 3902, 3.7]);
    expect(cap.text).toBe(
      'vulnerable households in CPX-CASE: 40% (16 of 40) now; 39.02% (16 of 41) after this allocation; target at most 30% (12.3 of 41): 3.7 households over.',
    );

    // the plain order would have taken H-1 and pushed the share up
    const plainBaseline = plan.baselines.find((b) => b.name === 'PLAIN_ORDER')!;
    expect(plainBaseline.violatedTargets).toBe(1);
    expect(plainBaseline.worsenedTargets).toBe(1); // 4 households over before, 4.7 after
    expect(plainBaseline.priorityDifference).toBe(20);
    expect(plan.objectiveParts).toMatchObject({ violatedTargets: 1, worsenedTargets: 0 }); // 3.7 over: better than before
  });

  it('keeps the plain order when the next non-vulnerable household is beyond the displacement bound', async () => {
    // ranks 1-11 vulnerable, rank 12 not: at most 10 places below rank 1 means rank 11 at the latest
    const { plan } = await planAllocation(caseInput('VVVVVVVVVVV.'), solver);
    const p = plan.proposals[0];
    expect(p.window).toMatchObject({ maxRankByPositions: 11, lastAllowedRank: 11, choosableCount: 11 });
    expect(p.chosen!.rank).toBe(1);
    expect(p.plainOrderPassedOver).toBeNull();
    expect(p.composition.find((t) => t.targetId === 'VULNERABLE_MAX')!.text).toMatch(/4\.7 households over\.$/);
  });

  it('lets an urgent household keep its priority, cap or not', async () => {
    const { plan } = await planAllocation(caseInput('U.V.'), solver);
    const p = plan.proposals[0];
    expect(p.chosen).toMatchObject({ rank: 1, urgent: true });
    expect(p.window.protectedRankCut).toBe(1);
  });

  it('looks ahead at the other open vacancy of the complex, so one proposal does not spend the mix budget', async () => {
    const { plan } = await planAllocation(caseInput('VV..V.V..V..', 1), solver);
    expect(plan.status).toBe('OPTIMAL');
    expect(plan.proposals).toHaveLength(1);
    expect(plan.proposals[0].chosen!.householdReference).toBe('H-000003');
    expect(plan.lookAhead).toEqual([{ vacancyId: 2, vacancyReference: 'VAC-CASE-2', householdId: 4, householdReference: 'H-000004', rank: 4 }]);
    const cap = plan.proposals[0].composition.find((t) => t.targetId === 'VULNERABLE_MAX')!;
    expect(share(cap.afterPlan)).toEqual([16, 42, 3810, 3.4]);
    expect(cap.text).toMatch(/and 38\.1% \(16 of 42\) after all 2 planned allocations/);
  });
});
