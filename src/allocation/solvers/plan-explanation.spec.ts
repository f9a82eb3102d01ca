import { QuotaShare } from '../../engine/eligibility/portfolio-quotas.js';
import { planAllocation } from '../../engine/allocation/plan-allocation.js';
import { aComplex, aHousehold, aPair, aVacancy, anAssociationScope, anInput, vulnerable } from '../../engine/allocation/test-fixtures/allocation-input.builder.js';
import { createRoutingSolver } from './routing.solver.js';

const solver = createRoutingSolver();

describe('plan explanations', () => {
  it('names a portfolio quota, with its shares, when it decides against the plain order', async () => {
    // 368 of 398 DAEB homes so far to the target group (92.46%, norm 92.5%); rank 1 is above the income limit
    const households = [aHousehold(1, { registrationDate: '2015-01-01' }), aHousehold(2, { registrationDate: '2016-01-01' })];
    const { plan } = await planAllocation(
      anInput({
        households,
        complexes: [aComplex(1, 5, 20)],
        vacancies: [aVacancy(1, 1, [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(2, { countsAs: ['daebInTargetGroup', 'passendWithinCap'] })])],
        quotaScopes: [anAssociationScope({ allocations: 398, daebInTargetGroup: 368, daebAboveLimit: 30, passendWithinCap: 200 })],
      }),
      solver,
    );
    const p = plan.proposals[0];
    expect(p.chosen!.householdId).toBe(2);
    const reason = p.plainOrderPassedOver!.reasons.find((r) => r.kind === 'PORTFOLIO_QUOTA')!;
    expect(reason.ref).toBe('ASSOCIATION:DAEB_TARGET_GROUP');
    const withPlain = reason.withPlainCandidate as QuotaShare;
    const withChosen = reason.withChosen as QuotaShare;
    expect([withPlain.numerator, withPlain.denominator, withPlain.meetsNorm]).toEqual([368, 399, false]);
    expect([withChosen.numerator, withChosen.denominator, withChosen.meetsNorm]).toEqual([369, 399, false]);
    expect(reason.text).toMatch(/^With H-000001 the share of social \(DAEB\) homes let to the DAEB target group \(ASSOCIATION\) would be 92\.23% \(368 of 399\) against a norm of at least 92\.5% \(Woningwet art\. 48; BTIV 2015 art\. 16\); with H-000002 it is 92\.48% \(369 of 399\)\./);
    expect(plan.quotas[0].after.find((q) => q.quota === 'DAEB_TARGET_GROUP')!.numerator).toBe(369);
  });

  it('says when the plain-order candidate gets another vacancy of the same round', async () => {
    const households = [aHousehold(1, { registrationDate: '2015-01-01' }), vulnerable(2, { registrationDate: '2016-01-01' }), aHousehold(3, { registrationDate: '2017-01-01' })];
    const { plan } = await planAllocation(
      anInput({
        households,
        complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 4, NOT_VULNERABLE: 6 } }), aComplex(2, 5, 10)],
        vacancies: [aVacancy(1, 1, households.map((h) => aPair(h.id))), aVacancy(2, 2, households.map((h) => aPair(h.id)))],
      }),
      solver,
    );
    // complex 1 is over its vulnerable cap: household 1 goes there, household 2 to complex 2
    const [p1, p2] = plan.proposals;
    expect([p1.chosen!.householdId, p2.chosen!.householdId]).toEqual([1, 2]);
    expect(p2.plainOrderPassedOver!.reasons).toMatchObject([{ kind: 'ALLOCATED_ELSEWHERE', ref: 'VAC-1' }]);
    expect(p2.plainOrderPassedOver!.summary).toBe('H-000001 is allocated VAC-1 in the same plan (rank 1 there), so VAC-2 goes to the next candidate in line for it.');
    expect(p2.alternatives.find((a) => a.householdId === 1)!.allocatedElsewhere).toEqual({ vacancyId: 1, vacancyReference: 'VAC-1' });
    expect(plan.complexes.map((c) => [c.complexReference, c.allocations])).toEqual([['CPX-1', 1], ['CPX-2', 1]]);
  });

  it('reports a vacancy without eligible candidates', async () => {
    const { plan } = await planAllocation(anInput({ complexes: [aComplex(1, 3, 5)], vacancies: [aVacancy(1, 1, [])] }), solver);
    expect(plan.status).toBe('OPTIMAL');
    expect(plan.proposals[0]).toMatchObject({ chosen: null, plainOrderCandidate: null, summary: 'Vacancy VAC-1 has no eligible candidates.' });
  });
});
