import fc from 'fast-check';
import type { HouseholdRow } from '../imports/import-rows.js';
import { VeraValidator } from './vera-validator.js';
import {
  DwellingFacts,
  VacancyFacts,
  centsOf,
  dayOf,
  dutchDayStart,
  eenheidOf,
  fromEenheid,
  fromPublicatie,
  householdsFromRelaties,
  lastDayBefore,
  nextDay,
  pointsOf,
  publicatieOf,
  relatiesOf,
} from './vera-stock.mapping.js';

const validator = VeraValidator.fromFile();
const day = fc.integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
const code = fc.stringMatching(/^[A-Z]{1,3}-[0-9]{1,5}$/);
const cents = fc.integer({ min: 0, max: 10_000_000 });

const household: fc.Arbitrary<HouseholdRow> = fc
  .record({
    reference: code,
    applicant: day,
    partner: fc.option(day, { nil: undefined }),
    others: fc.array(fc.record({ role: fc.constantFrom('CHILD' as const, 'CO_RESIDENT' as const), birthDate: day }), { maxLength: 4 }),
    taxableIncomeCents: cents,
    incomeYear: fc.integer({ min: 2020, max: 2026 }),
    incomeSource: fc.constantFrom('WORK' as const, 'BENEFIT' as const, 'PENSION' as const, 'STUDENT' as const, 'OTHER' as const),
    box3AssetsCents: fc.option(cents, { nil: null }),
    registrationDate: day,
    urgency: fc.option(fc.record({ category: fc.constantFrom('MEDICAL', 'SOCIAL'), granted: day }), { nil: null }),
    supportNeeds: fc.subarray(['ASSISTED_LIVING', 'CARE_AT_HOME', 'DEBT_COUNSELLING']),
    localTies: fc.option(fc.record({ municipalityCode: fc.constantFrom('GM9001', 'GM0363'), years: fc.integer({ min: 0, max: 40 }) }), { nil: null }),
    indication: fc.option(
      fc.record({ kind: fc.constantFrom('MEDICAL' as const, 'WMO' as const), accessibility: fc.constantFrom('ZERO_STEP' as const, 'WHEELCHAIR' as const) }),
      {
        nil: null,
      },
    ),
    minRooms: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    maxNetRentCents: fc.option(cents, { nil: undefined }),
    buurtCodes: fc.subarray(['BU90010001', 'BU90010002']),
    onWaitingList: fc.boolean(),
  })
  .map((h) => ({
    reference: h.reference,
    members: [{ role: 'APPLICANT' as const, birthDate: h.applicant }, ...(h.partner ? [{ role: 'PARTNER' as const, birthDate: h.partner }] : []), ...h.others],
    taxableIncomeCents: h.taxableIncomeCents,
    incomeYear: h.incomeYear,
    incomeSource: h.incomeSource,
    box3AssetsCents: h.box3AssetsCents,
    rankingPoints: null,
    registrationDate: h.registrationDate,
    urgencyCategory: h.urgency?.category ?? null,
    urgencyGranted: h.urgency?.granted ?? null,
    urgencyExpires: null,
    supportNeeds: h.supportNeeds,
    localTiesMunicipalityCode: h.localTies?.municipalityCode ?? null,
    localTiesYears: h.localTies?.years ?? null,
    indicationKind: h.indication?.kind ?? null,
    indicationAccessibility: h.indication?.accessibility ?? null,
    preferences: {
      ...(h.minRooms !== undefined ? { minRooms: h.minRooms } : {}),
      ...(h.maxNetRentCents !== undefined ? { maxNetRentCents: h.maxNetRentCents } : {}),
      ...(h.buurtCodes.length ? { buurtCodes: h.buurtCodes } : {}),
    },
    onWaitingList: h.onWaitingList,
  }));

const dwelling: fc.Arbitrary<DwellingFacts> = fc.record({
  code,
  complexCode: code,
  complexName: fc.constantFrom('Rozenhof', 'Parkhof'),
  buurtCode: fc.constantFrom('BU90010001', 'BU90010002'),
  buurtName: fc.constant('Rozenwijk'),
  address: fc.constantFrom('Rozenlaan 1', 'Parkweg 12b'),
  postcode: fc.constantFrom('7311AB', '1012XY'),
  rooms: fc.integer({ min: 1, max: 8 }),
  floorAreaM2: fc.integer({ min: 15, max: 250 }),
  netRentCents: fc.integer({ min: 20_000, max: 150_000 }),
  serviceCostsCents: fc.integer({ min: 0, max: 10_000 }),
  isDaeb: fc.boolean(),
  accessibility: fc.constantFrom('NONE' as const, 'ZERO_STEP' as const, 'WHEELCHAIR' as const),
  labels: fc.subarray(['SENIOR_55', 'SENIOR_65', 'YOUTH', 'FAMILY', 'WHEELCHAIR']),
});

