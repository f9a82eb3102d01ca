import type { Phrasebook } from '../../common/language.js';
import { EligibilityInput } from '../eligibility-input.js';
import { regionOf } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'municipalityCode' | 'policy' | 'context'>;

const rule: RuleMeta = { id: 'LOCAL_TIES', title: 'local ties', titleNl: 'lokale binding', reference: 'Huisvestingswet 2014 art. 14' };

type Why = { kind: 'NO_TIES' } | { kind: 'ELSEWHERE'; region: boolean } | { kind: 'TOO_SHORT'; region: boolean; years: number; minYears: number };

const WORDS: Phrasebook<{
  notAdvertised: string;
  priority: (region: boolean, years: number, minYears: number) => string;
  why: (why: Why) => string;
  exclusive: (why: string) => string;
  after: (why: string) => string;
}> = {
  en: {
    notAdvertised: 'This home is not advertised with priority for local ties.',
    priority: (region, years, minYears) =>
      `Your household has lived in ${region ? 'the region' : 'this municipality'} for ${years} years (at least ${minYears} needed), so it has priority for local ties.`,
    why: (why) =>
      why.kind === 'NO_TIES'
        ? 'Your household has no recorded ties'
        : why.kind === 'ELSEWHERE'
          ? `Your household's ties are to another ${why.region ? 'region' : 'municipality'}`
          : `Your household has lived in ${why.region ? 'the region' : 'this municipality'} for ${why.years} years, fewer than the ${why.minYears} needed`,
    exclusive: (why) => `This home is only for households with local ties. ${why}.`,
    after: (why) => `This home is advertised with priority for local ties. ${why}, so households with local ties go first.`,
  },
  nl: {
    notAdvertised: 'Deze woning wordt niet met voorrang voor lokale binding aangeboden.',
    priority: (region, years, minYears) =>
      `Uw huishouden woont ${years} jaar in ${region ? 'de regio' : 'deze gemeente'} (ten minste ${minYears} jaar nodig), dus het heeft voorrang vanwege lokale binding.`,
    why: (why) =>
      why.kind === 'NO_TIES'
        ? 'Van uw huishouden is geen lokale binding bekend'
        : why.kind === 'ELSEWHERE'
          ? `Uw huishouden heeft binding met een ${why.region ? 'andere regio' : 'andere gemeente'}`
          : `Uw huishouden woont ${why.years} jaar in ${why.region ? 'de regio' : 'deze gemeente'}, minder dan de ${why.minYears} jaar die nodig zijn`,
    exclusive: (why) => `Deze woning is alleen voor huishoudens met lokale binding. ${why}.`,
    after: (why) => `Deze woning wordt met voorrang voor lokale binding aangeboden. ${why}, dus huishoudens met lokale binding gaan voor.`,
  },
};

/**
 * Vacancies advertised with local-ties priority (Hvw art. 14, at most 50% of homes): households with
 * ties of at least the policy's years to the municipality (or region) go first (tier 0). Without ties
 * they rank after (tier 1), or are refused when the policy makes the priority exclusive.
 */
export const localTiesRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, municipalityCode, policy, context }, language = 'en') {
    const say = WORDS[language];
    if (!context.localTiesPriority) return notApplicable(rule, say.notAdvertised);
    const { minYears, scope, mode } = policy.localTies;
    const region = scope === 'REGION';
    const area = region ? regionOf(policy, municipalityCode) : [municipalityCode];
    const ties = household.localTies;
    const where = memberOf('localTiesMunicipalityCode', ties?.municipalityCode ?? '', area);
    const years = compare('localTiesYears', ties !== null && where.holds ? ties.years : 0, '>=', minYears);
    const values = ties === null ? [years] : [where, years];
    if (where.holds && years.holds) {
      return passed(rule, say.priority(region, years.value as number, minYears), values, { priorityTier: 0, countsAs: ['localTiesPriority'] });
    }
    const why = say.why(
      ties === null ? { kind: 'NO_TIES' } : !where.holds ? { kind: 'ELSEWHERE', region } : { kind: 'TOO_SHORT', region, years: ties.years, minYears },
    );
    return mode === 'EXCLUSIVE' ? failed(rule, say.exclusive(why), values) : passed(rule, say.after(why), values, { priorityTier: 1 });
  },
};
