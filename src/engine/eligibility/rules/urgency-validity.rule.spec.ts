import { AllocationRoute, UrgencyFacts } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aHousehold, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { urgencyValidityRule as sut } from './urgency-validity.rule.js';

const DATE = '2026-03-01';

function evaluate(urgency: UrgencyFacts | null, route: AllocationRoute = 'URGENCY', policy: LocalPolicy = DEFAULT_LOCAL_POLICY) {
  return sut.evaluate(anInput({ household: aHousehold({ urgency }), route, allocationDate: DATE, policy }));
}

describe('URGENCY_VALIDITY', () => {
  it.each([
    ['mandatory: shelter (Hvw art. 12 lid 3)', { category: 'SHELTER_DOMESTIC_VIOLENCE', granted: '2025-12-01', expires: null }, 'PASSED'],
    ['mandatory: mantelzorg (Hvw art. 12 lid 3)', { category: 'INFORMAL_CARE', granted: '2025-12-01', expires: '2026-12-01' }, 'PASSED'],
    ['local category', { category: 'MEDICAL', granted: '2025-12-01', expires: null }, 'PASSED'],
    ['unknown category', { category: 'HOMELESS_FAMILY', granted: '2025-12-01', expires: null }, 'FAILED'],
    ['granted on the allocation date', { category: 'MEDICAL', granted: DATE, expires: null }, 'PASSED'],
    ['granted the day after', { category: 'MEDICAL', granted: '2026-03-02', expires: null }, 'FAILED'],
    ['expires on the allocation date (inclusive)', { category: 'MEDICAL', granted: '2025-01-01', expires: DATE }, 'PASSED'],
    ['expired the day before', { category: 'MEDICAL', granted: '2025-01-01', expires: '2026-02-28' }, 'FAILED'],
    ['expires the day after', { category: 'MEDICAL', granted: '2025-01-01', expires: '2026-03-02' }, 'PASSED'],
    ['no urgency', null, 'FAILED'],
  ] as const)('URGENCY route, %s -> %s', (_label, urgency, expected) => {
    const outcome = evaluate(urgency);
    expect(outcome.result).toBe(expected);
    expect(outcome.denial).toEqual(expected === 'FAILED' ? { kind: 'HARD_INELIGIBILITY' } : null);
  });

  it.each(['REGULAR', 'DIRECT', 'LOTTERY'] as const)('%s route -> NOT_APPLICABLE, with or without urgency', (route) => {
    expect(evaluate(null, route).result).toBe('NOT_APPLICABLE');
    expect(evaluate({ category: 'MEDICAL', granted: '2025-01-01', expires: null }, route).result).toBe('NOT_APPLICABLE');
  });

  it('a municipality without local categories still accepts the mandatory ones', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, urgency: { ...DEFAULT_LOCAL_POLICY.urgency, localCategories: [] } };
    expect(evaluate({ category: 'INFORMAL_CARE', granted: '2025-01-01', expires: null }, 'URGENCY', policy).result).toBe('PASSED');
    expect(evaluate({ category: 'MEDICAL', granted: '2025-01-01', expires: null }, 'URGENCY', policy).result).toBe('FAILED');
  });

  it('records the compared dates and explains every problem', () => {
    const outcome = evaluate({ category: 'HOMELESS_FAMILY', granted: '2025-01-01', expires: '2026-01-31' });
    expect(outcome.values).toEqual([
      expect.objectContaining({ name: 'urgencyCategory', value: 'HOMELESS_FAMILY', comparison: 'in', holds: false }),
      { name: 'urgencyGranted', value: '2025-01-01', limit: DATE, comparison: '<=', holds: true },
      { name: 'urgencyExpires', value: '2026-01-31', limit: DATE, comparison: '>=', holds: false },
    ]);
    expect(outcome.explanation).toBe(
      "This home is offered to households with an urgency, but your household's urgency is not valid on 1 March 2026: " +
        'its category HOMELESS_FAMILY is not an urgency category here; it expired after 31 January 2026.',
    );
  });
});