describe('VERA stock mapping: what Woonmix writes it reads back unchanged, and each document follows the specification', () => {
  it('households as Relaties (a group and its persons)', () => {
    fc.assert(
      fc.property(household, (h) => {
        const documents = relatiesOf(h);
        documents.forEach((d, i) => expect(validator.validate('Relaties-Relatiebericht', d, `/${i}`)).toEqual([]));
        const { households, problems } = householdsFromRelaties(documents, '2026-03-02');
        expect(problems).toEqual([]);
        expect(households.map(({ index, row }) => ({ index, row }))).toEqual(
          [{ index: 0, row: { ...h, rankingPoints: undefined } }].map(({ index, row }) => ({ index, row: withoutPoints(row) })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('dwellings as Eenheden', () => {
    fc.assert(
      fc.property(dwelling, (d) => {
        const document = eenheidOf(d);
        expect(validator.validate('Eenheden-Eenheidbericht', document)).toEqual([]);
        const read = fromEenheid(document, d.code);
        expect(read.problems).toEqual([]);
        const { complexName, buurtCode, buurtName: _buurtName, ...row } = d;
        expect(read.dwelling).toEqual(row);
        expect(read.complex).toEqual({ code: d.complexCode, name: complexName, buurtCode });
      }),
      { numRuns: 150 },
    );
  });

  it.each(['REGULAR', 'URGENCY', 'DIRECT', 'LOTTERY', 'POINTS'] as const)('a %s vacancy as a Publicatie', (route) => {
    const vacancy: VacancyFacts = {
      reference: 'VAC-1',
      dwellingCode: 'C-1',
      availableFrom: '2026-04-01',
      route,
      labelFallbackActive: route === 'REGULAR',
      localTiesPriority: route === 'LOTTERY',
      publishedFrom: '2026-03-01T00:00:00.000Z',
      publishedUntil: '2026-03-08T00:00:00.000Z',
    };
    const document = publicatieOf(vacancy);
    expect(validator.validate('Publicaties-Publicatiebericht', document)).toEqual([]);
    const read = fromPublicatie(document, 'VAC-1', (ref) => (ref as { code: string }).code);
    expect(read.problems).toEqual([]);
    const { publishedFrom: _from, publishedUntil: _until, ...row } = vacancy;
    expect(read.vacancy).toEqual({ ...row, respondents: [] });
    expect(read.window).toEqual({ from: '2026-03-01T00:00:00Z', until: '2026-03-08T00:00:00Z' });
  });
});

function withoutPoints(row: HouseholdRow): Omit<HouseholdRow, 'rankingPoints'> {
  const { rankingPoints: _points, ...rest } = row;
  return rest;
}

describe('VERA stock mapping: what Woonmix cannot use is named by its place', () => {
  const base = eenheidOf({
    code: 'C-1',
    complexCode: 'CASE',
    complexName: 'Rozenhof',
    buurtCode: 'BU90010001',
    buurtName: 'Rozenwijk',
    address: 'Rozenlaan 1',
    postcode: '7311AB',
    rooms: 3,
    floorAreaM2: 70,
    netRentCents: 61235,
    serviceCostsCents: 0,
    isDaeb: true,
    accessibility: 'NONE',
    labels: [],
  });
  it.each<[string, Record<string, unknown>, { pointer: string; reason: string }[]]>([
    ['a parking space', { soort: { code: 'PAR' } }, [{ pointer: '/soort/code', reason: 'is PAR: Woonmix allocates dwellings (EENHEIDSOORT WOO) only' }]],
    ['no cluster', { clusters: [] }, [{ pointer: '/clusters/0', reason: 'is missing: the cluster (with a code) is the complex the dwelling belongs to' }]],
    ['no rooms', { kamersAantal: undefined }, [{ pointer: '/kamersAantal', reason: 'is missing: the rules compare rooms with the household' }]],
    [
      'a floor area in parts of a metre',
      { oppervlakten: [{ soort: { code: 'GBO' }, waarde: 70.5 }] },
      [{ pointer: '/oppervlakten/0/waarde', reason: 'must be whole square metres (NEN 2580)' }],
    ],
    [
      'only a gross floor area',
      { oppervlakten: [{ soort: { code: 'BVO' }, waarde: 80 }] },
      [{ pointer: '/oppervlakten', reason: 'has no gebruiksoppervlakte (soort GBO) with a waarde' }],
    ],
    [
      'no net rent',
      { prijscomponenten: [{ soort: { code: 'SER' }, bedrag: 10 }] },
      [{ pointer: '/prijscomponenten', reason: 'has no net rent (soort NET): the rent caps and the passend test read it' }],
    ],
    [
      'no DAEB label',
      { maatschappelijkLabel: undefined },
      [{ pointer: '/maatschappelijkLabel/code', reason: 'must be DAE or NDA: the DAEB income rule applies to DAEB dwellings only' }],
    ],
    [
      'an unknown accessibility label',
      { toegankelijkheidslabel: { code: 'XYZ' } },
      [{ pointer: '/toegankelijkheidslabel/code', reason: 'is not a TOEGANKELIJKHEIDSLABEL code Woonmix knows (XYZ)' }],
    ],
  ])('an Eenheid with %s', (_case, change, problems) => {
    expect(fromEenheid({ ...base, ...change }, 'C-1').problems).toEqual(problems);
  });

  it.each<[string, Record<string, unknown>, string[], string[], string[]]>([
    ['the labels attribute', { 'extra-attributen': [{ naam: 'woonmix.labels', waarde: 'YOUTH' }] }, ['SENIOR_65', 'WHEELCHAIR'], ['YOUTH'], []],
    ['SEN, over a stored senior label and WHEELCHAIR', { doelgroep: { code: 'SEN' } }, ['SENIOR_65', 'WHEELCHAIR'], ['SENIOR_65', 'WHEELCHAIR'], []],
    ['no DOELGROEP, over stored labels', { doelgroep: undefined }, ['SENIOR_55', 'WHEELCHAIR'], ['SENIOR_55', 'WHEELCHAIR'], []],
    ['JON, over a stored senior label', { doelgroep: { code: 'JON' } }, ['SENIOR_65', 'WHEELCHAIR'], ['YOUTH', 'WHEELCHAIR'], []],
    ['GEZ, new', { doelgroep: { code: 'GEZ' } }, [], ['FAMILY'], []],
    ['SEN, new', { doelgroep: { code: 'SEN' } }, [], [], ['SEN names no age: give woonmix.labels (SENIOR_55 or SENIOR_65) to label it']],
    ['a wheelchair label of accessibility, new', { toegankelijkheidslabel: { code: 'ROL' }, doelgroep: undefined }, [], ['WHEELCHAIR'], []],
  ])('the labels of an Eenheid with %s', (_case, change, stored, labels, notes) => {
    const read = fromEenheid({ ...base, 'extra-attributen': undefined, ...change }, 'C-1', stored);
    expect(read.dwelling?.labels).toEqual(labels);
    expect(read.notes.map((n) => n.reason)).toEqual(notes);
  });

  it.each<[string, Record<string, unknown>, number | undefined, string | undefined]>([
    ['search points alone', { zoekpunten: 12 }, 12, undefined],
    ['the three kinds together', { startpunten: 10, situatiepunten: 2.5, zoekpunten: 0.5 }, 13, undefined],
    ['no points at all', {}, undefined, 'is missing: give startpunten, situatiepunten or zoekpunten'],
    ['a fraction', { zoekpunten: 1.25 }, undefined, 'the points add up to 1.25: Woonmix ranks by whole points, 0 or more'],
    ['a negative total', { startpunten: -3 }, undefined, 'the points add up to -3: Woonmix ranks by whole points, 0 or more'],
  ])('a Puntenberekening with %s', (_case, doc, points, reason) => {
    const read = pointsOf(doc);
    expect(read.points).toBe(points);
    expect(read.problems.map((p) => p.reason)).toEqual(reason ? [reason] : []);
  });

  it.each([
    ['2026-02-28T23:00:00Z', '2026-03-01'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['2026-03-01', '2026-03-01'],
  ])('the instant %s falls on %s in the Netherlands', (instant, day) => {
    expect(dayOf(instant)).toBe(day);
  });

  it.each([
    // winter time (CET, UTC+1), summer time (CEST, UTC+2), and the days the clocks change (at 02:00 or 03:00, not at midnight)
    ['2026-03-02', '2026-03-01T23:00:00Z'],
    ['2026-07-10', '2026-07-09T22:00:00Z'],
    ['2026-03-29', '2026-03-28T23:00:00Z'],
    ['2026-03-30', '2026-03-29T22:00:00Z'],
    ['2026-10-25', '2026-10-24T22:00:00Z'],
    ['2026-10-26', '2026-10-25T23:00:00Z'],
  ])('the Dutch day %s begins at %s', (day, instant) => {
    expect(dutchDayStart(day)).toBe(instant);
    expect(dayOf(instant)).toBe(day);
  });

  it.each([
    // einddatum: the advert stops being visible; the window's last day is the day before that instant
    ['2026-03-09T23:00:00Z', '2026-03-09'],
    ['2026-07-09T22:00:00Z', '2026-07-09'],
    ['2026-03-10T08:00:00Z', '2026-03-10'],
    ['2026-03-09', '2026-03-09'],
  ])('a window ending at %s has its last day on %s', (einddatum, last) => {
    expect(lastDayBefore(einddatum)).toBe(last);
  });

  it('a window written and read back keeps its days', () => {
    const anyDay = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(anyDay, (first) => {
        expect(dayOf(dutchDayStart(first))).toBe(first);
        expect(lastDayBefore(dutchDayStart(nextDay(first)))).toBe(first);
      }),
    );
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['MBW stating a child', 'MBW', { 'extra-attributen': [{ naam: 'woonmix.role', waarde: 'CHILD' }], geboortedatum: '1990-01-01' }, 'CHILD'],
    ['MBW stating a co-resident', 'MBW', { 'extra-attributen': [{ naam: 'woonmix.role', waarde: 'CO_RESIDENT' }], geboortedatum: '2016-01-01' }, 'CO_RESIDENT'],
    ['MBW aged 17', 'MBW', { geboortedatum: '2008-03-03' }, 'CHILD'],
    ['MBW aged 18 that day', 'MBW', { geboortedatum: '2008-03-02' }, 'CO_RESIDENT'],
    ['the withdrawn KIN', 'KIN', { geboortedatum: '1990-01-01' }, 'CHILD'],
    ['MED', 'MED', { geboortedatum: '1990-01-01' }, 'PARTNER'],
  ])('reads a member with %s', (_case, rol, person, role) => {
    const group = {
      code: 'H-9',
      soort: { code: 'GRO' },
      relaties: [{ code: 'H-9-a' }, { code: 'H-9-b' }],
      'extra-attributen': [{ naam: 'woonmix.registrationDate', waarde: '2010-01-01' }],
    };
    const applicant = {
      code: 'H-9-a',
      soort: { code: 'NAT' },
      geboortedatum: '1980-01-01',
      rollen: [{ soort: { code: 'WON' } }],
      inkomens: [{ soort: { code: 'BRU' }, bedrag: 30000, jaar: 2025 }],
    };
    const member = { code: 'H-9-b', soort: { code: 'NAT' }, rollen: [{ soort: { code: rol } }], ...person };
    const { households, problems } = householdsFromRelaties([group, member, applicant], '2026-03-02');
    expect(problems).toEqual([]);
    expect(households[0].row.members.map((m) => m.role)).toEqual(['APPLICANT', role]);
    // the applicant comes first in Woonmix's order: each member is traced to its own document
    expect(households[0].memberDocuments).toEqual([2, 1]);
    expect(households[0].incomeDocuments).toEqual([2]);
  });

  it('places a negative income at the person document and amount it came from', () => {
    const [group, applicant] = relatiesOf({
      reference: 'H-2',
      members: [{ role: 'APPLICANT', birthDate: '1980-01-01' }],
      taxableIncomeCents: 3_000_000,
      incomeYear: 2025,
      incomeSource: 'WORK',
      registrationDate: '2010-01-01',
      supportNeeds: [],
      onWaitingList: true,
    });
    const [income] = applicant.inkomens as Record<string, unknown>[];
    const negative = { ...applicant, inkomens: [{ ...income, bedrag: -5000 }] };
    const { households, problems } = householdsFromRelaties([group, negative], '2026-03-02');
    expect(households).toEqual([]);
    expect(problems).toEqual([{ index: 1, pointer: '/inkomens/0/bedrag', reason: 'must not be negative (-5000)' }]);
  });

  it.each<[number, number | null]>([
    [612.35, 61235],
    [0.1 + 0.2, 30],
    [612.355, null],
    [0.07, 7],
    [1e-7, null],
  ])('%p euros are %p cents', (euros, expected) => {
    expect(centsOf(euros)).toBe(expected);
  });

  it('reads a household of one from a lone applicant, and refuses a lone member who is not one', () => {
    const [, applicant, child] = relatiesOf({
      reference: 'H-1',
      members: [
        { role: 'APPLICANT', birthDate: '1980-01-01' },
        { role: 'CHILD', birthDate: '2015-01-01' },
      ],
      taxableIncomeCents: 3_000_000,
      incomeYear: 2025,
      incomeSource: 'WORK',
      registrationDate: '2010-01-01',
      supportNeeds: [],
      onWaitingList: true,
    });
    const lone = { ...applicant, 'extra-attributen': [{ naam: 'woonmix.registrationDate', waarde: '2010-01-01' }] };
    const { households, problems } = householdsFromRelaties([lone, child], '2026-03-02');
    expect(households.map((h) => [h.row.reference, h.row.members.length, h.row.taxableIncomeCents])).toEqual([['H-1-1', 1, 3_000_000]]);
    expect(problems).toEqual([{ index: 1, pointer: '/rollen', reason: 'a person outside a household group must be the applicant (RELATIEROLSOORT WON)' }]);
  });
});
