import { AllocationRoute, DwellingFacts, HouseholdFacts, IsoDate, RuleParameters } from '../model.js';
import { LocalPolicy } from './local-policy.js';

/** Facts of the vacancy round that are not facts of the household or the dwelling. */
export interface EligibilityContext {
  /** Nobody met the label or indication in earlier rounds, so the policy's fallback applies. */
  labelFallbackActive: boolean;
  /** The vacancy is advertised with local-ties priority (Hvw art. 14). */
  localTiesPriority: boolean;
}

export interface EligibilityInput {
  household: HouseholdFacts;
  /** The dwelling; `dwelling.complexId` is its complex. */
  dwelling: DwellingFacts;
  /** Municipality (GM code) of the dwelling. */
  municipalityCode: string;
  route: AllocationRoute;
  allocationDate: IsoDate;
  /** Legal parameters of the year of `allocationDate`. */
  params: RuleParameters;
  policy: LocalPolicy;
  context: EligibilityContext;
}
