import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VeraValidator } from '../../src/vera/vera-validator.js';
import { must } from '../helpers/letting-flow.js';
import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';
import { VERA_EXPORT, VERA_IMPORT } from '../helpers/vera-documents.js';

const ADMIN = asRole('ADMIN', 'vera-admin');
const IMPORT = VERA_IMPORT;
const EXPORT = VERA_EXPORT;
const SENDER = 'itris';

const referentie = (code: string) => ({ code });
/** An Eenheid as an ERP sends it: its own key (idExtern), its cluster, an address in a known buurt. */
const eenheid = (idExtern: string, code: string, more: Record<string, unknown> = {}) => ({
  idExtern,
  idOrganisatie: 'L1234',
  code,
  soort: referentie('WOO'),
  adres: { soort: referentie('EEN'), straatnaam: 'Rozenlaan', huisnummer: '12', huisletter: 'a', postcode: '7311 ab', buurt: { code: 'BU90040001' } },
  clusters: [{ code: 'CASE', naam: 'Rozenhof' }],
  kamersAantal: 3,
  oppervlakten: [{ soort: referentie('GBO'), waarde: 71 }],
  prijscomponenten: [
    { soort: referentie('NET'), detailSoort: referentie('KAL'), bedrag: 612.35 },
    { soort: referentie('SER'), bedrag: 20.5 },
  ],
  maatschappelijkLabel: referentie('DAE'),
  toegankelijkheidslabel: referentie('ROA'),
  doelgroep: referentie('GEZ'),
  ...more,
});
/** A household as Relaties: the group and its members, the applicant with the yearly income. */
const household = (reference: string, incomeEuros: number, registrationDate = '2015-05-01') => [
  {
    idExtern: `rel-${reference}`,
    code: reference,
    soort: referentie('GRO'),
    detailSoort: referentie('HUI'),
    relaties: [{ code: `${reference}-a` }, { code: `${reference}-b` }],
    'extra-attributen': [{ naam: 'woonmix.registrationDate', waarde: registrationDate }],
  },
  {
    code: `${reference}-a`,
    soort: referentie('NAT'),
    geboortedatum: '1985-04-02',
    rollen: [{ soort: referentie('WON'), rolRelatie: { code: reference } }],
    inkomens: [
      { soort: referentie('BRU'), bron: referentie('ARB'), bedrag: incomeEuros, jaar: 2025 },
      // an older year's income is not added
      { soort: referentie('BRU'), bron: referentie('ARB'), bedrag: 99999, jaar: 2023 },
    ],
  },
  {
    code: `${reference}-b`,
    soort: referentie('NAT'),
    geboortedatum: '2012-09-30',
    rollen: [{ soort: referentie('KIN'), rolRelatie: { code: reference } }],
  },
];

/**
 * VERA-WRV import (issue 19), a resource at a time on the case dataset: each delivery validated
 * against the specification (a break names its JSON pointer and rule; nothing is written), mapped,
 * written all or nothing; a record delivered again under the same sender and idExtern is updated.
 */
