import { formatBasisPoints, formatBasisPointsNl, formatEuros, formatEurosNl } from '../../common/format.js';
import type { Phrasebook } from '../../common/language.js';
import { type PassendIncomeLimit, householdSize, passendIncomeLimit } from '../../common/household-profile.js';
import { EligibilityInput } from '../eligibility-input.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, notApplicable, passed, quotaException } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'params' | 'policy'>;

const rule: RuleMeta = {
  id: 'PASSEND_TOEWIJZEN',
  title: 'passend toewijzen rent cap',
  titleNl: 'huurgrens passend toewijzen',
  reference: 'Woningwet art. 46 lid 2; BTIV 2015 art. 54 and 54a',
};

interface Facts {
  income: number;
  limit: PassendIncomeLimit;
  year: number;
}

const WORDS: Phrasebook<{
  income: (f: Facts, holds: boolean) => string;
  rent: (rent: number, cap: number, holds: boolean, small: boolean) => string;
  capDoesNotApply: (incomeText: string) => string;
  within: (incomeText: string, rentText: string) => string;
  assetExempt: (incomeText: string, rentText: string, assets: number, assetLimit: number) => string;
  noAssetLimit: (year: number) => string;
  exception: (incomeText: string, rentText: string, maxShareBasisPoints: number, noAssetLimit: string) => string;
}> = {
  en: {
    income: ({ income, limit, year }, holds) =>
      `Your household income of ${formatEuros(income)} is ${holds ? 'at or below' : 'above'} the ${year} passend income limit of ` +
      `${formatEuros(limit.limitCents)} (${limit.description})`,
    rent: (rent, cap, holds, small) =>
      `the net rent of ${formatEuros(rent)} is ${holds ? 'at or below' : 'above'} ` +
      `the rent cap of ${formatEuros(cap)} for households of ${small ? '1 or 2 persons' : '3 or more persons'}`,
    capDoesNotApply: (incomeText) => `${incomeText}, so the passend rent cap does not apply to you.`,
    within: (incomeText, rentText) => `${incomeText}, and ${rentText}.`,
    assetExempt: (incomeText, rentText, assets, assetLimit) =>
      `${incomeText}, and ${rentText}. Because your household has reached AOW age and its box-3 assets of ` +
      `${formatEuros(assets)} are above ${formatEuros(assetLimit)}, the rent cap does not apply to you (BTIV art. 54a).`,
    noAssetLimit: (year) => ` The asset exception for AOW households could not be checked: no asset limit is set for ${year}.`,
    exception: (incomeText, rentText, maxShare, noAssetLimit) =>
      `${incomeText}, but ${rentText}. The home can still be let to you, but only as one of the association's ` +
      `passend exceptions (at most ${formatBasisPoints(maxShare)} a year).${noAssetLimit}`,
  },
  nl: {
    income: ({ income, limit, year }, holds) =>
      `Uw huishoudinkomen van ${formatEurosNl(income)} is ${holds ? 'niet hoger dan' : 'hoger dan'} de inkomensgrens voor passend toewijzen ` +
      `van ${formatEurosNl(limit.limitCents)} in ${year} (${limit.single ? 'eenpersoonshuishouden' : 'huishouden van 2 of meer personen'}, ` +
      `${limit.atAowAge ? 'met' : 'zonder'} AOW-leeftijd op 1 januari ${year})`,
    rent: (rent, cap, holds, small) =>
      `de kale huur van ${formatEurosNl(rent)} is ${holds ? 'niet hoger dan' : 'hoger dan'} ` +
      `de aftoppingsgrens van ${formatEurosNl(cap)} voor huishoudens van ${small ? '1 of 2 personen' : '3 of meer personen'}`,
    capDoesNotApply: (incomeText) => `${incomeText}, dus de huurgrens van passend toewijzen geldt niet voor u.`,
    within: (incomeText, rentText) => `${incomeText}, en ${rentText}.`,
    assetExempt: (incomeText, rentText, assets, assetLimit) =>
      `${incomeText}, en ${rentText}. Omdat uw huishouden de AOW-leeftijd heeft bereikt en een vermogen in box 3 heeft van ` +
      `${formatEurosNl(assets)}, meer dan ${formatEurosNl(assetLimit)}, geldt de huurgrens niet voor u (BTIV art. 54a).`,
    noAssetLimit: (year) => ` De vermogensuitzondering voor AOW-huishoudens kon niet worden nagegaan: voor ${year} is geen vermogensgrens vastgesteld.`,
    exception: (incomeText, rentText, maxShare, noAssetLimit) =>
      `${incomeText}, maar ${rentText}. De woning kan toch aan u worden verhuurd, maar alleen als een van de ` +
      `uitzonderingen op passend toewijzen van de corporatie (ten hoogste ${formatBasisPointsNl(maxShare)} per jaar).${noAssetLimit}`,
  },
};

/**
 * Passend toewijzen (Woningwet art. 46 lid 2; BTIV 2015 art. 54; docs/domain.md §3.1): a household at or
 * below the passend income limit (1 vs 2+ persons, AOW age on 1 January) gets a net rent at or below the
 * rent cap (low for 1-2 persons, high for 3+).
 * Above the cap is a passend exception (max 5% a year), except for AOW households with box-3 assets
 * above the elderly asset limit (BTIV art. 54a), which are exempt.
 */
export const passendToewijzenRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, params, policy }, language = 'en') {
    const say = WORDS[language];
    const income = passendIncomeLimit(household.members, params);
    const incomeCheck = compare('taxableIncomeCents', household.taxableIncomeCents, '<=', income.limitCents);
    const incomeText = say.income({ income: household.taxableIncomeCents, limit: income, year: params.year }, incomeCheck.holds);
    if (!incomeCheck.holds) {
      return notApplicable(rule, say.capDoesNotApply(incomeText), [incomeCheck]);
    }

    const size = householdSize(household.members);
    const capCents = size <= 2 ? params.rentCapLowCents : params.rentCapHighCents;
    const rent = compare('netRentCents', dwelling.netRentCents, '<=', capCents);
    const rentText = say.rent(dwelling.netRentCents, capCents, rent.holds, size <= 2);
    if (rent.holds) {
      return passed(rule, say.within(incomeText, rentText), [incomeCheck, rent], { countsAs: ['passendWithinCap'] });
    }

    // BTIV art. 54a: AOW households with box-3 assets above the (zorgtoeslag) asset limit are exempt.
    const values: ComparedValue[] = [incomeCheck, rent];
    const assetLimit = size <= 1 ? params.elderlyAssetLimitSingleCents : params.elderlyAssetLimitMultiCents;
    if (income.atAowAge && household.box3AssetsCents !== null && assetLimit !== null) {
      const assets = compare('box3AssetsCents', household.box3AssetsCents, '>', assetLimit);
      values.push(assets);
      if (assets.holds) {
        return passed(rule, say.assetExempt(incomeText, rentText, household.box3AssetsCents, assetLimit), values);
      }
    }
    const noAssetLimit = income.atAowAge && assetLimit === null ? say.noAssetLimit(params.year) : '';
    return quotaException(rule, 'PASSEND_EXCEPTION', say.exception(incomeText, rentText, policy.quotas.passendExceptionBasisPoints, noAssetLimit), values, {
      countsAs: ['passendAboveCap'],
    });
  },
};
