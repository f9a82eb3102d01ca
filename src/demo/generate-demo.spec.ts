import { addYears, ageOn, isIsoDate } from '../engine/common/dates.js';
import { DWELLING_LABELS, SUPPORT_NEEDS } from '../engine/model.js';
import { HouseholdRow } from '../imports/import-rows.js';
import {
  DEMO_APPLICANT_COUNT,
  DEMO_CASE_COMPLEX_CODE,
  DEMO_MUNICIPALITY_CODE,
  DEMO_OPEN_VACANCY_COUNT,
  DEMO_HISTORY_LETTINGS,
  DEMO_URGENCY_CATEGORIES,
  DemoDataset,
  DemoScale,
  generateDemoMunicipality,
} from './generate-demo.js';
import {
  LARGE_APPLICANT_COUNT,
  LARGE_BUURT_COUNT,
  LARGE_COMPLEX_COUNT,
  LARGE_LOTTERY_VACANCY_COUNT,
  LARGE_MEAN_RESPONDENTS_LOTTERY,
  LARGE_MEAN_RESPONDENTS_REGULAR,
  LARGE_MUNICIPALITIES,
  LARGE_OPEN_VACANCY_COUNT,
  LARGE_REGULAR_VACANCY_COUNT,
  LARGE_URGENCY_VACANCY_COUNT,
} from './generate-region.js';

// Legal figures for 2026, used only to judge the demo's realism (docs/domain.md §2.1; sources per field in §2.2).
const DAEB_INCOME_LIMIT_2026_CENTS = { single: 5_153_700, multi: 5_691_000 };
const DAEB_RENT_LIMIT_2026_CENTS = 93_293;
const PASSEND_INCOME_2026_CENTS = { singleBelowAow: 2_940_000, multiBelowAow: 3_992_500, singleAow: 2_877_500, multiAow: 3_865_000 };
const QUALITY_DISCOUNT_LIMIT_2026_CENTS = 49_820; // youth rent limit (kwaliteitskortingsgrens; secondary source, docs/domain.md §2.2)
const AOW_AGE_YEARS = 67; // Algemene Ouderdomswet art. 7a (docs/domain.md §2.1-2.2)

// Patterns of the CHECK constraints in migrations/1764000000000-initial-schema.ts.
const BUURT_CODE = /^BU[0-9]{8}$/;
const MUNICIPALITY_CODE = /^GM[0-9]{4}$/;
const POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;

const REFERENCE_DATE = '2026-03-01';
const SEEDS = [1, 7, 20260301];

const cache = new Map<string, DemoDataset>();
function demo(seed: number, referenceDate = REFERENCE_DATE): DemoDataset {
  const key = `${seed}|${referenceDate}`;
  if (!cache.has(key)) cache.set(key, generateDemoMunicipality({ seed, referenceDate }));
  return cache.get(key)!;
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(keyOf(item), (out.get(keyOf(item)) ?? 0) + 1);
  return out;
}

function isVulnerable(h: HouseholdRow): boolean {
  return h.supportNeeds.length > 0;
}

function daebLimit(h: HouseholdRow): number {
  return h.members.length <= 1 ? DAEB_INCOME_LIMIT_2026_CENTS.single : DAEB_INCOME_LIMIT_2026_CENTS.multi;
}

function passendLimit(h: HouseholdRow, year: number): number {
  const aow = h.members.some((m) => ageOn(m.birthDate, `${year}-01-01`) >= AOW_AGE_YEARS);
  if (h.members.length <= 1) return aow ? PASSEND_INCOME_2026_CENTS.singleAow : PASSEND_INCOME_2026_CENTS.singleBelowAow;
  return aow ? PASSEND_INCOME_2026_CENTS.multiAow : PASSEND_INCOME_2026_CENTS.multiBelowAow;
}

/** Lookups over one dataset. */
function indexes(ds: DemoDataset) {
  const households = new Map(ds.households.map((h) => [h.reference, h]));
  const dwellings = new Map(ds.dwellings.map((d) => [d.code, d]));
  const complexes = new Map(ds.complexes.map((c) => [c.code, c]));
  const buurten = new Map(ds.neighbourhoods.map((n) => [n.buurtCode, n]));
  const current = ds.tenancies.filter((t) => t.endDate == null);
  const applicants = ds.households.filter((h) => h.onWaitingList);
  const history = new Set(ds.lettingHistory.vacancies);
  const open = ds.vacancies.filter((v) => !history.has(v.reference));
  return { households, dwellings, complexes, buurten, current, applicants, open };
}

type Subject = { ds: DemoDataset; ix: ReturnType<typeof indexes> };