describe('VERA-WRV import', () => {
  let sut: TestApp;
  const validator = VeraValidator.fromFile();
  // on PostgreSQL the audit trail outlives a test app (append-only): this suite reads its own events
  let firstSeq: number;
  beforeAll(async () => {
    ({ sut } = await createCaseApp());
    firstSeq = Number((await sut.dataSource.query(`SELECT coalesce(max(seq), 0) AS max FROM audit_event`))[0].max);
  });
  afterAll(() => sut.close());

  const deliver = async (resource: string, documents: unknown, more: Record<string, unknown> = {}) =>
    must(await sut.gql(IMPORT, { input: { resource, sender: SENDER, content: JSON.stringify(documents), ...more } }, ADMIN)).veraImport;
  const one = async (sql: string, params: unknown[] = []) => (await sut.dataSource.query(sql, params))[0];
  const count = async (table: string) => Number((await one(`SELECT count(*)::int AS n FROM ${table}`)).n);

  it('refuses a document that breaks the specification, naming the JSON pointer and the rule; nothing is written', async () => {
    const before = await count('dwelling');
    const answer = await deliver('EENHEDEN', [
      eenheid('E-900', 'C-900'),
      eenheid('E-901', 'C-901', { kamersAantal: 'drie', oppervlakten: [{ waarde: '71' }] }),
    ]);
    expect(answer).toMatchObject({ ok: false, written: false, schema: 'Eenheden-Eenheidbericht', documents: 2 });
    expect(answer.errors).toEqual([
      {
        document: 2,
        pointer: '/kamersAantal',
        rule: 'type at #/components/schemas/Eenheden-Eenheid/properties/kamersAantal/type',
        reason: 'must be integer',
      },
      {
        document: 2,
        pointer: '/oppervlakten/0/waarde',
        rule: 'type at #/components/schemas/Eenheden-Oppervlakte/properties/waarde/type',
        reason: 'must be number',
      },
    ]);
    expect(await count('dwelling')).toBe(before);
  });

  it('refuses what Woonmix cannot use (no buurt, an unknown buurt, rent in parts of a cent), by document and pointer; nothing is written', async () => {
    const before = await count('dwelling');
    const answer = await deliver('EENHEDEN', [
      eenheid('E-900', 'C-900'),
      eenheid('E-902', 'C-902', { adres: { soort: referentie('EEN'), adres: 'Rozenlaan 14', postcode: '7311AB' } }),
      eenheid('E-903', 'C-903', {
        adres: { soort: referentie('EEN'), adres: 'Elders 1', postcode: '7311AB', buurt: { code: 'BU90049999' } },
        clusters: [{ code: 'ELDERS' }],
      }),
      eenheid('E-904', 'C-904', { prijscomponenten: [{ soort: referentie('NET'), bedrag: 612.355 }] }),
    ]);
    expect(answer.written).toBe(false);
    expect(answer.errors).toEqual([
      { document: 2, pointer: '/adres/buurt/code', rule: null, reason: 'is missing: Woonmix places a dwelling in a CBS buurt' },
      { document: 3, pointer: '/adres/buurt/code', rule: null, reason: 'buurtCode is not a known neighbourhood (BU90049999)' },
      { document: 4, pointer: '/prijscomponenten/0/bedrag', rule: null, reason: 'must be an amount in euros with at most two decimals (net rent)' },
    ]);
    expect(await count('dwelling')).toBe(before);
  });

  it('imports Eenheden into their cluster, keeps the sender’s keys, and updates on a second delivery instead of adding', async () => {
    const before = await count('dwelling');
    const dry = await deliver('EENHEDEN', [eenheid('E-900', 'C-900')], { dryRun: true });
    expect(dry).toMatchObject({ ok: true, written: false });
    expect(await count('dwelling')).toBe(before);

    const first = await deliver('EENHEDEN', [
      eenheid('E-900', 'C-900'),
      eenheid('E-905', 'N-905', { clusters: [{ code: 'NIEUWBOUW-7', naam: 'Nieuwe Hof' }] }),
    ]);
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await count('dwelling')).toBe(before + 2);
    expect(
      await one(
        `SELECT d.address, d.postcode, d.rooms, d.floor_area_m2, d.net_rent_cents, d.service_costs_cents, d.is_daeb, d.accessibility, d.labels, c.code AS complex
           FROM dwelling d JOIN complex c ON c.id = d.complex_id WHERE d.code = 'C-900'`,
      ),
    ).toEqual({
      address: 'Rozenlaan 12a',
      postcode: '7311AB',
      rooms: 3,
      floor_area_m2: 71,
      net_rent_cents: 61235,
      service_costs_cents: 2050,
      is_daeb: true,
      accessibility: 'ZERO_STEP',
      labels: ['FAMILY'],
      complex: 'CASE',
    });
    // a cluster Woonmix did not know becomes a complex in the address's buurt
    expect(await one(`SELECT c.name, n.buurt_code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = 'NIEUWBOUW-7'`)).toEqual({
      name: 'Nieuwe Hof',
      buurt_code: 'BU90040001',
    });
    expect(
      await one(`SELECT woonmix_key, id_organisatie FROM vera_record_key WHERE resource = 'EENHEDEN' AND sender = $1 AND id_extern = 'E-900'`, [SENDER]),
    ).toEqual({ woonmix_key: 'C-900', id_organisatie: 'L1234' });

    // the same unit again, with a new rent and even a new code at the sender: the record is updated
    const second = await deliver('EENHEDEN', [
      eenheid('E-900', 'C-900-NEW', { prijscomponenten: [{ soort: referentie('NET'), bedrag: 640 }], toegankelijkheidslabel: referentie('ROL') }),
    ]);
    expect(second).toMatchObject({ ok: true, written: true });
    expect(await count('dwelling')).toBe(before + 2);
    expect(await one(`SELECT net_rent_cents, service_costs_cents, accessibility, labels FROM dwelling WHERE code = 'C-900'`)).toEqual({
      net_rent_cents: 64000,
      service_costs_cents: 0,
      accessibility: 'WHEELCHAIR',
      // a rolstoelwoning is Woonmix's wheelchair-labelled dwelling
      labels: ['FAMILY', 'WHEELCHAIR'],
    });
  });

  it('leaves a complex Woonmix has as it is: a unit naming another buurt joins it with a note, a cluster without a name renames nothing', async () => {
    const answer = await deliver('EENHEDEN', [
      eenheid('E-907', 'C-907', {
        adres: { soort: referentie('EEN'), adres: 'Parkweg 3', postcode: '7312AB', buurt: { code: 'BU90040002' } },
        clusters: [{ code: 'CASE' }],
      }),
    ]);
    expect(answer).toMatchObject({ ok: true, written: true });
    expect(answer.notes).toEqual([
      {
        document: 1,
        pointer: '/adres/buurt/code',
        reason: 'names buurt BU90040002; complex CASE lies in BU90040001 in Woonmix and stays there (its composition is steered there)',
      },
    ]);
    expect(await one(`SELECT c.name, n.buurt_code FROM complex c JOIN neighbourhood n ON n.id = c.neighbourhood_id WHERE c.code = 'CASE'`)).toEqual({
      name: 'Rozenhof',
      buurt_code: 'BU90040001',
    });
  });

  it('reads a senior DOELGROEP without an age as no label, and says so', async () => {
    const answer = await deliver('EENHEDEN', [eenheid('E-906', 'C-906', { doelgroep: referentie('SEN') })]);
    expect(answer).toMatchObject({ written: true, notes: [{ document: 1, pointer: '/doelgroep/code', reason: expect.stringContaining('SEN names no age') }] });
    expect(await one(`SELECT labels FROM dwelling WHERE code = 'C-906'`)).toEqual({ labels: [] });
  });

  it('imports Relaties as households with their members and income, and updates them on a second delivery', async () => {
    const before = await count('household');
    const first = await deliver('RELATIES', household('R-1', 31250.5));
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    expect(await count('household')).toBe(before + 1);
    const stored = await one(
      `SELECT h.taxable_income_cents::int AS income, h.income_year, h.income_source, to_char(h.registration_date, 'YYYY-MM-DD') AS registered, h.on_waiting_list,
              (SELECT json_agg(json_build_object('role', m.role, 'birth', to_char(m.birth_date, 'YYYY-MM-DD')) ORDER BY m.position) FROM household_member m WHERE m.household_id = h.id) AS members
         FROM household h WHERE h.reference = 'R-1'`,
    );
    expect(stored).toEqual({
      income: 3125050,
      income_year: 2025,
      income_source: 'WORK',
      registered: '2015-05-01',
      on_waiting_list: true,
      members: [
        { role: 'APPLICANT', birth: '1985-04-02' },
        { role: 'CHILD', birth: '2012-09-30' },
      ],
    });
    await sut.dataSource.query(`UPDATE household SET ranking_points = 12 WHERE reference = 'R-1'`);
    const second = await deliver('RELATIES', household('R-1', 28000));
    expect(second).toMatchObject({ ok: true, written: true });
    expect(await count('household')).toBe(before + 1);
    // the income is updated; the points (a Puntenberekening's) stay
    expect(await one(`SELECT taxable_income_cents::int AS income, ranking_points FROM household WHERE reference = 'R-1'`)).toEqual({
      income: 2800000,
      ranking_points: 12,
    });
  });

  it('keeps what a delivery leaves out (a housed household stays off the list), clears what it gives empty', async () => {
    await sut.dataSource.query(
      `UPDATE household SET on_waiting_list = false, urgency_category = 'MEDICAL', urgency_granted = '2025-01-01', support_needs = '{CARE_AT_HOME}' WHERE reference = 'R-1'`,
    );
    const [group, ...members] = household('R-1', 28000);
    const cleared = { ...group, 'extra-attributen': [...(group['extra-attributen'] as object[]), { naam: 'woonmix.supportNeeds', waarde: '' }] };
    expect((await deliver('RELATIES', [cleared, ...members])).written).toBe(true);
    expect(await one(`SELECT on_waiting_list, urgency_category, support_needs FROM household WHERE reference = 'R-1'`)).toEqual({
      on_waiting_list: false,
      urgency_category: 'MEDICAL',
      support_needs: [],
    });
    await sut.dataSource.query(`UPDATE household SET on_waiting_list = true, urgency_category = NULL, urgency_granted = NULL WHERE reference = 'R-1'`);
  });

  it('refuses one person standing for two: a key used twice, a member of two households', async () => {
    const [groupA, applicantA] = household('R-8', 20000);
    const [groupB] = household('R-9', 20000);
    const answer = await deliver('RELATIES', [
      groupA,
      applicantA,
      { ...applicantA, geboortedatum: '1950-01-01' },
      { ...groupB, relaties: [{ code: 'R-8-a' }] },
    ]);
    expect(answer.written).toBe(false);
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        { document: 3, pointer: '/code', rule: null, reason: 'R-8-a is the key of document 2 too' },
        { document: 4, pointer: '/relaties/0', rule: null, reason: 'names document 2, a member of another household (or named twice)' },
      ]),
    );
  });

  it('refuses a household whose member is not in the delivery or has no birth date', async () => {
    const [group, applicant] = household('R-2', 20000);
    const answer = await deliver('RELATIES', [group, { ...applicant, geboortedatum: undefined }]);
    expect(answer.written).toBe(false);
    expect(answer.errors).toEqual([
      { document: 1, pointer: '/relaties/1', rule: null, reason: 'names no person of this delivery (code or idExtern): send the members with their group' },
      { document: 2, pointer: '/geboortedatum', rule: null, reason: 'is missing: the rules read ages' },
    ]);
  });

  it('imports a Publicatie as a vacancy with its route and publication window; a second delivery moves the window', async () => {
    const publicatie = (einddatum: string) => ({
      idExtern: 'PUB-77',
      code: 'VAC-VERA-1',
      model: referentie('LOT'),
      eenheden: [{ idExtern: 'E-900' }],
      opleverdatum: '2026-04-01T00:00:00Z',
      begindatum: '2026-03-02T00:00:00Z',
      einddatum,
    });
    const first = await deliver('PUBLICATIES', [publicatie('2026-03-09T00:00:00Z')]);
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    // the unit is found by the sender's key: the dwelling C-900
    expect(
      await one(
        `SELECT d.code, v.route, v.status, to_char(v.available_from, 'YYYY-MM-DD') AS available, p.state, to_char(p.opens_on, 'YYYY-MM-DD') AS opens,
                to_char(p.closes_on, 'YYYY-MM-DD') AS closes
           FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id JOIN vacancy_publication p ON p.vacancy_id = v.id WHERE v.reference = 'VAC-VERA-1'`,
      ),
    ).toEqual({ code: 'C-900', route: 'LOTTERY', status: 'OPEN', available: '2026-04-01', state: 'PUBLISHED', opens: '2026-03-02', closes: '2026-03-09' });
    const second = await deliver('PUBLICATIES', [publicatie('2026-03-12T00:00:00Z')]);
    expect(second).toMatchObject({ ok: true, written: true });
    expect(await one(`SELECT count(*)::int AS n FROM vacancy WHERE reference = 'VAC-VERA-1'`)).toEqual({ n: 1 });
    expect(
      await one(
        `SELECT to_char(p.closes_on, 'YYYY-MM-DD') AS closes FROM vacancy_publication p JOIN vacancy v ON v.id = p.vacancy_id WHERE v.reference = 'VAC-VERA-1'`,
      ),
    ).toEqual({
      closes: '2026-03-12',
    });
  });

  it('refuses a window that closes as it opens, in a dry run too; and a route change once households responded', async () => {
    const sameDay = {
      idExtern: 'PUB-77',
      code: 'VAC-VERA-1',
      model: referentie('LOT'),
      eenheden: [{ idExtern: 'E-900' }],
      opleverdatum: '2026-04-01T00:00:00Z',
      begindatum: '2026-03-12T00:00:00Z',
      einddatum: '2026-03-12T00:00:00Z',
    };
    for (const dryRun of [true, false]) {
      const answer = await deliver('PUBLICATIES', [sameDay], { dryRun });
      expect({ dryRun, written: answer.written, errors: answer.errors }).toEqual({
        dryRun,
        written: false,
        errors: [{ document: 1, pointer: '/begindatum', rule: null, reason: 'the window must open before it closes (2026-03-12 to 2026-03-12)' }],
      });
    }
    const reroute = await deliver('PUBLICATIES', [
      { code: 'VAC-C', model: referentie('LOT'), eenheden: [{ code: 'C-10' }], opleverdatum: '2026-03-15T00:00:00Z' },
    ]);
    expect(reroute.errors).toEqual([{ document: 1, pointer: '/model', rule: null, reason: 'route of VAC-C stays REGULAR: it has 4 respondent(s)' }]);
  });

  it('refuses a Publicatie of a dwelling already let through another vacancy in progress, and a model Woonmix does not allocate by', async () => {
    const answer = await deliver('PUBLICATIES', [
      { code: 'VAC-VERA-2', model: referentie('AAN'), eenheden: [{ code: 'C-10' }], opleverdatum: '2026-04-01T00:00:00Z' },
      { code: 'VAC-VERA-3', model: referentie('EER'), eenheden: [{ code: 'C-906' }], opleverdatum: '2026-04-01T00:00:00Z' },
    ]);
    expect(answer.written).toBe(false);
    expect(answer.errors).toEqual([
      { document: 1, pointer: '/eenheden/0', rule: null, reason: 'dwellingCode already has a vacancy in progress (C-10)' },
      { document: 2, pointer: '/model/code', rule: null, reason: 'is EER: Woonmix allocates by AAN, LOT or DIS' },
    ]);
  });

  it('imports Kandidaten as respondents with the platform’s position; again, the position is updated, not the response doubled', async () => {
    const kandidaat = (positie: number) => ({
      idExtern: 'K-1',
      eenheid: { idExtern: 'E-900' },
      relatie: { soort: referentie('GRO'), idExtern: 'rel-R-1' },
      positie,
    });
    const first = await deliver('KANDIDATEN', [kandidaat(3)]);
    expect(first).toMatchObject({ ok: true, written: true, errors: [] });
    const position = () =>
      sut.dataSource.query(
        `SELECT r.platform_position FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN household h ON h.id = r.household_id
          WHERE v.reference = 'VAC-VERA-1' AND h.reference = 'R-1'`,
      );
    expect(await position()).toEqual([{ platform_position: 3 }]);
    expect((await deliver('KANDIDATEN', [kandidaat(2)])).written).toBe(true);
    expect(await position()).toEqual([{ platform_position: 2 }]);

    const wrong = await deliver('KANDIDATEN', [
      { eenheid: { code: 'C-906' }, relatie: { code: 'R-1' } },
      { eenheid: { code: 'C-900' }, relatie: { code: 'NOBODY' } },
    ]);
    expect(wrong.written).toBe(false);
    expect(wrong.errors).toEqual([
      { document: 1, pointer: '/eenheid', rule: null, reason: 'has no vacancy in progress in Woonmix (C-906): deliver its Publicatie first' },
      { document: 2, pointer: '/relatie', rule: null, reason: 'is not a known household (NOBODY): deliver its Relaties first' },
    ]);
  });

  it('moves a respondent delivered again for another household (same idExtern), and refuses a negative position', async () => {
    await deliver('RELATIES', household('R-4', 21000));
    const pairs = async () =>
      (
        await sut.dataSource.query(
          `SELECT h.reference FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN household h ON h.id = r.household_id
            WHERE v.reference = 'VAC-VERA-1' ORDER BY h.reference`,
        )
      ).map((r: { reference: string }) => r.reference);
    expect(await deliver('KANDIDATEN', [{ idExtern: 'K-2', eenheid: { code: 'C-900' }, relatie: { code: 'R-4' }, positie: 5 }])).toMatchObject({
      written: true,
    });
    expect(await pairs()).toEqual(['R-1', 'R-4']);
    // the platform corrects K-2: it was R-5's response
    await deliver('RELATIES', household('R-5', 22000));
    expect(await deliver('KANDIDATEN', [{ idExtern: 'K-2', eenheid: { code: 'C-900' }, relatie: { code: 'R-5' }, positie: 5 }])).toMatchObject({
      written: true,
    });
    expect(await pairs()).toEqual(['R-1', 'R-5']);
    const negative = await deliver('KANDIDATEN', [{ eenheid: { code: 'C-900' }, relatie: { code: 'R-5' }, positie: -1 }]);
    expect(negative.errors).toEqual([{ document: 1, pointer: '/positie', rule: null, reason: 'must be from 0 to 2147483647' }]);
  });

  it('imports Puntenberekeningen as ranking points (start, situation and search points together); whole points only', async () => {
    const ok = await deliver('PUNTENBEREKENINGEN', [
      { inschrijving: { soort: referentie('INS'), code: 'R-1' }, startpunten: 10, situatiepunten: 5, zoekpunten: 27 },
    ]);
    expect(ok).toMatchObject({ ok: true, written: true });
    expect(await one(`SELECT ranking_points FROM household WHERE reference = 'R-1'`)).toEqual({ ranking_points: 42 });
    // the same points again leave the household's row, so its facts version (and cached facts) stay
    const { v } = await one(`SELECT facts_version::text AS v FROM household WHERE reference = 'R-1'`);
    const again = await deliver('PUNTENBEREKENINGEN', [{ inschrijving: { soort: referentie('INS'), code: 'R-1' }, startpunten: 42 }]);
    expect(again).toMatchObject({ ok: true, written: true });
    expect(await one(`SELECT facts_version::text AS v FROM household WHERE reference = 'R-1'`)).toEqual({ v });
    const half = await deliver('PUNTENBEREKENINGEN', [{ inschrijving: { code: 'R-1' }, zoekpunten: 27.5 }]);
    expect(half.written).toBe(false);
    expect(half.errors).toEqual([
      { document: 1, pointer: '/zoekpunten', rule: null, reason: 'the points add up to 27.5: Woonmix ranks by whole points, 0 or more' },
    ]);
    expect(await one(`SELECT ranking_points FROM household WHERE reference = 'R-1'`)).toEqual({ ranking_points: 42 });
  });

  it('exports what it read: the points, the respondent with the platform’s position, the publication window', async () => {
    const exported = async (resource: string) => {
      const answer = must(await sut.gql(EXPORT, { r: resource }, ADMIN)).veraExport;
      const documents = JSON.parse(answer.documents) as Record<string, any>[];
      documents.forEach((d, i) => expect(validator.validate(answer.schema, d, `/${i}`)).toEqual([]));
      return documents;
    };
    expect(await exported('PUNTENBEREKENINGEN')).toContainEqual({
      inschrijving: { soort: { code: 'INS', naam: 'Inschrijving' }, code: 'R-1' },
      zoekpunten: 42,
    });
    expect(await exported('KANDIDATEN')).toContainEqual({
      code: 'VAC-VERA-1/R-1',
      status: { code: 'REA', naam: 'Gereageerd' },
      eenheid: { code: 'C-900' },
      relatie: { soort: { code: 'GRO', naam: 'Relatiegroep' }, detailSoort: { code: 'HUI', naam: 'Huishouden' }, code: 'R-1' },
      positie: 2,
    });
    expect((await exported('PUBLICATIES')).find((d) => d.code === 'VAC-VERA-1')).toEqual({
      code: 'VAC-VERA-1',
      model: { code: 'LOT', naam: 'Lotingmodel' },
      eenheden: [{ code: 'C-900' }],
      opleverdatum: '2026-04-01T00:00:00Z',
      // Amsterdam's midnight (CET, UTC+1): the first day begins, and the day after the last (12 March) begins
      begindatum: '2026-03-01T23:00:00Z',
      einddatum: '2026-03-12T23:00:00Z',
    });
    const relaties = await exported('RELATIES');
    expect(relaties.find((d) => d.code === 'R-1')).toMatchObject({ soort: { code: 'GRO' }, relaties: [{ code: 'R-1-1' }, { code: 'R-1-2' }] });
    expect(relaties.find((d) => d.code === 'R-1-1')).toMatchObject({ geboortedatum: '1985-04-02', inkomens: [{ bedrag: 28000, jaar: 2025 }] });
  });

  it('reads and writes files through path, inside the import directory only, never overwriting one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'woonmix-vera-'));
    sut.config.importDir = dir;
    const out = must(await sut.gql(EXPORT, { r: 'EENHEDEN', path: 'eenheden.json' }, ADMIN)).veraExport;
    expect(out.path).toBe('eenheden.json');
    const written = JSON.parse(readFileSync(join(dir, 'eenheden.json'), 'utf8'));
    // personal data in a file: for the service's user only, and no half-written file beside it
    expect(statSync(join(dir, 'eenheden.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['eenheden.json']);
    expect(written).toEqual(JSON.parse(out.documents));
    written.forEach((d: unknown, i: number) => expect(validator.validate(out.schema, d, `/${i}`)).toEqual([]));
    const again = await sut.gql(EXPORT, { r: 'EENHEDEN', path: 'eenheden.json' }, ADMIN);
    expect(again.errors![0].extensions.fields).toEqual([{ field: 'path', reason: 'exists already (eenheden.json); choose another name' }]);
    const outside = await sut.gql(EXPORT, { r: 'EENHEDEN', path: '../elders.json' }, ADMIN);
    expect(outside.errors![0].extensions.fields).toEqual([
      { field: 'path', reason: 'must name a file inside the import directory (IMPORT_DIR), also after following links' },
    ]);
    expect(existsSync(join(dir, '..', 'elders.json'))).toBe(false);

    // the export read back by path: every unit is there already, so every one is an update
    const before = await count('dwelling');
    writeFileSync(join(dir, 'relaties.json'), JSON.stringify(household('R-3', 19000)));
    const fromFile = must(await sut.gql(IMPORT, { input: { resource: 'EENHEDEN', sender: 'woonmix', path: 'eenheden.json' } }, ADMIN)).veraImport;
    expect(fromFile).toMatchObject({ ok: true, written: true, documents: written.length });
    expect(await count('dwelling')).toBe(before);
    const relaties = must(await sut.gql(IMPORT, { input: { resource: 'RELATIES', sender: SENDER, path: 'relaties.json' } }, ADMIN)).veraImport;
    expect(relaties).toMatchObject({ ok: true, written: true });
  });

  it('records every delivery in the audit trail with its sender and the hash of what was read', async () => {
    const rows = await sut.dataSource.query(
      `SELECT b->'payload'->>'resource' AS resource, b->'payload'->>'sender' AS sender, b->'payload'->>'contentHash' AS hash
         FROM (SELECT seq, body::jsonb AS b FROM audit_event WHERE type = 'DATA_IMPORTED' AND seq > $1) e WHERE b->'payload'->>'format' = 'VERA-WRV' ORDER BY seq`,
      [firstSeq],
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r: { resource: string }) => r.resource))).toEqual(
      new Set(['EENHEDEN', 'RELATIES', 'PUBLICATIES', 'KANDIDATEN', 'PUNTENBEREKENINGEN']),
    );
    for (const r of rows) expect([r.sender, r.hash]).toEqual([expect.stringMatching(/^(itris|woonmix)$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });
});
