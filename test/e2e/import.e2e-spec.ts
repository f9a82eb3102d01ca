import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallDataset } from '../fixtures/small-dataset.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

const IMPORT = `mutation($input: ImportInput!) { importData(input: $input) { ok written kind rows { section rows } errors { section line field reason } } }`;

const NEIGHBOURHOODS_CSV = `buurtCode,name,municipalityCode,municipalityName,resilienceClass,resilienceScore,resilienceSource,resilienceYear
BU90010001,Oude Kern,GM9001,Demostad,1,-1.5,veerkrachtkaart 2024,2024
BU90010002,Parkzicht,GM9001,Demostad,4,,veerkrachtkaart 2024,2024
`;

const COMPLEXES_CSV = `code,name,buurtCode
CPX-A,Rozenhof,BU90010001
CPX-B,Lindenhof,BU90010002
`;

const DWELLINGS_GOOD = `code,complexCode,address,postcode,rooms,floorAreaM2,netRentCents,serviceCostsCents,isDaeb,accessibility,labels
A-1,CPX-A,Rozenstraat 1,7311AB,2,55,65000,3000,true,NONE,
A-2,CPX-A,Rozenstraat 2,7311AB,3,65,70000,3000,true,ZERO_STEP,SENIOR_55;WHEELCHAIR
B-1,CPX-B,Lindelaan 1,7312CD,4,85,80000,2500,true,NONE,FAMILY
`;

const HOUSEHOLDS_CSV = `reference,members,taxableIncomeCents,incomeYear,incomeSource,registrationDate,urgencyCategory,urgencyGranted,urgencyExpires,supportNeeds,localTiesMunicipalityCode,localTiesYears,preferences,onWaitingList
W-1,APPLICANT:1980-01-01;PARTNER:1982-02-02;CHILD:2012-03-03,3500000,2025,WORK,2016-05-01,,,,,GM9001,12,minRooms=3;buurtCodes=BU90010001|BU90010002,true
W-2,APPLICANT:1999-09-09,1700000,2025,BENEFIT,2023-01-01,MEDICAL,2026-01-05,2027-01-05,MENTAL_HEALTH,,,,true
`;

