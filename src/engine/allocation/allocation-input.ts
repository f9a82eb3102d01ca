import { Composition, CompositionDimension } from '../composition/compute-composition.js';
import { Verdict } from '../eligibility/evaluate-eligibility.js';
import { LocalPolicy } from '../eligibility/local-policy.js';
import { QuotaCounts } from '../eligibility/portfolio-quotas.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { CompositionPolicy } from './composition-policy.js';

/**
 * Everything the allocation core needs, as plain data the service loads: eligible pairs (already
 * judged by the eligibility engine), the households' composition categories, the complexes' current
 * composition and the year-to-date quota counts. No ids are invented here: numbers are database ids.
 */
export interface AllocationInput {
  /** The allocation date (the verdicts and categories were computed on it). */
  allocationDate: IsoDate;
  policy: CompositionPolicy;
  /** Recorded lottery seed: LOTTERY routes draw from fork(`lottery:${vacancy.reference}`). */
  seed: number;
  complexes: readonly AllocationComplex[];
  households: readonly AllocationHousehold[];
  vacancies: readonly AllocationVacancy[];
  /** Portfolio quota rows (rounds); empty for a proposal that only reports the quota effect. */
  quotaScopes: readonly QuotaScope[];
}

export interface AllocationComplex {
  id: number;
  reference: string;
  /** Resilience class of the complex's buurt (1 = very low ... 5 = high). */
  resilienceClass: number;
  /** Current tenants per dimension and category (computeComposition on the allocation date). */
  composition: Pick<Composition, 'dimensions'>;
}

export interface AllocationHousehold {
  id: number;
  reference: string;
  registrationDate: IsoDate;
  /** Ranking points from the regional registration system (POINTS route); null = none registered. */
  rankingPoints: number | null;
  /** A valid urgency on the allocation date (Hvw art. 12). */
  urgent: boolean;
  /** Output of `categorize` on the allocation date. */
  categories: Readonly<Record<CompositionDimension, string>>;
}

/** One eligible household for one vacancy, with the parts of its verdict the core uses. */
export interface EligiblePair {
  householdId: number;
  /** Priority tier from the verdict (labels, indications, local ties): lower goes first. */
  priorityTier: number;
  verdict: Pick<Verdict, 'countsAs' | 'summary'>;
}

export interface AllocationVacancy {
  id: number;
  reference: string;
  complexId: number;
  route: AllocationRoute;
  /**
   * true: a proposal is wanted for this vacancy. false: look-ahead only (another open vacancy of the
   * same complex, planned along so one proposal does not spend the whole mix budget).
   */
  focus: boolean;
  candidates: readonly EligiblePair[];
}

/** Year-to-date counts of one scope (the association, or one municipality) and the vacancies in it. */
export interface QuotaScope {
  key: string;
  counts: QuotaCounts;
  /** Vacancy ids whose allocations count in this scope; null = all vacancies of the input. */
  vacancyIds: readonly number[] | null;
  norms: Pick<LocalPolicy, 'quotas' | 'localTies'>;
}