/** Invariants that hold at every scale: keys, references, CHECK constraints, tenancy timelines, the letting history. */
function itKeepsTheSharedInvariants(subject: () => Subject): void {
  let ds: DemoDataset;
  let ix: ReturnType<typeof indexes>;
  beforeAll(() => {
    ({ ds, ix } = subject());
  });

  it.each([
    ['buurt codes', (d: DemoDataset) => d.neighbourhoods.map((n) => n.buurtCode)],
    ['complex codes', (d: DemoDataset) => d.complexes.map((c) => c.code)],
    ['dwelling codes', (d: DemoDataset) => d.dwellings.map((x) => x.code)],
    ['household references', (d: DemoDataset) => d.households.map((h) => h.reference)],
    ['vacancy references', (d: DemoDataset) => d.vacancies.map((v) => v.reference)],
    ['dwelling addresses', (d: DemoDataset) => d.dwellings.map((x) => x.address)],
  ])('has unique %s', (_name, keys) => {
    expect(duplicates(keys(ds))).toEqual([]);
  });

  it('only refers to rows that exist', () => {
    expect(ds.complexes.filter((c) => !ix.buurten.has(c.buurtCode))).toEqual([]);
    expect(ds.dwellings.filter((d) => !ix.complexes.has(d.complexCode))).toEqual([]);
    expect(ds.tenancies.filter((t) => !ix.dwellings.has(t.dwellingCode) || !ix.households.has(t.householdReference))).toEqual([]);
    expect(ds.vacancies.filter((v) => !ix.dwellings.has(v.dwellingCode))).toEqual([]);
    const badPreferences = ds.households.filter((h) => (h.preferences?.buurtCodes ?? []).some((b) => !ix.buurten.has(b)));
    expect(badPreferences).toEqual([]);
    expect(ix.complexes.has(ds.caseComplexCode)).toBe(true);
  });

  it('satisfies the household CHECK constraints', () => {
    const bad = ds.households.filter(
      (h) =>
        !Number.isInteger(h.taxableIncomeCents) ||
        h.taxableIncomeCents < 0 ||
        h.incomeYear < 2000 ||
        h.incomeYear > 2100 ||
        (h.box3AssetsCents != null && (!Number.isInteger(h.box3AssetsCents) || h.box3AssetsCents < 0)) ||
        !isIsoDate(h.registrationDate) ||
        h.registrationDate > REFERENCE_DATE ||
        (h.urgencyCategory == null) !== (h.urgencyGranted == null) ||
        (h.urgencyExpires != null && (h.urgencyGranted == null || h.urgencyExpires < h.urgencyGranted)) ||
        (h.urgencyGranted != null && (!isIsoDate(h.urgencyGranted) || h.urgencyGranted > REFERENCE_DATE)) ||
        (h.urgencyExpires != null && !isIsoDate(h.urgencyExpires)) ||
        (h.urgencyCategory != null && !(DEMO_URGENCY_CATEGORIES as readonly string[]).includes(h.urgencyCategory)) ||
        h.supportNeeds.some((n) => !(SUPPORT_NEEDS as readonly string[]).includes(n)) ||
        (h.localTiesMunicipalityCode != null && !MUNICIPALITY_CODE.test(h.localTiesMunicipalityCode)) ||
        (h.localTiesMunicipalityCode == null) !== (h.localTiesYears == null) ||
        (h.localTiesYears != null && (!Number.isInteger(h.localTiesYears) || h.localTiesYears < 0 || h.localTiesYears > 120)) ||
        (h.indicationKind == null) !== (h.indicationAccessibility == null),
    );
    expect(bad.map((h) => h.reference)).toEqual([]);
  });

  it('has well-formed members: applicant first and adult, children younger than every adult', () => {
    const bad = ds.households.filter((h) => {
      const roles = h.members.map((m) => m.role);
      const adults = h.members.filter((m) => m.role !== 'CHILD');
      const children = h.members.filter((m) => m.role === 'CHILD');
      const youngestAdultBirth = adults
        .map((m) => m.birthDate)
        .sort()
        .at(-1)!;
      return (
        roles[0] !== 'APPLICANT' ||
        roles.filter((r) => r === 'APPLICANT').length !== 1 ||
        roles.filter((r) => r === 'PARTNER').length > 1 ||
        h.members.length > 8 ||
        h.members.some((m) => !isIsoDate(m.birthDate) || m.birthDate > REFERENCE_DATE) ||
        ageOn(h.members[0].birthDate, h.registrationDate) < 18 ||
        children.some((c) => c.birthDate <= youngestAdultBirth)
      );
    });
    expect(bad.map((h) => h.reference)).toEqual([]);
  });

  it('has valid tenancies: dated in the past, one current per dwelling and household, no overlaps', () => {
    const badDates = ds.tenancies.filter(
      (t) =>
        !isIsoDate(t.startDate) ||
        t.startDate > REFERENCE_DATE ||
        (t.endDate != null && (!isIsoDate(t.endDate) || t.endDate < t.startDate || t.endDate > REFERENCE_DATE)),
    );
    expect(badDates).toEqual([]);
    expect(duplicates(ix.current.map((t) => t.dwellingCode))).toEqual([]);
    expect(duplicates(ix.current.map((t) => t.householdReference))).toEqual([]);
    const byDwelling = new Map<string, (typeof ds.tenancies)[number][]>();
    for (const t of ds.tenancies) {
      const list = byDwelling.get(t.dwellingCode) ?? [];
      list.push(t);
      byDwelling.set(t.dwellingCode, list);
    }
    const overlapping: string[] = [];
    for (const [code, list] of byDwelling) {
      const sorted = [...list].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
      for (let i = 1; i < sorted.length; i += 1) {
        if (sorted[i - 1].endDate == null || sorted[i - 1].endDate! >= sorted[i].startDate) overlapping.push(code);
      }
    }
    expect(overlapping).toEqual([]);
  });

  it('lets every dwelling except the vacant ones to a current tenant who was an adult at the start', () => {
    const vacant = new Set(ds.vacancies.map((v) => v.dwellingCode));
    const let_ = new Set(ix.current.map((t) => t.dwellingCode));
    expect(ds.dwellings.filter((d) => vacant.has(d.code) === let_.has(d.code)).map((d) => d.code)).toEqual([]);
    const minors = ds.tenancies.filter((t) => ageOn(ix.households.get(t.householdReference)!.members[0].birthDate, t.startDate) < 18);
    expect(minors).toEqual([]);
  });

  it('keeps tenants off the waiting list and applicants out of tenancies', () => {
    const tenancyCount = new Map<string, number>();
    for (const t of ds.tenancies) tenancyCount.set(t.householdReference, (tenancyCount.get(t.householdReference) ?? 0) + 1);
    expect(ds.households.filter((h) => h.onWaitingList && tenancyCount.has(h.reference))).toEqual([]);
    expect(ds.households.filter((h) => !h.onWaitingList && tenancyCount.get(h.reference) !== 1)).toEqual([]);
    expect(ds.tenancies.some((t) => t.endDate != null)).toBe(true);
  });

  it("plays back the past year's lettings: homes outside the case complex without a tenant since 2 to 11 months, in date order, with respondents", () => {
    const history = ds.lettingHistory.vacancies.map((r) => ds.vacancies.find((v) => v.reference === r)!);
    expect(history.map((v) => v.availableFrom)).toEqual([...history.map((v) => v.availableFrom)].sort());
    const tenanted = new Set(ix.current.map((t) => t.dwellingCode));
    for (const v of history) {
      expect(v.availableFrom >= '2025-04-05' && v.availableFrom <= '2026-01-01').toBe(true);
      expect(ix.dwellings.get(v.dwellingCode)!.complexCode).not.toBe(ds.caseComplexCode);
      expect(tenanted.has(v.dwellingCode)).toBe(false);
      // the previous tenancy ended before the home became available again
      expect(ds.tenancies.filter((t) => t.dwellingCode === v.dwellingCode && t.endDate! >= v.availableFrom)).toEqual([]);
      expect(v.respondents.length).toBeGreaterThanOrEqual(20);
      expect(v.respondents.every((r) => ix.households.get(r)?.onWaitingList === true)).toBe(true);
    }
    // the choosy applicant responds to four of them (the letting policy blocks after three unjustified refusals)
    const choosy = ds.lettingHistory.choosyApplicant!;
    expect(ix.households.get(choosy)?.onWaitingList).toBe(true);
    const registration = (r: string) => ix.households.get(r)!.registrationDate;
    const firstIn = history.filter((v) => v.respondents.includes(choosy) && v.respondents.every((r) => r === choosy || registration(r) > registration(choosy)));
    expect(firstIn.length).toBeGreaterThanOrEqual(4); // first on the regular route's list of each
  });
}

