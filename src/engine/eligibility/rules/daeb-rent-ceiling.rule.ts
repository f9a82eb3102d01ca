import { formatEuros, formatEurosNl } from '../../common/format.js';
import type { Phrasebook } from '../../common/language.js';
import { EligibilityInput } from '../eligibility-input.js';
import { EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'dwelling' | 'params'>;

const rule: RuleMeta = { id: 'DAEB_RENT_CEILING', title: 'social rent ceiling', titleNl: 'huurgrens sociale huur', reference: 'Woningwet art. 47 lid 1' };

const WORDS: Phrasebook<{
  notDaeb: string;
  within: (rent: number, limit: number, year: number) => string;
  above: (rent: number, limit: number, year: number) => string;
}> = {
  en: {
    notDaeb: 'This home is not a social (DAEB) rental home, so the social rent ceiling does not apply.',
    within: (rent, limit, year) => `The net rent of ${formatEuros(rent)} is at or below the ${year} social rent ceiling of ${formatEuros(limit)}.`,
    above: (rent, limit, year) =>
      `The net rent of ${formatEuros(rent)} is above the ${year} social rent ceiling of ${formatEuros(limit)}, so this home cannot be let as a social (DAEB) home.`,
  },
  nl: {
    notDaeb: 'Dit is geen sociale huurwoning (DAEB), dus de huurgrens voor sociale huur geldt niet.',
    within: (rent, limit, year) => `De kale huur van ${formatEurosNl(rent)} is niet hoger dan de liberalisatiegrens van ${formatEurosNl(limit)} in ${year}.`,
    above: (rent, limit, year) =>
      `De kale huur van ${formatEurosNl(rent)} is hoger dan de liberalisatiegrens van ${formatEurosNl(limit)} in ${year}, dus deze woning kan niet als sociale huurwoning (DAEB) worden verhuurd.`,
  },
};

/**
 * A DAEB home is let at a net rent at or below the DAEB rent limit of the year (= huurtoeslag maximum
 * rent, the liberalisatiegrens; docs/domain.md §2.1, §8); above it the home cannot be let as DAEB
 * (Woningwet art. 47 lid 1). Hard failure.
 */
export const daebRentCeilingRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ dwelling, params }, language = 'en') {
    const say = WORDS[language];
    if (!dwelling.isDaeb) return notApplicable(rule, say.notDaeb);
    const rent = compare('netRentCents', dwelling.netRentCents, '<=', params.daebRentLimitCents);
    return rent.holds
      ? passed(rule, say.within(dwelling.netRentCents, params.daebRentLimitCents, params.year), [rent])
      : failed(rule, say.above(dwelling.netRentCents, params.daebRentLimitCents, params.year), [rent]);
  },
};
