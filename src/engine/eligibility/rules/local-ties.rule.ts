import { EligibilityInput } from '../eligibility-input.js';
import { regionOf } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'municipalityCode' | 'policy' | 'context'>;

const rule: RuleMeta = { id: 'LOCAL_TIES', title: 'local ties', reference: 'Huisvestingswet 2014 art. 14' };

/**
 * Vacancies advertised with local-ties priority (Hvw art. 14, at most 50% of homes): households with
 * ties of at least the policy's years to the municipality (or region) go first (tier 0). Without ties
 * they rank after (tier 1), or are refused when the policy makes the priority exclusive.
 */
export const localTiesRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, municipalityCode, policy, context }) {
    if (!context.localTiesPriority) {
      return notApplicable(rule, 'This home is not advertised with priority for local ties.');
    }
    const { minYears, scope, mode } = policy.localTies;
    const area = scope === 'REGION' ? regionOf(policy, municipalityCode) : [municipalityCode];
    const areaText = scope === 'REGION' ? 'the region' : 'this municipality';
    const ties = household.localTies;
    const where = memberOf('localTiesMunicipalityCode', ties?.municipalityCode ?? '', area);
    const years = compare('localTiesYears', ties !== null && where.holds ? ties.years : 0, '>=', minYears);
    const values = ties === null ? [years] : [where, years];
    if (where.holds && years.holds) {
      return passed(
        rule,
        `Your household has lived in ${areaText} for ${years.value} years (at least ${minYears} needed), so it has priority for local ties.`,
        values,
        { priorityTier: 0, countsAs: ['localTiesPriority'] },
      );
    }
    const why =
      ties === null
        ? 'Your household has no recorded ties'
        : !where.holds
          ? `Your household's ties are to another ${scope === 'REGION' ? 'region' : 'municipality'}`
          : `Your household has lived in ${areaText} for ${ties.years} years, fewer than the ${minYears} needed`;
    return mode === 'EXCLUSIVE'
      ? failed(rule, `This home is only for households with local ties. ${why}.`, values)
      : passed(rule, `This home is advertised with priority for local ties. ${why}, so households with local ties go first.`, values, {
          priorityTier: 1,
        });
  },
};
