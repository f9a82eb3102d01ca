import fc from 'fast-check';
import { prepareAllocation } from './prepare-allocation.js';
import { solveSingleVacancy as sut } from './single-vacancy.js';
import { bruteForceOptimum } from './test-fixtures/brute-force.js';
import {
  aComplex,
  aHousehold,
  aPair,
  aPolicy,
  aVacancy,
  anAssociationScope,
  anInput,
  smallInstanceArb,
  vulnerable,
} from './test-fixtures/allocation-input.builder.js';

describe('solveSingleVacancy', () => {
  it('agrees with brute force on random single vacancies (property)', () => {
    fc.assert(
      fc.property(smallInstanceArb({ maxVacancies: 1, maxHouseholds: 7 }), (input) => {
        const prepared = prepareAllocation(input);
        const best = bruteForceOptimum(prepared);
        const got = sut(prepared);
        if (best === null) {
          expect(got.status).toBe('INFEASIBLE');
          return;
        }
        expect(got.status).toBe('OPTIMAL');
        expect(got.evaluation.infeasibilities).toEqual([]);
        expect(got.evaluation.objective).toBeCloseTo(best.evaluation.objective, 6);
      }),
      { numRuns: 300 },
    );
  });

  const complex = aComplex(1, 1, 40, { VULNERABILITY: { VULNERABLE: 16, NOT_VULNERABLE: 24 } });
  const households = [
    vulnerable(1, { registrationDate: '2015-01-01' }),
    vulnerable(2, { registrationDate: '2016-01-01' }),
    aHousehold(3, { registrationDate: '2017-01-01' }),
  ];
  const input = (policy = aPolicy(), quotaScopes = [] as ReturnType<typeof anAssociationScope>[], countsAs = [aPair(1), aPair(2), aPair(3)]) =>
    prepareAllocation(anInput({ policy, households, complexes: [complex], vacancies: [aVacancy(1, 1, countsAs)], quotaScopes }));

  it.each([
    // one household more over the 30% cap costs 100 points; passing over 2 places costs 20
    ['the next non-vulnerable household within the bound', aPolicy(), 3],
    // passing over 2 places now costs 200 points: more than the cap's 100
    ['the plain order when passing over costs more than the cap', aPolicy({ rankStepPoints: 100 }), 1],
    // no displacement allowed
    ['the plain order when no displacement is allowed', aPolicy({ displacement: { maxPositions: 0, maxRegistrationDays: null, protectUrgent: true } }), 1],
  ])('chooses %s', (_case, policy, expectedId) => {
    const prepared = input(policy);
    const got = sut(prepared);
    expect(got.status).toBe('OPTIMAL');
    expect(prepared.households[prepared.pairs[got.assignment[0]].householdIndex].id).toBe(expectedId);
  });

  it('reports INFEASIBLE when every plan breaks a hard quota', () => {
    const hard = aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } });
    // 90 of 100 DAEB homes to the target group so far (norm 92.5%); every candidate is above the limit
    const prepared = input(
      hard,
      [anAssociationScope({ allocations: 100, daebInTargetGroup: 90, daebAboveLimit: 10 })],
      [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(3, { countsAs: ['daebAboveLimit'] })],
    );
    expect(sut(prepared).status).toBe('INFEASIBLE');
  });
});