/** The case complex (docs/domain.md §7), the same story at every scale. */
function itKeepsTheCaseComplex(subject: () => Subject): void {
  let ds: DemoDataset;
  let ix: ReturnType<typeof indexes>;
  let caseTenants: HouseholdRow[];
  let otherTenants: HouseholdRow[];
  beforeAll(() => {
    ({ ds, ix } = subject());
    const tenantsOf = (inCase: boolean) =>
      ix.current
        .filter((t) => (ix.dwellings.get(t.dwellingCode)!.complexCode === ds.caseComplexCode) === inCase)
        .map((t) => ix.households.get(t.householdReference)!);
    caseTenants = tenantsOf(true);
    otherTenants = tenantsOf(false);
  });

  it('is a complex of about 40 homes in a buurt of resilience class 1 or 2', () => {
    expect(ds.caseComplexCode).toBe(DEMO_CASE_COMPLEX_CODE);
    const homes = ds.dwellings.filter((d) => d.complexCode === ds.caseComplexCode);
    expect(homes.length).toBeGreaterThanOrEqual(35);
    expect(homes.length).toBeLessThanOrEqual(45);
    const buurt = ix.buurten.get(ix.complexes.get(ds.caseComplexCode)!.buurtCode)!;
    expect(buurt.resilienceClass).toBeLessThanOrEqual(2);
  });

  it('has at least 3 open vacancies', () => {
    const inCase = ds.vacancies.filter((v) => ix.dwellings.get(v.dwellingCode)!.complexCode === ds.caseComplexCode);
    expect(inCase.length).toBeGreaterThanOrEqual(3);
  });

  it('concentrates vulnerable households: at least 3x the share elsewhere, 35-45% of its tenants', () => {
    const caseShare = share(caseTenants, isVulnerable);
    const otherShare = share(otherTenants, isVulnerable);
    expect(caseShare).toBeGreaterThanOrEqual(0.35);
    expect(caseShare).toBeLessThanOrEqual(0.45);
    expect(otherShare).toBeGreaterThanOrEqual(0.07);
    expect(otherShare).toBeLessThanOrEqual(0.13);
    expect(caseShare).toBeGreaterThanOrEqual(3 * otherShare);
  });

  it('houses mostly low-income and more non-working households than elsewhere', () => {
    const year = 2026;
    expect(share(caseTenants, (h) => h.taxableIncomeCents <= passendLimit(h, year))).toBeGreaterThan(0.6);
    expect(share(caseTenants, (h) => h.incomeSource === 'BENEFIT')).toBeGreaterThan(1.5 * share(otherTenants, (h) => h.incomeSource === 'BENEFIT'));
  });

  it('took its recent inflow (past 5 years) mostly through urgency and direct placement', () => {
    const since = addYears(REFERENCE_DATE, -5);
    const recent = ds.tenancies.filter((t) => ix.dwellings.get(t.dwellingCode)!.complexCode === ds.caseComplexCode && t.startDate >= since);
    const rest = ds.tenancies.filter((t) => ix.dwellings.get(t.dwellingCode)!.complexCode !== ds.caseComplexCode && t.startDate >= since);
    const special = (t: (typeof ds.tenancies)[number]) => t.allocationRoute === 'URGENCY' || t.allocationRoute === 'DIRECT';
    expect(recent.length).toBeGreaterThanOrEqual(8);
    expect(share(recent, special)).toBeGreaterThan(0.45);
    expect(share(recent, special)).toBeGreaterThan(2 * share(rest, special));
  });
}

