import type { ComplexRow, DwellingRow, HouseholdRow, VacancyRow } from '../imports/import-rows.js';
import {
  ACCESSIBILITY_FROM_VERA,
  ACCESSIBILITY_TO_VERA,
  ADRESSOORT_EENHEID,
  type Accessibility,
  type AllocationRouteCode,
  EENHEIDSOORT_WOONRUIMTE,
  INCOME_SOURCE_FROM_VERA,
  INCOME_SOURCE_TO_VERA,
  INKOMENSSOORT_BRUTO,
  KANDIDAATSTATUS_GEREAGEERD,
  LABEL_FROM_DOELGROEP,
  LABEL_TO_DOELGROEP,
  MAATSCHAPPELIJKLABEL,
  type MemberRole,
  OPPERVLAKTESOORT_GBO,
  OVEREENKOMSTSOORT_INSCHRIJVING,
  PRIJSCOMPONENTDETAILSOORT_KAL,
  PRIJSCOMPONENTSOORT,
  RELATIEDETAILSOORT_HUISHOUDEN,
  RELATIESOORT,
  ROLE_FROM_VERA,
  ROLE_TO_VERA,
  MEDEBEWONER,
  ROUTE_FROM_MODEL,
  ROUTE_TO_MODEL,
  type VeraCode,
} from './vera-codes.js';
import type { VeraDocument } from './vera-export.mapping.js';

/*
 * Woonmix's stock and household facts as VERA-WRV documents and back (issue 19). Written so that what
 * Woonmix writes it reads back unchanged (the round trip of test/e2e/vera-round-trip.e2e-spec.ts);
 * documents from another system are read by the same functions. A fact the rules need that VERA has
 * no field for travels as an extra attribute woonmix.<field> (Bericht-basis); the README lists them.
 */

/** A place in a document the mapping cannot use, and why (the pointer is relative to the document). */
export interface MappingProblem {
  pointer: string;
  reason: string;
}

const referentie = (c: VeraCode) => ({ code: c.code, naam: c.naam });
const euros = (cents: number) => Math.round(cents) / 100;
const codeOf = (value: unknown): string | undefined => (isObject(value) && typeof value.code === 'string' ? value.code : undefined);
/**
 * A part of a document already validated against the specification (types hold); what the mapping
 * needs of it is checked where it is read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: shapes are the specification's, checked on read
type DocumentPart = Record<string, any>;
const isObject = (value: unknown): value is DocumentPart => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): DocumentPart[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Euros (a VERA float) as whole cents; null when the amount has parts of a cent (a money value Woonmix would round). */
export function centsOf(amount: number): number | null {
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : null;
}

const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * A VERA date-time (an instant, "...Z") as the day it falls on in the Netherlands (midnight in
 * Amsterdam is 22:00 or 23:00 UTC the day before); a date as itself.
 */
export function dayOf(value: string): string {
  return value.length === 10 ? value : DUTCH_DAY.format(new Date(value));
}

/**
 * The last day of a window whose end is `value`: an einddatum is the instant the advert stops being
 * visible (WRV.yaml, Publicatie.einddatum), so the last day is the Dutch day of the moment before it;
 * a date is taken as the last day itself.
 */
export function lastDayBefore(value: string): string {
  return value.length === 10 ? value : DUTCH_DAY.format(new Date(Date.parse(value) - 1));
}

