/**
 * Deterministic demo municipality "Demostad" (GM9001): stock, tenants with history, a waiting list and
 * open vacancies with respondents, in the row shapes of the bulk import. Pure: no I/O, no clock, no
 * Math.random(); the same (seed, referenceDate, scale) always gives a deep-equal dataset.
 *
 * At scale 'large' (issue 18) the same model fills a region of five municipalities: Demostad as at demo
 * scale (its buurten, complexes and homes unchanged, Rozenhof included) and four fictional neighbours
 * generated around it (generate-region.ts), with a regional waiting list of 150,000 households.
 *
 * Everything here is fictional demo modelling. The percentages and euro amounts below are plausible
 * orders of magnitude for a Dutch housing association, chosen by hand; they are not legal parameters
 * (those live in rule_parameter_year, docs/domain.md §2) and the engine must never read them from here.
 *
 * The narrative follows the practice in docs/domain.md §7: one complex of 40 homes ("Rozenhof", CPX-CASE)
 * in a buurt with very low resilience, where vulnerable, low-income and non-working households
 * concentrate, recent inflow came mostly through urgency and direct placement, and households with
 * other options rarely respond to its vacancies (so the plain order keeps filling it with households
 * with support needs).
 */
import { addYears, isIsoDate, yearOf } from '../engine/common/dates.js';
import { SeededRandom } from '../engine/common/seeded-random.js';
import { DWELLING_LABELS, IsoDate, SUPPORT_NEEDS, SupportNeed } from '../engine/model.js';
import {
  ComplexRow,
  DwellingRow,
  HouseholdMemberRow,
  HouseholdPreferencesRow,
  HouseholdRow,
  ImportDataset,
  NeighbourhoodReadingRow,
  NeighbourhoodRow,
  OutcomeObservationRow,
  TenancyRow,
  VacancyRow,
} from '../imports/import-rows.js';
import {
  BuurtSpec,
  ComplexKind,
  ComplexSpec,
  LARGE_APPLICANT_COUNT,
  LARGE_LOTTERY_VACANCY_COUNT,
  LARGE_MEAN_RESPONDENTS_LOTTERY,
  LARGE_MEAN_RESPONDENTS_REGULAR,
  LARGE_OPEN_VACANCY_COUNT,
  LARGE_URGENCY_VACANCY_COUNT,
  MunicipalitySpec,
  planLargeRegion,
  ResilienceClass,
} from './generate-region.js';

/**
 * 'demo': Demostad alone (about 2,000 homes, 5,000 applicants). 'large': a region of five municipalities
 * around Demostad at the size of a large urban association (issue 18; sizes in generate-region.ts).
 */
export type DemoScale = 'demo' | 'large';

export interface DemoOptions {
  seed: number;
  /** "Today" of the demo (YYYY-MM-DD): tenancies end on or before it, vacancies open after it. */
  referenceDate: IsoDate;
  /** Default 'demo'; the demo-scale output does not depend on whether this is given. */
  scale?: DemoScale;
}

export interface DemoDataset extends ImportDataset {
  /** The case complex (docs/domain.md §7): ~40 homes with a concentration of vulnerable households. */
  caseComplexCode: string;
  /**
   * The past year's lettings to play through the live flow on their own dates (DemoSeederService):
   * vacancies (in `vacancies`, with their respondents) whose homes have no tenant yet in the dataset.
   */
  lettingHistory: DemoLettingHistory;
}

export interface DemoLettingHistory {
  /** References of the history vacancies, oldest first. */
  vacancies: string[];
  /**
   * An applicant who responds to several of them and refuses every offer for the location (demo
   * modelling of a choosy seeker): the letting policy's sanction follows its third unjustified refusal.
   */
  choosyApplicant: string | null;
}

export const DEMO_MUNICIPALITY_CODE = 'GM9001';
export const DEMO_MUNICIPALITY_NAME = 'Demostad';
export const DEMO_CASE_COMPLEX_CODE = 'CPX-CASE';
export const DEMO_APPLICANT_COUNT = 5000;
export const DEMO_OPEN_VACANCY_COUNT = 60;
export const DEMO_RESILIENCE_SOURCE = 'Demo data modelled on Aedes veerkrachtkaarten';
/** Generated Leefbaarometer-style readings: demo data, not a measurement (issue 16 asks them labelled). */
export const DEMO_LEEFBAAROMETER_SOURCE = 'Demo data modelled on Leefbaarometer 3.0 (generated, not a measurement)';
/** The case complex's buurt (Rozenwijk): its readings decline before the plan, the case of docs/domain.md §7. */
const CASE_BUURT = 'BU90010200';
/** Ended tenancies are generated for this many years before the reference date (enough for turnover). */
export const DEMO_HISTORY_YEARS = 10;

/** Urgency categories of the demo verordening (Hvw art. 12; lid 3 makes shelter and mantelzorg mandatory). */
export const DEMO_URGENCY_CATEGORIES = ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE', 'MEDICAL', 'SOCIAL', 'REHOUSING', 'SUPPORTED_HOUSING_OUTFLOW'] as const;
type UrgencyCategory = (typeof DEMO_URGENCY_CATEGORIES)[number];

// Module-level aliases: no global lookups in hot loops (slow inside jest's vm sandbox).
const { floor, max, min, round } = Math;

const NEIGHBOUR_MUNICIPALITY_CODES = ['GM9002', 'GM9003'] as const; // fictional neighbours, for local ties
const BASE_INCOME_YEAR = 2025; // demo incomes below are in euros of this year
const DEMO_WAGE_INDEX = 1.035; // demo: incomes move ~3.5% a year, so shares stay stable for other dates

// ---------------------------------------------------------------------------------------------------
// Neighbourhoods and complexes (fixed narrative; the seed varies scores, sizes and everything inside)

/** CBS-style codes: BU + gemeente (9001) + wijk (2 digits) + buurt (2 digits). */
const BUURTEN: readonly BuurtSpec[] = [
  { code: 'BU90010100', name: 'Centrum', resilienceClass: 3, pc4: 9101 },
  { code: 'BU90010101', name: 'Stationskwartier', resilienceClass: 3, pc4: 9102 },
  { code: 'BU90010200', name: 'Rozenwijk', resilienceClass: 1, pc4: 9111 },
  { code: 'BU90010201', name: 'Kanaalzone', resilienceClass: 2, pc4: 9112 },
  { code: 'BU90010300', name: 'Molenbuurt', resilienceClass: 2, pc4: 9121 },
  { code: 'BU90010301', name: 'Vogelbuurt', resilienceClass: 3, pc4: 9122 },
  { code: 'BU90010400', name: 'De Horst', resilienceClass: 4, pc4: 9131 },
  { code: 'BU90010401', name: 'Beekdal', resilienceClass: 4, pc4: 9132 },
  { code: 'BU90010500', name: 'Heidepark', resilienceClass: 5, pc4: 9141 },
  { code: 'BU90010501', name: 'Lindenhof', resilienceClass: 3, pc4: 9142 },
  { code: 'BU90010600', name: 'Oude Haven', resilienceClass: 1, pc4: 9151 },
  { code: 'BU90010601', name: 'Sterrenbos', resilienceClass: 5, pc4: 9152 },
];

interface KindProfile {
  rooms: ReadonlyArray<readonly [number, number]>;
  areaFactor: number;
  zeroStepShare: number;
  wheelchairShare: number;
  /** Demo rent model: base + per m² (euros a month), before jitter and the buurt factor. */
  rentBaseEuro: number;
  rentPerM2Euro: number;
  serviceCostsCents: readonly [number, number];
  nonDaebShare: number;
  /** Share of homes that change tenant per year (mutatiegraad). */
  turnoverPerYear: number;
  /** Temporary contracts (jongerencontract, 5 years). */
  maxTenancyYears: number | null;
}

const KINDS: Record<ComplexKind, KindProfile> = {
  // walk-up flats of the 1950s-60s: cheap, no lift
  PORTIEK: {
    rooms: [
      [2, 0.25],
      [3, 0.5],
      [4, 0.25],
    ],
    areaFactor: 1,
    zeroStepShare: 0,
    wheelchairShare: 0,
    rentBaseEuro: 190,
    rentPerM2Euro: 5.6,
    serviceCostsCents: [1500, 3500],
    nonDaebShare: 0,
    turnoverPerYear: 0.09,
    maxTenancyYears: null,
  },
  // gallery flats with lift; about half of the homes are step-free (the rest have steps at the entrance)
  GALERIJ: {
    rooms: [
      [2, 0.35],
      [3, 0.5],
      [4, 0.15],
    ],
    areaFactor: 1,
    zeroStepShare: 0.5,
    wheelchairShare: 0.02,
    rentBaseEuro: 230,
    rentPerM2Euro: 5.6,
    serviceCostsCents: [3000, 6000],
    nonDaebShare: 0,
    turnoverPerYear: 0.09,
    maxTenancyYears: null,
  },
  SENIOR: {
    rooms: [
      [2, 0.6],
      [3, 0.4],
    ],
    areaFactor: 1,
    zeroStepShare: 1,
    wheelchairShare: 0.08,
    rentBaseEuro: 290,
    rentPerM2Euro: 5.8,
    serviceCostsCents: [4000, 9000],
    nonDaebShare: 0,
    turnoverPerYear: 0.11,
    maxTenancyYears: null,
  },
  // terraced family houses (eengezinswoningen)
  FAMILY: {
    rooms: [
      [3, 0.3],
      [4, 0.5],
      [5, 0.2],
    ],
    areaFactor: 1.1,
    zeroStepShare: 0,
    wheelchairShare: 0,
    rentBaseEuro: 250,
    rentPerM2Euro: 5.0,
    serviceCostsCents: [0, 1500],
    nonDaebShare: 0.04,
    turnoverPerYear: 0.05,
    maxTenancyYears: null,
  },
  YOUTH: {
    rooms: [
      [1, 0.7],
      [2, 0.3],
    ],
    areaFactor: 0.85,
    zeroStepShare: 0.3,
    wheelchairShare: 0,
    rentBaseEuro: 200,
    rentPerM2Euro: 7.0,
    serviceCostsCents: [3000, 6000],
    nonDaebShare: 0,
    turnoverPerYear: 0.2,
    maxTenancyYears: 5,
  },
  NEWBUILD: {
    rooms: [
      [2, 0.3],
      [3, 0.5],
      [4, 0.2],
    ],
    areaFactor: 1.05,
    zeroStepShare: 1,
    wheelchairShare: 0.04,
    rentBaseEuro: 340,
    rentPerM2Euro: 6.5,
    serviceCostsCents: [3000, 7000],
    nonDaebShare: 0.2,
    turnoverPerYear: 0.07,
    maxTenancyYears: null,
  },
};

/** Demo: youth homes are let below the youth rent level so that young tenants keep full huurtoeslag. */
const YOUTH_RENT_MAX_CENTS = 49_500;
/** Demo: social homes are let up to the social rent ceiling; above it a home is non-DAEB. */
const DEMO_SOCIAL_RENT_CEILING_CENTS = 93_293;
const AREA_BY_ROOMS: Record<number, readonly [number, number]> = {
  1: [24, 38],
  2: [42, 62],
  3: [58, 82],
  4: [74, 105],
  5: [92, 128],
};

