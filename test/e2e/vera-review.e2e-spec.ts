import { VeraValidator } from '../../src/vera/vera-validator.js';
import { must } from '../helpers/letting-flow.js';
import { TEST_TODAY, TestApp, asRole, createCaseApp } from '../helpers/test-app.js';
import { VERA_EXPORT, VERA_IMPORT } from '../helpers/vera-documents.js';

const ADMIN = asRole('ADMIN', 'vera-admin');
const IMPORT = VERA_IMPORT;
const EXPORT = VERA_EXPORT;
const SENDER = 'rv-sender';

/*
 * Every date below is written for the case app's fixed "today", 2026-03-02 (test/helpers/test-app.ts,
 * TEST_TODAY): a winter day, Amsterdam at UTC+1. beforeAll stops the suite if that ever changes.
 *
 * A publication window's day as VERA instants, in Europe/Amsterdam (hard-coded, not computed):
 *   begindatum = the first day at 00:00 Amsterdam time;
 *   einddatum  = the day AFTER the last day at 00:00 Amsterdam time (the instant the advert stops showing).
 *   2026-03-02 00:00 CET (UTC+1)  = 2026-03-01T23:00:00Z
 *   2026-03-10 00:00 CET (UTC+1)  = 2026-03-09T23:00:00Z   (last day 2026-03-09)
 *   2026-03-25 00:00 CET (UTC+1)  = 2026-03-24T23:00:00Z
 *   2026-04-02 00:00 CEST (UTC+2) = 2026-04-01T22:00:00Z   (last day 2026-04-01; summer time from 2026-03-29)
 *   2026-02-20 00:00 CET (UTC+1)  = 2026-02-19T23:00:00Z
 *   2026-02-28 00:00 CET (UTC+1)  = 2026-02-27T23:00:00Z   (last day 2026-02-27: before today)
 */
const WINDOW = {
  /** today .. today+7 (2026-03-02 .. 2026-03-09) */
  current: { begindatum: '2026-03-01T23:00:00Z', einddatum: '2026-03-09T23:00:00Z', opens: '2026-03-02', closes: '2026-03-09' },
  /** across the change to summer time (2026-03-25 .. 2026-04-01) */
  acrossDst: { begindatum: '2026-03-24T23:00:00Z', einddatum: '2026-04-01T22:00:00Z', opens: '2026-03-25', closes: '2026-04-01' },
  /** ended before today (2026-02-20 .. 2026-02-27) */
  past: { begindatum: '2026-02-19T23:00:00Z', einddatum: '2026-02-27T23:00:00Z', opens: '2026-02-20', closes: '2026-02-27' },
};

const referentie = (code: string) => ({ code });
/** An Eenheid; `code` undefined: no code at all (JSON.stringify leaves undefined fields out, as `more` can too). */
const eenheid = (idExtern: string, code: string | undefined, more: Record<string, unknown> = {}) => ({
  idExtern,
  idOrganisatie: 'L1234',
  code,
  soort: referentie('WOO'),
  adres: { soort: referentie('EEN'), straatnaam: 'Rozenlaan', huisnummer: '40', postcode: '7311AB', buurt: { code: 'BU90040001' } },
  clusters: [{ code: 'CASE', naam: 'Rozenhof' }],
  kamersAantal: 3,
  oppervlakten: [{ soort: referentie('GBO'), waarde: 71 }],
  prijscomponenten: [{ soort: referentie('NET'), detailSoort: referentie('KAL'), bedrag: 612.35 }],
  maatschappelijkLabel: referentie('DAE'),
  toegankelijkheidslabel: referentie('ROA'),
  doelgroep: referentie('GEZ'),
  ...more,
});
/** A Publicatie of one unit (by code), LOT unless said otherwise. */
const publicatie = (code: string, unitCode: string, more: Record<string, unknown> = {}) => ({
  code,
  model: referentie('LOT'),
  eenheden: [{ code: unitCode }],
  opleverdatum: '2026-04-01T00:00:00Z',
  ...more,
});
/** A household as Relaties: the group (document 1), the applicant with the income (document 2), a child (document 3). */
const household = (reference: string, incomeEuros: number) => [
  {
    code: reference,
    soort: referentie('GRO'),
    detailSoort: referentie('HUI'),
    relaties: [{ code: `${reference}-a` }, { code: `${reference}-b` }],
    'extra-attributen': [{ naam: 'woonmix.registrationDate', waarde: '2015-05-01' }],
  },
  {
    code: `${reference}-a`,
    soort: referentie('NAT'),
    geboortedatum: '1985-04-02',
    rollen: [{ soort: referentie('WON'), rolRelatie: { code: reference } }],
    inkomens: [{ soort: referentie('BRU'), bron: referentie('ARB'), bedrag: incomeEuros, jaar: 2025 }],
  },
  {
    code: `${reference}-b`,
    soort: referentie('NAT'),
    geboortedatum: '2012-09-30',
    rollen: [{ soort: referentie('MBW'), rolRelatie: { code: reference } }],
    'extra-attributen': [{ naam: 'woonmix.role', waarde: 'CHILD' }],
  },
];

