import { LocalTiesFacts } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aHousehold, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { localTiesRule as sut } from './local-ties.rule.js';

const HERE = 'GM0200';

function evaluate(localTies: LocalTiesFacts | null, { priority = true, policy = DEFAULT_LOCAL_POLICY }: { priority?: boolean; policy?: LocalPolicy } = {}) {
  return sut.evaluate(
    anInput({ household: aHousehold({ localTies }), municipalityCode: HERE, policy, context: { labelFallbackActive: false, localTiesPriority: priority } }),
  );
}

const REGION: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, municipalityCodes: [HERE, 'GM0202'], localTies: { ...DEFAULT_LOCAL_POLICY.localTies, scope: 'REGION' } };
const EXCLUSIVE: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, localTies: { ...DEFAULT_LOCAL_POLICY.localTies, mode: 'EXCLUSIVE' } };

describe('LOCAL_TIES', () => {
  // Default: 6 years in the municipality; PRIORITY mode (no ties -> tier 1, not refused).
  it.each([
    ['6 years here', { municipalityCode: HERE, years: 6 }, DEFAULT_LOCAL_POLICY, 'PASSED', 0],
    ['5 years here', { municipalityCode: HERE, years: 5 }, DEFAULT_LOCAL_POLICY, 'PASSED', 1],
    ['10 years elsewhere', { municipalityCode: 'GM0202', years: 10 }, DEFAULT_LOCAL_POLICY, 'PASSED', 1],
    ['no ties', null, DEFAULT_LOCAL_POLICY, 'PASSED', 1],
    ['region: 6 years in a neighbouring municipality', { municipalityCode: 'GM0202', years: 6 }, REGION, 'PASSED', 0],
    ['region: 6 years outside the region', { municipalityCode: 'GM0344', years: 6 }, REGION, 'PASSED', 1],
    ['exclusive: 6 years here', { municipalityCode: HERE, years: 6 }, EXCLUSIVE, 'PASSED', 0],
    ['exclusive: 5 years here', { municipalityCode: HERE, years: 5 }, EXCLUSIVE, 'FAILED', null],
    ['exclusive: no ties', null, EXCLUSIVE, 'FAILED', null],
  ] as const)('%s -> %s, tier %s', (_label, ties, policy, expected, tier) => {
    const outcome = evaluate(ties, { policy });
    expect(outcome.result).toBe(expected);
    expect(outcome.priorityTier).toBe(tier);
    expect(outcome.countsAs).toEqual(tier === 0 ? ['localTiesPriority'] : []);
  });

  it('the minimum years are policy data', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, localTies: { ...DEFAULT_LOCAL_POLICY.localTies, minYears: 3 } };
    expect(evaluate({ municipalityCode: HERE, years: 3 }, { policy }).priorityTier).toBe(0);
  });

  it('does not apply without local-ties priority on the vacancy', () => {
    expect(evaluate({ municipalityCode: HERE, years: 30 }, { priority: false })).toMatchObject({ result: 'NOT_APPLICABLE', countsAs: [] });
  });

  it('explains missing priority', () => {
    expect(evaluate({ municipalityCode: HERE, years: 5 }).explanation).toBe(
      'This home is advertised with priority for local ties. Your household has lived in this municipality for 5 years, ' +
        'fewer than the 6 needed, so households with local ties go first.',
    );
  });
});