const COMPLEXES: readonly ComplexSpec[] = [
  { code: 'CPX-01', name: 'De Spoorzoom', street: 'Spoorzoom', buurtCode: 'BU90010100', kind: 'NEWBUILD', size: 90, buildYear: 2019 },
  {
    code: 'CPX-02',
    name: 'Stationshof',
    street: 'Stationshof',
    buurtCode: 'BU90010101',
    kind: 'GALERIJ',
    size: 120,
    buildYear: 1972,
    seniorLabel: 'SENIOR_55',
  },
  { code: 'CPX-03', name: 'Kanaalflat', street: 'Kanaaldijk', buurtCode: 'BU90010201', kind: 'PORTIEK', size: 96, buildYear: 1958 },
  { code: 'CPX-04', name: 'Sluiswachter', street: 'Sluiswachterspad', buurtCode: 'BU90010201', kind: 'YOUTH', size: 60, buildYear: 2008 },
  { code: 'CPX-05', name: 'Molenwiek', street: 'Molenwiekstraat', buurtCode: 'BU90010300', kind: 'PORTIEK', size: 80, buildYear: 1961 },
  { code: 'CPX-06', name: 'Korenmolen', street: 'Korenmolenlaan', buurtCode: 'BU90010300', kind: 'FAMILY', size: 64, buildYear: 1965 },
  { code: 'CPX-07', name: 'Vogelzang', street: 'Lijsterstraat', buurtCode: 'BU90010301', kind: 'FAMILY', size: 120, buildYear: 1978 },
  { code: 'CPX-08', name: 'Merelhof', street: 'Merelhof', buurtCode: 'BU90010301', kind: 'SENIOR', size: 70, buildYear: 1990, seniorLabel: 'SENIOR_65' },
  { code: 'CPX-09', name: 'Horsterhof', street: 'Horsterweg', buurtCode: 'BU90010400', kind: 'FAMILY', size: 160, buildYear: 1984 },
  { code: 'CPX-10', name: 'Horstflat', street: 'Horsterplein', buurtCode: 'BU90010400', kind: 'GALERIJ', size: 150, buildYear: 1975 },
  { code: 'CPX-11', name: 'Beekhoven', street: 'Beekhovenlaan', buurtCode: 'BU90010401', kind: 'FAMILY', size: 90, buildYear: 1995 },
  { code: 'CPX-12', name: 'Beekzicht', street: 'Beekzicht', buurtCode: 'BU90010401', kind: 'NEWBUILD', size: 50, buildYear: 2021 },
  { code: 'CPX-13', name: 'Heidebloem', street: 'Heidebloemhof', buurtCode: 'BU90010500', kind: 'SENIOR', size: 45, buildYear: 2002, seniorLabel: 'SENIOR_65' },
  { code: 'CPX-14', name: 'Heiderand', street: 'Heiderandweg', buurtCode: 'BU90010500', kind: 'FAMILY', size: 70, buildYear: 1999 },
  { code: 'CPX-15', name: 'Lindeflat', street: 'Lindelaan', buurtCode: 'BU90010501', kind: 'PORTIEK', size: 64, buildYear: 1960 },
  { code: 'CPX-16', name: 'Lindehof', street: 'Lindehof', buurtCode: 'BU90010501', kind: 'SENIOR', size: 36, buildYear: 1986, seniorLabel: 'SENIOR_65' },
  { code: 'CPX-17', name: 'Havenfront', street: 'Havenfront', buurtCode: 'BU90010600', kind: 'GALERIJ', size: 200, buildYear: 1969 },
  { code: 'CPX-18', name: 'Kademuur', street: 'Kademuur', buurtCode: 'BU90010600', kind: 'PORTIEK', size: 48, buildYear: 1955 },
  { code: 'CPX-19', name: 'Sterrenwacht', street: 'Sterrenwachtlaan', buurtCode: 'BU90010601', kind: 'NEWBUILD', size: 70, buildYear: 2017 },
  { code: 'CPX-20', name: 'Poolster', street: 'Poolsterstraat', buurtCode: 'BU90010601', kind: 'FAMILY', size: 40, buildYear: 2005 },
  { code: 'CPX-21', name: 'Rozengaard', street: 'Rozengaardstraat', buurtCode: 'BU90010200', kind: 'FAMILY', size: 72, buildYear: 1968 },
  { code: 'CPX-22', name: 'Centrumhof', street: 'Centrumhof', buurtCode: 'BU90010100', kind: 'SENIOR', size: 28, buildYear: 1993, seniorLabel: 'SENIOR_55' },
  { code: 'CPX-23', name: "Stationsstudio's", street: 'Perronweg', buurtCode: 'BU90010101', kind: 'YOUTH', size: 24, buildYear: 2014 },
  { code: 'CPX-24', name: 'Molenpoort', street: 'Molenpoort', buurtCode: 'BU90010300', kind: 'GALERIJ', size: 110, buildYear: 1974 },
  { code: DEMO_CASE_COMPLEX_CODE, name: 'Rozenhof', street: 'Rozenhof', buurtCode: 'BU90010200', kind: 'PORTIEK', size: 40, buildYear: 1963, isCase: true },
];

/** Case complex (docs/domain.md §7): share of current tenants with declared support needs, and its turnover. */
const CASE_VULNERABLE_SHARE = 0.4;
const CASE_TURNOVER_PER_YEAR = 0.12;
/** Elsewhere the vulnerable share of tenants depends on the buurt's resilience (about 10% overall). */
const VULNERABLE_SHARE_BY_CLASS: Record<ResilienceClass, number> = { 1: 0.14, 2: 0.12, 3: 0.1, 4: 0.07, 5: 0.06 };

// ---------------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01): exact, cheap to add and compare. Pure integer
// arithmetic for the proleptic Gregorian calendar (H. Hinnant, "chrono-compatible low-level date
// algorithms"); it is thousands of times faster than going through Date objects and strings.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yoe = y - era * 400;
  const doy = floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36_524) - floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function toDay(date: IsoDate): number {
  return daysFromCivil(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10));
}