const AMSTERDAM_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far Amsterdam's clock is ahead of UTC at an instant, in milliseconds. */
function amsterdamOffsetMs(instant: number): number {
  const part = Object.fromEntries(AMSTERDAM_CLOCK.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(+part.year, +part.month - 1, +part.day, +part.hour, +part.minute, +part.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a Dutch day begins, as a VERA date-time: 00:00 in Amsterdam is 23:00 UTC the day
 * before in winter (CET) and 22:00 in summer (CEST); clocks change at 02:00 or 03:00, never at midnight.
 */
export function dutchDayStart(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const instant = utcMidnight - amsterdamOffsetMs(utcMidnight - amsterdamOffsetMs(utcMidnight));
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** The day after an ISO date. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The document's extra attributes (Bericht-basis, extra-attributen) by name. */
export function extrasOf(doc: VeraDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of arrayOf(doc['extra-attributen'])) if (isObject(e) && typeof e.naam === 'string' && typeof e.waarde === 'string') out.set(e.naam, e.waarde);
  return out;
}

const extras = (pairs: [string, string | number | boolean | null | undefined][]) => {
  const list = pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([naam, waarde]) => ({ naam: `woonmix.${naam}`, waarde: String(waarde) }));
  return list.length > 0 ? { 'extra-attributen': list } : {};
};

/** The key a document names a Woonmix record by: its code, else the sender's idExtern. */
export function keyOf(doc: unknown): string | undefined {
  if (!isObject(doc)) return undefined;
  if (typeof doc.code === 'string' && doc.code !== '') return doc.code;
  if (typeof doc.idExtern === 'string' && doc.idExtern !== '') return doc.idExtern;
  return undefined;
}

// ---------------------------------------------------------------- Eenheden

/** A dwelling with its complex and buurt, as Woonmix holds them. */
export interface DwellingFacts extends DwellingRow {
  complexName: string;
  buurtCode: string;
  buurtName: string;
}

/** An Eenheid (Eenheden-Eenheidbericht): the dwelling, its rent, rooms, area, label and accessibility; its complex as its cluster. */
export function eenheidOf(d: DwellingFacts): VeraDocument {
  const doelgroep = LABEL_TO_DOELGROEP.find(([label]) => d.labels.includes(label))?.[1];
  return {
    code: d.code,
    soort: referentie(EENHEIDSOORT_WOONRUIMTE),
    adres: { soort: referentie(ADRESSOORT_EENHEID), adres: d.address, postcode: d.postcode, buurt: { code: d.buurtCode, naam: d.buurtName } },
    clusters: [{ code: d.complexCode, naam: d.complexName }],
    kamersAantal: d.rooms,
    oppervlakten: [{ soort: referentie(OPPERVLAKTESOORT_GBO), waarde: d.floorAreaM2 }],
    prijscomponenten: [
      { soort: referentie(PRIJSCOMPONENTSOORT.NET), detailSoort: referentie(PRIJSCOMPONENTDETAILSOORT_KAL), bedrag: euros(d.netRentCents) },
      ...(d.serviceCostsCents > 0 ? [{ soort: referentie(PRIJSCOMPONENTSOORT.SER), bedrag: euros(d.serviceCostsCents) }] : []),
    ],
    maatschappelijkLabel: referentie(d.isDaeb ? MAATSCHAPPELIJKLABEL.DAE : MAATSCHAPPELIJKLABEL.NDA),
    toegankelijkheidslabel: referentie(ACCESSIBILITY_TO_VERA[d.accessibility]),
    ...(doelgroep ? { doelgroep: referentie(doelgroep) } : {}),
    // VERA's DOELGROEP has no age: the labels themselves, exactly (also none: a wheelchair home need not carry the label)
    'extra-attributen': [{ naam: 'woonmix.labels', waarde: d.labels.join(';') }],
  };
}

/** Woonmix's target-group labels (DOELGROEP's own subject), as against WHEELCHAIR. */
const TARGET_GROUP_LABELS: readonly string[] = ['SENIOR_55', 'SENIOR_65', 'YOUTH', 'FAMILY'];
const SENIOR_LABELS: readonly string[] = ['SENIOR_55', 'SENIOR_65'];

/**
 * A dwelling and its complex read from an Eenheid; the complex's buurt is the address's.
 * `storedLabels`: the labels of the dwelling Woonmix holds under this key, if any. Without the extra
 * attribute woonmix.labels a document says only what DOELGROEP says, so the labels it cannot express
 * are kept (like a household's facts a delivery leaves out): the age of a senior dwelling (SEN has
 * none), WHEELCHAIR, and every target-group label when DOELGROEP is not given at all.
 */
export function fromEenheid(
  doc: VeraDocument,
  key: string,
  storedLabels: readonly string[] = [],
): { complex?: ComplexRow; dwelling?: DwellingRow; problems: MappingProblem[]; notes: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const notes: MappingProblem[] = [];
  const soort = codeOf(doc.soort);
  if (soort !== undefined && soort !== EENHEIDSOORT_WOONRUIMTE.code)
    problems.push({ pointer: '/soort/code', reason: `is ${soort}: Woonmix allocates dwellings (EENHEIDSOORT WOO) only` });
  const adres = isObject(doc.adres) ? doc.adres : {};
  const buurtCode = codeOf(adres.buurt);
  if (!buurtCode) problems.push({ pointer: '/adres/buurt/code', reason: 'is missing: Woonmix places a dwelling in a CBS buurt' });
  const cluster = arrayOf(doc.clusters)[0];
  const complexCode = keyOf(cluster);
  if (!complexCode) problems.push({ pointer: '/clusters/0', reason: 'is missing: the cluster (with a code) is the complex the dwelling belongs to' });
  const address =
    typeof adres.adres === 'string' && adres.adres !== ''
      ? adres.adres
      : [adres.straatnaam, [adres.huisnummer, adres.huisletter].filter(Boolean).join(''), adres.huisnummerToevoeging].filter(Boolean).join(' ');
  if (!address) problems.push({ pointer: '/adres', reason: 'has no address (adres, or straatnaam and huisnummer)' });
  const postcode = typeof adres.postcode === 'string' ? adres.postcode.replace(/\s+/g, '').toUpperCase() : undefined;
  if (!postcode) problems.push({ pointer: '/adres/postcode', reason: 'is missing' });
  if (typeof doc.kamersAantal !== 'number') problems.push({ pointer: '/kamersAantal', reason: 'is missing: the rules compare rooms with the household' });
  const areaIndex = arrayOf(doc.oppervlakten).findIndex((o) => codeOf(o?.soort) === OPPERVLAKTESOORT_GBO.code);
  const area: unknown = areaIndex >= 0 ? arrayOf(doc.oppervlakten)[areaIndex].waarde : undefined;
  if (typeof area !== 'number') problems.push({ pointer: '/oppervlakten', reason: 'has no gebruiksoppervlakte (soort GBO) with a waarde' });
  else if (!Number.isInteger(area)) problems.push({ pointer: `/oppervlakten/${areaIndex}/waarde`, reason: 'must be whole square metres (NEN 2580)' });
  const components = arrayOf(doc.prijscomponenten);
  const sum = (soortCode: string, what: string): number | null => {
    let cents = 0;
    let found = false;
    components.forEach((c, i) => {
      if (codeOf(c?.soort) !== soortCode) return;
      found = true;
      const value = typeof c.bedrag === 'number' ? centsOf(c.bedrag) : null;
      if (value === null) problems.push({ pointer: `/prijscomponenten/${i}/bedrag`, reason: `must be an amount in euros with at most two decimals (${what})` });
      else cents += value;
    });
    return found ? cents : null;
  };
  const netRentCents = sum(PRIJSCOMPONENTSOORT.NET.code, 'net rent');
  if (netRentCents === null) problems.push({ pointer: '/prijscomponenten', reason: 'has no net rent (soort NET): the rent caps and the passend test read it' });
  const serviceCostsCents = sum(PRIJSCOMPONENTSOORT.SER.code, 'service costs') ?? 0;
  const label = codeOf(doc.maatschappelijkLabel);
  if (label !== MAATSCHAPPELIJKLABEL.DAE.code && label !== MAATSCHAPPELIJKLABEL.NDA.code)
    problems.push({ pointer: '/maatschappelijkLabel/code', reason: 'must be DAE or NDA: the DAEB income rule applies to DAEB dwellings only' });
  const accessCode = codeOf(doc.toegankelijkheidslabel);
  const accessibility: Accessibility | undefined = accessCode === undefined ? 'NONE' : ACCESSIBILITY_FROM_VERA[accessCode];
  if (!accessibility) problems.push({ pointer: '/toegankelijkheidslabel/code', reason: `is not a TOEGANKELIJKHEIDSLABEL code Woonmix knows (${accessCode})` });
  const labelsAttribute = extrasOf(doc).get('woonmix.labels');
  let labels: string[];
  if (labelsAttribute !== undefined) labels = labelsAttribute.split(';').filter(Boolean);
  else {
    const doelgroep = codeOf(doc.doelgroep);
    const targetGroup =
      doelgroep === undefined
        ? storedLabels.filter((l) => TARGET_GROUP_LABELS.includes(l))
        : doelgroep === 'SEN'
          ? storedLabels.filter((l) => SENIOR_LABELS.includes(l))
          : LABEL_FROM_DOELGROEP[doelgroep]
            ? [LABEL_FROM_DOELGROEP[doelgroep]]
            : [];
    labels = [...targetGroup, ...(storedLabels.includes('WHEELCHAIR') ? ['WHEELCHAIR'] : [])];
    if (doelgroep === 'SEN' && targetGroup.length === 0)
      notes.push({ pointer: '/doelgroep/code', reason: 'SEN names no age: give woonmix.labels (SENIOR_55 or SENIOR_65) to label it' });
  }
  if (accessibility === 'WHEELCHAIR' && !labels.includes('WHEELCHAIR') && labelsAttribute === undefined) labels.push('WHEELCHAIR');
  if (problems.length > 0) return { problems, notes };
  return {
    complex: { code: complexCode!, name: typeof cluster.naam === 'string' && cluster.naam !== '' ? cluster.naam : complexCode!, buurtCode: buurtCode! },
    dwelling: {
      code: key,
      complexCode: complexCode!,
      address,
      postcode: postcode!,
      rooms: doc.kamersAantal as number,
      floorAreaM2: area as number,
      netRentCents: netRentCents!,
      serviceCostsCents,
      isDaeb: label === MAATSCHAPPELIJKLABEL.DAE.code,
      accessibility: accessibility!,
      labels,
    },
    problems,
    notes,
  };
}

// ---------------------------------------------------------------- Publicaties

/** A vacancy with its publication window (instants, ISO). */
export interface VacancyFacts extends Omit<VacancyRow, 'respondents' | 'status'> {
  publishedFrom: string | null;
  publishedUntil: string | null;
}

const vera = (instant: string) => `${instant.slice(0, 19)}Z`;

/** A Publicatie (Publicaties-Publicatiebericht): the vacancy, its dwelling, its model and window. */
export function publicatieOf(v: VacancyFacts): VeraDocument {
  const model = ROUTE_TO_MODEL[v.route];
  return {
    code: v.reference,
    model: referentie(model),
    eenheden: [{ code: v.dwellingCode }],
    opleverdatum: `${v.availableFrom}T00:00:00Z`,
    ...(v.publishedFrom ? { begindatum: vera(v.publishedFrom) } : {}),
    ...(v.publishedUntil ? { einddatum: vera(v.publishedUntil) } : {}),
    ...extras([
      // the model does not tell these routes apart
      ['route', ROUTE_FROM_MODEL[model.code] === v.route ? null : v.route],
      ['labelFallbackActive', v.labelFallbackActive ? true : null],
      ['localTiesPriority', v.localTiesPriority ? true : null],
    ]),
  };
}

export function fromPublicatie(
  doc: VeraDocument,
  key: string,
  dwellingKeyOf: (ref: unknown) => string | undefined,
): { vacancy?: VacancyRow; window?: { from: string | null; until: string | null }; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const eenheden = arrayOf(doc.eenheden);
  if (eenheden.length !== 1)
    problems.push({ pointer: '/eenheden', reason: `must name exactly one unit: Woonmix lets one dwelling per vacancy (got ${eenheden.length})` });
  const dwellingCode = eenheden.length === 1 ? dwellingKeyOf(eenheden[0]) : undefined;
  if (eenheden.length === 1 && !dwellingCode) problems.push({ pointer: '/eenheden/0', reason: 'names no unit (code or idExtern)' });
  const extra = extrasOf(doc);
  const model = codeOf(doc.model);
  const routeAttribute = extra.get('woonmix.route');
  const route = (routeAttribute ?? (model ? ROUTE_FROM_MODEL[model] : undefined)) as AllocationRouteCode | undefined;
  if (!route)
    problems.push({
      pointer: routeAttribute ? '/extra-attributen' : '/model/code',
      reason: model ? `is ${model}: Woonmix allocates by AAN, LOT or DIS` : 'is missing: the model decides the allocation route',
    });
  const available = typeof doc.opleverdatum === 'string' ? doc.opleverdatum : typeof doc.begindatum === 'string' ? doc.begindatum : undefined;
  if (!available) problems.push({ pointer: '/opleverdatum', reason: 'is missing: the day the dwelling is available (or begindatum)' });
  if (problems.length > 0) return { problems };
  return {
    vacancy: {
      reference: key,
      dwellingCode: dwellingCode!,
      availableFrom: dayOf(available!),
      route: route!,
      respondents: [],
      labelFallbackActive: extra.get('woonmix.labelFallbackActive') === 'true',
      localTiesPriority: extra.get('woonmix.localTiesPriority') === 'true',
    },
    window: { from: typeof doc.begindatum === 'string' ? doc.begindatum : null, until: typeof doc.einddatum === 'string' ? doc.einddatum : null },
    problems,
  };
}

// ---------------------------------------------------------------- Kandidaten

/** A respondent to a vacancy, with the letting platform's position when one was delivered. */
export interface ResponseFacts {
  vacancyReference: string;
  dwellingCode: string;
  householdReference: string;
  platformPosition: number | null;
}

/** A Kandidaat (Kandidaten-Kandidaatbericht): a household that responded to a dwelling; VERA names the unit, not the publication. */
export function kandidaatOf(r: ResponseFacts): VeraDocument {
  return {
    code: `${r.vacancyReference}/${r.householdReference}`,
    status: referentie(KANDIDAATSTATUS_GEREAGEERD),
    eenheid: { code: r.dwellingCode },
    relatie: { soort: referentie(RELATIESOORT.GRO), detailSoort: referentie(RELATIEDETAILSOORT_HUISHOUDEN), code: r.householdReference },
    ...(r.platformPosition !== null ? { positie: r.platformPosition } : {}),
  };
}

// ---------------------------------------------------------------- Puntenberekeningen

/** A Puntenberekening: a household's ranking points (POINTS route) on its registration. */
export function puntenberekeningOf(householdReference: string, rankingPoints: number): VeraDocument {
  return { inschrijving: { soort: referentie(OVEREENKOMSTSOORT_INSCHRIJVING), code: householdReference }, zoekpunten: rankingPoints };
}

/** The whole points of a calculation: start, situation and search points together. */
export function pointsOf(doc: VeraDocument): { points?: number; problems: MappingProblem[] } {
  const parts = (['startpunten', 'situatiepunten', 'zoekpunten'] as const).filter((p) => typeof doc[p] === 'number');
  if (parts.length === 0) return { problems: [{ pointer: '/zoekpunten', reason: 'is missing: give startpunten, situatiepunten or zoekpunten' }] };
  const points = parts.reduce((n, p) => n + (doc[p] as number), 0);
  if (!Number.isInteger(points) || points < 0)
    return { problems: [{ pointer: `/${parts[0]}`, reason: `the points add up to ${points}: Woonmix ranks by whole points, 0 or more` }] };
  return { points, problems: [] };
}

// ---------------------------------------------------------------- Relaties

/** Household facts VERA's Relaties have no field for, as extra attributes of the household (its group). */
export const HOUSEHOLD_EXTRAS = [
  'registrationDate',
  'box3AssetsCents',
  'urgencyCategory',
  'urgencyGranted',
  'urgencyExpires',
  'supportNeeds',
  'localTiesMunicipalityCode',
  'localTiesYears',
  'indicationKind',
  'indicationAccessibility',
  'minRooms',
  'maxNetRentCents',
  'buurtCodes',
  'onWaitingList',
  'incomeSource',
] as const;
type Extra = (typeof HOUSEHOLD_EXTRAS)[number];

/** A household as a delivery gives it: what it leaves out (undefined) a stored household keeps (ImportsService, update mode). */
export type DeliveredHousehold = Omit<HouseholdRow, 'supportNeeds' | 'onWaitingList'> & { supportNeeds?: string[]; onWaitingList?: boolean };

/**
 * A household as Relaties: one group (RELATIESOORT GRO, detail HUI) named by the household's
 * reference, and a person (NAT) per member, named reference-1, -2, ... (pseudonymous: Woonmix holds no
 * names), with birth date and role in the group. The household's income is on the applicant (BRU, the
 * year it was assessed for).
 */
export function relatiesOf(h: HouseholdRow): VeraDocument[] {
  const memberCode = (i: number) => `${h.reference}-${i + 1}`;
  const source = INCOME_SOURCE_TO_VERA[h.incomeSource];
  const group: VeraDocument = {
    code: h.reference,
    soort: referentie(RELATIESOORT.GRO),
    detailSoort: referentie(RELATIEDETAILSOORT_HUISHOUDEN),
    relaties: h.members.map((_, i) => ({ code: memberCode(i), soort: referentie(RELATIESOORT.NAT) })),
    // every attribute, empty for none: a delivery read back sets each one (one left out would keep what the receiver holds)
    'extra-attributen': (
      [
        ['registrationDate', h.registrationDate],
        ['box3AssetsCents', h.box3AssetsCents],
        ['urgencyCategory', h.urgencyCategory],
        ['urgencyGranted', h.urgencyGranted],
        ['urgencyExpires', h.urgencyExpires],
        ['supportNeeds', (h.supportNeeds ?? []).join(';')],
        ['localTiesMunicipalityCode', h.localTiesMunicipalityCode],
        ['localTiesYears', h.localTiesYears],
        ['indicationKind', h.indicationKind],
        ['indicationAccessibility', h.indicationAccessibility],
        ['minRooms', h.preferences?.minRooms],
        ['maxNetRentCents', h.preferences?.maxNetRentCents],
        ['buurtCodes', (h.preferences?.buurtCodes ?? []).join(';')],
        ['onWaitingList', h.onWaitingList ?? true],
        // AND stands for both PENSION and OTHER
        ['incomeSource', source.code === 'AND' ? h.incomeSource : ''],
      ] satisfies [Extra, unknown][]
    ).map(([naam, waarde]) => ({ naam: `woonmix.${naam}`, waarde: waarde === null || waarde === undefined ? '' : String(waarde) })),
  };
  const persons = h.members.map((m, i) => ({
    code: memberCode(i),
    soort: referentie(RELATIESOORT.NAT),
    geboortedatum: m.birthDate,
    rollen: [{ soort: referentie(ROLE_TO_VERA[m.role as MemberRole]), rolRelatie: { code: h.reference, soort: referentie(RELATIESOORT.GRO) } }],
    // MBW stands for both a child and another co-resident (KIN is withdrawn, vera-codes.ts): the role itself
    ...(ROLE_TO_VERA[m.role as MemberRole].code === MEDEBEWONER ? extras([['role', m.role]]) : {}),
    ...(m.role === 'APPLICANT'
      ? { inkomens: [{ soort: referentie(INKOMENSSOORT_BRUTO), bron: referentie(source), bedrag: euros(h.taxableIncomeCents), jaar: h.incomeYear }] }
      : {}),
  }));
  return [group, ...persons];
}

/**
 * Households read from Relaties documents: each group is a household, its members the persons it
 * lists (by code or idExtern) in this same delivery; a person in no group with the role of applicant
 * is a household of one. The income is the sum of the members' BRU incomes of the latest year given.
 * Problems are per document (its index).
 */
export function householdsFromRelaties(
  docs: VeraDocument[],
  onDate: string,
): {
  households: DeliveredHouseholdOrigin[];
  problems: (MappingProblem & { index: number })[];
} {
  const problems: (MappingProblem & { index: number })[] = [];
  const persons = new Map<string, { index: number; doc: VeraDocument }>();
  const groups: { index: number; doc: VeraDocument }[] = [];
  docs.forEach((doc, index) => {
    const soort = codeOf(doc.soort);
    if (soort === RELATIESOORT.GRO.code) groups.push({ index, doc });
    else if (soort === RELATIESOORT.NAT.code) {
      for (const key of new Set([doc.code, doc.idExtern])) {
        if (typeof key !== 'string' || key === '') continue;
        const other = persons.get(key);
        // a key named twice would make one person stand for two
        if (other) problems.push({ index, pointer: doc.code === key ? '/code' : '/idExtern', reason: `${key} is the key of document ${other.index + 1} too` });
        else persons.set(key, { index, doc });
      }
    } else problems.push({ index, pointer: '/soort/code', reason: `must be NAT (a person) or GRO (a household): ${soort ?? 'missing'}` });
  });
  const grouped = new Set<number>();
  const households: DeliveredHouseholdOrigin[] = [];
  for (const { index, doc } of groups) {
    const members: { index: number; doc: VeraDocument }[] = [];
    arrayOf(doc.relaties).forEach((ref, i) => {
      const person = [ref?.code, ref?.idExtern].map((k) => (typeof k === 'string' ? persons.get(k) : undefined)).find(Boolean);
      if (!person)
        problems.push({ index, pointer: `/relaties/${i}`, reason: 'names no person of this delivery (code or idExtern): send the members with their group' });
      else if (grouped.has(person.index))
        problems.push({ index, pointer: `/relaties/${i}`, reason: `names document ${person.index + 1}, a member of another household (or named twice)` });
      else {
        members.push(person);
        grouped.add(person.index);
      }
    });
    const read = householdOf(doc, index, members, problems, onDate);
    if (read) households.push({ index, ...read });
  }
  for (const [, person] of new Map([...persons.values()].map((p) => [p.index, p]))) {
    if (grouped.has(person.index)) continue;
    if (roleOf(person.doc, onDate) !== 'APPLICANT') {
      problems.push({ index: person.index, pointer: '/rollen', reason: 'a person outside a household group must be the applicant (RELATIEROLSOORT WON)' });
      continue;
    }
    const read = householdOf(person.doc, person.index, [person], problems, onDate);
    if (read) households.push({ index: person.index, ...read });
  }
  households.sort((a, b) => a.index - b.index);
  return { households, problems };
}

/** A household read from Relaties, with the documents its facts came from (to place a row error). */
export interface DeliveredHouseholdOrigin {
  /** The group's document (or the lone applicant's). */
  index: number;
  row: DeliveredHousehold;
  /** Per member of `row.members` (in that order): its person document. */
  memberDocuments: number[];
  /** The person documents whose incomes make up the household's income. */
  incomeDocuments: number[];
}

/** Woonmix's age of majority for a co-resident read as a child (Burgerlijk Wetboek 1:233: 18). */
const ADULT_AGE = 18;

/**
 * A person's role. MBW (medebewoner) is what the reference data asks for a child since KIN was
 * withdrawn (vera-codes.ts): Woonmix's own exports say which one in woonmix.role; from another
 * system, a co-resident under 18 on `onDate` is a child.
 */
function roleOf(person: VeraDocument, onDate: string): MemberRole | undefined {
  for (const rol of arrayOf(person.rollen)) {
    const code = codeOf(rol?.soort) ?? '';
    const role = ROLE_FROM_VERA[code];
    if (!role) continue;
    if (code !== MEDEBEWONER) return role;
    const stated = extrasOf(person).get('woonmix.role');
    if (stated === 'CHILD' || stated === 'CO_RESIDENT') return stated;
    const born = typeof person.geboortedatum === 'string' ? person.geboortedatum.slice(0, 10) : undefined;
    return born !== undefined && ageOn(born, onDate) < ADULT_AGE ? 'CHILD' : 'CO_RESIDENT';
  }
  return undefined;
}

/** Whole years from an ISO birth date to an ISO date. */
function ageOn(born: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(born.slice(0, 4));
  return onDate.slice(5) < born.slice(5) ? years - 1 : years;
}

function householdOf(
  doc: VeraDocument,
  index: number,
  members: { index: number; doc: VeraDocument }[],
  problems: (MappingProblem & { index: number })[],
  onDate: string,
): Omit<DeliveredHouseholdOrigin, 'index'> | undefined {
  const before = problems.length;
  const reference = keyOf(doc);
  if (!reference) problems.push({ index, pointer: '/code', reason: 'is missing: the household reference (or idExtern)' });
  if (members.length === 0) problems.push({ index, pointer: '/relaties', reason: 'lists no members' });
  const listed = members.map(({ index: at, doc: person }) => {
    const role = roleOf(person, onDate);
    if (!role) problems.push({ index: at, pointer: '/rollen', reason: 'has no role Woonmix knows (RELATIEROLSOORT WON, MED, MBW ...)' });
    if (typeof person.geboortedatum !== 'string') problems.push({ index: at, pointer: '/geboortedatum', reason: 'is missing: the rules read ages' });
    return { at, member: { role: role ?? 'CO_RESIDENT', birthDate: person.geboortedatum as string } };
  });
  // the applicant first, then the others as listed (Woonmix's member order)
  listed.sort((a, b) => Number(b.member.role === 'APPLICANT') - Number(a.member.role === 'APPLICANT'));
  const memberRows = listed.map((l) => l.member);
  const incomes = members.flatMap(({ index: at, doc: person }) =>
    arrayOf(person.inkomens)
      .map((inkomen, i) => ({ at, i, inkomen }))
      .filter(({ inkomen }) => codeOf(inkomen?.soort) === INKOMENSSOORT_BRUTO.code),
  );
  const year = Math.max(...incomes.map(({ inkomen }) => (typeof inkomen.jaar === 'number' ? inkomen.jaar : -Infinity)));
  let taxableIncomeCents = 0;
  let bron: string | undefined;
  if (!Number.isFinite(year))
    problems.push({
      index,
      pointer: '/relaties',
      reason: 'no member has a yearly income (inkomens with soort BRU and jaar): the DAEB and passend tests need it',
    });
  const counted = incomes.filter(({ inkomen }) => inkomen.jaar === year);
  for (const { at, i, inkomen } of counted) {
    const cents = typeof inkomen.bedrag === 'number' ? centsOf(inkomen.bedrag) : null;
    if (cents === null) problems.push({ index: at, pointer: `/inkomens/${i}/bedrag`, reason: 'must be an amount in euros with at most two decimals' });
    else if (cents < 0) problems.push({ index: at, pointer: `/inkomens/${i}/bedrag`, reason: `must not be negative (${inkomen.bedrag})` });
    else taxableIncomeCents += cents;
    bron ??= codeOf(inkomen.bron);
  }
  // an attribute left out keeps what Woonmix holds (undefined); an empty one clears it (null, or an empty list)
  const extra = extrasOf(doc);
  const text = (name: Extra): string | null | undefined => {
    const value = extra.get(`woonmix.${name}`);
    return value === undefined ? undefined : value === '' ? null : value;
  };
  const whole = (name: Extra): number | null | undefined => {
    const value = text(name);
    if (value === undefined || value === null) return value;
    if (!/^-?\d+$/.test(value)) {
      problems.push({ index, pointer: '/extra-attributen', reason: `woonmix.${name} must be a whole number (got "${value}")` });
      return undefined;
    }
    return Number(value);
  };
  const list = (name: Extra): string[] | undefined => {
    const value = text(name);
    return value === undefined ? undefined : (value ?? '').split(';').filter(Boolean);
  };
  const registrationDate = text('registrationDate');
  if (!registrationDate) problems.push({ index, pointer: '/extra-attributen', reason: 'woonmix.registrationDate is missing: the waiting-list order reads it' });
  const onWaitingList = text('onWaitingList');
  if (onWaitingList !== undefined && onWaitingList !== 'true' && onWaitingList !== 'false')
    problems.push({ index, pointer: '/extra-attributen', reason: `woonmix.onWaitingList must be true or false (got "${onWaitingList}")` });
  if (problems.length > before) return undefined;
  const minRooms = whole('minRooms');
  const maxNetRentCents = whole('maxNetRentCents');
  const buurtCodes = list('buurtCodes');
  const preferencesGiven = minRooms !== undefined || maxNetRentCents !== undefined || buurtCodes !== undefined;
  const row: DeliveredHousehold = {
    reference: reference!,
    members: memberRows,
    taxableIncomeCents,
    incomeYear: year,
    incomeSource: (text('incomeSource') ?? INCOME_SOURCE_FROM_VERA[bron ?? 'AND'] ?? 'OTHER') as HouseholdRow['incomeSource'],
    box3AssetsCents: whole('box3AssetsCents'),
    registrationDate: registrationDate!,
    urgencyCategory: text('urgencyCategory'),
    urgencyGranted: text('urgencyGranted'),
    urgencyExpires: text('urgencyExpires'),
    supportNeeds: list('supportNeeds'),
    localTiesMunicipalityCode: text('localTiesMunicipalityCode'),
    localTiesYears: whole('localTiesYears'),
    indicationKind: text('indicationKind') as HouseholdRow['indicationKind'],
    indicationAccessibility: text('indicationAccessibility') as HouseholdRow['indicationAccessibility'],
    ...(preferencesGiven
      ? {
          preferences: {
            ...(typeof minRooms === 'number' ? { minRooms } : {}),
            ...(typeof maxNetRentCents === 'number' ? { maxNetRentCents } : {}),
            ...(buurtCodes?.length ? { buurtCodes } : {}),
          },
        }
      : {}),
    onWaitingList: onWaitingList === undefined ? undefined : onWaitingList === 'true',
  };
  return { row, memberDocuments: listed.map((l) => l.at), incomeDocuments: [...new Set(counted.map((c) => c.at))] };
}