describe('bulk import (CSV and JSON), all or nothing', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  const count = async (table: string) => (await sut.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('imports good CSV files section by section', async () => {
    for (const [kind, content] of [
      ['NEIGHBOURHOODS', NEIGHBOURHOODS_CSV],
      ['COMPLEXES', COMPLEXES_CSV],
      ['DWELLINGS', DWELLINGS_GOOD],
      ['HOUSEHOLDS', HOUSEHOLDS_CSV],
    ]) {
      const { data, errors } = await sut.gql(IMPORT, { input: { kind, format: 'CSV', content } });
      expect(errors).toBeUndefined();
      expect(data.importData).toMatchObject({ ok: true, written: true, errors: [] });
    }
    expect(await count('dwelling')).toBe(3);
    const { data } = await sut.gql(
      `{ households(filter: { referencePrefix: "W-1" }) { nodes { size householdType members { role birthDate } localTies { years } preferences { minRooms buurtCodes } } } }`,
    );
    expect(data.households.nodes[0]).toMatchObject({
      size: 3,
      householdType: 'FAMILY',
      localTies: { years: 12 },
      preferences: { minRooms: 3, buurtCodes: ['BU90010001', 'BU90010002'] },
    });
    const w2 = await sut.gql(`{ households(filter: { referencePrefix: "W-2" }) { nodes { urgency { category expires } supportNeeds } } }`);
    expect(w2.data.households.nodes[0]).toEqual({ urgency: { category: 'MEDICAL', expires: '2027-01-05' }, supportNeeds: ['MENTAL_HEALTH'] });
  });

  it('writes nothing when one row is bad, and names every bad row with line, field and reason', async () => {
    const before = await count('dwelling');
    const content = `code,complexCode,address,postcode,rooms,floorAreaM2,netRentCents,serviceCostsCents,isDaeb,accessibility,labels
C-1,CPX-A,Rozenstraat 9,7311AB,2,55,65000,3000,true,NONE,
C-2,CPX-A,Rozenstraat 10,7311AB,0,55,65000,3000,true,NONE,
C-3,CPX-Q,Rozenstraat 11,7311AB,2,55,65000,3000,yes,NONE,
C-4,CPX-A,Rozenstraat 12,7311AB,2,55,65000,3000,true,NONE,
A-1,CPX-B,Lindelaan 4,7312CD,2,55,65000,3000,true,NONE,PENTHOUSE
C-5,CPX-Z,Rozenstraat 13,7311AB,2,55,65000,3000,true,NONE,
C-1,CPX-A,Rozenstraat 14,7311AB,2,55,65000,3000,true,NONE,
`;
    const { data } = await sut.gql(IMPORT, { input: { kind: 'DWELLINGS', format: 'CSV', content } });
    expect(data.importData.ok).toBe(false);
    expect(data.importData.written).toBe(false);
    expect(data.importData.errors).toEqual([
      { section: 'dwellings', line: 3, field: 'rooms', reason: 'must not be less than 1' },
      { section: 'dwellings', line: 4, field: 'isDaeb', reason: 'must be true or false (got "yes")' },
      { section: 'dwellings', line: 6, field: 'labels', reason: 'must each be one of SENIOR_55, SENIOR_65, YOUTH, FAMILY, WHEELCHAIR' },
      // references and duplicates are checked too, although other rows are bad
      { section: 'dwellings', line: 7, field: 'complexCode', reason: 'is not a known complex (CPX-Z)' },
      { section: 'dwellings', line: 8, field: 'code', reason: 'appears twice in this import (also line 2)' },
    ]);
    expect(await count('dwelling')).toBe(before);
  });

  it('checks references and uniqueness against the database and the file itself', async () => {
    const content = `code,complexCode,address,postcode,rooms,floorAreaM2,netRentCents,serviceCostsCents,isDaeb,accessibility,labels
D-1,CPX-Q,Kade 1,7311AB,2,55,65000,3000,true,NONE,
A-1,CPX-A,Kade 2,7311AB,2,55,65000,3000,true,NONE,
D-2,CPX-A,Kade 3,7311AB,2,55,65000,3000,true,NONE,
D-2,CPX-A,Kade 4,7311AB,2,55,65000,3000,true,NONE,
`;
    const { data } = await sut.gql(IMPORT, { input: { kind: 'DWELLINGS', format: 'CSV', content } });
    expect(data.importData.errors).toEqual([
      { section: 'dwellings', line: 2, field: 'complexCode', reason: 'is not a known complex (CPX-Q)' },
      { section: 'dwellings', line: 3, field: 'code', reason: 'already exists (A-1)' },
      { section: 'dwellings', line: 5, field: 'code', reason: 'appears twice in this import (also line 4)' },
    ]);
  });

  it('imports tenancies and vacancies with respondents, refusing overlapping tenancies of a dwelling', async () => {
    const tenancies = [
      { householdReference: 'W-1', dwellingCode: 'A-1', startDate: '2020-01-01' },
      { householdReference: 'W-2', dwellingCode: 'A-1', startDate: '2021-01-01' },
    ];
    const bad = await sut.gql(IMPORT, { input: { kind: 'TENANCIES', format: 'JSON', content: JSON.stringify(tenancies) } });
    expect(bad.data.importData.errors).toEqual([
      { section: 'tenancies', line: 2, field: 'dwellingCode', reason: 'overlaps another tenancy of A-1 (2020-01-01 to now (line 1))' },
    ]);
    expect(await count('tenancy')).toBe(0);

    const vacancies = [{ reference: 'VAC-9', dwellingCode: 'B-1', availableFrom: '2026-04-01', route: 'LOTTERY', respondents: ['W-1', 'W-2'] }];
    const good = await sut.gql(IMPORT, { input: { kind: 'VACANCIES', format: 'JSON', content: JSON.stringify(vacancies) } });
    expect(good.data.importData).toMatchObject({ ok: true, written: true, rows: [{ section: 'vacancies', rows: 1 }] });
    expect(await count('vacancy_response')).toBe(2);
  });

  it('validates a JSON dataset without writing on dryRun, then imports it from a file path', async () => {
    const dataset = smallDataset();
    // rename keys so they do not collide with the CSV imports above
    const content = JSON.stringify(dataset)
      .replaceAll('BU9001000', 'BU9002000')
      .replaceAll('"municipalityCode":"GM9001"', '"municipalityCode":"GM9002"')
      .replaceAll('CPX-', 'CPY-')
      .replaceAll('"A-', '"AA-')
      .replaceAll('"B-', '"BB-')
      .replaceAll('"W-', '"WW-')
      .replaceAll('VAC-1', 'VAC-11');
    const dry = await sut.gql(IMPORT, { input: { kind: 'DATASET', format: 'JSON', content, dryRun: true } });
    expect(dry.data.importData).toMatchObject({ ok: true, written: false });
    const before = await count('household');

    const dir = mkdtempSync(join(tmpdir(), 'woonmix-import-'));
    writeFileSync(join(dir, 'dataset.json'), content);
    sut.config.importDir = dir;
    const real = await sut.gql(IMPORT, { input: { kind: 'DATASET', format: 'JSON', path: 'dataset.json' } });
    expect(real.data.importData).toMatchObject({ ok: true, written: true });
    expect(await count('household')).toBe(before + dataset.households.length);

    // outside the directory, by .. or by a link inside it (a file link or a directory link): refused, and no server path in the message
    symlinkSync('/etc/passwd', join(dir, 'evil.csv'));
    symlinkSync('/', join(dir, 'up'));
    for (const path of ['../etc/passwd', 'evil.csv', 'up/etc/passwd', 'up']) {
      const escape = await sut.gql(IMPORT, { input: { kind: 'COMPLEXES', format: 'CSV', path } });
      expect([path, escape.errors![0].extensions.fields]).toEqual([
        path,
        [{ field: 'path', reason: 'must name a file inside the import directory (IMPORT_DIR), also after following links' }],
      ]);
      expect(JSON.stringify(escape.errors)).not.toContain(dir);
    }
    const missing = await sut.gql(IMPORT, { input: { kind: 'COMPLEXES', format: 'CSV', path: 'nothing-here.csv' } });
    expect(missing.errors![0].extensions.fields).toEqual([{ field: 'path', reason: 'cannot be read (ENOENT)' }]);
  });

  it.each([
    ['broken CSV quoting', { kind: 'COMPLEXES', format: 'CSV', content: 'code,name,buurtCode\n"CPX-X,Naam,BU90010001\n' }, 'content'],
    ['missing required column', { kind: 'COMPLEXES', format: 'CSV', content: 'code,name\nCPX-X,Naam\n' }, 'content'],
    ['unknown column', { kind: 'COMPLEXES', format: 'CSV', content: 'code,name,buurtCode,colour\nCPX-X,Naam,BU90010001,red\n' }, null],
    ['invalid JSON', { kind: 'COMPLEXES', format: 'JSON', content: '[{' }, 'content'],
    ['JSON that is not an array', { kind: 'COMPLEXES', format: 'JSON', content: '{"code":"x"}' }, 'complexes'],
    ['a JSON row that is not an object', { kind: 'COMPLEXES', format: 'JSON', content: '[42]' }, null],
    ['both content and path', { kind: 'COMPLEXES', format: 'JSON', content: '[]', path: 'x.json' }, 'content'],
    ['CSV dataset', { kind: 'DATASET', format: 'CSV', content: 'a\n1\n' }, 'format'],
    ['a column named twice', { kind: 'COMPLEXES', format: 'CSV', content: 'code,name,buurtCode,code\nCPX-X,Naam,BU90010001,CPX-Y\n' }, 'content'],
    ['a header without rows', { kind: 'COMPLEXES', format: 'CSV', content: 'code,name,buurtCode\n' }, 'content'],
    ['an empty file', { kind: 'COMPLEXES', format: 'CSV', content: '' }, 'content'],
    ['an empty JSON list', { kind: 'COMPLEXES', format: 'JSON', content: '[]' }, 'content'],
  ])('refuses %s with a clear error', async (_case, input, field) => {
    const before = await count('complex');
    const { data, errors } = await sut.gql(IMPORT, { input });
    if (field) {
      expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(errors![0].extensions.fields[0].field).toBe(field);
    } else {
      expect(data.importData.errors).toEqual([expect.objectContaining({ section: 'complexes', field: input.content === '[42]' ? 'row' : 'colour' })]);
    }
    expect(await count('complex')).toBe(before);
  });
});
