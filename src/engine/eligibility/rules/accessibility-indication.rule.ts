import { Accessibility } from '../../model.js';
import { EligibilityInput } from '../eligibility-input.js';
import { EligibilityRule, RuleMeta, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'policy' | 'context'>;

const rule: RuleMeta = {
  id: 'ACCESSIBILITY_INDICATION',
  title: 'accessibility and indication',
  reference: 'Local policy: priority for households with a Wmo/medical indication',
};

function homeKind(level: Accessibility): string {
  return level === 'WHEELCHAIR' ? 'a wheelchair home' : level === 'ZERO_STEP' ? 'a zero-step home' : 'not an adapted home';
}

/**
 * Adapted homes go first to households whose indication matches the home (local policy;
 * docs/domain.md §3.2). Where the policy requires an indication, others are refused unless the fallback
 * is active. Priority tier: 0 = matching indication, 1 = regular household on a priority home. An
 * indication never blocks a regular home: it only gives priority.
 */
export const accessibilityIndicationRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, policy, context }) {
    const level = dwelling.accessibility;
    const held = household.indication?.accessibility ?? null;
    const v = { name: 'indicationAccessibility', value: held, limit: level, comparison: '=' as const, holds: held === level };
    if (level === 'NONE') {
      return held === null
        ? notApplicable(rule, 'This is not an adapted home and your household has no indication.')
        : passed(
            rule,
            `Your household has an indication for ${homeKind(held)}. This home is not adapted, ` +
              'so your indication gives no priority here, but you may rent it.',
            [v],
          );
    }
    const hasPriority = policy.accessibility.priorityFor.includes(level);
    if (v.holds) {
      return passed(
        rule,
        `This is ${homeKind(level)} and your household has a matching indication${hasPriority ? ', so your household goes first' : ''}.`,
        [v],
        { priorityTier: hasPriority ? 0 : null },
      );
    }
    const without = held === null ? 'your household has no indication' : `your household's indication is for ${homeKind(held)}`;
    if (policy.accessibility.indicationRequiredFor.includes(level)) {
      if (context.labelFallbackActive && policy.accessibility.releaseToRegularOnFallback) {
        return passed(
          rule,
          `This is ${homeKind(level)} and ${without}. No household with a matching indication applied, so the home is open to other households.`,
          [v],
          { priorityTier: 1 },
        );
      }
      return failed(rule, `This is ${homeKind(level)}, which only a household with a matching indication may rent, and ${without}.`, [v]);
    }
    return passed(
      rule,
      `This is ${homeKind(level)} and ${without}. You may rent it${hasPriority ? ', but households with a matching indication go first' : ''}.`,
      [v],
      { priorityTier: hasPriority ? 1 : null },
    );
  },
};
