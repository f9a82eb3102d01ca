import { Accessibility, IncomeSource } from '../model.js';

/**
 * Local allocation policy of a region or municipality (huisvestingsverordening, prestatieafspraken,
 * association policy). Pure data: the rules read it, nothing here is a legal figure of a year
 * (those are in RuleParameters). Shares are integer basis points (10000 = 100%).
 */
export interface LocalPolicy {
  id: string;
  name: string;
  /** Municipalities (GM codes) of the region this policy covers; empty = only the dwelling's municipality. */
  municipalityCodes: readonly string[];
  roomNorms: readonly RoomNorm[];
  /** Keyed by dwelling label (SENIOR_55, YOUTH, ... or a local label); labels not listed are ignored. */
  labels: Readonly<Record<string, LabelPolicy>>;
  accessibility: AccessibilityPolicy;
  urgency: UrgencyPolicy;
  localTies: LocalTiesPolicy;
  rotterdamwet: RotterdamwetPolicy;
  quotas: QuotaPolicy;
}

/**
 * Household size vs rooms (bezettingsnorm). The first norm whose person range contains the household
 * size applies; a household size without a norm is not restricted.
 */
export interface RoomNorm {
  minPersons: number;
  /** null = no upper bound. */
  maxPersons: number | null;
  minRooms: number | null;
  maxRooms: number | null;
}

/** Whose age a label tests: the applicant, or the eldest adult (applicant, partner, co-resident). */
export type AgeSubject = 'APPLICANT' | 'ELDEST_ADULT';

export type LabelRequirement =
  | { kind: 'MIN_AGE'; minAge: number; ageOf: AgeSubject }
  | {
      kind: 'MAX_AGE';
      /** Age must be below this; null = the year's youthAgeLimit from RuleParameters. */
      belowAge: number | null;
      minAge: number | null;
      ageOf: AgeSubject;
      /** Also require net rent <= the year's kwaliteitskortingsgrens (qualityDiscountLimitCents). */
      rentAtMostQualityDiscountLimit: boolean;
    }
  | { kind: 'HOUSEHOLD'; minPersons: number; minChildren: number }
  | { kind: 'INDICATION'; accessibility: Exclude<Accessibility, 'NONE'> }
  | { kind: 'OPEN' };

export interface LabelPolicy {
  requirement: LabelRequirement;
  /**
   * Relaxations in order, used only when the vacancy's fallback is active (nobody qualified). A
   * household meeting fallback step k gets priority tier k + 1; meeting the label itself is tier 0.
   */
  fallback: readonly LabelRequirement[];
}

export type AdaptedAccessibility = Exclude<Accessibility, 'NONE'>;

export interface AccessibilityPolicy {
  /** Adapted dwellings that go first to households whose indication matches the dwelling. */
  priorityFor: readonly AdaptedAccessibility[];
  /** Adapted dwellings that only a household with a matching indication may take. */
  indicationRequiredFor: readonly AdaptedAccessibility[];
  /** Once the fallback is active (no indicated household applied), may others take them? */
  releaseToRegularOnFallback: boolean;
}

export interface UrgencyPolicy {
  /** Categories every urgentieregeling must contain (Hvw art. 12 lid 3); may change with the Wvrv. */
  mandatoryCategories: readonly string[];
  /** Categories the municipality added (Hvw art. 12 lid 1-2). */
  localCategories: readonly string[];
}

export interface LocalTiesPolicy {
  /** Minimum uninterrupted years of residence for social ties. */
  minYears: number;
  /** Ties to the dwelling's municipality only, or to any municipality of the region. */
  scope: 'MUNICIPALITY' | 'REGION';
  /** PRIORITY: households without ties rank after those with ties; EXCLUSIVE: they are refused. */
  mode: 'PRIORITY' | 'EXCLUSIVE';
  /** Max share of allocations with local-ties priority (Hvw art. 14: at most 50%). */
  maxShareBasisPoints: number;
}

export interface RotterdamwetPolicy {
  apply: boolean;
  designatedComplexIds: readonly number[];
  /** Income sources treated as welfare level. */
  refusedIncomeSources: readonly IncomeSource[];
  /** Households with fewer years in the region may be refused (art. 8: 6 years). */
  minYearsInRegion: number;
}

export interface QuotaPolicy {
  freeAllocationRoom: {
    standardBasisPoints: number;
    /** Applies instead of the standard share when agreed in the prestatieafspraken. */
    agreedBasisPoints: number;
    agreedInPrestatieafspraken: boolean;
  };
  /** Max share of passend-covered allocations above the rent cap. */
  passendExceptionBasisPoints: number;
}

/** Free allocation room in force under this policy, in basis points. */
export function freeAllocationRoomBasisPoints(policy: Pick<LocalPolicy, 'quotas'>): number {
  const room = policy.quotas.freeAllocationRoom;
  return room.agreedInPrestatieafspraken ? room.agreedBasisPoints : room.standardBasisPoints;
}

/** All urgency categories the policy recognises. */
export function urgencyCategories(policy: Pick<LocalPolicy, 'urgency'>): readonly string[] {
  return [...policy.urgency.mandatoryCategories, ...policy.urgency.localCategories];
}

/** Municipalities that make up the region for a dwelling in `municipalityCode`. */
export function regionOf(policy: Pick<LocalPolicy, 'municipalityCodes'>, municipalityCode: string): readonly string[] {
  return policy.municipalityCodes.length > 0 ? policy.municipalityCodes : [municipalityCode];
}
