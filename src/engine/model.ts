/**
 * Plain facts the engine reasons about. No framework types: services map database rows to these.
 * Money is integer cents; dates are ISO calendar dates (YYYY-MM-DD) compared as strings.
 */
export type IsoDate = string;

export const INCOME_SOURCES = ['WORK', 'BENEFIT', 'PENSION', 'STUDENT', 'OTHER'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const MEMBER_ROLES = ['APPLICANT', 'PARTNER', 'CHILD', 'CO_RESIDENT'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const ACCESSIBILITY_LEVELS = ['NONE', 'ZERO_STEP', 'WHEELCHAIR'] as const;
export type Accessibility = (typeof ACCESSIBILITY_LEVELS)[number];

export const DWELLING_LABELS = ['SENIOR_55', 'SENIOR_65', 'YOUTH', 'FAMILY', 'WHEELCHAIR'] as const;
export type DwellingLabel = (typeof DWELLING_LABELS)[number];

export const ALLOCATION_ROUTES = ['REGULAR', 'URGENCY', 'DIRECT', 'LOTTERY', 'POINTS'] as const;
export type AllocationRoute = (typeof ALLOCATION_ROUTES)[number];

export const VACANCY_STATUSES = ['OPEN', 'PROPOSED', 'OFFERED', 'ALLOCATED', 'WITHDRAWN'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const INDICATION_KINDS = ['MEDICAL', 'WMO'] as const;
export type IndicationKind = (typeof INDICATION_KINDS)[number];

/** Declared support needs (special-category data, AVG art. 9): stored, shown only under access rules. */
export const SUPPORT_NEEDS = [
  'SUPPORTED_HOUSING_OUTFLOW', // uitstroom beschermd wonen
  'SHELTER_OUTFLOW', // uitstroom maatschappelijke opvang / vrouwenopvang
  'MENTAL_HEALTH', // GGZ
  'INTELLECTUAL_DISABILITY', // LVB
  'ADDICTION',
  'DEBT_COUNSELLING',
  'REFUGEE_PERMIT_HOLDER', // statushouder
] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

export interface HouseholdMemberFacts {
  role: MemberRole;
  birthDate: IsoDate;
}

export interface UrgencyFacts {
  category: string;
  granted: IsoDate;
  expires: IsoDate | null;
}

export interface LocalTiesFacts {
  municipalityCode: string;
  years: number;
}

export interface IndicationFacts {
  kind: IndicationKind;
  accessibility: Exclude<Accessibility, 'NONE'>;
}

export interface HouseholdFacts {
  id: number;
  reference: string;
  members: HouseholdMemberFacts[];
  /** Joint verzamelinkomen of applicant, partner and co-residents (children excluded), in cents. */
  taxableIncomeCents: number;
  incomeYear: number;
  incomeSource: IncomeSource;
  /** Box-3 assets, only needed for the AOW asset exception (BTIV art. 54a). */
  box3AssetsCents: number | null;
  /**
   * Ranking points as kept by the regional registration system (e.g. waiting and situation points);
   * the POINTS route ranks by them. Woonmix does not compute them. Null: none registered.
   */
  rankingPoints: number | null;
  registrationDate: IsoDate;
  urgency: UrgencyFacts | null;
  supportNeeds: string[];
  localTies: LocalTiesFacts | null;
  indication: IndicationFacts | null;
  /**
   * Blocks from offers in force or to come (sanctions after unjustified refusals by the letting
   * policy; src/engine/letting/sanctions.ts), ACTIVE or with a lift only requested; a lifted one is
   * not a fact any more. A block past its last day stays a fact: the rule compares the dates.
   */
  offerBlocks: OfferBlockFacts[];
}

export interface OfferBlockFacts {
  from: IsoDate;
  /** Last day of the block, inclusive. */
  until: IsoDate;
  liftRequested: boolean;
}

export interface DwellingFacts {
  id: number;
  complexId: number;
  rooms: number;
  floorAreaM2: number;
  netRentCents: number;
  serviceCostsCents: number;
  isDaeb: boolean;
  accessibility: Accessibility;
  labels: string[];
}

/** Legal parameters of one calendar year (effective 1 January); source: rule_parameter_year. */
export interface RuleParameters {
  year: number;
  daebIncomeLimitSingleCents: number;
  daebIncomeLimitMultiCents: number;
  daebRentLimitCents: number;
  passendIncomeSingleBelowAowCents: number;
  passendIncomeMultiBelowAowCents: number;
  passendIncomeSingleAowCents: number;
  passendIncomeMultiAowCents: number;
  rentCapLowCents: number;
  rentCapHighCents: number;
  qualityDiscountLimitCents: number;
  youthAgeLimit: number;
  aowAgeYears: number;
  aowAgeMonths: number;
  middleSegmentLimitCents: number | null;
  elderlyAssetLimitSingleCents: number | null;
  elderlyAssetLimitMultiCents: number | null;
  sources: Record<string, string>;
}