interface Problem {
  document: number;
  pointer: string;
  rule: string | null;
  reason: string;
}

/**
 * Review fixes of the VERA-WRV interchange (issue 19): keys per sender, the publication rules
 * publishVacancy follows, respondents only while their publication is published, labels a delivery
 * leaves out kept, member roles without the withdrawn KIN, window instants in Amsterdam time, and
 * member errors placed in the member's document.
 */
describe('VERA-WRV: review fixes', () => {
  let sut: TestApp;
  const validator = VeraValidator.fromFile();
  beforeAll(async () => {
    if (TEST_TODAY !== '2026-03-02') throw new Error(`the dates of this suite are written for 2026-03-02; the case app's today is ${TEST_TODAY}`);
    ({ sut } = await createCaseApp());
  });
  afterAll(() => sut.close());

  const deliver = async (resource: string, documents: unknown, sender = SENDER) =>
    must(await sut.gql(IMPORT, { input: { resource, sender, content: JSON.stringify(documents) } }, ADMIN)).veraImport;
  const exported = async (resource: string): Promise<Record<string, any>[]> => {
    const answer = must(await sut.gql(EXPORT, { r: resource }, ADMIN)).veraExport;
    const documents = JSON.parse(answer.documents) as Record<string, any>[];
    documents.forEach((d, i) => expect(validator.validate(answer.schema, d, `/${i}`)).toEqual([]));
    return documents;
  };
  const rows = (sql: string, params: unknown[] = []) => sut.dataSource.query(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await rows(sql, params))[0];
  /** The error at that document and pointer (fails, listing all errors, when there is none). */
  const errorAt = (answer: { errors: Problem[] }, document: number, pointer: string): Problem => {
    const found = answer.errors.find((e) => e.document === document && e.pointer === pointer);
    if (!found) throw new Error(`no error at document ${document}, pointer ${pointer}; errors: ${JSON.stringify(answer.errors)}`);
    return found;
  };
  const window = (reference: string) =>
    one(
      `SELECT p.state, to_char(p.opens_on, 'YYYY-MM-DD') AS opens, to_char(p.closes_on, 'YYYY-MM-DD') AS closes
         FROM vacancy_publication p JOIN vacancy v ON v.id = p.vacancy_id WHERE v.reference = $1`,
      [reference],
    );

  it('1. keeps keys per sender: another sender’s idExtern without a code does not reach a record it did not make', async () => {
    const first = await deliver('EENHEDEN', [eenheid('100x', undefined, { kamersAantal: 3 })], 'senderA');
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await rows(`SELECT code, rooms FROM dwelling WHERE code = '100x'`)).toEqual([{ code: '100x', rooms: 3 }]);

    const other = await deliver('EENHEDEN', [eenheid('100x', undefined, { kamersAantal: 5 })], 'senderB');
    expect(other).toMatchObject({ ok: false, written: false });
    const refused = errorAt(other, 1, '/idExtern');
    expect(refused.reason).toMatch(/no code/);
    expect(refused.reason).toMatch(/exists in Woonmix already/);
    expect(await rows(`SELECT code, rooms FROM dwelling WHERE code = '100x'`)).toEqual([{ code: '100x', rooms: 3 }]);
    expect(await rows(`SELECT sender FROM vera_record_key WHERE resource = 'EENHEDEN' AND id_extern = '100x' ORDER BY sender`)).toEqual([
      { sender: 'senderA' },
    ]);

    const again = await deliver('EENHEDEN', [eenheid('100x', undefined, { kamersAantal: 4 })], 'senderA');
    expect(again).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await rows(`SELECT code, rooms FROM dwelling WHERE code = '100x'`)).toEqual([{ code: '100x', rooms: 4 }]);
  });

  it('2. checks a delivered window as publishVacancy does: no advert of a DIRECT vacancy, no window closing in the past (new or moved)', async () => {
    expect(await deliver('EENHEDEN', [eenheid('RV2-E-A', 'RV2-A'), eenheid('RV2-E-B', 'RV2-B'), eenheid('RV2-E-C', 'RV2-C')])).toMatchObject({
      ok: true,
      written: true,
    });
    const stored = async (unitCode: string) =>
      rows(
        `SELECT v.reference, p.state FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id LEFT JOIN vacancy_publication p ON p.vacancy_id = v.id
          WHERE d.code = $1`,
        [unitCode],
      );

    // (a) DIS is route DIRECT: a direct allocation is not advertised
    const direct = await deliver('PUBLICATIES', [
      publicatie('RV2-VAC-A', 'RV2-A', { model: referentie('DIS'), begindatum: WINDOW.current.begindatum, einddatum: WINDOW.current.einddatum }),
    ]);
    expect(direct).toMatchObject({ ok: false, written: false });
    const notAdvertised = errorAt(direct, 1, '/model');
    expect(notAdvertised.reason).toMatch(/DIRECT/);
    expect(notAdvertised.reason).toMatch(/not advertised/);
    expect(await stored('RV2-A')).toEqual([]);
    expect(await rows(`SELECT 1 FROM vacancy WHERE reference = 'RV2-VAC-A'`)).toEqual([]);

    // (b) a new window that ended before today
    const past = await deliver('PUBLICATIES', [publicatie('RV2-VAC-B', 'RV2-B', { begindatum: WINDOW.past.begindatum, einddatum: WINDOW.past.einddatum })]);
    expect(past).toMatchObject({ ok: false, written: false });
    expect(errorAt(past, 1, '/einddatum').reason).toMatch(/cannot close in the past/);
    expect(await stored('RV2-B')).toEqual([]);

    // (c) a published window moved to one that ended before today
    const published = await deliver('PUBLICATIES', [
      publicatie('RV2-VAC-C', 'RV2-C', { begindatum: WINDOW.current.begindatum, einddatum: WINDOW.current.einddatum }),
    ]);
    expect(published).toMatchObject({ ok: true, written: true, errors: [] });
    const before = await window('RV2-VAC-C');
    expect(before).toMatchObject({ state: 'PUBLISHED', opens: '2026-03-02' });
    const moved = await deliver('PUBLICATIES', [publicatie('RV2-VAC-C', 'RV2-C', { begindatum: WINDOW.past.begindatum, einddatum: WINDOW.past.einddatum })]);
    expect(moved).toMatchObject({ ok: false, written: false });
    expect(errorAt(moved, 1, '/einddatum').reason).toMatch(/cannot close in the past/);
    expect(await window('RV2-VAC-C')).toEqual(before);
  });

  it('3. does not move a respondent away from a publication that is no longer PUBLISHED', async () => {
    expect(await deliver('RELATIES', household('RV3-H', 24000))).toMatchObject({ ok: true, written: true });
    expect(await deliver('EENHEDEN', [eenheid('RV3-E-1', 'RV3-U1'), eenheid('RV3-E-2', 'RV3-U2')])).toMatchObject({ ok: true, written: true });
    const windowDates = { begindatum: WINDOW.current.begindatum, einddatum: WINDOW.current.einddatum };
    expect(await deliver('PUBLICATIES', [publicatie('RV3-VAC-1', 'RV3-U1', windowDates), publicatie('RV3-VAC-2', 'RV3-U2', windowDates)])).toMatchObject({
      ok: true,
      written: true,
      errors: [],
    });
    expect((await window('RV3-VAC-1')).state).toBe('PUBLISHED');
    expect((await window('RV3-VAC-2')).state).toBe('PUBLISHED');
    const responses = () =>
      rows(
        `SELECT v.reference FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN household h ON h.id = r.household_id
          WHERE h.reference = 'RV3-H' ORDER BY v.reference`,
      );

    const kandidaat = (unitCode: string) => ({ idExtern: 'RV3-K', eenheid: { code: unitCode }, relatie: { code: 'RV3-H' }, positie: 1 });
    expect(await deliver('KANDIDATEN', [kandidaat('RV3-U1')])).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await responses()).toEqual([{ reference: 'RV3-VAC-1' }]);

    // the candidate list of RV3-VAC-1 was made: its respondents are fixed
    await sut.dataSource.query(`UPDATE vacancy_publication SET state = 'LISTED' WHERE vacancy_id = (SELECT id FROM vacancy WHERE reference = 'RV3-VAC-1')`);
    const moved = await deliver('KANDIDATEN', [kandidaat('RV3-U2')]);
    expect(moved).toMatchObject({ ok: false, written: false });
    expect(errorAt(moved, 1, '/eenheid').reason).toMatch(/LISTED/);
    expect(await responses()).toEqual([{ reference: 'RV3-VAC-1' }]);
  });

  it('4. keeps the labels a delivery leaves out; the target-group label follows the DOELGROEP, the others stay', async () => {
    const labels = async () => [...(await one(`SELECT labels FROM dwelling WHERE code = 'RV4-1'`)).labels].sort();
    const unit = (more: Record<string, unknown>) => eenheid('RV4-E', 'RV4-1', { doelgroep: undefined, ...more });

    const first = await deliver('EENHEDEN', [unit({ 'extra-attributen': [{ naam: 'woonmix.labels', waarde: 'SENIOR_65;WHEELCHAIR' }] })]);
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await labels()).toEqual(['SENIOR_65', 'WHEELCHAIR']);

    // SEN names no age: the stored senior label stays
    expect(await deliver('EENHEDEN', [unit({ doelgroep: referentie('SEN') })])).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await labels()).toEqual(['SENIOR_65', 'WHEELCHAIR']);

    // no DOELGROEP, no labels attribute: nothing said about labels
    expect(await deliver('EENHEDEN', [unit({})])).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await labels()).toEqual(['SENIOR_65', 'WHEELCHAIR']);

    // JON: the target group is youth now; WHEELCHAIR is no target group and stays
    expect(await deliver('EENHEDEN', [unit({ doelgroep: referentie('JON') })])).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await labels()).toEqual(['WHEELCHAIR', 'YOUTH']);
  });

  it('5. writes a child as MBW with woonmix.role (KIN is withdrawn) and reads MBW by woonmix.role, else by age; KIN still reads as a child', async () => {
    // (a) the case household X-BIG has children (born 2012-01-01, 2014-01-01, 2016-01-01)
    expect(
      await rows(`SELECT m.role FROM household_member m JOIN household h ON h.id = m.household_id WHERE h.reference = 'X-BIG' AND m.birth_date = '2012-01-01'`),
    ).toEqual([{ role: 'CHILD' }]);
    const relaties = await exported('RELATIES');
    const child = relaties.find((d) => d.geboortedatum === '2012-01-01' && d.rollen?.[0]?.rolRelatie?.code === 'X-BIG');
    expect(child).toBeDefined();
    expect(child!.rollen[0].soort.code).toBe('MBW');
    expect(child!['extra-attributen']).toContainEqual({ naam: 'woonmix.role', waarde: 'CHILD' });
    // the withdrawn code is written for nobody
    expect(relaties.flatMap((d) => (d.rollen ?? []).map((r: any) => r.soort?.code))).not.toContain('KIN');

    // (b) MBW with woonmix.role CHILD (an adult child: the attribute, not the age, decides), MBW aged 10, MBW aged 40, the old KIN
    const person = (suffix: string, geboortedatum: string, rol: string, more: Record<string, unknown> = {}) => ({
      code: `RV5-H-${suffix}`,
      soort: referentie('NAT'),
      geboortedatum,
      rollen: [{ soort: referentie(rol), rolRelatie: { code: 'RV5-H' } }],
      ...more,
    });
    const answer = await deliver('RELATIES', [
      {
        code: 'RV5-H',
        soort: referentie('GRO'),
        detailSoort: referentie('HUI'),
        relaties: ['a', 'b', 'c', 'd', 'e'].map((s) => ({ code: `RV5-H-${s}` })),
        'extra-attributen': [{ naam: 'woonmix.registrationDate', waarde: '2015-05-01' }],
      },
      person('a', '1970-04-02', 'WON', { inkomens: [{ soort: referentie('BRU'), bron: referentie('ARB'), bedrag: 30000, jaar: 2025 }] }),
      person('b', '2000-06-15', 'MBW', { 'extra-attributen': [{ naam: 'woonmix.role', waarde: 'CHILD' }] }),
      // 10 and 40 years before today (2026-03-02)
      person('c', '2016-03-02', 'MBW'),
      person('d', '1986-03-02', 'MBW'),
      person('e', '2018-07-01', 'KIN'),
    ]);
    expect(answer).toMatchObject({ ok: true, written: true, errors: [] });
    const roles = await rows(
      `SELECT to_char(m.birth_date, 'YYYY-MM-DD') AS birth, m.role FROM household_member m JOIN household h ON h.id = m.household_id
        WHERE h.reference = 'RV5-H' ORDER BY m.birth_date`,
    );
    expect(roles).toEqual([
      { birth: '1970-04-02', role: 'APPLICANT' },
      { birth: '1986-03-02', role: 'CO_RESIDENT' },
      { birth: '2000-06-15', role: 'CHILD' },
      { birth: '2016-03-02', role: 'CHILD' },
      { birth: '2018-07-01', role: 'CHILD' },
    ]);
  });

  it('6. writes and reads the window as instants in Amsterdam time: begindatum the first day’s start, einddatum the start of the day after the last', async () => {
    expect(
      await deliver('EENHEDEN', [eenheid('RV6-E-1', 'RV6-1'), eenheid('RV6-E-2', 'RV6-2'), eenheid('RV6-E-3', 'RV6-3'), eenheid('RV6-E-4', 'RV6-4')]),
    ).toMatchObject({ ok: true, written: true });

    // export: windows set in the database (vacancies delivered without one), so this half does not depend on the import
    expect(await deliver('PUBLICATIES', [publicatie('RV6-VAC-EW', 'RV6-1'), publicatie('RV6-VAC-ES', 'RV6-2')])).toMatchObject({ ok: true, written: true });
    for (const [reference, w] of [
      ['RV6-VAC-EW', WINDOW.current],
      ['RV6-VAC-ES', WINDOW.acrossDst],
    ] as const)
      await sut.dataSource.query(
        `INSERT INTO vacancy_publication (vacancy_id, opens_on, closes_on, state, published_by)
         SELECT id, $2, $3, 'PUBLISHED', 'test-setup' FROM vacancy WHERE reference = $1`,
        [reference, w.opens, w.closes],
      );
    expect(await window('RV6-VAC-EW')).toEqual({ state: 'PUBLISHED', opens: '2026-03-02', closes: '2026-03-09' });
    const publicaties = await exported('PUBLICATIES');
    expect(publicaties.find((d) => d.code === 'RV6-VAC-EW')).toMatchObject({ begindatum: '2026-03-01T23:00:00Z', einddatum: '2026-03-09T23:00:00Z' });
    expect(publicaties.find((d) => d.code === 'RV6-VAC-ES')).toMatchObject({ begindatum: '2026-03-24T23:00:00Z', einddatum: '2026-04-01T22:00:00Z' });

    // import: the same instants are the same days
    const imported = await deliver('PUBLICATIES', [
      publicatie('RV6-VAC-IW', 'RV6-3', { begindatum: '2026-03-01T23:00:00Z', einddatum: '2026-03-09T23:00:00Z' }),
      publicatie('RV6-VAC-IS', 'RV6-4', { begindatum: '2026-03-24T23:00:00Z', einddatum: '2026-04-01T22:00:00Z' }),
    ]);
    expect(imported).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await window('RV6-VAC-IW')).toEqual({ state: 'PUBLISHED', opens: '2026-03-02', closes: '2026-03-09' });
    expect(await window('RV6-VAC-IS')).toEqual({ state: 'PUBLISHED', opens: '2026-03-25', closes: '2026-04-01' });
  });

  it('7. places a member’s error in the member’s document; nothing is written', async () => {
    const negative = await deliver('RELATIES', household('RV7-A', -5000));
    expect(negative).toMatchObject({ ok: false, written: false });
    expect(errorAt(negative, 2, '/inkomens/0/bedrag')).toMatchObject({ document: 2, pointer: '/inkomens/0/bedrag' });
    expect(await rows(`SELECT 1 FROM household WHERE reference = 'RV7-A'`)).toEqual([]);

    const [group, applicant, member] = household('RV7-B', 20000);
    // born after today (2026-03-02)
    const unborn = await deliver('RELATIES', [group, applicant, { ...member, geboortedatum: '2026-06-01' }]);
    expect(unborn).toMatchObject({ ok: false, written: false });
    expect(errorAt(unborn, 3, '/geboortedatum')).toMatchObject({ document: 3, pointer: '/geboortedatum' });
    expect(await rows(`SELECT 1 FROM household WHERE reference = 'RV7-B'`)).toEqual([]);
  });

  it('8. tells when a delivery changes the facts of a dwelling whose vacancy has a proposal or an offer out', async () => {
    expect(await deliver('EENHEDEN', [eenheid('rv8-1', 'RV8-1')])).toMatchObject({ ok: true, written: true });
    expect(await deliver('PUBLICATIES', [publicatie('RV8-VAC', 'RV8-1')])).toMatchObject({ ok: true, written: true });
    const cheaper = { prijscomponenten: [{ soort: referentie('NET'), detailSoort: referentie('KAL'), bedrag: 580 }] };
    // while the vacancy is OPEN the change says nothing more
    expect(await deliver('EENHEDEN', [eenheid('rv8-1', 'RV8-1', cheaper)])).toMatchObject({ ok: true, written: true, notes: [] });
    await rows(`UPDATE vacancy SET status = 'OFFERED' WHERE reference = 'RV8-VAC'`);
    const answer = await deliver('EENHEDEN', [eenheid('rv8-1', 'RV8-1', { kamersAantal: 4 })]);
    expect(answer).toMatchObject({ ok: true, written: true, errors: [] });
    expect(answer.notes).toEqual([
      {
        document: 1,
        pointer: '/code',
        reason: 'changes the net rent, rooms of RV8-1 while its vacancy RV8-VAC is OFFERED: that was made on the facts before this delivery',
      },
    ]);
    expect(await one(`SELECT rooms, net_rent_cents FROM dwelling WHERE code = 'RV8-1'`)).toEqual({ rooms: 4, net_rent_cents: 61235 });
  });

  it('9. reads a Puntenberekening’s household from the registration’s code only, not from its idExtern', async () => {
    const [{ reference }] = await rows(`SELECT reference FROM household WHERE on_waiting_list ORDER BY id LIMIT 1`);
    const before = await one(`SELECT ranking_points FROM household WHERE reference = $1`, [reference]);
    const answer = await deliver('PUNTENBEREKENINGEN', [{ inschrijving: { idExtern: reference }, zoekpunten: 12 }]);
    expect(answer).toMatchObject({ ok: false, written: false });
    expect(errorAt(answer, 1, '/inschrijving/code').reason).toMatch(/is missing: the registration’s code is the household reference/);
    expect(await one(`SELECT ranking_points FROM household WHERE reference = $1`, [reference])).toEqual(before);
  });
});
