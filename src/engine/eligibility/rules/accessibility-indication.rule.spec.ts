import { Accessibility, IndicationFacts } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aDwelling, aHousehold, anInput } from '../test-fixtures/eligibility-input.builder.js';
import { accessibilityIndicationRule as sut } from './accessibility-indication.rule.js';

const WHEELCHAIR: IndicationFacts = { kind: 'WMO', accessibility: 'WHEELCHAIR' };
const ZERO_STEP: IndicationFacts = { kind: 'MEDICAL', accessibility: 'ZERO_STEP' };

function evaluate(accessibility: Accessibility, indication: IndicationFacts | null, fallback = false, policy: LocalPolicy = DEFAULT_LOCAL_POLICY) {
  return sut.evaluate(
    anInput({
      household: aHousehold({ indication }),
      dwelling: aDwelling({ accessibility }),
      policy,
      context: { labelFallbackActive: fallback, localTiesPriority: false },
    }),
  );
}

describe('ACCESSIBILITY_INDICATION', () => {
  // Default policy: priority on WHEELCHAIR and ZERO_STEP homes; WHEELCHAIR homes need an indication unless the fallback is active.
  it.each([
    ['WHEELCHAIR', WHEELCHAIR, false, 'PASSED', 0],
    ['WHEELCHAIR', ZERO_STEP, false, 'FAILED', null],
    ['WHEELCHAIR', null, false, 'FAILED', null],
    ['WHEELCHAIR', null, true, 'PASSED', 1],
    ['ZERO_STEP', ZERO_STEP, false, 'PASSED', 0],
    ['ZERO_STEP', WHEELCHAIR, false, 'PASSED', 1],
    ['ZERO_STEP', null, false, 'PASSED', 1],
    ['NONE', WHEELCHAIR, false, 'PASSED', null], // an indication only gives priority, it never blocks
    ['NONE', null, false, 'NOT_APPLICABLE', null],
  ] as const)('%s home, indication %o, fallback %s -> %s, tier %s', (accessibility, indication, fallback, expected, tier) => {
    const outcome = evaluate(accessibility, indication, fallback);
    expect(outcome.result).toBe(expected);
    expect(outcome.priorityTier).toBe(tier);
  });

  it('keeps the wheelchair home closed when the policy does not release it on fallback', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, accessibility: { ...DEFAULT_LOCAL_POLICY.accessibility, releaseToRegularOnFallback: false } };
    expect(evaluate('WHEELCHAIR', null, true, policy).result).toBe('FAILED');
  });

  it('a home without priority in the policy gives no tier', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, accessibility: { priorityFor: [], indicationRequiredFor: [], releaseToRegularOnFallback: true } };
    expect(evaluate('ZERO_STEP', null, false, policy)).toMatchObject({ result: 'PASSED', priorityTier: null });
  });

  it('explains priority and refusal', () => {
    expect(evaluate('WHEELCHAIR', WHEELCHAIR).explanation).toBe(
      'This is a wheelchair home and your household has a matching indication, so your household goes first.',
    );
    expect(evaluate('WHEELCHAIR', null).explanation).toBe(
      'This is a wheelchair home, which only a household with a matching indication may rent, and your household has no indication.',
    );
    expect(evaluate('NONE', WHEELCHAIR).explanation).toContain('your indication gives no priority here, but you may rent it');
  });
});