function fromDay(day: number): IsoDate {
  const [y, m, d] = civilFromDays(day);
  return `${pad(y, 4)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The same calendar day `years` later (or earlier); 29 February becomes 28 February (as dates.addYears). */
function shiftYears(day: number, years: number): number {
  const [y, m, d] = civilFromDays(day);
  const target = y + years;
  return daysFromCivil(target, m, m === 2 && d === 29 && !isLeapYear(target) ? 28 : d);
}

const DAYS_PER_YEAR = 365.25;

/** A birth date at which the person is exactly `age` (completed years, as dates.ageOn) on `onDay`. */
function birthDateForAge(rng: SeededRandom, age: number, onDay: number): IsoDate {
  const latest = shiftYears(onDay, -age); // birthday today
  const earliest = shiftYears(onDay, -(age + 1)) + 1; // birthday tomorrow, so one year younger than age + 1
  return fromDay(rng.int(earliest, latest));
}

/** First day on which dates.ageOn gives 18 (a 29 February birthday counts from 1 March). */
function eighteenthBirthdayDay(birthDate: IsoDate): number {
  const y = +birthDate.slice(0, 4) + 18;
  const m = +birthDate.slice(5, 7);
  const d = +birthDate.slice(8, 10);
  return m === 2 && d === 29 && !isLeapYear(y) ? daysFromCivil(y, 3, 1) : daysFromCivil(y, m, d);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(keyOf(item), (out.get(keyOf(item)) ?? 0) + 1);
  return out;
}

function round1(x: number): number {
  return round(x * 10) / 10 + 0; // + 0 turns -0 into 0
}

/** Postcode letter pairs in order, without SA, SD and SS (not issued in the Netherlands). */
const POSTCODE_LETTERS: readonly string[] = (() => {
  const out: string[] = [];
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of abc) for (const b of abc) if (!['SA', 'SD', 'SS'].includes(a + b)) out.push(a + b);
  return out;
})();

function sortedLabels(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  return DWELLING_LABELS.filter((l) => set.has(l));
}

function sortedNeeds(needs: Iterable<SupportNeed>): SupportNeed[] {
  const set = new Set(needs);
  return SUPPORT_NEEDS.filter((n) => set.has(n));
}

// ---------------------------------------------------------------------------------------------------
// Households

interface Composition {
  partner: boolean;
  children: number;
  coResidents: number;
}

type AgeBands = ReadonlyArray<readonly [number, number, number]>; // [min, max, weight]

function ageFromBands(rng: SeededRandom, bands: AgeBands): number {
  const [lo, hi] = rng.weighted(bands.map((b) => [b, b[2]] as const));
  return rng.int(lo, hi);
}

/**
 * Members as of `asOfDay`: APPLICANT first, then PARTNER, CHILD (eldest first), CO_RESIDENT.
 * Every child is younger than every adult and at least 18 years younger than its parents.
 */
function buildMembers(rng: SeededRandom, c: Composition, applicantAge: number, asOfDay: number): { members: HouseholdMemberRow[]; eldestAdultAge: number } {
  const adults: Array<{ role: 'APPLICANT' | 'PARTNER' | 'CO_RESIDENT'; age: number }> = [{ role: 'APPLICANT', age: applicantAge }];
  if (c.partner) adults.push({ role: 'PARTNER', age: clamp(round(rng.normal(applicantAge, 4)), 18, 99) });
  for (let i = 0; i < c.coResidents; i += 1) {
    const parentOfApplicant = applicantAge <= 55 && rng.bool(0.5);
    const age = parentOfApplicant ? min(99, applicantAge + rng.int(20, 32)) : clamp(applicantAge + rng.int(-6, 6), 18, 99);
    adults.push({ role: 'CO_RESIDENT', age });
  }
  const parentAges = adults.filter((a) => a.role !== 'CO_RESIDENT').map((a) => a.age);
  const maxChildAge = max(0, min(min(...parentAges) - 18, min(...adults.map((a) => a.age)) - 1, 24));
  const childAges: number[] = [];
  for (let i = 0; i < c.children; i += 1) {
    const cap = rng.bool(0.1) ? maxChildAge : min(maxChildAge, 17); // now and then an adult child at home
    childAges.push(rng.int(0, cap));
  }
  const members: HouseholdMemberRow[] = [];
  for (const a of adults.filter((x) => x.role !== 'CO_RESIDENT')) members.push({ role: a.role, birthDate: birthDateForAge(rng, a.age, asOfDay) });
  const children = childAges.map((age) => birthDateForAge(rng, age, asOfDay)).sort(); // eldest first
  for (const birthDate of children) members.push({ role: 'CHILD', birthDate });
  for (const a of adults.filter((x) => x.role === 'CO_RESIDENT')) members.push({ role: a.role, birthDate: birthDateForAge(rng, a.age, asOfDay) });
  return { members, eldestAdultAge: max(...adults.map((a) => a.age)) };
}

function adultCount(c: Composition): number {
  return 1 + (c.partner ? 1 : 0) + c.coResidents;
}

type IncomeSource = HouseholdRow['incomeSource'];

/**
 * Joint taxable income in whole euros (children's income does not count). Demo distributions: benefits
 * around bijstand level, pensions as AOW plus a small supplementary pension, wages log-normal.
 */
function annualIncomeEuro(rng: SeededRandom, source: IncomeSource, c: Composition, incomeYear: number, wageFactor = 1): number {
  const multi = adultCount(c) > 1;
  let euro: number;
  switch (source) {
    case 'WORK':
      if (!multi) euro = rng.logNormal(35_000 * wageFactor, 0.45);
      else if (c.partner && rng.bool(0.35)) euro = rng.logNormal(26_000 * wageFactor, 0.4) + rng.logNormal(17_000, 0.55);
      else euro = rng.logNormal(39_000 * wageFactor, 0.42);
      if (c.coResidents > 0 && rng.bool(0.5)) euro += rng.logNormal(14_000, 0.5);
      break;
    case 'BENEFIT':
      euro = multi ? rng.float(22_000, 30_000) : rng.float(15_500, 21_000);
      break;
    case 'PENSION':
      euro = multi ? 28_000 + rng.logNormal(8_000, 0.9) : 19_000 + rng.logNormal(5_000, 0.9);
      break;
    case 'STUDENT':
      euro = rng.float(2_000, 14_000);
      break;
    case 'OTHER':
      euro = multi ? rng.float(18_000, 42_000) : rng.float(11_000, 30_000);
      break;
  }
  return round(euro * DEMO_WAGE_INDEX ** (incomeYear - BASE_INCOME_YEAR));
}

const GENERIC_NEEDS: ReadonlyArray<readonly [SupportNeed, number]> = [
  ['DEBT_COUNSELLING', 0.3],
  ['MENTAL_HEALTH', 0.22],
  ['REFUGEE_PERMIT_HOLDER', 0.18],
  ['INTELLECTUAL_DISABILITY', 0.12],
  ['ADDICTION', 0.08],
  ['SHELTER_OUTFLOW', 0.05],
  ['SUPPORTED_HOUSING_OUTFLOW', 0.05],
];

function genericNeeds(rng: SeededRandom, secondChance: number): SupportNeed[] {
  const needs = [rng.weighted(GENERIC_NEEDS)];
  if (rng.bool(secondChance)) needs.push(rng.weighted(GENERIC_NEEDS));
  return sortedNeeds(needs);
}

/** Support needs that typically come with an urgency category (demo correlations). */
function needsForUrgency(rng: SeededRandom, category: UrgencyCategory): SupportNeed[] {
  const needs: SupportNeed[] = [];
  const maybe = (p: number, need: SupportNeed): void => {
    if (rng.bool(p)) needs.push(need);
  };
  switch (category) {
    case 'SHELTER_DOMESTIC_VIOLENCE':
      maybe(0.85, 'SHELTER_OUTFLOW');
      maybe(0.3, 'DEBT_COUNSELLING');
      break;
    case 'SUPPORTED_HOUSING_OUTFLOW':
      maybe(0.95, 'SUPPORTED_HOUSING_OUTFLOW');
      maybe(0.4, 'MENTAL_HEALTH');
      maybe(0.2, 'INTELLECTUAL_DISABILITY');
      maybe(0.15, 'ADDICTION');
      break;
    case 'MEDICAL':
      maybe(0.25, 'MENTAL_HEALTH');
      break;
    case 'SOCIAL':
      maybe(0.35, 'DEBT_COUNSELLING');
      maybe(0.15, 'MENTAL_HEALTH');
      maybe(0.15, 'REFUGEE_PERMIT_HOLDER');
      break;
    case 'INFORMAL_CARE':
      maybe(0.05, 'MENTAL_HEALTH');
      break;
    case 'REHOUSING':
      maybe(0.03, 'DEBT_COUNSELLING');
      break;
  }
  return sortedNeeds(needs);
}

function urgencyCategoryFor(rng: SeededRandom, c: Composition, applicantAge: number): UrgencyCategory {
  const kids = c.children > 0;
  const old = applicantAge >= 67;
  return rng.weighted<UrgencyCategory>([
    ['MEDICAL', 0.24 * (old ? 2 : 1)],
    ['SOCIAL', 0.24],
    ['SHELTER_DOMESTIC_VIOLENCE', 0.12 * (kids ? 2 : 1) * (old ? 0.3 : 1)],
    ['INFORMAL_CARE', 0.1],
    ['REHOUSING', 0.14],
    ['SUPPORTED_HOUSING_OUTFLOW', 0.16 * (kids || old ? 0.2 : 1)],
  ]);
}

function incomeSourceFor(rng: SeededRandom, c: Composition, applicantAge: number, eldestAdultAge: number, needs: readonly SupportNeed[]): IncomeSource {
  if (eldestAdultAge >= 67)
    return rng.weighted<IncomeSource>([
      ['PENSION', 0.93],
      ['OTHER', 0.07],
    ]);
  if (needs.includes('REFUGEE_PERMIT_HOLDER'))
    return rng.weighted<IncomeSource>([
      ['BENEFIT', 0.75],
      ['WORK', 0.2],
      ['OTHER', 0.05],
    ]);
  if (needs.length > 0)
    return rng.weighted<IncomeSource>([
      ['BENEFIT', 0.65],
      ['WORK', 0.2],
      ['OTHER', 0.15],
    ]);
  if (applicantAge <= 23 && adultCount(c) === 1) {
    return rng.weighted<IncomeSource>([
      ['STUDENT', 0.28],
      ['WORK', 0.5],
      ['BENEFIT', 0.16],
      ['OTHER', 0.06],
    ]);
  }
  const singleParent = !c.partner && c.children > 0;
  return rng.weighted<IncomeSource>([
    ['WORK', singleParent ? 0.5 : 0.64],
    ['BENEFIT', singleParent ? 0.4 : 0.26],
    ['OTHER', 0.1],
  ]);
}

function box3AssetsCents(rng: SeededRandom, eldestAdultAge: number, probability: number): number | null {
  if (eldestAdultAge < 67 || !rng.bool(probability)) return null;
  return min(round(rng.logNormal(25_000, 1.0)), 2_000_000) * 100; // a few exceed the AOW asset exception threshold
}

function indicationFor(rng: SeededRandom, probability: number, wheelchairShare: number): Pick<HouseholdRow, 'indicationKind' | 'indicationAccessibility'> {
  if (!rng.bool(probability)) return { indicationKind: null, indicationAccessibility: null };
  return {
    indicationKind: rng.bool(0.6) ? 'MEDICAL' : 'WMO',
    indicationAccessibility: rng.bool(wheelchairShare) ? 'WHEELCHAIR' : 'ZERO_STEP',
  };
}

// ---------------------------------------------------------------------------------------------------
// Internal records kept beside the rows (for respondent fit); never exported.

interface DwellingInfo {
  row: DwellingRow;
  complex: ComplexSpec;
  buurt: BuurtSpec;
  deliveryDay: number;
}

interface ApplicantInfo {
  reference: string;
  size: number;
  applicantAge: number;
  eldestAge: number;
  incomeEuro: number;
  urgentActive: boolean;
  /** Has support needs (the VULNERABILITY dimension of the composition). */
  hasSupportNeeds: boolean;
  indication: 'ZERO_STEP' | 'WHEELCHAIR' | null;
  preferences: HouseholdPreferencesRow | undefined;
  /** How actively this household responds (many registrants are passive). */
  activity: number;
}

interface Context {
  rng: SeededRandom;
  refDay: number;
  refYear: number;
  region: Region;
  households: HouseholdRow[];
}

function nextReference(ctx: Context): string {
  return `H-${pad(ctx.households.length + 1, 6)}`;
}

// ---------------------------------------------------------------------------------------------------
// Scale: what differs between Demostad alone and the large region. The demo's profile makes exactly
// the draws the demo always made (no draw added or moved), so its output stays byte for byte the same.

type LocalTies = Pick<HouseholdRow, 'localTiesMunicipalityCode' | 'localTiesYears'>;
type RespondentCounter = (rng: SeededRandom, d: DwellingInfo, route: VacancyRow['route']) => number;

interface Region {
  municipalities: readonly MunicipalitySpec[];
  buurten: readonly BuurtSpec[];
  complexes: readonly ComplexSpec[];
  buurtByCode: ReadonlyMap<string, BuurtSpec>;
  applicantCount: number;
  openVacancyCount: number;
  /** Open vacancies let by lottery and on the urgency route; the rest is regular. */
  lotteryCount: number;
  urgencyCount: number;
  /** Where applicants without a refugee permit have local ties (null: none), with weights. */
  localTies: ReadonlyArray<readonly [string | null, number]>;
  /** The municipality a permit holder with local ties was placed in. */
  refugeeTies: (rng: SeededRandom) => string;
  /** The buurten an applicant picks its preferred buurten from. */
  preferencePool: (rng: SeededRandom) => readonly BuurtSpec[];
  /** How many respond to each of these vacancies (`items` lets a scale aim at a mean over them). */
  respondentCounter: (items: ReadonlyArray<{ d: DwellingInfo; route: VacancyRow['route'] }>) => RespondentCounter;
}

function municipalityOf(b: BuurtSpec): string {
  return b.municipalityCode ?? DEMO_MUNICIPALITY_CODE;
}

const DEMO_REGION: Region = {
  municipalities: [{ code: DEMO_MUNICIPALITY_CODE, name: DEMO_MUNICIPALITY_NAME }],
  buurten: BUURTEN,
  complexes: COMPLEXES,
  buurtByCode: new Map(BUURTEN.map((b) => [b.code, b])),
  applicantCount: DEMO_APPLICANT_COUNT,
  openVacancyCount: DEMO_OPEN_VACANCY_COUNT,
  lotteryCount: 9,
  urgencyCount: 5,
  localTies: [
    [DEMO_MUNICIPALITY_CODE, 0.72],
    [NEIGHBOUR_MUNICIPALITY_CODES[0], 0.06],
    [NEIGHBOUR_MUNICIPALITY_CODES[1], 0.04],
    [null, 0.18],
  ],
  refugeeTies: () => DEMO_MUNICIPALITY_CODE,
  preferencePool: () => BUURTEN,
  respondentCounter: () => respondentCount,
};

/**
 * The large region (issue 18): its layout from generate-region.ts; local ties spread over its five
 * municipalities by their stock (82% with ties, as in the demo), preferred buurten within one
 * municipality, and respondents scaled to regio Amsterdam's means (about 270 a regular advert, 1,100
 * a lottery dwelling) while keeping the demo's popularity model (cheap and family homes draw more).
 */
function largeRegion(rng: SeededRandom): Region {
  const layout = planLargeRegion(rng, { buurten: BUURTEN, complexes: COMPLEXES });
  const buurtByCode = new Map(layout.buurten.map((b) => [b.code, b]));
  const stock = new Map<string, number>();
  for (const c of layout.complexes) {
    const m = municipalityOf(buurtByCode.get(c.buurtCode)!);
    stock.set(m, (stock.get(m) ?? 0) + c.size);
  }
  const total = layout.complexes.reduce((s, c) => s + c.size, 0);
  const byStock = layout.municipalities.map((m) => [m.code, (stock.get(m.code) ?? 0) / total] as const);
  const pools = new Map(layout.municipalities.map((m) => [m.code, layout.buurten.filter((b) => municipalityOf(b) === m.code)]));
  return {
    ...layout,
    buurtByCode,
    applicantCount: LARGE_APPLICANT_COUNT,
    openVacancyCount: LARGE_OPEN_VACANCY_COUNT,
    lotteryCount: LARGE_LOTTERY_VACANCY_COUNT,
    urgencyCount: LARGE_URGENCY_VACANCY_COUNT,
    localTies: [...byStock.map(([code, s]) => [code, 0.82 * s] as const), [null, 0.18]],
    refugeeTies: (r) => r.weighted(byStock),
    preferencePool: (r) => pools.get(r.weighted(byStock))!,
    respondentCounter: largeRespondentCounter,
  };
}

// ---------------------------------------------------------------------------------------------------
// Generator

/**
 * Builds the whole demo municipality. Throws RangeError for an invalid date, seed or scale (programmer errors).
 * Sizes at 'demo': 12 buurten, 25 complexes, ~2,000 dwellings, 5,000 applicants, ~3,800 tenant households
 * (current and former), 60 open vacancies. At 'large': 5 municipalities, 150 buurten, 600 complexes,
 * ~50,000 dwellings, 150,000 applicants, ~88,000 tenant households, 520 open vacancies (470 regular,
 * 20 lottery, 30 urgency; about 270 and 1,100 respondents), the same 16 history lettings; about 10 s
 * and 200 MB of heap on a 2-core machine (issue 18).
 */
export function generateDemoMunicipality(options: DemoOptions): DemoDataset {
  const { seed, referenceDate, scale = 'demo' } = options;
  if (!isIsoDate(referenceDate)) throw new RangeError(`referenceDate must be YYYY-MM-DD, got ${referenceDate}`);
  const refYear = yearOf(referenceDate);
  if (refYear < 2000 || refYear > 2099) throw new RangeError(`referenceDate year must be 2000..2099, got ${refYear}`);
  if (scale !== 'demo' && scale !== 'large') throw new RangeError(`scale must be 'demo' or 'large', got ${String(scale)}`);
  const root = new SeededRandom(seed);
  // the large layout has its own stream: the demo's streams (and so its output) are the same at both scales' start
  const region = scale === 'large' ? largeRegion(root.fork('region')) : DEMO_REGION;
  const ctx: Context = { rng: root, refDay: toDay(referenceDate), refYear, region, households: [] };

  const neighbourhoods = generateNeighbourhoods(root.fork('neighbourhoods'), refYear, region);
  const complexes: ComplexRow[] = region.complexes.map((c) => ({ code: c.code, name: c.name, buurtCode: c.buurtCode }));
  const dwellingInfos = generateDwellings(root.fork('dwellings'), ctx, region.buurtByCode);

  const applicants = generateApplicants({ ...ctx, rng: root.fork('applicants') });
  const vacantInfos = chooseVacantDwellings(root.fork('vacant-dwellings'), dwellingInfos, region.openVacancyCount);
  const tenancies = generateTenancies({ ...ctx, rng: root.fork('tenancies') }, dwellingInfos, new Set(vacantInfos.map((d) => d.row.code)));
  const columns = applicantColumns(applicants, region);
  const vacancies = generateVacancies({ ...ctx, rng: root.fork('vacancies') }, vacantInfos, applicants, columns);
  const lettingHistory = generateLettingHistory({ ...ctx, rng: root.fork('letting-history') }, dwellingInfos, tenancies, applicants, columns, vacancies);

  const readings = generateReadings(root.fork('readings'), refYear, dwellingInfos, region);
  addEndReasons(root.fork('end-reasons'), tenancies, dwellingInfos);
  const observations = generateObservations(root.fork('observations'), referenceDate, dwellingInfos, region);

  return {
    neighbourhoods,
    readings,
    observations,
    complexes,
    dwellings: dwellingInfos.map((d) => d.row),
    households: ctx.households,
    tenancies,
    vacancies,
    caseComplexCode: DEMO_CASE_COMPLEX_CODE,
    lettingHistory,
  };
}

/**
 * resilienceScore: demo deviation from the municipal average in standard deviations, -2.0..+2.0 with one
 * decimal; negative means less resilient. Each class covers a band of 0.8 (class 1: -2.0..-1.2, class 3:
 * -0.4..+0.4, class 5: +1.2..+2.0), like the signalling (relative) veerkrachtkaart (docs/domain.md §6.1).
 */
function generateNeighbourhoods(rng: SeededRandom, refYear: number, region: Region): NeighbourhoodRow[] {
  const names = new Map(region.municipalities.map((m) => [m.code, m.name]));
  return region.buurten.map((b) => ({
    buurtCode: b.code,
    name: b.name,
    municipalityCode: municipalityOf(b),
    municipalityName: names.get(municipalityOf(b))!,
    resilienceClass: b.resilienceClass,
    resilienceScore: round1(clamp((b.resilienceClass - 3) * 0.8 + rng.float(-0.4, 0.4), -2, 2)),
    resilienceSource: DEMO_RESILIENCE_SOURCE,
    resilienceYear: min(2024, refYear - 1),
  }));
}

/**
 * Readings 2019 to the reference year (issue 16), all labelled demo data: each year the association's
 * resilience class (the buurt's own; Rozenwijk falls from 2 to 1 in 2022), every other year
 * Leefbaarometer-style classes (1-9) near 2 + the resilience class, with Rozenwijk's total and its
 * nuisance dimension falling over the years, and the homes of the buurt for the association's share.
 */
function generateReadings(rng: SeededRandom, refYear: number, dwellings: readonly DwellingInfo[], region: Region): NeighbourhoodReadingRow[] {
  const out: NeighbourhoodReadingRow[] = [];
  const homesByBuurt = countBy(dwellings, (d) => d.buurt.code);
  for (const b of region.buurten) {
    const own = homesByBuurt.get(b.code) ?? 0;
    // the association's share of the buurt's homes: higher where resilience is lower (demo model)
    const stock = own === 0 ? null : round(own / clamp(0.75 - (b.resilienceClass - 1) * 0.12 + rng.float(-0.05, 0.05), 0.15, 0.9));
    for (let year = 2019; year <= min(2026, refYear); year += 1) {
      const caseBuurt = b.code === CASE_BUURT;
      out.push({
        buurtCode: b.code,
        year,
        source: DEMO_RESILIENCE_SOURCE,
        resilienceClass: caseBuurt ? (year < 2022 ? 2 : 1) : b.resilienceClass,
        dwellingStock: stock,
      });
      if (year % 2 !== 0) continue;
      const base = 2 + b.resilienceClass;
      const decline = caseBuurt ? Math.floor((year - 2019) / 2) : 0;
      out.push({
        buurtCode: b.code,
        year,
        source: DEMO_LEEFBAAROMETER_SOURCE,
        leefbaarometerClass: clamp(base + 1 - decline + rng.int(-1, 0), 1, 9),
        nuisanceClass: clamp(base - decline + rng.int(-1, 1), 1, 9),
        socialCohesionClass: clamp(base + rng.int(-1, 1), 1, 9),
      });
    }
  }
  return out;
}

/** Source of the demo's outcome observations: generated, so labelled as such wherever it shows. */
export const DEMO_OBSERVATION_SOURCE = 'Demo data (generated, not a measurement)';
/** The programme of the demo's case complex starts on 1 January this many years before the reference year. */
export const DEMO_PROGRAMME_YEARS_AGO = 3;

/**
 * Why the demo's ended tenancies ended (VERA EINDEDETAILREDEN, migrations/1764000000015): mostly
 * regular moves and more suitable homes; in Rozenhof, before its programme, more left for liveability
 * reasons (LEE) or without notice (NOO): the pattern the practice describes (shared/domain/case.md).
 */
function addEndReasons(rng: SeededRandom, tenancies: TenancyRow[], dwellings: readonly DwellingInfo[]): void {
  const complexOf = new Map(dwellings.map((d) => [d.row.code, d.complex]));
  const usual: [string, number][] = [
    ['REG', 35],
    ['PAS', 22],
    ['KOO', 8],
    ['OVE', 9],
    ['PER', 10],
    ['WER', 5],
    ['WON', 3],
    ['LEE', 4],
    ['ONT', 2],
    ['NOO', 2],
  ];
  const troubled: [string, number][] = usual.map(([code, w]) => [code, code === 'LEE' ? 22 : code === 'NOO' ? 8 : code === 'ONT' ? 5 : w]);
  for (const t of tenancies) {
    if (!t.endDate) continue;
    const troubledYears = complexOf.get(t.dwellingCode)?.isCase === true && yearOf(t.endDate) < 2023;
    t.endReason = rng.weighted(troubledYears ? troubled : usual);
  }
}

/** Poisson draw (Knuth; rates here are small enough) for counts of events in a period. */
function poisson(rng: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.float(0, 1);
  while (p > limit) {
    k += 1;
    p *= rng.float(0, 1);
  }
  return k;
}

/**
 * Outcome history (issue 16), labelled as generated: per complex and quarter from 2019 up to the last
 * whole quarter before the reference date, nuisance reports, tenancies ended, complaints and
 * households in arrears; a resident survey each year. Rates depend on the buurt's resilience class;
 * in Rozenhof, nuisance, turnover and arrears were high and fall over the year after its programme
 * starts (1 January, DEMO_PROGRAMME_YEARS_AGO years back), satisfaction rises; elsewhere they stay flat.
 */
function generateObservations(rng: SeededRandom, referenceDate: IsoDate, dwellings: readonly DwellingInfo[], region: Region): OutcomeObservationRow[] {
  const programmeStart = yearOf(referenceDate) - DEMO_PROGRAMME_YEARS_AGO;
  const out: OutcomeObservationRow[] = [];
  const quarters = ['01-01', '04-01', '07-01', '10-01'];
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  const homesByComplex = countBy(dwellings, (d) => d.complex.code);
  for (const complex of region.complexes) {
    const homes = homesByComplex.get(complex.code) ?? 0;
    if (homes === 0) continue;
    const klass = region.buurtByCode.get(complex.buurtCode)!.resilienceClass;
    // rates per 100 homes per year (events) or per 100 households (arrears), by resilience class (demo model)
    const base = { reports: 34 - 5 * klass, turnover: 11 - klass * 0.6, complaints: 22 - 2 * klass, arrears: 11 - 1.4 * klass, satisfied: 56 + 6 * klass };
    for (let year = 2019; year <= yearOf(referenceDate); year += 1) {
      // the case complex: from a troubled level before its programme to near its class's level a year after
      const progress = complex.isCase ? clamp((year - programmeStart) / 1.5 + 0.34, 0, 1) : 0;
      const caseFactor = (before: number) => (complex.isCase ? before + (1 - before) * progress : 1);
      for (let q = 0; q < 4; q += 1) {
        const periodStart = `${year}-${quarters[q]}`;
        const periodEnd = `${year}-${ends[q]}`;
        if (periodEnd >= referenceDate) break;
        const quarterProgress = complex.isCase ? clamp((year + q / 4 - programmeStart) / 1.5, 0, 1) : 1;
        const factor = (before: number) => (complex.isCase ? before + (1 - before) * quarterProgress : 1);
        const observe = (indicatorCode: string, count: number, denominator: number) =>
          out.push({ indicatorCode, complexCode: complex.code, periodStart, periodEnd, count, denominator, source: DEMO_OBSERVATION_SOURCE });
        observe('NUISANCE_REPORTS', poisson(rng, (base.reports * factor(2.4) * homes) / 400), homes);
        observe('TURNOVER', poisson(rng, (base.turnover * factor(2.1) * homes) / 400), homes);
        observe('COMPLAINTS', poisson(rng, (base.complaints * homes) / 400), homes);
        observe('ARREARS', min(homes, poisson(rng, (base.arrears * factor(1.8) * homes) / 100)), homes);
      }
      // the resident survey, each autumn
      if (`${year}-12-31` < referenceDate) {
        const respondents = max(5, round(homes * rng.float(0.35, 0.5)));
        const share = min(95, base.satisfied / caseFactor(1.45)) / 100;
        out.push({
          indicatorCode: 'RESIDENT_SATISFACTION',
          complexCode: complex.code,
          periodStart: `${year}-10-01`,
          periodEnd: `${year}-12-31`,
          count: min(respondents, round(respondents * clamp(share + rng.float(-0.05, 0.05), 0, 1))),
          denominator: respondents,
          source: DEMO_OBSERVATION_SOURCE,
        });
      }
    }
  }
  return out;
}

function generateDwellings(rng: SeededRandom, ctx: Context, buurten: ReadonlyMap<string, BuurtSpec>): DwellingInfo[] {
  const out: DwellingInfo[] = [];
  const letterIndexByBuurt = new Map<string, number>();
  for (const complex of ctx.region.complexes) {
    const buurt = buurten.get(complex.buurtCode)!;
    const kind = KINDS[complex.kind];
    const size = complex.isCase ? complex.size : clamp(round(complex.size * rng.float(0.92, 1.08)), 20, 200);
    // Never deliver in the future of the reference date; deliveries fall on the first of a month.
    const buildYear = min(complex.buildYear, ctx.refYear - 2);
    const deliveryDay = toDay(`${buildYear}-${pad(rng.int(1, 12), 2)}-01`);
    const buurtFactor = 1 + (buurt.resilienceClass - 3) * 0.02;
    let letterIndex = letterIndexByBuurt.get(buurt.code) ?? rng.int(0, 20);
    for (let n = 1; n <= size; n += 1) {
      if ((n - 1) % 20 === 0) letterIndex += 1; // one PC6 per ~20 addresses
      const rooms = rng.weighted(kind.rooms);
      const [aMin, aMax] = AREA_BY_ROOMS[rooms];
      const floorAreaM2 = clamp(round(rng.int(aMin, aMax) * kind.areaFactor), 18, 160);
      const isDaeb = !rng.bool(kind.nonDaebShare * (buurt.resilienceClass >= 3 ? 1 : 0.3));
      let netRentCents: number;
      if (!isDaeb) {
        netRentCents = rng.int(95_000, 125_000); // demo: liberalised / middle-segment rents
      } else {
        const euro = (kind.rentBaseEuro + kind.rentPerM2Euro * floorAreaM2) * buurtFactor * rng.float(0.94, 1.06) * (complex.isCase ? 0.93 : 1);
        netRentCents = round(euro * 100);
        if (complex.kind === 'YOUTH') netRentCents = min(netRentCents, YOUTH_RENT_MAX_CENTS - rng.int(0, 2_500));
        if (netRentCents > DEMO_SOCIAL_RENT_CEILING_CENTS) netRentCents = DEMO_SOCIAL_RENT_CEILING_CENTS - rng.int(0, 3_000);
      }
      const wheelchair = rng.bool(kind.wheelchairShare);
      const accessibility: DwellingRow['accessibility'] = wheelchair ? 'WHEELCHAIR' : rng.bool(kind.zeroStepShare) ? 'ZERO_STEP' : 'NONE';
      const labels: string[] = [];
      if (complex.seniorLabel && accessibility !== 'NONE') labels.push(complex.seniorLabel);
      if (complex.kind === 'YOUTH') labels.push('YOUTH');
      if (rooms >= 4 && !labels.some((l) => l.startsWith('SENIOR'))) labels.push('FAMILY');
      if (accessibility === 'WHEELCHAIR') labels.push('WHEELCHAIR');
      const [sMin, sMax] = kind.serviceCostsCents;
      out.push({
        row: {
          code: `VHE-${pad(out.length + 1, 6)}`,
          complexCode: complex.code,
          address: `${complex.street} ${n}`,
          postcode: `${buurt.pc4}${POSTCODE_LETTERS[letterIndex % POSTCODE_LETTERS.length]}`,
          rooms,
          floorAreaM2,
          netRentCents,
          serviceCostsCents: round(rng.int(sMin, sMax) / 100) * 100,
          isDaeb,
          accessibility,
          labels: sortedLabels(labels),
        },
        complex,
        buurt,
        deliveryDay,
      });
    }
    letterIndexByBuurt.set(buurt.code, letterIndex + 1);
  }
  return out;
}

function turnoverOf(complex: ComplexSpec): number {
  return complex.isCase ? CASE_TURNOVER_PER_YEAR : KINDS[complex.kind].turnoverPerYear;
}

/** The homes of the open vacancies: 3-4 in the case complex, the rest where turnover is highest. */
function chooseVacantDwellings(rng: SeededRandom, dwellings: readonly DwellingInfo[], count: number): DwellingInfo[] {
  const caseHomes = dwellings.filter((d) => d.complex.isCase);
  const inCase = rng.sample(caseHomes, rng.int(3, 4));
  const others = dwellings.filter((d) => !d.complex.isCase);
  const rest = rng.weightedSample(others, (d) => turnoverOf(d.complex), count - inCase.length);
  return [...inCase, ...rest].sort((x, y) => (x.row.code < y.row.code ? -1 : x.row.code > y.row.code ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------
// Applicants (the waiting list)

const SIZE_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [1, 0.5],
  [2, 0.22],
  [3, 0.12],
  [4, 0.09],
  [5, 0.05],
  [6, 0.02],
];

function compositionForSize(rng: SeededRandom, size: number): Composition {
  if (size === 1) return { partner: false, children: 0, coResidents: 0 };
  if (size === 2) {
    return rng.weighted<Composition>([
      [{ partner: true, children: 0, coResidents: 0 }, 0.62],
      [{ partner: false, children: 1, coResidents: 0 }, 0.3],
      [{ partner: false, children: 0, coResidents: 1 }, 0.08],
    ]);
  }
  return rng.weighted<Composition>([
    [{ partner: true, children: size - 2, coResidents: 0 }, 0.72],
    [{ partner: false, children: size - 1, coResidents: 0 }, 0.22],
    [{ partner: true, children: size - 3, coResidents: 1 }, 0.06],
  ]);
}

function applicantAgeFor(rng: SeededRandom, c: Composition): number {
  if (c.children > 0) {
    return ageFromBands(
      rng,
      c.partner
        ? [
            [21, 29, 0.25],
            [30, 44, 0.55],
            [45, 58, 0.2],
          ]
        : [
            [19, 29, 0.3],
            [30, 44, 0.5],
            [45, 60, 0.2],
          ],
    );
  }
  if (c.partner)
    return ageFromBands(rng, [
      [19, 29, 0.3],
      [30, 54, 0.22],
      [55, 66, 0.18],
      [67, 90, 0.3],
    ]);
  if (c.coResidents > 0)
    return ageFromBands(rng, [
      [18, 35, 0.5],
      [36, 70, 0.5],
    ]);
  return ageFromBands(rng, [
    [18, 22, 0.16],
    [23, 29, 0.22],
    [30, 44, 0.2],
    [45, 66, 0.24],
    [67, 92, 0.18],
  ]);
}

function localTiesFor(rng: SeededRandom, region: Region, applicantAge: number, needs: readonly SupportNeed[]): LocalTies {
  if (needs.includes('REFUGEE_PERMIT_HOLDER')) {
    return rng.bool(0.6)
      ? { localTiesMunicipalityCode: region.refugeeTies(rng), localTiesYears: rng.int(0, 3) }
      : { localTiesMunicipalityCode: null, localTiesYears: null };
  }
  const where = rng.weighted<string | null>(region.localTies);
  if (where === null) return { localTiesMunicipalityCode: null, localTiesYears: null };
  // Most have lived here a long time (often since birth); some moved in recently.
  const years = rng.bool(0.55) ? applicantAge : rng.int(0, applicantAge);
  return { localTiesMunicipalityCode: where, localTiesYears: min(years, 120) };
}

function preferencesFor(rng: SeededRandom, region: Region, size: number, incomeEuro: number): HouseholdPreferencesRow | undefined {
  if (rng.bool(0.15)) return undefined;
  const prefs: HouseholdPreferencesRow = {};
  prefs.minRooms =
    size === 1
      ? rng.weighted([
          [1, 0.4],
          [2, 0.6],
        ])
      : size === 2
        ? 2
        : size === 3
          ? rng.weighted([
              [2, 0.3],
              [3, 0.7],
            ])
          : size === 4
            ? 3
            : 4;
  if (rng.bool(0.8)) {
    // demo: what the household says it can pay, about a third of gross monthly income, in steps of €25
    const euro = clamp(round(((incomeEuro / 12) * rng.float(0.28, 0.4)) / 25) * 25, 450, 1_300);
    prefs.maxNetRentCents = euro * 100;
  }
  if (rng.bool(0.45)) {
    // people more often name resilient buurten
    const picks = rng.weightedSample(region.preferencePool(rng), (b) => b.resilienceClass + 1, rng.int(1, 4));
    prefs.buurtCodes = picks.map((b) => b.code).sort();
  }
  return prefs;
}

function generateApplicants(ctx: Context): ApplicantInfo[] {
  const { rng, refDay } = ctx;
  const infos: ApplicantInfo[] = [];
  for (let i = 0; i < ctx.region.applicantCount; i += 1) {
    const size = rng.weighted(SIZE_WEIGHTS);
    const c = compositionForSize(rng, size);
    const applicantAge = applicantAgeFor(rng, c);
    const { members, eldestAdultAge: eldestAge } = buildMembers(rng, c, applicantAge, refDay);
    const adultFromDay = eighteenthBirthdayDay(members[0].birthDate);

    // Registration: 0..15 years ago, skewed to recent, never before the applicant turned 18.
    const maxYearsAgo = min(15, (refDay - adultFromDay) / DAYS_PER_YEAR);
    let registrationDay = refDay - floor(maxYearsAgo * rng.next() ** 1.7 * DAYS_PER_YEAR);

    // Urgency for ~6.5%: granted within the past year and valid for a year; ~10% of them have expired.
    let urgency: Pick<HouseholdRow, 'urgencyCategory' | 'urgencyGranted' | 'urgencyExpires'> = {
      urgencyCategory: null,
      urgencyGranted: null,
      urgencyExpires: null,
    };
    let needs: SupportNeed[] = [];
    let urgentActive = false;
    if (applicantAge >= 20 && rng.bool(0.065)) {
      const category = urgencyCategoryFor(rng, c, applicantAge);
      const expired = rng.bool(0.1);
      const grantedDay = expired ? refDay - rng.int(400, 600) : refDay - rng.int(0, 364);
      const granted = fromDay(grantedDay);
      const expires = addYears(granted, 1);
      urgency = { urgencyCategory: category, urgencyGranted: granted, urgencyExpires: expires };
      urgentActive = toDay(expires) >= refDay;
      needs = needsForUrgency(rng, category);
      if (registrationDay > grantedDay) registrationDay = max(adultFromDay, grantedDay - rng.int(0, 60));
    } else if (rng.bool(0.095)) {
      needs = genericNeeds(rng, 0.2);
    }

    const source = incomeSourceFor(rng, c, applicantAge, eldestAge, needs);
    const incomeYear = ctx.refYear - (rng.bool(0.8) ? 1 : 2);
    const incomeEuro = annualIncomeEuro(rng, source, c, incomeYear);
    const indication = indicationFor(rng, eldestAge >= 67 ? 0.1 : 0.02, 0.2);
    const preferences = preferencesFor(rng, ctx.region, size, incomeEuro);
    const reference = nextReference(ctx);
    const row: HouseholdRow = {
      reference,
      members,
      taxableIncomeCents: incomeEuro * 100,
      incomeYear,
      incomeSource: source,
      box3AssetsCents: box3AssetsCents(rng, eldestAge, 0.3),
      registrationDate: fromDay(registrationDay),
      ...urgency,
      supportNeeds: needs,
      ...localTiesFor(rng, ctx.region, applicantAge, needs),
      ...indication,
      onWaitingList: true,
    };
    if (preferences) row.preferences = preferences;
    ctx.households.push(row);
    infos.push({
      reference,
      size,
      applicantAge,
      eldestAge,
      incomeEuro,
      urgentActive,
      hasSupportNeeds: needs.length > 0,
      indication: indication.indicationAccessibility ?? null,
      preferences,
      activity: rng.logNormal(1, 0.9),
    });
  }
  return infos;
}

// ---------------------------------------------------------------------------------------------------
// Tenancies and tenant households

interface Span {
  startDay: number;
  endDay: number | null;
}

/**
 * Tenancies of one dwelling, oldest first. Tenancies end at a constant rate (the complex's turnover), so
 * the current one started an exponential time ago; earlier ones follow back to the history horizon or
 * to the first letting after delivery. A home of an open vacancy lost its last tenant in the past 5 weeks.
 */
function dwellingTimeline(rng: SeededRandom, d: DwellingInfo, refDay: number, vacant: boolean): Span[] {
  const rate = turnoverOf(d.complex);
  const maxDays = KINDS[d.complex.kind].maxTenancyYears === null ? Infinity : KINDS[d.complex.kind].maxTenancyYears! * 365;
  const horizonDay = shiftYears(refDay, -DEMO_HISTORY_YEARS);
  const spans: Span[] = [];
  let endDay: number | null = vacant ? refDay - rng.int(0, 35) : null;
  for (;;) {
    const untilDay = endDay ?? refDay;
    const durationDays = min(maxDays, max(60, round(rng.exponential(rate) * DAYS_PER_YEAR)));
    let startDay = untilDay - durationDays;
    const first = startDay <= d.deliveryDay;
    if (first) startDay = min(untilDay, d.deliveryDay + rng.int(0, 60));
    spans.push({ startDay, endDay });
    if (first) break;
    const previousEnd = startDay - rng.int(7, 60); // void between tenants: notice, repairs, letting
    if (previousEnd < horizonDay || previousEnd <= d.deliveryDay) break;
    endDay = previousEnd;
  }
  return spans.reverse();
}

type Route = NonNullable<TenancyRow['allocationRoute']>;

interface TenantPlan {
  vulnerable: boolean;
  route: Route;
  needs: SupportNeed[];
  urgencyCategory: UrgencyCategory | null;
}

function planTenant(rng: SeededRandom, vulnerable: boolean, caseRecent: boolean, startYear: number): TenantPlan {
  const lotteryYears = startYear >= 2015; // demo: the association started letting part of its stock by lottery in 2015
  let route: Route;
  if (vulnerable) {
    route = caseRecent
      ? rng.weighted<Route>([
          ['URGENCY', 0.65],
          ['DIRECT', 0.3],
          ['REGULAR', 0.05],
        ])
      : rng.weighted<Route>([
          ['URGENCY', 0.4],
          ['DIRECT', 0.15],
          ['REGULAR', 0.45],
        ]);
  } else {
    route = caseRecent
      ? rng.weighted<Route>([
          ['URGENCY', 0.35],
          ['REGULAR', 0.65],
        ])
      : rng.weighted<Route>([
          ['REGULAR', 0.86],
          ['URGENCY', 0.06],
          ['DIRECT', 0.03],
          ['LOTTERY', lotteryYears ? 0.05 : 0],
        ]);
  }
  let urgencyCategory: UrgencyCategory | null = null;
  let needs: SupportNeed[] = [];
  if (vulnerable) {
    if (route === 'URGENCY') {
      urgencyCategory = rng.weighted<UrgencyCategory>([
        ['SUPPORTED_HOUSING_OUTFLOW', 0.3],
        ['SHELTER_DOMESTIC_VIOLENCE', 0.25],
        ['SOCIAL', 0.2],
        ['MEDICAL', 0.25],
      ]);
      needs = needsForUrgency(rng, urgencyCategory);
      if (needs.length === 0) needs = genericNeeds(rng, 0.2);
    } else if (route === 'DIRECT') {
      needs = [
        rng.weighted<SupportNeed>([
          ['REFUGEE_PERMIT_HOLDER', 0.5],
          ['SUPPORTED_HOUSING_OUTFLOW', 0.3],
          ['INTELLECTUAL_DISABILITY', 0.2],
        ]),
      ];
      if (rng.bool(0.3)) needs = sortedNeeds([...needs, rng.weighted(GENERIC_NEEDS)]);
    } else {
      needs = genericNeeds(rng, 0.35);
    }
  } else if (route === 'URGENCY') {
    urgencyCategory = rng.weighted<UrgencyCategory>([
      ['MEDICAL', 0.4],
      ['REHOUSING', 0.3],
      ['INFORMAL_CARE', 0.15],
      ['SOCIAL', 0.15],
    ]);
  }
  return { vulnerable, route, needs, urgencyCategory };
}

function tenantCompositionAndAge(rng: SeededRandom, d: DwellingInfo, yearsAtAsOf: number, vulnerable: boolean): { c: Composition; ageAtStart: number } {
  const { complex, row } = d;
  let ageAtStart: number;
  if (complex.kind === 'SENIOR') ageAtStart = complex.seniorLabel === 'SENIOR_55' ? rng.int(55, 82) : rng.int(65, 85);
  else if (row.labels.includes('SENIOR_55')) ageAtStart = rng.int(55, 80);
  else if (complex.kind === 'YOUTH') ageAtStart = rng.int(18, 22);
  else if (row.rooms >= 4)
    ageAtStart = ageFromBands(rng, [
      [21, 29, 0.3],
      [30, 44, 0.55],
      [45, 60, 0.15],
    ]);
  // vulnerable inflow (leaving care or shelter, permit holders) is mostly younger
  else if (vulnerable)
    ageAtStart = ageFromBands(rng, [
      [18, 29, 0.4],
      [30, 54, 0.5],
      [55, 66, 0.1],
    ]);
  else
    ageAtStart = ageFromBands(rng, [
      [18, 29, 0.35],
      [30, 54, 0.35],
      [55, 66, 0.15],
      [67, 85, 0.15],
    ]);
  // a tenancy that has lasted decades started young: keep everyone at 90 or below
  if (ageAtStart + yearsAtAsOf > 90) ageAtStart = rng.int(18, max(18, 90 - yearsAtAsOf));
  const ageNow = ageAtStart + yearsAtAsOf;
  const maxSize = row.rooms + 1;
  let c: Composition;
  if (complex.kind === 'YOUTH' || row.rooms === 1) c = { partner: false, children: 0, coResidents: 0 };
  else if (ageNow >= 67) c = { partner: rng.bool(0.4), children: 0, coResidents: 0 };
  else if (row.rooms >= 4 && ageNow <= 60) {
    c = rng.weighted<Composition>([
      [{ partner: true, children: rng.int(1, max(1, maxSize - 2)), coResidents: 0 }, 0.55],
      [{ partner: false, children: rng.int(1, max(1, maxSize - 2)), coResidents: 0 }, 0.15],
      [{ partner: true, children: 0, coResidents: 0 }, 0.15],
      [{ partner: false, children: 0, coResidents: 0 }, 0.15],
    ]);
  } else {
    c = rng.weighted<Composition>([
      [{ partner: false, children: 0, coResidents: 0 }, 0.5],
      [{ partner: true, children: 0, coResidents: 0 }, 0.25],
      [{ partner: false, children: rng.int(1, max(1, min(2, maxSize - 1))), coResidents: 0 }, 0.12],
      [{ partner: true, children: rng.int(1, max(1, min(2, maxSize - 2))), coResidents: 0 }, 0.13],
    ]);
  }
  return { c, ageAtStart };
}

/** A tenant household as of `asOfDay` (the reference date, or the end date for a former tenant). */
function tenantHousehold(ctx: Context, d: DwellingInfo, span: Span, plan: TenantPlan): HouseholdRow {
  const { rng } = ctx;
  const asOfDay = span.endDay ?? ctx.refDay;
  const yearsAtAsOf = floor((asOfDay - span.startDay) / DAYS_PER_YEAR);
  const { c, ageAtStart } = tenantCompositionAndAge(rng, d, yearsAtAsOf, plan.vulnerable);
  const applicantAge = min(ageAtStart + yearsAtAsOf, 99);
  let built = buildMembers(rng, c, applicantAge, asOfDay);
  // The applicant was an adult when the tenancy started (ages are whole years: check the date).
  if (eighteenthBirthdayDay(built.members[0].birthDate) > span.startDay) built = buildMembers(rng, c, applicantAge + 1, asOfDay);
  const { members, eldestAdultAge: eldestAge } = built;
  const adultFromDay = eighteenthBirthdayDay(members[0].birthDate);

  const caseComplex = d.complex.isCase === true;
  let source: IncomeSource;
  if (eldestAge >= 67)
    source = rng.weighted<IncomeSource>([
      ['PENSION', 0.93],
      ['OTHER', 0.07],
    ]);
  else if (plan.vulnerable)
    source = rng.weighted<IncomeSource>([
      ['BENEFIT', 0.75],
      ['WORK', 0.15],
      ['OTHER', 0.1],
    ]);
  else if (caseComplex)
    source = rng.weighted<IncomeSource>([
      ['BENEFIT', 0.55],
      ['WORK', 0.35],
      ['OTHER', 0.1],
    ]);
  else if (d.complex.kind === 'YOUTH' && applicantAge <= 23)
    source = rng.weighted<IncomeSource>([
      ['STUDENT', 0.35],
      ['WORK', 0.5],
      ['BENEFIT', 0.15],
    ]);
  else
    source = rng.weighted<IncomeSource>([
      ['WORK', d.buurt.resilienceClass <= 2 ? 0.62 : 0.72],
      ['BENEFIT', d.buurt.resilienceClass <= 2 ? 0.3 : 0.2],
      ['OTHER', 0.08],
    ]);
  const incomeYear = max(2000, civilFromDays(asOfDay)[0] - 1);
  const incomeEuro = annualIncomeEuro(rng, source, c, incomeYear, caseComplex ? 0.8 : 1);

  // Registration used for this letting: shortly before for urgent and direct placements, else 0..10 years.
  const lookBack = plan.route === 'URGENCY' || plan.route === 'DIRECT' ? rng.int(30, 700) : rng.int(30, 3650);
  const registrationDay = clamp(span.startDay - lookBack, min(adultFromDay, span.startDay), span.startDay);

  // Urgency that led to the letting: granted before the start, ended (used) on the start date.
  let urgency: Pick<HouseholdRow, 'urgencyCategory' | 'urgencyGranted' | 'urgencyExpires'> = {
    urgencyCategory: null,
    urgencyGranted: null,
    urgencyExpires: null,
  };
  if (plan.route === 'URGENCY' && plan.urgencyCategory) {
    const grantedDay = clamp(span.startDay - rng.int(30, 300), registrationDay, span.startDay);
    urgency = { urgencyCategory: plan.urgencyCategory, urgencyGranted: fromDay(grantedDay), urgencyExpires: fromDay(span.startDay) };
  }

  const yearsHere = floor((asOfDay - span.startDay) / DAYS_PER_YEAR);
  const refugee = plan.needs.includes('REFUGEE_PERMIT_HOLDER');
  const localTiesYears = refugee ? yearsHere : min(applicantAge, yearsHere + rng.int(0, 20));
  const wheelchairHome = d.row.accessibility === 'WHEELCHAIR';
  const indication = wheelchairHome ? indicationFor(rng, 0.6, 1) : indicationFor(rng, d.row.accessibility === 'ZERO_STEP' && eldestAge >= 67 ? 0.15 : 0.01, 0);

  return {
    reference: nextReference(ctx),
    members,
    taxableIncomeCents: incomeEuro * 100,
    incomeYear,
    incomeSource: source,
    box3AssetsCents: box3AssetsCents(rng, eldestAge, 0.2),
    registrationDate: fromDay(registrationDay),
    ...urgency,
    supportNeeds: plan.needs,
    localTiesMunicipalityCode: municipalityOf(d.buurt),
    localTiesYears: max(0, localTiesYears),
    ...indication,
    onWaitingList: false,
  };
}

function generateTenancies(ctx: Context, dwellings: readonly DwellingInfo[], vacantCodes: ReadonlySet<string>): TenancyRow[] {
  const { rng, refDay } = ctx;
  const recentFromDay = shiftYears(refDay, -5);
  const timelines = dwellings.map((d) => dwellingTimeline(rng, d, refDay, vacantCodes.has(d.row.code)));

  // Case complex: exactly 40% of its current tenants are vulnerable, mostly among the recent inflow.
  const caseVulnerable = new Set<string>();
  const caseCurrent = dwellings.filter((d, i) => d.complex.isCase && timelines[i].at(-1)!.endDay === null);
  const caseWeight = (d: DwellingInfo): number => (timelines[dwellings.indexOf(d)].at(-1)!.startDay >= recentFromDay ? 5 : 1);
  for (const d of rng.weightedSample(caseCurrent, caseWeight, round(CASE_VULNERABLE_SHARE * caseCurrent.length))) {
    caseVulnerable.add(d.row.code);
  }

  const tenancies: TenancyRow[] = [];
  dwellings.forEach((d, i) => {
    for (const span of timelines[i]) {
      const current = span.endDay === null;
      const isCase = d.complex.isCase === true;
      const vulnerable =
        current && isCase
          ? caseVulnerable.has(d.row.code)
          : rng.bool(isCase ? 0.3 : VULNERABLE_SHARE_BY_CLASS[d.buurt.resilienceClass] + (d.complex.kind === 'YOUTH' ? 0.04 : 0));
      const plan = planTenant(rng, vulnerable, isCase && span.startDay >= recentFromDay, civilFromDays(span.startDay)[0]);
      const household = tenantHousehold(ctx, d, span, plan);
      ctx.households.push(household);
      tenancies.push({
        householdReference: household.reference,
        dwellingCode: d.row.code,
        startDate: fromDay(span.startDay),
        endDate: span.endDay === null ? null : fromDay(span.endDay),
        allocationRoute: plan.route,
      });
    }
  });
  return tenancies;
}

// ---------------------------------------------------------------------------------------------------
// The past year's lettings

/** How many of the past year's lettings the demo plays through the live flow (publication to tenancy). */
export const DEMO_HISTORY_LETTINGS = 16;
/** How many history vacancies the choosy applicant responds to (the policy's block follows the third refusal). */
const CHOOSY_RESPONSES = 4;

/**
 * The past year's lettings as vacancies to play back (DemoSeederService): homes outside the case
 * complex whose current tenant moved in 2 to 11 months ago lose that tenant (and its household) from
 * the dataset, and get a vacancy available from that day, with respondents drawn as for the open
 * vacancies. The live flow then lets them on their dates, so the accountability page, quota status,
 * refusals and sanctions have real content. The case complex keeps its generated history (its
 * figures are the case: docs/domain.md §7). Drawn from its own random stream: the rest of the demo is
 * the same with or without it.
 */
function generateLettingHistory(
  ctx: Context,
  dwellings: readonly DwellingInfo[],
  tenancies: TenancyRow[],
  applicants: readonly ApplicantInfo[],
  columns: ApplicantColumns,
  vacancies: VacancyRow[],
): DemoLettingHistory {
  const { rng, refDay } = ctx;
  const dwellingByCode = new Map(dwellings.map((d) => [d.row.code, d]));
  const recent = tenancies.filter((t) => {
    const d = dwellingByCode.get(t.dwellingCode)!;
    const startDay = toDay(t.startDate);
    return t.endDate === null && !d.complex.isCase && d.row.isDaeb && startDay >= refDay - 330 && startDay <= refDay - 60;
  });
  const chosen = rng
    .sample(recent, min(DEMO_HISTORY_LETTINGS, recent.length))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.dwellingCode < b.dwellingCode ? -1 : 1));
  const dropped = new Set(chosen.map((t) => t.householdReference));
  for (let i = tenancies.length - 1; i >= 0; i -= 1) if (dropped.has(tenancies[i].householdReference) && tenancies[i].endDate === null) tenancies.splice(i, 1);
  for (let i = ctx.households.length - 1; i >= 0; i -= 1) if (dropped.has(ctx.households[i].reference)) ctx.households.splice(i, 1);

  const lettings = chosen.map((t) => ({
    t,
    d: dwellingByCode.get(t.dwellingCode)!,
    // a direct placement is not advertised: in the history it is let on the regular route
    route: (t.allocationRoute === 'LOTTERY' || t.allocationRoute === 'URGENCY' ? t.allocationRoute : 'REGULAR') as VacancyRow['route'],
  }));
  const countOf = ctx.region.respondentCounter(lettings);
  const history = lettings.map(({ t, d, route }, i) => {
    const respondents = rng
      .weightedSample(applicants, responseWeigher(d, route, columns), countOf(rng, d, route))
      .map((a) => a.reference)
      .sort();
    return { reference: `VAC-H${pad(i + 1, 3)}`, dwellingCode: d.row.code, availableFrom: t.startDate, route, status: 'OPEN' as const, respondents, d };
  });

  // the choosy applicant: early on the list, without support needs or urgency, of modest income (eligible for
  // the ordinary homes it responds to); homes with labels or accessibility are left out (an indication or a
  // label would go first there)
  const registrationOf = new Map(ctx.households.map((h) => [h.reference, h.registrationDate]));
  const choosy =
    applicants
      .filter(
        (a) =>
          a.size <= 2 && !a.hasSupportNeeds && !a.urgentActive && a.indication === null && a.incomeEuro >= 32_000 && a.incomeEuro <= 42_000 && a.eldestAge < 60,
      )
      .sort((a, b) => registrationOf.get(a.reference)!.localeCompare(registrationOf.get(b.reference)!) || a.reference.localeCompare(b.reference))[0] ?? null;
  // it responds to the last (most recent) regular two- and three-room homes without labels or accessibility, so
  // its block is still in force today, and is first on their lists (the regular route's order): in the demo, the
  // few who registered before it did not respond there
  const fits = history
    .filter((v) => v.route === 'REGULAR' && v.d.row.rooms >= 2 && v.d.row.rooms <= 3 && v.d.row.labels.length === 0 && v.d.row.accessibility === 'NONE')
    .slice(-CHOOSY_RESPONSES);
  if (choosy && fits.length === CHOOSY_RESPONSES) {
    const since = registrationOf.get(choosy.reference)!;
    for (const v of fits) v.respondents = [...v.respondents.filter((r) => r !== choosy.reference && registrationOf.get(r)! > since), choosy.reference].sort();
  }

  for (const { d: _d, ...row } of history) vacancies.push(row);
  return { vacancies: history.map((v) => v.reference), choosyApplicant: choosy && fits.length === CHOOSY_RESPONSES ? choosy.reference : null };
}

// ---------------------------------------------------------------------------------------------------
// Vacancies and respondents

/**
 * The applicant facts the response weight reads, one typed array per fact, indexed like the applicants:
 * the weigher runs for every applicant on every vacancy (80 million times in the large region), and
 * reading flat arrays is several times faster than reading the objects (and their optional preferences).
 */
interface ApplicantColumns {
  activity: Float64Array;
  size: Uint8Array;
  applicantAge: Uint8Array;
  eldestAge: Uint8Array;
  incomeEuro: Float64Array;
  urgentActive: Uint8Array;
  hasSupportNeeds: Uint8Array;
  /** 0 none, 1 ZERO_STEP, 2 WHEELCHAIR */
  indication: Uint8Array;
  /** Preferred buurten as indexes into region.buurten, PREFERRED_BUURTEN_MAX slots each, -1 when unused. */
  preferredBuurten: Int16Array;
  hasBuurtPreference: Uint8Array;
  /** -1: no maximum */
  maxNetRentCents: Float64Array;
  /** 0: no minimum */
  minRooms: Uint8Array;
  buurtIndexOf: ReadonlyMap<string, number>;
}

/** preferencesFor names 1 to 4 buurten. */
const PREFERRED_BUURTEN_MAX = 4;
const INDICATION_ZERO_STEP = 1;
const INDICATION_WHEELCHAIR = 2;

function applicantColumns(applicants: readonly ApplicantInfo[], region: Region): ApplicantColumns {
  const n = applicants.length;
  const buurtIndex = new Map(region.buurten.map((b, i) => [b.code, i]));
  const cols: ApplicantColumns = {
    activity: new Float64Array(n),
    size: new Uint8Array(n),
    applicantAge: new Uint8Array(n),
    eldestAge: new Uint8Array(n),
    incomeEuro: new Float64Array(n),
    urgentActive: new Uint8Array(n),
    hasSupportNeeds: new Uint8Array(n),
    indication: new Uint8Array(n),
    preferredBuurten: new Int16Array(n * PREFERRED_BUURTEN_MAX).fill(-1),
    hasBuurtPreference: new Uint8Array(n),
    maxNetRentCents: new Float64Array(n).fill(-1),
    minRooms: new Uint8Array(n),
    buurtIndexOf: buurtIndex,
  };
  applicants.forEach((a, i) => {
    cols.activity[i] = a.activity;
    cols.size[i] = a.size;
    cols.applicantAge[i] = a.applicantAge;
    cols.eldestAge[i] = a.eldestAge;
    cols.incomeEuro[i] = a.incomeEuro;
    cols.urgentActive[i] = a.urgentActive ? 1 : 0;
    cols.hasSupportNeeds[i] = a.hasSupportNeeds ? 1 : 0;
    cols.indication[i] = a.indication === 'WHEELCHAIR' ? INDICATION_WHEELCHAIR : a.indication === 'ZERO_STEP' ? INDICATION_ZERO_STEP : 0;
    const p = a.preferences;
    if (p === undefined) return;
    if (p.buurtCodes !== undefined) {
      if (p.buurtCodes.length > PREFERRED_BUURTEN_MAX) throw new RangeError(`at most ${PREFERRED_BUURTEN_MAX} preferred buurten`);
      cols.hasBuurtPreference[i] = 1;
      p.buurtCodes.forEach((code, k) => (cols.preferredBuurten[i * PREFERRED_BUURTEN_MAX + k] = buurtIndex.get(code)!));
    }
    if (p.maxNetRentCents !== undefined) cols.maxNetRentCents[i] = p.maxNetRentCents;
    if (p.minRooms !== undefined) cols.minRooms[i] = p.minRooms;
  });
  return cols;
}

/**
 * How plausibly an applicant responds to a home: a relative weight, never zero, because real waiting
 * lists include respondents who do not fit (too large a household, too young for a senior label).
 * Dwelling facts are read once per vacancy; the returned function runs for every applicant (by its
 * index into `cols`; the factors are applied in a fixed order, so the weights are exactly reproducible).
 */
function responseWeigher(d: DwellingInfo, route: VacancyRow['route'], cols: ApplicantColumns): (a: ApplicantInfo, i: number) => number {
  const { rooms, labels, netRentCents, accessibility } = d.row;
  const senior65 = labels.includes('SENIOR_65');
  const senior55 = labels.includes('SENIOR_55');
  const youth = labels.includes('YOUTH');
  const wheelchair = labels.includes('WHEELCHAIR');
  const zeroStep = accessibility === 'ZERO_STEP';
  const annualRentEuro = (netRentCents * 12) / 100;
  const buurtIndex = cols.buurtIndexOf.get(d.buurt.code)!;
  const caseComplex = d.complex.isCase === true;
  // size against rooms, indexed by household size (1..6)
  const sizeFit = [
    0,
    rooms <= 2 ? 1 : rooms === 3 ? 0.6 : 0.12,
    rooms === 2 || rooms === 3 ? 1 : rooms === 1 ? 0.15 : 0.5,
    rooms >= 3 ? (rooms === 5 ? 0.7 : 1) : rooms === 2 ? 0.2 : 0.05,
  ];
  const largeFit = rooms >= 4 ? 1.3 : rooms === 3 ? 0.35 : 0.04;
  const fitBySize = new Float64Array([sizeFit[0], sizeFit[1], sizeFit[2], sizeFit[3], largeFit, largeFit, largeFit]);
  const { activity, size, applicantAge, eldestAge, incomeEuro, urgentActive, hasSupportNeeds, indication } = cols;
  const { preferredBuurten, hasBuurtPreference, maxNetRentCents, minRooms } = cols;
  const urgencyRoute = route === 'URGENCY';
  return (_a, i) => {
    const householdSize = size[i];
    let w = activity[i] * (householdSize <= 3 ? fitBySize[householdSize] : largeFit);
    if (senior65) w *= eldestAge[i] >= 65 ? 2 : 0.05;
    else if (senior55) w *= eldestAge[i] >= 55 ? 1.6 : 0.1;
    if (youth) w *= applicantAge[i] < 23 && householdSize === 1 ? 3 : 0.06;
    if (wheelchair) w *= indication[i] === INDICATION_WHEELCHAIR ? 15 : 0.05;
    else if (zeroStep && indication[i] !== 0) w *= 2;
    // affordability: demo share of gross income going to rent
    const rentShare = annualRentEuro / max(incomeEuro[i], 1);
    w *= rentShare > 0.45 ? 0.2 : rentShare > 0.35 ? 0.6 : 1;
    // stated preferences
    if (hasBuurtPreference[i] === 1) {
      const at = i * PREFERRED_BUURTEN_MAX;
      let named = false;
      for (let k = 0; k < PREFERRED_BUURTEN_MAX; k += 1) if (preferredBuurten[at + k] === buurtIndex) named = true;
      if (!named) w *= 0.3;
    }
    if (maxNetRentCents[i] >= 0 && netRentCents > maxNetRentCents[i]) w *= 0.4;
    if (rooms < minRooms[i]) w *= 0.3;
    // an urgency route is open to urgent households only; a few others respond anyway
    if (urgencyRoute) w *= urgentActive[i] === 1 ? 40 : 0.01;
    // the case complex's reputation (poverty, nuisance, crime: docs/domain.md §7): households with other options
    // rarely respond to it; those with support needs and few options do (demo: one in fourteen as likely)
    if (caseComplex && hasSupportNeeds[i] === 0) w *= CASE_RESPONSE_FACTOR_WITHOUT_SUPPORT_NEEDS;
    return w;
  };
}

/** Demo modelling, not measured: how likely a household without support needs responds to the case complex, relative to one with. */
const CASE_RESPONSE_FACTOR_WITHOUT_SUPPORT_NEEDS = 0.07;

/** Demo popularity: cheap and family homes draw many responses, senior and expensive homes fewer. */
function respondentCount(rng: SeededRandom, d: DwellingInfo, route: VacancyRow['route']): number {
  if (route === 'URGENCY') return rng.int(20, 40);
  return clamp(round(popularity(d, route) * rng.logNormal(1, 0.2)), 20, 400);
}

/** Expected respondents at demo scale (before chance): the demo's popularity model. */
function popularity(d: DwellingInfo, route: VacancyRow['route']): number {
  const { netRentCents, labels, isDaeb } = d.row;
  const cheapness = clamp((95_000 - netRentCents) / 45_000, 0, 1);
  let n = 40 + 260 * cheapness;
  if (labels.includes('FAMILY')) n *= 1.2;
  if (labels.includes('SENIOR_65')) n *= 0.45;
  else if (labels.includes('SENIOR_55')) n *= 0.7;
  if (labels.includes('WHEELCHAIR')) n *= 0.3;
  if (!isDaeb) n *= 0.25;
  n *= [0.8, 0.9, 1, 1.08, 1.15][d.buurt.resilienceClass - 1];
  if (route === 'LOTTERY') n *= 1.3;
  return n;
}

/** Mean of logNormal(1, 0.2): exp(sigma^2 / 2). */
const LOG_NORMAL_MEAN = Math.exp(0.02);

/**
 * Respondents in the large region: the demo's popularity model (relative draw of each home) scaled so
 * that the mean over the given vacancies is about LARGE_MEAN_RESPONDENTS_REGULAR on the regular route
 * and LARGE_MEAN_RESPONDENTS_LOTTERY on the lottery route (issue 18); the urgency route as in the demo.
 */
function largeRespondentCounter(items: ReadonlyArray<{ d: DwellingInfo; route: VacancyRow['route'] }>): RespondentCounter {
  const target: Partial<Record<VacancyRow['route'], number>> = { REGULAR: LARGE_MEAN_RESPONDENTS_REGULAR, LOTTERY: LARGE_MEAN_RESPONDENTS_LOTTERY };
  const scale = new Map<VacancyRow['route'], number>();
  for (const route of ['REGULAR', 'LOTTERY'] as const) {
    const of = items.filter((x) => x.route === route);
    const mean = of.reduce((sum, x) => sum + popularity(x.d, route), 0) / max(1, of.length);
    scale.set(route, mean > 0 ? target[route]! / (mean * LOG_NORMAL_MEAN) : 1);
  }
  return (rng, d, route) => {
    if (route === 'URGENCY') return rng.int(20, 40);
    const expected = popularity(d, route) * (scale.get(route) ?? 1);
    // bounds keep the tails plausible; they bite rarely, so the means stay near the targets
    return route === 'LOTTERY' ? clamp(round(expected * rng.logNormal(1, 0.2)), 300, 3_000) : clamp(round(expected * rng.logNormal(1, 0.2)), 20, 1_200);
  };
}

function generateVacancies(ctx: Context, vacant: readonly DwellingInfo[], applicants: readonly ApplicantInfo[], columns: ApplicantColumns): VacancyRow[] {
  const { rng, refDay } = ctx;
  // Routes: a fixed mix (demo: 46 regular, 9 lottery, 5 urgency); case-complex homes stay on the regular
  // route so that the officer can allocate them with the case in mind.
  const { lotteryCount, urgencyCount } = ctx.region;
  const otherIndexes = rng.shuffle(
    vacant
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => !d.complex.isCase)
      .map(({ i }) => i),
  );
  const routes: VacancyRow['route'][] = vacant.map(() => 'REGULAR');
  otherIndexes.slice(0, lotteryCount).forEach((i) => (routes[i] = 'LOTTERY'));
  otherIndexes.slice(lotteryCount, lotteryCount + urgencyCount).forEach((i) => (routes[i] = 'URGENCY'));

  const countOf = ctx.region.respondentCounter(vacant.map((d, i) => ({ d, route: routes[i] })));
  const drafts = vacant.map((d, i) => {
    const route = routes[i];
    const count = countOf(rng, d, route);
    const respondents = rng
      .weightedSample(applicants, responseWeigher(d, route, columns), count)
      .map((a) => a.reference)
      .sort();
    return { d, route, availableFromDay: refDay + rng.int(1, 42), respondents };
  });
  drafts.sort((x, y) => x.availableFromDay - y.availableFromDay || (x.d.row.code < y.d.row.code ? -1 : 1));
  return drafts.map((v, i) => ({
    reference: `VAC-${pad(i + 1, 4)}`,
    dwellingCode: v.d.row.code,
    availableFrom: fromDay(v.availableFromDay),
    route: v.route,
    status: 'OPEN',
    respondents: v.respondents,
  }));
}
