import { HouseholdType } from '../common/household-profile.js';

/**
 * MODEL ASSUMPTIONS, not law and not measured here: the annual probability that a tenant household
 * moves out, by household type, used when a complex's own tenancy history is too thin (fewer than
 * MIN_EXPOSURE_TENANCY_YEARS of that type in the last HISTORY_YEARS). Every simulation states
 * which rates it used and where they came from, and a manager can give others.
 */
export const DEFAULT_TURNOVER_BY_HOUSEHOLD_TYPE: Readonly<Record<HouseholdType, number>> = {
  SINGLE: 0.1,
  COUPLE: 0.07,
  FAMILY: 0.06,
  SINGLE_PARENT: 0.08,
  OTHER: 0.08,
};
export const HISTORY_YEARS = 5;
export const MIN_EXPOSURE_TENANCY_YEARS = 10;
/** Distinct households that responded to the complex's vacancies in HISTORY_YEARS needed before their mix is used (model assumption). */
export const MIN_RESPONDENTS_FOR_MIX = 30;
/** Answered offers (accepted or declined) of a category needed before its acceptance rate is used (model assumption). */
export const MIN_OFFERS_PER_CATEGORY = 10;
/** Households that moved in during HISTORY_YEARS needed before their mix is used as the respondents' mix. */
export const MIN_INFLOW_FOR_MIX = 10;
/** Respondents per simulated vacancy when the complex has no vacancies to learn from (model assumption). */
export const DEFAULT_RESPONDENTS_PER_VACANCY = 30;
/** Upper limits of one simulation request (server time). */
export const MAX_SIMULATION_RUNS = 2000;
export const MAX_SIMULATION_YEARS = 30;
export const MAX_SIMULATION_COMPLEXES = 5;
