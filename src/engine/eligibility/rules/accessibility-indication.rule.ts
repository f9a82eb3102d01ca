import type { Phrasebook } from '../../common/language.js';
import { Accessibility } from '../../model.js';
import { EligibilityInput } from '../eligibility-input.js';
import { EligibilityRule, RuleMeta, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'policy' | 'context'>;

const rule: RuleMeta = {
  id: 'ACCESSIBILITY_INDICATION',
  title: 'accessibility and indication',
  titleNl: 'toegankelijkheid en indicatie',
  reference: 'Local policy: priority for households with a Wmo/medical indication',
};

const WORDS: Phrasebook<{
  homeKind: (level: Accessibility) => string;
  notAdaptedNoIndication: string;
  notAdapted: (heldKind: string) => string;
  matching: (kind: string, goesFirst: boolean) => string;
  without: (heldKind: string | null) => string;
  released: (kind: string, without: string) => string;
  required: (kind: string, without: string) => string;
  mayRent: (kind: string, without: string, othersFirst: boolean) => string;
}> = {
  en: {
    homeKind: (level) => (level === 'WHEELCHAIR' ? 'a wheelchair home' : level === 'ZERO_STEP' ? 'a zero-step home' : 'not an adapted home'),
    notAdaptedNoIndication: 'This is not an adapted home and your household has no indication.',
    notAdapted: (held) =>
      `Your household has an indication for ${held}. This home is not adapted, so your indication gives no priority here, but you may rent it.`,
    matching: (kind, first) => `This is ${kind} and your household has a matching indication${first ? ', so your household goes first' : ''}.`,
    without: (held) => (held === null ? 'your household has no indication' : `your household's indication is for ${held}`),
    released: (kind, without) => `This is ${kind} and ${without}. No household with a matching indication applied, so the home is open to other households.`,
    required: (kind, without) => `This is ${kind}, which only a household with a matching indication may rent, and ${without}.`,
    mayRent: (kind, without, othersFirst) =>
      `This is ${kind} and ${without}. You may rent it${othersFirst ? ', but households with a matching indication go first' : ''}.`,
  },
  nl: {
    homeKind: (level) => (level === 'WHEELCHAIR' ? 'een rolstoelwoning' : level === 'ZERO_STEP' ? 'een nultredenwoning' : 'geen aangepaste woning'),
    notAdaptedNoIndication: 'Dit is geen aangepaste woning en uw huishouden heeft geen indicatie.',
    notAdapted: (held) =>
      `Uw huishouden heeft een indicatie voor ${held}. Deze woning is niet aangepast, dus uw indicatie geeft hier geen voorrang, maar u mag de woning huren.`,
    matching: (kind, first) => `Dit is ${kind} en uw huishouden heeft een passende indicatie${first ? ', dus uw huishouden gaat voor' : ''}.`,
    without: (held) => (held === null ? 'uw huishouden heeft geen indicatie' : `de indicatie van uw huishouden is voor ${held}`),
    released: (kind, without) =>
      `Dit is ${kind} en ${without}. Er reageerde geen huishouden met een passende indicatie, dus de woning staat open voor andere huishoudens.`,
    required: (kind, without) => `Dit is ${kind}, die alleen een huishouden met een passende indicatie mag huren, en ${without}.`,
    mayRent: (kind, without, othersFirst) =>
      `Dit is ${kind} en ${without}. U mag de woning huren${othersFirst ? ', maar huishoudens met een passende indicatie gaan voor' : ''}.`,
  },
};

/**
 * Adapted homes go first to households whose indication matches the home (local policy;
 * docs/domain.md §3.2). Where the policy requires an indication, others are refused unless the fallback
 * is active. Priority tier: 0 = matching indication, 1 = regular household on a priority home. An
 * indication never blocks a regular home: it only gives priority.
 */
export const accessibilityIndicationRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, policy, context }, language = 'en') {
    const say = WORDS[language];
    const level = dwelling.accessibility;
    const held = household.indication?.accessibility ?? null;
    const v = { name: 'indicationAccessibility', value: held, limit: level, comparison: '=' as const, holds: held === level };
    if (level === 'NONE') {
      return held === null ? notApplicable(rule, say.notAdaptedNoIndication) : passed(rule, say.notAdapted(say.homeKind(held)), [v]);
    }
    const hasPriority = policy.accessibility.priorityFor.includes(level);
    const kind = say.homeKind(level);
    if (v.holds) return passed(rule, say.matching(kind, hasPriority), [v], { priorityTier: hasPriority ? 0 : null });
    const without = say.without(held === null ? null : say.homeKind(held));
    if (policy.accessibility.indicationRequiredFor.includes(level)) {
      if (context.labelFallbackActive && policy.accessibility.releaseToRegularOnFallback) {
        return passed(rule, say.released(kind, without), [v], { priorityTier: 1 });
      }
      return failed(rule, say.required(kind, without), [v]);
    }
    return passed(rule, say.mayRent(kind, without, hasPriority), [v], { priorityTier: hasPriority ? 1 : null });
  },
};
