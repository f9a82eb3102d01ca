/**
 * Row shapes of the bulk import (JSON form). The CSV form has the same columns; arrays are written
 * ';'-separated, household members as "ROLE:YYYY-MM-DD;ROLE:YYYY-MM-DD", booleans as true/false, and an
 * empty cell means "not given". References between files use business keys (buurt code, complex code,
 * dwelling code, household reference), never database ids.
 */
export interface NeighbourhoodRow {
  buurtCode: string; // BU + 8 digits (CBS buurtcode)
  name: string;
  municipalityCode: string; // GM + 4 digits
  municipalityName: string;
  resilienceClass: number; // 1..5, see table resilience_class
  resilienceScore?: number | null;
  resilienceSource: string;
  resilienceYear: number;
}

export interface ComplexRow {
  code: string;
  name: string;
  buurtCode: string;
}

export interface DwellingRow {
  code: string; // verhuureenheid (vhe) number
  complexCode: string;
  address: string;
  postcode: string; // 1234AB
  rooms: number;
  floorAreaM2: number;
  netRentCents: number;
  serviceCostsCents: number;
  isDaeb: boolean;
  accessibility: 'NONE' | 'ZERO_STEP' | 'WHEELCHAIR';
  labels: string[]; // SENIOR_55, SENIOR_65, YOUTH, FAMILY, WHEELCHAIR
}

export interface HouseholdMemberRow {
  role: 'APPLICANT' | 'PARTNER' | 'CHILD' | 'CO_RESIDENT';
  birthDate: string;
}

export interface HouseholdPreferencesRow {
  minRooms?: number;
  maxNetRentCents?: number;
  buurtCodes?: string[];
}

export interface HouseholdRow {
  reference: string; // pseudonymous, e.g. H-000123; never a name or BSN
  members: HouseholdMemberRow[]; // first member is the APPLICANT
  taxableIncomeCents: number;
  incomeYear: number;
  incomeSource: 'WORK' | 'BENEFIT' | 'PENSION' | 'STUDENT' | 'OTHER';
  box3AssetsCents?: number | null;
  rankingPoints?: number | null;
  registrationDate: string;
  urgencyCategory?: string | null;
  urgencyGranted?: string | null;
  urgencyExpires?: string | null;
  supportNeeds: string[];
  localTiesMunicipalityCode?: string | null;
  localTiesYears?: number | null;
  indicationKind?: 'MEDICAL' | 'WMO' | null;
  indicationAccessibility?: 'ZERO_STEP' | 'WHEELCHAIR' | null;
  preferences?: HouseholdPreferencesRow;
  onWaitingList: boolean;
}

export interface TenancyRow {
  householdReference: string;
  dwellingCode: string;
  startDate: string;
  endDate?: string | null;
  allocationRoute?: 'REGULAR' | 'URGENCY' | 'DIRECT' | 'LOTTERY' | 'POINTS' | null;
  endReason?: string | null; // VERA EINDEDETAILREDEN code (table tenancy_end_reason), for an ended tenancy
}

export interface VacancyRow {
  reference: string;
  dwellingCode: string;
  availableFrom: string;
  route: 'REGULAR' | 'URGENCY' | 'DIRECT' | 'LOTTERY' | 'POINTS';
  status?: 'OPEN' | 'PROPOSED' | 'OFFERED' | 'ALLOCATED' | 'WITHDRAWN';
  respondents: string[]; // household references
  labelFallbackActive?: boolean; // nobody met the label in earlier rounds: the policy's fallback applies
  localTiesPriority?: boolean; // advertised with local-ties priority (Huisvestingswet art. 14)
}

/** A buurt's reading in one year from one source; classes and scores as the source gives them. */
export interface NeighbourhoodReadingRow {
  buurtCode: string;
  year: number;
  source: string;
  resilienceClass?: number | null; // 1..5, the association's scale (table resilience_class)
  resilienceScore?: number | null;
  leefbaarometerClass?: number | null; // 1..9 (Leefbaarometer 3.0 classes)
  leefbaarometerScore?: number | null;
  dwellingsClass?: number | null;
  physicalEnvironmentClass?: number | null;
  amenitiesClass?: number | null;
  socialCohesionClass?: number | null;
  nuisanceClass?: number | null; // dimension "overlast en onveiligheid"
  dwellingStock?: number | null; // homes in the buurt (CBS)
}

/** A count with its denominator for a complex (complexCode) or a buurt (buurtCode) over a period. */
export interface OutcomeObservationRow {
  indicatorCode: string;
  complexCode?: string | null;
  buurtCode?: string | null;
  periodStart: string;
  periodEnd: string; // inclusive
  count: number;
  denominator: number; // homes, households or respondents, as the indicator's basis says
  source: string;
}

export interface ImportDataset {
  neighbourhoods: NeighbourhoodRow[];
  complexes: ComplexRow[];
  dwellings: DwellingRow[];
  households: HouseholdRow[];
  tenancies: TenancyRow[];
  vacancies: VacancyRow[];
  /** Buurt readings over the years (optional in a dataset). */
  readings?: NeighbourhoodReadingRow[];
  /** Outcome observations per complex or buurt (optional in a dataset). */
  observations?: OutcomeObservationRow[];
}
