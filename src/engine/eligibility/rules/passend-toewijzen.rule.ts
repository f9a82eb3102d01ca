import { formatBasisPoints, formatEuros } from '../../common/format.js';
import { householdSize, passendIncomeLimit } from '../../common/household-profile.js';
import { EligibilityInput } from '../eligibility-input.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, notApplicable, passed, quotaException } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'params' | 'policy'>;

const rule: RuleMeta = {
  id: 'PASSEND_TOEWIJZEN',
  title: 'passend toewijzen rent cap',
  reference: 'Woningwet art. 46 lid 2; BTIV 2015 art. 54 and 54a',
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
  evaluate({ household, dwelling, params, policy }) {
    const income = passendIncomeLimit(household.members, params);
    const incomeCheck = compare('taxableIncomeCents', household.taxableIncomeCents, '<=', income.limitCents);
    const incomeText =
      `Your household income of ${formatEuros(household.taxableIncomeCents)} is ` +
      `${incomeCheck.holds ? 'at or below' : 'above'} the ${params.year} passend income limit of ` +
      `${formatEuros(income.limitCents)} (${income.description})`;
    if (!incomeCheck.holds) {
      return notApplicable(rule, `${incomeText}, so the passend rent cap does not apply to you.`, [incomeCheck]);
    }

    const size = householdSize(household.members);
    const capCents = size <= 2 ? params.rentCapLowCents : params.rentCapHighCents;
    const rent = compare('netRentCents', dwelling.netRentCents, '<=', capCents);
    const rentText =
      `the net rent of ${formatEuros(dwelling.netRentCents)} is ${rent.holds ? 'at or below' : 'above'} ` +
      `the rent cap of ${formatEuros(capCents)} for households of ${size <= 2 ? '1 or 2 persons' : '3 or more persons'}`;
    if (rent.holds) {
      return passed(rule, `${incomeText}, and ${rentText}.`, [incomeCheck, rent], { countsAs: ['passendWithinCap'] });
    }

    // BTIV art. 54a: AOW households with box-3 assets above the (zorgtoeslag) asset limit are exempt.
    const values: ComparedValue[] = [incomeCheck, rent];
    const assetLimit = size <= 1 ? params.elderlyAssetLimitSingleCents : params.elderlyAssetLimitMultiCents;
    if (income.atAowAge && household.box3AssetsCents !== null && assetLimit !== null) {
      const assets = compare('box3AssetsCents', household.box3AssetsCents, '>', assetLimit);
      values.push(assets);
      if (assets.holds) {
        return passed(
          rule,
          `${incomeText}, and ${rentText}. Because your household has reached AOW age and its box-3 assets of ` +
            `${formatEuros(household.box3AssetsCents)} are above ${formatEuros(assetLimit)}, the rent cap does not apply to you (BTIV art. 54a).`,
          values,
        );
      }
    }
    const noAssetLimit =
      income.atAowAge && assetLimit === null ? ` The asset exception for AOW households could not be checked: no asset limit is set for ${params.year}.` : '';
    return quotaException(
      rule,
      'PASSEND_EXCEPTION',
      `${incomeText}, but ${rentText}. The home can still be let to you, but only as one of the association's ` +
        `passend exceptions (at most ${formatBasisPoints(policy.quotas.passendExceptionBasisPoints)} a year).${noAssetLimit}`,
      values,
      { countsAs: ['passendAboveCap'] },
    );
  },
};
