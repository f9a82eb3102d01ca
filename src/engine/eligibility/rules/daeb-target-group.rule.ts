import { formatBasisPoints, formatBasisPointsNl, formatEuros, formatEurosNl } from '../../common/format.js';
import type { Phrasebook } from '../../common/language.js';
import { daebIncomeLimitCents, householdSize } from '../../common/household-profile.js';
import { EligibilityInput } from '../eligibility-input.js';
import { freeAllocationRoomBasisPoints } from '../local-policy.js';
import { EligibilityRule, RuleMeta, compare, notApplicable, passed, quotaException } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'params' | 'policy'>;

/**
 * DAEB target group: income at or below the DAEB limit of the year for the household size (inclusive).
 * Above it the home may still be let from the vrije toewijzingsruimte (Woningwet art. 48; BTIV 2015 art. 16;
 * docs/domain.md §3.1, §4).
 */
const rule: RuleMeta = {
  id: 'DAEB_TARGET_GROUP',
  title: 'DAEB income limit',
  titleNl: 'DAEB-inkomensgrens',
  reference: 'Woningwet art. 48; BTIV 2015 art. 16',
};

const WORDS: Phrasebook<{
  notDaeb: string;
  within: (income: number, limit: number, year: number, single: boolean) => string;
  above: (income: number, limit: number, year: number, single: boolean, freeRoomBasisPoints: number) => string;
}> = {
  en: {
    notDaeb: 'This home is not a social (DAEB) rental home, so the DAEB income limit does not apply.',
    within: (income, limit, year, single) =>
      `Your household income of ${formatEuros(income)} is at or below the ${year} DAEB income limit of ${formatEuros(limit)} for ${single ? 'a 1-person household' : 'households of 2 or more persons'}.`,
    above: (income, limit, year, single, room) =>
      `Your household income of ${formatEuros(income)} is above the ${year} DAEB income limit of ${formatEuros(limit)} for ${single ? 'a 1-person household' : 'households of 2 or more persons'}. ` +
      `The home can still be let to you, but only from the association's free allocation room (at most ${formatBasisPoints(room)} of its social homes each year).`,
  },
  nl: {
    notDaeb: 'Dit is geen sociale huurwoning (DAEB), dus de DAEB-inkomensgrens geldt niet.',
    within: (income, limit, year, single) =>
      `Uw huishoudinkomen van ${formatEurosNl(income)} is niet hoger dan de DAEB-inkomensgrens van ${formatEurosNl(limit)} in ${year} voor ${single ? 'een eenpersoonshuishouden' : 'huishoudens van 2 of meer personen'}.`,
    above: (income, limit, year, single, room) =>
      `Uw huishoudinkomen van ${formatEurosNl(income)} is hoger dan de DAEB-inkomensgrens van ${formatEurosNl(limit)} in ${year} voor ${single ? 'een eenpersoonshuishouden' : 'huishoudens van 2 of meer personen'}. ` +
      `De woning kan toch aan u worden verhuurd, maar alleen uit de vrije toewijzingsruimte van de corporatie (ten hoogste ${formatBasisPointsNl(room)} van haar sociale huurwoningen per jaar).`,
  },
};

export const daebTargetGroupRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, params, policy }, language = 'en') {
    const say = WORDS[language];
    if (!dwelling.isDaeb) return notApplicable(rule, say.notDaeb);
    const size = householdSize(household.members);
    const limit = daebIncomeLimitCents(size, params);
    const income = compare('taxableIncomeCents', household.taxableIncomeCents, '<=', limit);
    if (income.holds) {
      return passed(rule, say.within(household.taxableIncomeCents, limit, params.year, size <= 1), [income], { countsAs: ['daebInTargetGroup'] });
    }
    return quotaException(
      rule,
      'DAEB_FREE_ROOM',
      say.above(household.taxableIncomeCents, limit, params.year, size <= 1, freeAllocationRoomBasisPoints(policy)),
      [income],
      { countsAs: ['daebAboveLimit'] },
    );
  },
};