describe('generateDemoMunicipality', () => {
  describe('determinism', () => {
    it('gives a deep-equal dataset for the same seed and date, also after other calls', () => {
      const first = generateDemoMunicipality({ seed: 42, referenceDate: REFERENCE_DATE });
      generateDemoMunicipality({ seed: 43, referenceDate: '2025-06-30' });
      const second = generateDemoMunicipality({ seed: 42, referenceDate: REFERENCE_DATE });
      // JSON text equality: deep equality including key order, and proof that the rows serialise as-is
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    });

    it('gives different data for a different seed', () => {
      const a = demo(1);
      const b = demo(7);
      expect(b.households.slice(0, 50)).not.toEqual(a.households.slice(0, 50));
      expect(b.dwellings.map((d) => d.netRentCents)).not.toEqual(a.dwellings.map((d) => d.netRentCents));
      expect(b.vacancies.map((v) => v.dwellingCode)).not.toEqual(a.vacancies.map((v) => v.dwellingCode));
    });

    it('moves with the reference date', () => {
      const later = demo(1, '2027-09-15');
      expect(later.tenancies.every((t) => t.startDate <= '2027-09-15' && (t.endDate ?? '0') <= '2027-09-15')).toBe(true);
      const history = new Set(later.lettingHistory.vacancies);
      expect(later.vacancies.every((v) => (history.has(v.reference) ? v.availableFrom < '2027-09-15' : v.availableFrom > '2027-09-15'))).toBe(true);
      expect(later.households.filter((h) => h.onWaitingList).every((h) => h.incomeYear >= 2025)).toBe(true);
    });

    it("gives the same JSON by default and with scale 'demo'", () => {
      const byDefault = generateDemoMunicipality({ seed: 42, referenceDate: REFERENCE_DATE });
      const explicit = generateDemoMunicipality({ seed: 42, referenceDate: REFERENCE_DATE, scale: 'demo' });
      expect(JSON.stringify(explicit)).toBe(JSON.stringify(byDefault));
    });

    it('rejects an unknown scale', () => {
      expect(() => generateDemoMunicipality({ seed: 1, referenceDate: REFERENCE_DATE, scale: 'huge' as DemoScale })).toThrow(RangeError);
    });

    it.each([
      ['an impossible date', { seed: 1, referenceDate: '2026-02-30' }],
      ['a non-ISO date', { seed: 1, referenceDate: '01-03-2026' }],
      ['a fractional seed', { seed: 1.5, referenceDate: REFERENCE_DATE }],
    ])('rejects %s', (_name, options) => {
      expect(() => generateDemoMunicipality(options)).toThrow(RangeError);
    });
  });

  describe.each(SEEDS)('invariants for seed %p', (seed) => {
    let ds: DemoDataset;
    let ix: ReturnType<typeof indexes>;
    beforeAll(() => {
      ds = demo(seed);
      ix = indexes(ds);
    });

    it('has the requested counts', () => {
      expect(ds.neighbourhoods).toHaveLength(12);
      expect(ds.complexes).toHaveLength(25);
      expect(ds.dwellings.length).toBeGreaterThanOrEqual(1900);
      expect(ds.dwellings.length).toBeLessThanOrEqual(2100);
      expect(ix.applicants).toHaveLength(DEMO_APPLICANT_COUNT);
      expect(ix.open).toHaveLength(DEMO_OPEN_VACANCY_COUNT);
      expect(ds.lettingHistory.vacancies).toHaveLength(DEMO_HISTORY_LETTINGS);
      expect(ds.vacancies.every((v) => v.status === 'OPEN')).toBe(true);
      const sizes = ds.complexes.map((c) => ds.dwellings.filter((d) => d.complexCode === c.code).length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    });

    itKeepsTheSharedInvariants(() => ({ ds, ix }));

    it('uses the documented key formats', () => {
      expect(ds.dwellings.every((d) => /^VHE-\d{6}$/.test(d.code))).toBe(true);
      expect(ds.households.every((h) => /^H-\d{6}$/.test(h.reference))).toBe(true);
      expect(ix.open.every((v) => /^VAC-\d{4}$/.test(v.reference))).toBe(true);
      expect(ds.lettingHistory.vacancies.every((r) => /^VAC-H\d{3}$/.test(r))).toBe(true);
      expect(ds.complexes.every((c) => /^CPX-(\d{2}|CASE)$/.test(c.code))).toBe(true);
    });

    it('satisfies the neighbourhood and dwelling CHECK constraints', () => {
      for (const n of ds.neighbourhoods) {
        expect(n.buurtCode).toMatch(BUURT_CODE);
        expect(n.buurtCode.startsWith('BU9001')).toBe(true);
        expect(n.municipalityCode).toBe(DEMO_MUNICIPALITY_CODE);
        expect(n.municipalityCode).toMatch(MUNICIPALITY_CODE);
        expect([1, 2, 3, 4, 5]).toContain(n.resilienceClass);
        expect(n.resilienceYear).toBeGreaterThanOrEqual(2000);
        expect(n.resilienceYear).toBeLessThanOrEqual(2100);
      }
      const bad = ds.dwellings.filter(
        (d) =>
          !POSTCODE.test(d.postcode) ||
          !Number.isInteger(d.rooms) ||
          d.rooms < 1 ||
          d.rooms > 20 ||
          !Number.isInteger(d.floorAreaM2) ||
          d.floorAreaM2 < 10 ||
          d.floorAreaM2 > 1000 ||
          !Number.isInteger(d.netRentCents) ||
          d.netRentCents < 0 ||
          !Number.isInteger(d.serviceCostsCents) ||
          d.serviceCostsCents < 0 ||
          !['NONE', 'ZERO_STEP', 'WHEELCHAIR'].includes(d.accessibility) ||
          d.labels.some((l) => !(DWELLING_LABELS as readonly string[]).includes(l)) ||
          new Set(d.labels).size !== d.labels.length,
      );
      expect(bad).toEqual([]);
    });

    it('opens each vacancy once, soon, on a vacant dwelling, with 20..400 distinct applicant respondents', () => {
      expect(duplicates(ds.vacancies.map((v) => v.dwellingCode))).toEqual([]);
      const latest = '2026-04-12'; // six weeks after the reference date
      for (const v of ix.open) {
        expect(isIsoDate(v.availableFrom) && v.availableFrom > REFERENCE_DATE && v.availableFrom <= latest).toBe(true);
        expect(v.respondents.length).toBeGreaterThanOrEqual(20);
        expect(v.respondents.length).toBeLessThanOrEqual(400);
        expect(duplicates(v.respondents)).toEqual([]);
        expect(v.respondents.every((r) => ix.households.get(r)?.onWaitingList === true)).toBe(true);
      }
      const routes = new Set(ix.open.map((v) => v.route));
      expect(routes).toEqual(new Set(['REGULAR', 'LOTTERY', 'URGENCY']));
      expect(share(ix.open, (v) => v.route === 'REGULAR')).toBeGreaterThan(0.6);
    });
  });

  describe.each(SEEDS)('the case complex for seed %p', (seed) => {
    itKeepsTheCaseComplex(() => {
      const ds = demo(seed);
      return { ds, ix: indexes(ds) };
    });
  });

  describe('realistic distributions (seed 1)', () => {
    let ds: DemoDataset;
    let ix: ReturnType<typeof indexes>;
    beforeAll(() => {
      ds = demo(1);
      ix = indexes(ds);
    });

    it.each([
      ['singles', (h: HouseholdRow) => h.members.length === 1, 0.4, 0.6],
      ['households of 4 or more', (h: HouseholdRow) => h.members.length >= 4, 0.1, 0.25],
      ['income above the 2026 DAEB limit', (h: HouseholdRow) => h.taxableIncomeCents > daebLimit(h), 0.06, 0.14],
      ['with an urgency', (h: HouseholdRow) => h.urgencyCategory != null, 0.05, 0.08],
      ['with declared support needs', (h: HouseholdRow) => h.supportNeeds.length > 0, 0.1, 0.15],
      ['with local ties to Demostad', (h: HouseholdRow) => h.localTiesMunicipalityCode === DEMO_MUNICIPALITY_CODE, 0.55, 0.85],
      ['with an indication', (h: HouseholdRow) => h.indicationKind != null, 0.01, 0.08],
      ['with box-3 assets', (h: HouseholdRow) => h.box3AssetsCents != null, 0.01, 0.1],
      ['on a benefit', (h: HouseholdRow) => h.incomeSource === 'BENEFIT', 0.15, 0.4],
    ])('applicants: share %s is realistic', (_name, predicate, min, max) => {
      const s = share(ix.applicants, predicate);
      expect(s).toBeGreaterThanOrEqual(min);
      expect(s).toBeLessThanOrEqual(max);
    });

    it('gives urgent applicants more support needs, and support needs more often than tenants elsewhere', () => {
      const urgent = ix.applicants.filter((h) => h.urgencyCategory != null);
      const notUrgent = ix.applicants.filter((h) => h.urgencyCategory == null);
      expect(share(urgent, isVulnerable)).toBeGreaterThan(3 * share(notUrgent, isVulnerable));
    });

    it('grants urgency within the past year for a year, with a few expired', () => {
      const urgent = ix.applicants.filter((h) => h.urgencyCategory != null);
      const expired = urgent.filter((h) => h.urgencyExpires! < REFERENCE_DATE);
      expect(expired.length).toBeGreaterThan(0);
      expect(expired.length / urgent.length).toBeLessThan(0.25);
      for (const h of urgent.filter((x) => x.urgencyExpires! >= REFERENCE_DATE)) expect(h.urgencyGranted! >= '2025-03-01').toBe(true);
      expect(new Set(urgent.map((h) => h.urgencyCategory))).toEqual(new Set(DEMO_URGENCY_CATEGORIES));
    });

    it('spreads registration over 0..15 years, skewed to recent', () => {
      const years = ix.applicants.map((h) => ageOn(h.registrationDate, REFERENCE_DATE)).sort((a, b) => a - b);
      expect(years[0]).toBe(0);
      expect(years.at(-1)).toBeLessThanOrEqual(15);
      expect(years.at(-1)).toBeGreaterThanOrEqual(12);
      expect(years[Math.floor(years.length / 2)]).toBeLessThan(7.5);
    });

    it('uses recent income years and pensions only from AOW age', () => {
      expect(new Set(ix.applicants.map((h) => h.incomeYear))).toEqual(new Set([2025, 2024]));
      const pensioners = ix.applicants.filter((h) => h.incomeSource === 'PENSION');
      expect(pensioners.length).toBeGreaterThan(0);
      expect(pensioners.every((h) => h.members.some((m) => m.role !== 'CHILD' && ageOn(m.birthDate, REFERENCE_DATE) >= 67))).toBe(true);
      const students = ix.applicants.filter((h) => h.incomeSource === 'STUDENT');
      expect(students.length).toBeGreaterThan(0);
      expect(students.every((h) => ageOn(h.members[0].birthDate, REFERENCE_DATE) <= 23)).toBe(true);
    });

    it('has mostly DAEB homes between ~€450 and the 2026 DAEB rent limit, and non-DAEB homes above it', () => {
      expect(share(ds.dwellings, (d) => d.isDaeb)).toBeGreaterThan(0.93);
      expect(ds.dwellings.some((d) => !d.isDaeb)).toBe(true);
      expect(ds.dwellings.filter((d) => d.isDaeb && d.netRentCents > DAEB_RENT_LIMIT_2026_CENTS)).toEqual([]);
      expect(ds.dwellings.filter((d) => !d.isDaeb && d.netRentCents <= DAEB_RENT_LIMIT_2026_CENTS)).toEqual([]);
      expect(share(ds.dwellings, (d) => d.netRentCents >= 45_000 && d.netRentCents <= DAEB_RENT_LIMIT_2026_CENTS)).toBeGreaterThan(0.85);
    });

    it('labels homes consistently', () => {
      for (const d of ds.dwellings) {
        if (d.labels.includes('FAMILY')) expect(d.rooms).toBeGreaterThanOrEqual(4);
        if (d.labels.includes('SENIOR_55') || d.labels.includes('SENIOR_65')) expect(d.accessibility).not.toBe('NONE');
        expect(d.labels.includes('WHEELCHAIR')).toBe(d.accessibility === 'WHEELCHAIR');
        if (d.labels.includes('YOUTH')) {
          expect(d.rooms).toBeLessThanOrEqual(2);
          expect(d.netRentCents).toBeLessThanOrEqual(QUALITY_DISCOUNT_LIMIT_2026_CENTS);
        }
      }
      for (const label of DWELLING_LABELS) expect(ds.dwellings.some((d) => d.labels.includes(label))).toBe(true);
      expect(ds.dwellings.some((d) => d.accessibility === 'ZERO_STEP')).toBe(true);
    });

    it('has resilience classes with matching scores on the documented -2..+2 scale', () => {
      const classes = ds.neighbourhoods.map((n) => n.resilienceClass);
      expect(classes.filter((c) => c <= 2).length).toBeGreaterThanOrEqual(2);
      expect(classes.filter((c) => c >= 4).length).toBeGreaterThanOrEqual(2);
      for (const n of ds.neighbourhoods) {
        expect(n.resilienceScore).toBeGreaterThanOrEqual(-2);
        expect(n.resilienceScore).toBeLessThanOrEqual(2);
        expect(Math.round(n.resilienceScore! * 10)).toBeCloseTo(n.resilienceScore! * 10, 6);
        const others = ds.neighbourhoods.filter((m) => m.resilienceClass > n.resilienceClass);
        expect(others.every((m) => m.resilienceScore! >= n.resilienceScore!)).toBe(true);
      }
    });

    it('has a yearly turnover in the usual 5-15% range', () => {
      const ended = ds.tenancies.filter((t) => t.endDate != null && t.endDate > '2025-03-01');
      expect(ended.length / ds.dwellings.length).toBeGreaterThan(0.05);
      expect(ended.length / ds.dwellings.length).toBeLessThan(0.15);
    });

    it('has respondents that mostly fit the home, with some misfits', () => {
      const pairs = ds.vacancies.flatMap((v) => v.respondents.map((r) => ({ d: ix.dwellings.get(v.dwellingCode)!, h: ix.households.get(r)! })));
      const avgSize = (rooms: (n: number) => boolean) => {
        const sel = pairs.filter((p) => rooms(p.d.rooms));
        return sel.reduce((s, p) => s + p.h.members.length, 0) / sel.length;
      };
      expect(avgSize((r) => r >= 4)).toBeGreaterThan(avgSize((r) => r <= 2) + 1);
      const misfit = share(
        pairs,
        ({ d, h }) => h.members.length > d.rooms + 1 || (d.labels.includes('SENIOR_65') && !h.members.some((m) => ageOn(m.birthDate, REFERENCE_DATE) >= 65)),
      );
      expect(misfit).toBeGreaterThan(0.005);
      expect(misfit).toBeLessThan(0.25);
    });

    it('draws more respondents to cheap homes and urgent households to urgency-route homes', () => {
      // like with like: DAEB homes without senior or wheelchair labels, on open (non-urgency) routes
      const open = ds.vacancies
        .filter((v) => v.route !== 'URGENCY')
        .map((v) => ({ v, d: ix.dwellings.get(v.dwellingCode)! }))
        .filter(({ d }) => d.isDaeb && !d.labels.some((l) => l.startsWith('SENIOR') || l === 'WHEELCHAIR'));
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const cheap = open.filter(({ d }) => d.netRentCents < 60_000).map(({ v }) => v.respondents.length);
      const dear = open.filter(({ d }) => d.netRentCents > 75_000).map(({ v }) => v.respondents.length);
      expect(mean(cheap)).toBeGreaterThan(1.2 * mean(dear));
      const urgentRoute = ds.vacancies.filter((v) => v.route === 'URGENCY').flatMap((v) => v.respondents);
      const active = (r: string) => {
        const h = ix.households.get(r)!;
        return h.urgencyExpires != null && h.urgencyExpires >= REFERENCE_DATE;
      };
      expect(share(urgentRoute, active)).toBeGreaterThan(0.8);
    });
  });

  describe('large scale', () => {
    const LARGE_SEED = 1;
    let ds: DemoDataset;
    let ix: ReturnType<typeof indexes>;
    let generationMs: number;
    beforeAll(() => {
      const started = performance.now();
      ds = generateDemoMunicipality({ seed: LARGE_SEED, referenceDate: REFERENCE_DATE, scale: 'large' });
      generationMs = performance.now() - started;
      ix = indexes(ds);
    }, 240_000);

    const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

    it('generates the region well under a minute', () => {
      expect(generationMs).toBeLessThan(60_000);
    });

    it("has the region's counts", () => {
      expect(new Set(ds.neighbourhoods.map((n) => n.municipalityCode))).toEqual(new Set(LARGE_MUNICIPALITIES.map((m) => m.code)));
      expect(ds.neighbourhoods).toHaveLength(LARGE_BUURT_COUNT);
      expect(ds.neighbourhoods.length).toBeGreaterThanOrEqual(140);
      expect(ds.neighbourhoods.length).toBeLessThanOrEqual(160);
      expect(ds.complexes).toHaveLength(LARGE_COMPLEX_COUNT);
      expect(ds.complexes.length).toBeGreaterThanOrEqual(570);
      expect(ds.complexes.length).toBeLessThanOrEqual(630);
      expect(ds.dwellings.length).toBeGreaterThanOrEqual(47_000);
      expect(ds.dwellings.length).toBeLessThanOrEqual(53_000);
      expect(ix.applicants).toHaveLength(LARGE_APPLICANT_COUNT);
      expect(ix.open).toHaveLength(LARGE_OPEN_VACANCY_COUNT);
      expect(ix.open).toHaveLength(520);
      expect(ds.lettingHistory.vacancies).toHaveLength(DEMO_HISTORY_LETTINGS);
      // ten years of tenancy history: ended tenancies back to the horizon, about one change per home
      const ended = ds.tenancies.filter((t) => t.endDate != null);
      expect(ended.length / ds.dwellings.length).toBeGreaterThan(0.5);
      expect(ended.every((t) => t.endDate! >= addYears(REFERENCE_DATE, -10))).toBe(true);
      const sizes = [...countBy(ds.dwellings, (d) => d.complexCode).values()];
      expect(sizes).toHaveLength(ds.complexes.length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
      expect(ds.observations!.length).toBeGreaterThan(50 * ds.complexes.length);
      expect(new Set(ds.readings!.map((r) => r.buurtCode)).size).toBe(ds.neighbourhoods.length);
    });

    it('opens 470 regular, 20 lottery and 30 urgency vacancies with about 270 and 1,100 respondents', () => {
      const byRoute = (route: string) => ix.open.filter((v) => v.route === route).map((v) => v.respondents.length);
      expect(byRoute('REGULAR')).toHaveLength(LARGE_REGULAR_VACANCY_COUNT);
      expect(byRoute('LOTTERY')).toHaveLength(LARGE_LOTTERY_VACANCY_COUNT);
      expect(byRoute('URGENCY')).toHaveLength(LARGE_URGENCY_VACANCY_COUNT);
      expect(mean(byRoute('REGULAR'))).toBeGreaterThan(0.9 * LARGE_MEAN_RESPONDENTS_REGULAR);
      expect(mean(byRoute('REGULAR'))).toBeLessThan(1.1 * LARGE_MEAN_RESPONDENTS_REGULAR);
      expect(mean(byRoute('LOTTERY'))).toBeGreaterThan(0.9 * LARGE_MEAN_RESPONDENTS_LOTTERY);
      expect(mean(byRoute('LOTTERY'))).toBeLessThan(1.15 * LARGE_MEAN_RESPONDENTS_LOTTERY);
      expect(Math.min(...byRoute('LOTTERY'))).toBeGreaterThanOrEqual(300);
      // case-complex homes stay on the regular route (the officer allocates them with the case in mind)
      const inCase = ix.open.filter((v) => ix.dwellings.get(v.dwellingCode)!.complexCode === ds.caseComplexCode);
      expect(inCase.every((v) => v.route === 'REGULAR')).toBe(true);
    });

    it('opens each vacancy once, soon, on a vacant dwelling, with distinct applicant respondents', () => {
      expect(duplicates(ds.vacancies.map((v) => v.dwellingCode))).toEqual([]);
      const bad = ix.open.filter(
        (v) =>
          !isIsoDate(v.availableFrom) ||
          v.availableFrom <= REFERENCE_DATE ||
          v.availableFrom > '2026-04-12' ||
          v.respondents.length < 20 ||
          new Set(v.respondents).size !== v.respondents.length ||
          v.respondents.some((r) => ix.households.get(r)?.onWaitingList !== true),
      );
      expect(bad.map((v) => v.reference)).toEqual([]);
    });

    it('uses the documented key formats, widened only for the generated complexes', () => {
      expect(ds.dwellings.filter((d) => !/^VHE-\d{6}$/.test(d.code))).toEqual([]);
      expect(ds.households.filter((h) => !/^H-\d{6}$/.test(h.reference))).toEqual([]);
      expect(ix.open.filter((v) => !/^VAC-\d{4}$/.test(v.reference))).toEqual([]);
      expect(ds.lettingHistory.vacancies.every((r) => /^VAC-H\d{3}$/.test(r))).toBe(true);
      expect(ds.complexes.filter((c) => !/^CPX-(\d{2}|CASE|\d{4}-\d{3})$/.test(c.code))).toEqual([]);
    });

    it("satisfies the neighbourhood and dwelling CHECK constraints, with CBS-style codes of the region's municipalities", () => {
      const municipalities = new Map(LARGE_MUNICIPALITIES.map((m) => [m.code, m.name]));
      const bad = ds.neighbourhoods.filter(
        (n) =>
          !BUURT_CODE.test(n.buurtCode) ||
          !MUNICIPALITY_CODE.test(n.municipalityCode) ||
          municipalities.get(n.municipalityCode) !== n.municipalityName ||
          n.buurtCode.slice(2, 6) !== n.municipalityCode.slice(2) ||
          ![1, 2, 3, 4, 5].includes(n.resilienceClass) ||
          n.resilienceScore == null ||
          n.resilienceScore < -2 ||
          n.resilienceScore > 2 ||
          n.resilienceYear < 2000 ||
          n.resilienceYear > 2100,
      );
      expect(bad).toEqual([]);
      expect(ds.dwellings.filter((d) => !POSTCODE.test(d.postcode) || d.rooms < 1 || d.floorAreaM2 < 10 || d.netRentCents < 0)).toEqual([]);
      // the generated municipalities are marked as demo data by name
      expect([...municipalities.values()].every((name) => name.startsWith('Demo'))).toBe(true);
    });

    it('ties households locally only to municipalities of the region, spread over all five', () => {
      const region = new Set(LARGE_MUNICIPALITIES.map((m) => m.code));
      expect(ds.households.filter((h) => h.localTiesMunicipalityCode != null && !region.has(h.localTiesMunicipalityCode))).toEqual([]);
      expect(new Set(ix.applicants.map((h) => h.localTiesMunicipalityCode).filter((c) => c != null))).toEqual(region);
      const preferred = ix.applicants.flatMap((h) => h.preferences?.buurtCodes ?? []);
      expect(new Set(preferred.map((b) => ix.buurten.get(b)!.municipalityCode))).toEqual(region);
    });

    it('spreads resilience like a real city: mostly middling, a few weak buurten in every larger municipality', () => {
      const classes = ds.neighbourhoods.map((n) => n.resilienceClass);
      expect(classes.filter((c) => c === 1).length).toBeGreaterThanOrEqual(3);
      expect(classes.filter((c) => c <= 2).length / classes.length).toBeLessThan(0.3);
      expect(classes.filter((c) => c === 3 || c === 4).length / classes.length).toBeGreaterThan(0.45);
      for (const n of ds.neighbourhoods) {
        const above = ds.neighbourhoods.filter((m) => m.resilienceClass > n.resilienceClass);
        expect(above.every((m) => m.resilienceScore! >= n.resilienceScore!)).toBe(true);
      }
    });

    it('keeps Demostad as in the demo: its buurten, complexes and homes, and Rozenhof in Rozenwijk', () => {
      const small = demo(LARGE_SEED);
      expect(ds.neighbourhoods.slice(0, small.neighbourhoods.length)).toEqual(small.neighbourhoods);
      expect(ds.complexes.slice(0, small.complexes.length)).toEqual(small.complexes);
      expect(ds.dwellings.slice(0, small.dwellings.length)).toEqual(small.dwellings);
      expect(ds.caseComplexCode).toBe(DEMO_CASE_COMPLEX_CODE);
      const rozenhof = ix.complexes.get(DEMO_CASE_COMPLEX_CODE)!;
      expect(rozenhof.name).toBe('Rozenhof');
      expect(ix.buurten.get(rozenhof.buurtCode)).toMatchObject({ name: 'Rozenwijk', municipalityCode: DEMO_MUNICIPALITY_CODE });
    });

    describe('shared invariants', () => {
      itKeepsTheSharedInvariants(() => ({ ds, ix }));
    });

    describe('the case complex', () => {
      itKeepsTheCaseComplex(() => ({ ds, ix }));
    });
  });

  it('generates the full dataset well under a second', () => {
    demo(1); // warm up the JIT
    const started = performance.now();
    generateDemoMunicipality({ seed: 99, referenceDate: REFERENCE_DATE });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("the demo's choosy applicant", () => {
  it.each([
    [20261125, '2026-12-04'], // npm start's default seed, today
    [20261125, '2027-06-30'],
    [7, '2026-03-02'],
  ])('exists for seed %p on %p, first in line for four homes', (seed, referenceDate) => {
    const ds = generateDemoMunicipality({ seed, referenceDate });
    expect(ds.lettingHistory.choosyApplicant).not.toBeNull();
  });
});
