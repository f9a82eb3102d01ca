import { IncomeSource, LocalTiesFacts } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aDwelling, aHousehold, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { rotterdamwetArt8Rule as sut } from './rotterdamwet-art8.rule.js';

const HERE = 'GM0479';
const DESIGNATED = 700;
const POLICY: LocalPolicy = {
  ...DEFAULT_LOCAL_POLICY,
  municipalityCodes: [HERE, 'GM0453'],
  rotterdamwet: { ...DEFAULT_LOCAL_POLICY.rotterdamwet, apply: true, designatedComplexIds: [DESIGNATED] },
};

function evaluate(incomeSource: IncomeSource, localTies: LocalTiesFacts | null, { complexId = DESIGNATED, policy = POLICY } = {}) {
  return sut.evaluate(anInput({ household: aHousehold({ incomeSource, localTies }), dwelling: aDwelling({ complexId }), municipalityCode: HERE, policy }));
}

describe('ROTTERDAMWET_ART8', () => {
  it.each([
    ['BENEFIT', { municipalityCode: HERE, years: 5 }, 'FAILED'],
    ['BENEFIT', { municipalityCode: HERE, years: 6 }, 'PASSED'], // 6 years or more: art. 8 may not be applied
    ['BENEFIT', { municipalityCode: 'GM0453', years: 6 }, 'PASSED'], // years anywhere in the region count
    ['BENEFIT', { municipalityCode: 'GM0363', years: 20 }, 'FAILED'], // outside the region
    ['BENEFIT', null, 'FAILED'],
    ['WORK', null, 'PASSED'],
    ['PENSION', { municipalityCode: HERE, years: 1 }, 'PASSED'],
    ['STUDENT', null, 'PASSED'],
  ] as const)('designated complex, income from %s, ties %o -> %s', (source, ties, expected) => {
    const outcome = evaluate(source, ties);
    expect(outcome.result).toBe(expected);
    expect(outcome.denial).toEqual(expected === 'FAILED' ? { kind: 'HARD_INELIGIBILITY' } : null);
  });

  it.each([
    ['a complex that is not designated', { complexId: 701, policy: POLICY }],
    ['a policy that does not apply art. 8', { complexId: DESIGNATED, policy: { ...POLICY, rotterdamwet: { ...POLICY.rotterdamwet, apply: false } } }],
  ])('%s -> NOT_APPLICABLE', (_label, options) => {
    expect(evaluate('BENEFIT', null, options).result).toBe('NOT_APPLICABLE');
  });

  it('the years are policy data', () => {
    const policy: LocalPolicy = { ...POLICY, rotterdamwet: { ...POLICY.rotterdamwet, minYearsInRegion: 4 } };
    expect(evaluate('BENEFIT', { municipalityCode: HERE, years: 4 }, { policy }).result).toBe('PASSED');
    expect(evaluate('BENEFIT', { municipalityCode: HERE, years: 3 }, { policy }).result).toBe('FAILED');
  });

  it('records the compared values', () => {
    expect(evaluate('BENEFIT', { municipalityCode: HERE, years: 5 }).values).toEqual([
      { name: 'incomeSource', value: 'BENEFIT', limit: ['BENEFIT'], comparison: 'in', holds: true },
      { name: 'yearsInRegion', value: 5, limit: 6, comparison: '>=', holds: false },
    ]);
  });
});
