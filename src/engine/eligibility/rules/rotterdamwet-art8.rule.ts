import type { Phrasebook } from '../../common/language.js';
import { EligibilityInput } from '../eligibility-input.js';
import { regionOf } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, failed, memberOf, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'municipalityCode' | 'policy'>;

const rule: RuleMeta = {
  id: 'ROTTERDAMWET_ART8',
  title: 'Rotterdamwet designated complex',
  titleNl: 'Rotterdamwet, aangewezen complex',
  reference: 'Wet bijzondere maatregelen grootstedelijke problematiek art. 8',
};

const WORDS: Phrasebook<{
  notDesignated: string;
  otherSource: string;
  longEnough: (years: number, minYears: number) => string;
  refused: (years: number, minYears: number) => string;
}> = {
  en: {
    notDesignated: 'This home is not in a complex designated under the Rotterdamwet.',
    otherSource: 'This home is in a designated complex; the income rule there does not apply to your source of income.',
    longEnough: (years, minYears) =>
      `This home is in a designated complex. Your household has lived in the region for ${years} years (at least ${minYears}), so the income rule there does not apply.`,
    refused: (years, minYears) =>
      `This home is in a designated complex where households living on a benefit who have lived in the region ` +
      `for fewer than ${minYears} years cannot be housed. Your household has lived in the region for ${years} years.`,
  },
  nl: {
    notDesignated: 'Deze woning ligt niet in een complex dat onder de Rotterdamwet is aangewezen.',
    otherSource: 'Deze woning ligt in een aangewezen complex; de inkomenseis daar geldt niet voor uw bron van inkomen.',
    longEnough: (years, minYears) =>
      `Deze woning ligt in een aangewezen complex. Uw huishouden woont ${years} jaar in de regio (ten minste ${minYears} jaar), dus de inkomenseis daar geldt niet.`,
    refused: (years, minYears) =>
      `Deze woning ligt in een aangewezen complex waar huishoudens met een uitkering die korter dan ${minYears} jaar ` +
      `in de regio wonen niet kunnen worden gehuisvest. Uw huishouden woont ${years} jaar in de regio.`,
  },
};

/**
 * Rotterdamwet art. 8 (Wet bijzondere maatregelen grootstedelijke problematiek; docs/domain.md §3.4): in a
 * designated complex, a household with a welfare-level income (income source in the policy's list) that
 * has lived in the region fewer than the policy's years (6 in the law) is refused. Years count only for
 * ties to a municipality of the region.
 */
export const rotterdamwetArt8Rule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, municipalityCode, policy }, language = 'en') {
    const say = WORDS[language];
    const rw = policy.rotterdamwet;
    if (!rw.apply || !rw.designatedComplexIds.includes(dwelling.complexId)) return notApplicable(rule, say.notDesignated);
    const source = memberOf('incomeSource', household.incomeSource, rw.refusedIncomeSources);
    const ties = household.localTies;
    const inRegion = ties !== null && regionOf(policy, municipalityCode).includes(ties.municipalityCode);
    const years = compare('yearsInRegion', inRegion ? ties.years : 0, '>=', rw.minYearsInRegion);
    const values = [source, years];
    if (!source.holds) return passed(rule, say.otherSource, values);
    if (years.holds) return passed(rule, say.longEnough(years.value as number, rw.minYearsInRegion), values);
    return failed(rule, say.refused(years.value as number, rw.minYearsInRegion), values);
  },
};
