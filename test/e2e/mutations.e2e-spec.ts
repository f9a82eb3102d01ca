import { TestApp, createTestApp } from '../helpers/test-app.js';

const CREATE_NEIGHBOURHOOD = `mutation($input: CreateNeighbourhoodInput!) { createNeighbourhood(input: $input) { id buurtCode resilienceClass } }`;
const CREATE_COMPLEX = `mutation($input: CreateComplexInput!) { createComplex(input: $input) { id code neighbourhood { buurtCode } } }`;
const CREATE_DWELLING = `mutation($input: CreateDwellingInput!) { createDwelling(input: $input) { id code grossRentCents labels } }`;
const CREATE_HOUSEHOLD = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id reference size householdType urgency { category } } }`;

const neighbourhood = {
  buurtCode: 'BU90019999',
  name: 'Test',
  municipalityCode: 'GM9001',
  municipalityName: 'Demostad',
  resilienceClass: 2,
  resilienceSource: 'test',
  resilienceYear: 2024,
};
const household = {
  reference: 'H-NEW-1',
  members: [
    { role: 'APPLICANT', birthDate: '1980-01-01' },
    { role: 'CHILD', birthDate: '2012-05-05' },
  ],
  taxableIncomeCents: 3_000_000,
  incomeYear: 2025,
  incomeSource: 'WORK',
  registrationDate: '2020-01-01',
};

describe('mutations and input errors over GraphQL', () => {
  let sut: TestApp;
  let complexId: string;
  let dwellingId: string;
  let householdId: string;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  async function tableCounts() {
    const [row] = await sut.dataSource.query(`SELECT (SELECT count(*) FROM neighbourhood)::int AS n, (SELECT count(*) FROM complex)::int AS c,
      (SELECT count(*) FROM dwelling)::int AS d, (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM household_member)::int AS m,
      (SELECT count(*) FROM tenancy)::int AS t, (SELECT count(*) FROM vacancy)::int AS v, (SELECT count(*) FROM vacancy_response)::int AS r`);
    return row;
  }

  it('creates a neighbourhood, complex, dwelling and household', async () => {
    expect((await sut.gql(CREATE_NEIGHBOURHOOD, { input: neighbourhood })).data.createNeighbourhood).toMatchObject({
      buurtCode: 'BU90019999',
      resilienceClass: 2,
    });
    const complex = await sut.gql(CREATE_COMPLEX, { input: { code: 'CPX-T', name: 'Testhof', buurtCode: 'BU90019999' } });
    complexId = complex.data.createComplex.id;
    expect(complex.data.createComplex.neighbourhood.buurtCode).toBe('BU90019999');
    const dwelling = await sut.gql(CREATE_DWELLING, {
      input: {
        complexId,
        code: 'T-1',
        address: 'Teststraat 1',
        postcode: '7311AB',
        rooms: 3,
        floorAreaM2: 70,
        netRentCents: 70_000,
        serviceCostsCents: 2_500,
        isDaeb: true,
        labels: ['FAMILY'],
      },
    });
    dwellingId = dwelling.data.createDwelling.id;
    expect(dwelling.data.createDwelling).toMatchObject({ grossRentCents: 72_500, labels: ['FAMILY'] });
    const created = await sut.gql(CREATE_HOUSEHOLD, { input: household });
    householdId = created.data.createHousehold.id;
    expect(created.data.createHousehold).toMatchObject({ size: 2, householdType: 'SINGLE_PARENT', urgency: null });
  });

  it.each([
    [
      'household size above 12',
      { ...household, reference: 'H-X', members: Array.from({ length: 13 }, () => ({ role: 'CHILD', birthDate: '2010-01-01' })) },
      'members',
      'must list between 1 and 12 people (household size)',
    ],
    ['no members', { ...household, reference: 'H-X', members: [] }, 'members', 'must list between 1 and 12 people (household size)'],
    ['negative income', { ...household, reference: 'H-X', taxableIncomeCents: -1 }, 'taxableIncomeCents', 'must not be less than 0'],
    ['impossible date', { ...household, reference: 'H-X', registrationDate: '2025-02-30' }, 'registrationDate', 'must be a calendar date written YYYY-MM-DD'],
    [
      'nested member date',
      { ...household, reference: 'H-X', members: [{ role: 'APPLICANT', birthDate: '19800101' }] },
      'members.0.birthDate',
      'must be a calendar date written YYYY-MM-DD',
    ],
    [
      'two applicants',
      {
        ...household,
        reference: 'H-X',
        members: [
          { role: 'APPLICANT', birthDate: '1980-01-01' },
          { role: 'APPLICANT', birthDate: '1981-01-01' },
        ],
      },
      'members',
      'must contain exactly one APPLICANT (found 2)',
    ],
    [
      'urgency without grant date',
      { ...household, reference: 'H-X', urgencyCategory: 'MEDICAL' },
      'urgencyGranted',
      'must be given together with urgencyCategory (both or neither)',
    ],
    [
      'registration in the future',
      { ...household, reference: 'H-X', registrationDate: '2030-01-01' },
      'registrationDate',
      'must not be in the future (2030-01-01)',
    ],
    [
      'a name as reference',
      { ...household, reference: 'Jan de Vries' },
      'reference',
      'must be 1-40 letters, digits, _ or - (a pseudonym: never a name or BSN)',
    ],
    ['duplicate reference', { ...household }, 'reference', 'is already used by another household (H-NEW-1)'],
  ])('rejects a household with %s, naming the field, and writes nothing', async (_case, input, field, reason) => {
    const before = await tableCounts();
    const { data, errors } = await sut.gql(CREATE_HOUSEHOLD, { input });
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0].extensions.fields).toContainEqual({ field, reason });
    expect(errors![0].message).toContain(`${field} ${reason}`);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    [
      'bad buurt code',
      CREATE_NEIGHBOURHOOD,
      { input: { ...neighbourhood, buurtCode: 'BU123' } },
      'buurtCode',
      'must be BU followed by 8 digits (CBS buurtcode)',
    ],
    [
      'buurt of another municipality',
      CREATE_NEIGHBOURHOOD,
      { input: { ...neighbourhood, buurtCode: 'BU90028888' } },
      'buurtCode',
      "BU90028888 is not a buurt of municipality GM9001 (a CBS buurtcode starts with BU and the gemeente's 4 digits)",
    ],
    [
      'a resilience score in exponent form',
      CREATE_NEIGHBOURHOOD,
      { input: { ...neighbourhood, buurtCode: 'BU90018887', resilienceScore: 1.2345e-7 } },
      'resilienceScore',
      'must be a number with at most 2 decimals',
    ],
    [
      'resilience class out of scale',
      CREATE_NEIGHBOURHOOD,
      { input: { ...neighbourhood, buurtCode: 'BU90018888', resilienceClass: 7 } },
      'resilienceClass',
      'must not be greater than 5',
    ],
    [
      'unknown buurt',
      CREATE_COMPLEX,
      { input: { code: 'CPX-Z', name: 'Z', buurtCode: 'BU90010000' } },
      'buurtCode',
      'is not a known neighbourhood (BU90010000)',
    ],
    [
      'bad postcode',
      CREATE_DWELLING,
      { input: { complexId: '1', code: 'T-2', address: 'x', postcode: '0123ab', rooms: 2, floorAreaM2: 50, netRentCents: 1, isDaeb: true } },
      'postcode',
      'must be 4 digits and 2 capital letters, e.g. 7311AB',
    ],
    [
      'unknown complex',
      CREATE_DWELLING,
      { input: { complexId: '999', code: 'T-2', address: 'x', postcode: '7311AB', rooms: 2, floorAreaM2: 50, netRentCents: 1, isDaeb: true } },
      'complexId',
      'is not a known complex (999)',
    ],
    [
      'malformed id',
      CREATE_DWELLING,
      { input: { complexId: 'abc', code: 'T-2', address: 'x', postcode: '7311AB', rooms: 2, floorAreaM2: 50, netRentCents: 1, isDaeb: true } },
      'complexId',
      'must be the id of an existing record (got "abc")',
    ],
  ])('rejects %s', async (_case, mutation, variables, field, reason) => {
    const before = await tableCounts();
    const { errors } = await sut.gql(mutation, variables);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors![0].extensions.fields).toContainEqual({ field, reason });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { errors } = await sut.gql(`{ complex(id: "4242") { id } }`);
    expect(errors![0]).toMatchObject({ message: 'Complex 4242 does not exist', extensions: { code: 'NOT_FOUND' } });
  });

  it('updates only the given fields', async () => {
    const { data } = await sut.gql(
      `mutation($id: ID!) { updateHousehold(id: $id, input: { taxableIncomeCents: 3100000, urgencyCategory: "MEDICAL", urgencyGranted: "2026-01-01" }) { taxableIncomeCents size urgency { category granted } } }`,
      { id: householdId },
    );
    expect(data.updateHousehold).toEqual({ taxableIncomeCents: 3_100_000, size: 2, urgency: { category: 'MEDICAL', granted: '2026-01-01' } });
    const bad = await sut.gql(`mutation($id: ID!) { updateHousehold(id: $id, input: { urgencyExpires: "2025-01-01" }) { id } }`, { id: householdId });
    expect(bad.errors![0].extensions.fields).toContainEqual({ field: 'urgencyExpires', reason: 'must not be before urgencyGranted (2026-01-01)' });
  });

  it('runs a vacancy through respond, withdraw and keeps tenancy history', async () => {
    const vacancy = await sut.gql(
      `mutation($d: ID!) { createVacancy(input: { dwellingId: $d, availableFrom: "2026-04-01", route: REGULAR, reference: "VAC-T" }) { id status } }`,
      { d: dwellingId },
    );
    const vacancyId = vacancy.data.createVacancy.id;
    expect(vacancy.data.createVacancy.status).toBe('OPEN');
    const duplicate = await sut.gql(`mutation($d: ID!) { createVacancy(input: { dwellingId: $d, availableFrom: "2026-04-01", route: REGULAR }) { id } }`, {
      d: dwellingId,
    });
    expect(duplicate.errors![0].extensions.code).toBe('CONFLICT');
    const responded = await sut.gql(`mutation($v: ID!, $h: ID!) { respondToVacancy(vacancyId: $v, householdId: $h) { respondentCount } }`, {
      v: vacancyId,
      h: householdId,
    });
    expect(responded.data.respondToVacancy.respondentCount).toBe(1);
    const again = await sut.gql(`mutation($v: ID!, $h: ID!) { respondToVacancy(vacancyId: $v, householdId: $h) { id } }`, { v: vacancyId, h: householdId });
    expect(again.errors![0].extensions.code).toBe('CONFLICT');
    expect((await sut.gql(`mutation($v: ID!) { withdrawVacancy(id: $v) { status } }`, { v: vacancyId })).data.withdrawVacancy.status).toBe('WITHDRAWN');

    // an allocation is judged first: a 2-person household does not meet the FAMILY label (3+ persons)
    const refused = await sut.gql(
      `mutation($h: ID!, $d: ID!) { startTenancy(input: { householdId: $h, dwellingId: $d, startDate: "2026-04-01", allocationRoute: REGULAR }) { id } }`,
      { h: householdId, d: dwellingId },
    );
    expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/may not be allocated this dwelling/);
    await sut.gql(`mutation($d: ID!) { updateDwelling(id: $d, input: { labels: [] }) { id } }`, { d: dwellingId });
    const quotaBefore = await sut.gql(`{ quotaStatus(year: 2026) { allocations } }`);

    const started = await sut.gql(
      `mutation($h: ID!, $d: ID!) { startTenancy(input: { householdId: $h, dwellingId: $d, startDate: "2026-04-01", allocationRoute: REGULAR }) { id household { reference } dwelling { code } } }`,
      { h: householdId, d: dwellingId },
    );
    const tenancyId = started.data.startTenancy.id;
    // recorded in the quota ledger: in the DAEB target group, passend-covered within the cap
    const quotaAfter = await sut.gql(`{ quotaStatus(year: 2026) { allocations shares { quota numerator denominator } } }`);
    expect(quotaAfter.data.quotaStatus.allocations).toBe(quotaBefore.data.quotaStatus.allocations + 1);
    expect(quotaAfter.data.quotaStatus.shares.find((x: any) => x.quota === 'DAEB_TARGET_GROUP')).toMatchObject({ numerator: 1, denominator: 1 });
    const second = await sut.gql(`mutation($h: ID!, $d: ID!) { startTenancy(input: { householdId: $h, dwellingId: $d, startDate: "2026-05-01" }) { id } }`, {
      h: householdId,
      d: dwellingId,
    });
    expect(second.errors![0].extensions.code).toBe('CONFLICT');
    const early = await sut.gql(`mutation($t: ID!) { endTenancy(input: { tenancyId: $t, endDate: "2026-03-01" }) { id } }`, { t: tenancyId });
    expect(early.errors![0].extensions.fields).toContainEqual({ field: 'endDate', reason: 'must not be before the start date (2026-04-01)' });
    // why it ends: a VERA code (tenancyEndReasons), or refused naming the field, with nothing changed
    const unknownReason = await sut.gql(`mutation($t: ID!) { endTenancy(input: { tenancyId: $t, endDate: "2026-09-30", endReason: "XYZ" }) { id } }`, {
      t: tenancyId,
    });
    expect(unknownReason.errors![0].extensions.fields).toEqual([{ field: 'endReason', reason: 'is not a tenancy end reason (XYZ; see tenancyEndReasons)' }]);
    await sut.gql(`mutation($t: ID!) { endTenancy(input: { tenancyId: $t, endDate: "2026-09-30", endReason: "PAS" }) { endDate } }`, { t: tenancyId });
    const history = await sut.gql(`query($d: ID!) { tenancyHistory(dwellingId: $d) { startDate endDate endReason } }`, { d: dwellingId });
    expect(history.data.tenancyHistory).toEqual([{ startDate: '2026-04-01', endDate: '2026-09-30', endReason: 'PAS' }]);
    // the end date is the last day: a next tenancy starts the day after, never on it
    const overlapping = await sut.gql(
      `mutation($h: ID!, $d: ID!) { startTenancy(input: { householdId: $h, dwellingId: $d, startDate: "2026-09-30" }) { id } }`,
      { h: householdId, d: dwellingId },
    );
    expect(overlapping.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('is let from 2026-04-01 to 2026-09-30'),
    });
    const next = await sut.gql(
      `mutation($h: ID!, $d: ID!) { startTenancy(input: { householdId: $h, dwellingId: $d, startDate: "2026-10-01" }) { startDate } }`,
      { h: householdId, d: dwellingId },
    );
    expect(next.data.startTenancy).toEqual({ startDate: '2026-10-01' });
  });

  it('keeps every field an update does not name', async () => {
    const dwelling = await sut.gql(
      `mutation($c: ID!) { createDwelling(input: { complexId: $c, code: "T-W", address: "Teststraat 3", postcode: "7311AB", rooms: 3, floorAreaM2: 70, netRentCents: 70000, serviceCostsCents: 1500, isDaeb: true, accessibility: WHEELCHAIR, labels: [WHEELCHAIR] }) { id } }`,
      { c: complexId },
    );
    const id = dwelling.data.createDwelling.id;
    const fields = 'code address postcode rooms floorAreaM2 netRentCents serviceCostsCents isDaeb accessibility labels';
    const before = (await sut.gql(`query($id: ID!) { dwelling(id: $id) { ${fields} } }`, { id })).data.dwelling;
    const after = (await sut.gql(`mutation($id: ID!) { updateDwelling(id: $id, input: { netRentCents: 71000 }) { ${fields} } }`, { id })).data.updateDwelling;
    expect(after).toEqual({ ...before, netRentCents: 71_000 });

    const h = await sut.gql(CREATE_HOUSEHOLD, { input: { ...household, reference: 'H-KEEP', supportNeeds: ['MENTAL_HEALTH'], onWaitingList: false } });
    const hid = h.data.createHousehold.id;
    const updated = await sut.gql(
      `mutation($id: ID!) { updateHousehold(id: $id, input: { taxableIncomeCents: 2000000 }) { supportNeeds onWaitingList taxableIncomeCents } }`,
      { id: hid },
    );
    expect(updated.data.updateHousehold).toEqual({ supportNeeds: ['MENTAL_HEALTH'], onWaitingList: false, taxableIncomeCents: 2_000_000 });
  });

  it.each([
    ['updateDwelling', 'input: { rooms: null }', 'rooms'],
    ['updateHousehold', 'input: { members: null }', 'members'],
    ['updateComplex', 'input: { name: null }', 'name'],
  ])('%s refuses an explicit null for a required field (%s)', async (mutation, args, field) => {
    const { errors } = await sut.gql(`mutation { ${mutation}(id: "1", ${args}) { id } }`);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field, reason: 'must not be null (leave it out to keep the current value)' }],
    });
  });

  it('clears an optional field with null', async () => {
    const { data } = await sut.gql(
      `mutation($id: ID!) { updateHousehold(id: $id, input: { urgencyCategory: null, urgencyGranted: null, urgencyExpires: null }) { urgency { category } } }`,
      { id: householdId },
    );
    expect(data.updateHousehold.urgency).toBeNull();
  });

  it('maps errors of nested fields too (composition with an impossible date)', async () => {
    const { errors } = await sut.gql(`{ complexes(first: 1) { nodes { composition(asOf: "2026-02-30") { asOf } } } }`);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'asOf', reason: 'must be a calendar date written YYYY-MM-DD' }] });
    const early = await sut.gql(`{ complexes(first: 1) { nodes { composition(asOf: "2023-06-01") { asOf } } } }`);
    expect(early.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('No rule parameters for 2023') });
  });

  it("keeps a neighbourhood's buurt code and municipality in step when only one of them changes", async () => {
    const [{ id }] = await sut.dataSource.query(`SELECT id FROM neighbourhood WHERE buurt_code = 'BU90019999'`);
    const update = `mutation($id: ID!, $input: UpdateNeighbourhoodInput!) { updateNeighbourhood(id: $id, input: $input) { municipalityCode } }`;
    const { errors } = await sut.gql(update, { id: String(id), input: { municipalityCode: 'GM9002' } });
    expect(errors![0].extensions.fields).toEqual([
      { field: 'municipalityCode', reason: "buurt BU90019999 is not in municipality GM9002 (a CBS buurtcode starts with BU and the gemeente's 4 digits)" },
    ]);
    expect((await sut.dataSource.query(`SELECT municipality_code FROM neighbourhood WHERE id = $1`, [id]))[0].municipality_code).toBe('GM9001');
  });

  it('refuses a forged cursor beyond the id range', async () => {
    const after = Buffer.from('id:99999999999').toString('base64url');
    const { errors } = await sut.gql(`query($a: String) { households(first: 5, after: $a) { totalCount } }`, { a: after });
    expect(errors![0].extensions.fields).toEqual([{ field: 'after', reason: 'is not a cursor returned by this API' }]);
  });

  it('rejects a wrong GraphQL type before validation', async () => {
    const { errors } = await sut.gql(`{ complexes(first: "x") { totalCount } }`);
    expect(errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('caps the page size', async () => {
    const { errors } = await sut.gql(`{ households(first: 501) { totalCount } }`);
    expect(errors![0].extensions.fields).toContainEqual({ field: 'first', reason: 'must not be greater than 500' });
  });
});
