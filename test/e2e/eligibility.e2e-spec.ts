import { ImportsService } from '../../src/imports/imports.service.js';
import { QuotaLedgerService } from '../../src/eligibility/quota-ledger.service.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { smallDataset } from '../fixtures/small-dataset.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

const VERDICT = `query($h: ID!, $d: ID!, $on: String) { eligibility(householdId: $h, dwellingId: $d, onDate: $on) {
  eligible summary parameterYear policy hardFailures quotaExceptions { quota ruleId }
  outcomes { ruleId reference result denial quota explanation values { name value limit comparison holds } }
  quotaEffects { scope warnings { quota kind message } after { quota numerator denominator basisPoints meetsNorm } } } }`;

describe('eligibility over GraphQL', () => {
  let sut: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    const dataset = smallDataset();
    dataset.households.push(
      // 1 person, €50,000: above the 2025 DAEB limit (€49,669), within the 2026 one (€51,537)
      HouseholdBuilder.from({ reference: 'E-50K', taxableIncomeCents: 5_000_000 }).build(),
      // 1 person, €60,000: above the 2026 DAEB limit
      HouseholdBuilder.from({ reference: 'E-60K', taxableIncomeCents: 6_000_000 }).build(),
      // 5 persons: too many for a 2-room home under the default room norm
      HouseholdBuilder.from({ reference: 'E-BIG' })
        .withMember('PARTNER', '1986-01-01')
        .withMember('CHILD', '2012-01-01')
        .withMember('CHILD', '2014-01-01')
        .withMember('CHILD', '2016-01-01')
        .build(),
      // 1 person with passend income: a rent above the low cap is a passend exception
      HouseholdBuilder.from({ reference: 'E-LOW', taxableIncomeCents: 2_000_000 }).build(),
    );
    dataset.dwellings.push({
      code: 'A-DEAR',
      complexCode: 'CPX-A',
      address: 'Rozenstraat 99',
      postcode: '7311AB',
      rooms: 2,
      floorAreaM2: 60,
      netRentCents: 80_000,
      serviceCostsCents: 0,
      isDaeb: true,
      accessibility: 'NONE',
      labels: [],
    });
    expect((await sut.app.get(ImportsService).importDataset(dataset)).errors).toEqual([]);
    for (const row of await sut.dataSource.query(
      `SELECT id, reference AS key FROM household UNION ALL SELECT id, code FROM dwelling UNION ALL SELECT id, reference FROM vacancy`,
    )) {
      ids[row.key] = String(row.id);
    }
  });
  afterAll(() => sut.close());

  it('picks the year of the allocation date: €50,000 is a DAEB exception on 31 Dec 2025 and in the target group on 1 Jan 2026', async () => {
    const before = await sut.gql(VERDICT, { h: ids['E-50K'], d: ids['A-4'], on: '2025-12-31' });
    const daeb2025 = before.data.eligibility.outcomes.find((o: any) => o.ruleId === 'DAEB_TARGET_GROUP');
    expect(before.data.eligibility).toMatchObject({
      eligible: true,
      parameterYear: 2025,
      quotaExceptions: [{ quota: 'DAEB_FREE_ROOM', ruleId: 'DAEB_TARGET_GROUP' }],
    });
    expect(daeb2025).toMatchObject({ result: 'EXCEPTION', denial: 'QUOTA_EXCEPTION', quota: 'DAEB_FREE_ROOM' });
    expect(daeb2025.values).toContainEqual({ name: 'taxableIncomeCents', value: '5000000', limit: '4966900', comparison: '<=', holds: false });
    expect(daeb2025.explanation).toContain('€49,669');

    const after = await sut.gql(VERDICT, { h: ids['E-50K'], d: ids['A-4'], on: '2026-01-01' });
    expect(after.data.eligibility).toMatchObject({ eligible: true, parameterYear: 2026, quotaExceptions: [] });
    expect(after.data.eligibility.outcomes.find((o: any) => o.ruleId === 'DAEB_TARGET_GROUP').result).toBe('PASSED');
  });

  it('names the failing rule and its values for an ineligible pair', async () => {
    const { data } = await sut.gql(VERDICT, { h: ids['E-BIG'], d: ids['A-4'], on: '2026-03-02' });
    expect(data.eligibility.eligible).toBe(false);
    expect(data.eligibility.hardFailures).toEqual(['HOUSEHOLD_SIZE_ROOMS']);
    const rooms = data.eligibility.outcomes.find((o: any) => o.ruleId === 'HOUSEHOLD_SIZE_ROOMS');
    expect(rooms).toMatchObject({ result: 'FAILED', denial: 'HARD_INELIGIBILITY' });
    expect(rooms.values.some((v: any) => v.name === 'rooms' && v.value === '2' && v.holds === false)).toBe(true);
    expect(data.eligibility.summary).toMatch(/cannot rent this home/);
  });

  it('says which quota a passend exception consumes, and warns when it would break the norm', async () => {
    const { data } = await sut.gql(VERDICT, { h: ids['E-LOW'], d: ids['A-DEAR'], on: '2026-03-02' });
    const passend = data.eligibility.outcomes.find((o: any) => o.ruleId === 'PASSEND_TOEWIJZEN');
    expect(passend).toMatchObject({ result: 'EXCEPTION', quota: 'PASSEND_EXCEPTION' });
    expect(passend.values).toContainEqual(expect.objectContaining({ name: 'netRentCents', value: '80000', limit: '71302', holds: false }));
    // the first passend-covered allocation of the year above the cap makes the share 0% < 95%
    const association = data.eligibility.quotaEffects.find((e: any) => e.scope === 'ASSOCIATION');
    expect(association.warnings).toEqual([expect.objectContaining({ quota: 'PASSEND_WITHIN_CAP', kind: 'WOULD_BREAK_NORM' })]);
    expect(association.after.find((s: any) => s.quota === 'PASSEND_WITHIN_CAP')).toMatchObject({ numerator: 0, denominator: 1, meetsNorm: false });
  });

  it('lists eligible respondents and counts the excluded per rule', async () => {
    await sut.dataSource.query(
      `INSERT INTO vacancy_response (vacancy_id, household_id) SELECT $1, id FROM household WHERE reference IN ('E-BIG', 'E-60K', 'E-LOW')`,
      [ids['VAC-1']],
    );
    const { data, errors } = await sut.gql(
      `query($v: ID!) { eligibleCandidates(vacancyId: $v, onDate: "2026-03-02") {
      evaluatedCount eligibleCount excludedCount parameterYear excludedByRule { ruleId count examples }
      candidates { priorityTier summary household { reference registrationDate } quotaExceptions { quota } } } }`,
      { v: ids['VAC-1'] },
    );
    expect(errors).toBeUndefined();
    const result = data.eligibleCandidates;
    expect(result).toMatchObject({ evaluatedCount: 6, eligibleCount: 5, excludedCount: 1, parameterYear: 2026 });
    expect(result.excludedByRule).toEqual([{ ruleId: 'HOUSEHOLD_SIZE_ROOMS', count: 1, examples: ['E-BIG'] }]);
    // same tier: longest registration first
    const dates = result.candidates.map((c: any) => c.household.registrationDate);
    expect(dates).toEqual([...dates].sort());
    expect(result.candidates.find((c: any) => c.household.reference === 'E-60K').quotaExceptions).toEqual([{ quota: 'DAEB_FREE_ROOM' }]);
  });

  it('reports year-to-date quota shares from recorded allocations, per association and municipality', async () => {
    const ledger = sut.app.get(QuotaLedgerService);
    const [policy] = await sut.dataSource.query(`SELECT id FROM local_policy WHERE code = 'DEFAULT'`);
    await sut.dataSource.transaction(async (m) => {
      for (let i = 0; i < 12; i++) {
        await ledger.record(m, {
          vacancyId: null,
          householdId: Number(ids['W-1']),
          dwellingId: Number(ids['A-1']),
          municipalityCode: 'GM9001',
          allocationDate: '2026-02-01',
          countsAs: i === 0 ? ['daebAboveLimit'] : ['daebInTargetGroup', 'passendWithinCap'],
          parameterYear: 2026,
          policyId: policy.id,
          verdict: {},
        });
      }
    });
    const { data } = await sut.gql(
      `{ quotaStatus(year: 2026, municipalityCode: "GM9001") { scope allocations policy shares { quota numerator denominator basisPoints normComparison normBasisPoints meetsNorm } } }`,
    );
    expect(data.quotaStatus).toMatchObject({ scope: 'GM9001', allocations: 12, policy: 'DEFAULT@1' });
    // 11 of 12 = 91.66% rounded towards the breaking side: 9166 bp < 9250 bp
    expect(data.quotaStatus.shares.find((s: any) => s.quota === 'DAEB_TARGET_GROUP')).toEqual({
      quota: 'DAEB_TARGET_GROUP',
      numerator: 11,
      denominator: 12,
      basisPoints: 9166,
      normComparison: '>=',
      normBasisPoints: 9250,
      meetsNorm: false,
    });
    const empty = await sut.gql(`{ quotaStatus(year: 2025) { scope allocations shares { quota meetsNorm } } }`);
    expect(empty.data.quotaStatus).toMatchObject({ scope: 'ASSOCIATION', allocations: 0 });
    expect(empty.data.quotaStatus.shares.every((s: any) => s.meetsNorm === null)).toBe(true);
  });

  it.each([
    ['an unknown household', { h: '99999', d: () => ids['A-4'], on: '2026-03-02' }, 'NOT_FOUND', 'Household 99999 does not exist'],
    ['an unknown dwelling', { h: () => ids['W-1'], d: '99999', on: '2026-03-02' }, 'NOT_FOUND', 'Dwelling 99999 does not exist'],
    ['a date before 2024', { h: () => ids['W-1'], d: () => ids['A-4'], on: '2023-12-31' }, 'BAD_USER_INPUT', 'No rule parameters for 2023'],
    [
      'a year without parameters',
      { h: () => ids['W-1'], d: () => ids['A-4'], on: '2027-01-01' },
      'BAD_USER_INPUT',
      'No rule parameters for 2027: legal limits are set per calendar year; an admin adds the published 2027 limits, with their sources, with the mutation addRuleParameterYear',
    ],
    [
      'an impossible date',
      { h: () => ids['W-1'], d: () => ids['A-4'], on: '2026-02-29' },
      'BAD_USER_INPUT',
      'onDate must be a calendar date written YYYY-MM-DD',
    ],
  ])('refuses %s with a clear error', async (_case, vars, code, message) => {
    const resolve = (v: string | (() => string)) => (typeof v === 'function' ? v() : v);
    const { errors } = await sut.gql(VERDICT, { h: resolve(vars.h), d: resolve(vars.d), on: vars.on });
    expect(errors![0].extensions.code).toBe(code);
    expect(errors![0].message).toContain(message);
  });

  it('serves the parameters of a year with sources, and lets an admin add a validated new year', async () => {
    const { data } = await sut.gql(`{ ruleParameters(year: 2026) { daebIncomeLimitSingleCents rentCapLowCents youthAgeLimit sources { field source } } }`);
    expect(data.ruleParameters).toMatchObject({ daebIncomeLimitSingleCents: 5_153_700, rentCapLowCents: 71_302, youthAgeLimit: 21 });
    // the AOW age is cited from the law, not from memory (migrations/1764000000009-aow-age-source.ts)
    expect(data.ruleParameters.sources.find((s: any) => s.field === 'aowAge').source).toMatch(/^S: Algemene Ouderdomswet art\. 7a/);

    const input = {
      year: 2030,
      daebIncomeLimitSingleCents: 6_000_000,
      daebIncomeLimitMultiCents: 6_600_000,
      daebRentLimitCents: 100_000,
      passendIncomeSingleBelowAowCents: 3_300_000,
      passendIncomeMultiBelowAowCents: 4_400_000,
      passendIncomeSingleAowCents: 3_200_000,
      passendIncomeMultiAowCents: 4_300_000,
      rentCapLowCents: 80_000,
      rentCapHighCents: 78_000,
      qualityDiscountLimitCents: 55_000,
      youthAgeLimit: 21,
      aowAgeYears: 67,
      aowAgeMonths: 3,
      sources: [{ field: 'all', source: 'test figures, not published' }],
    };
    const bad = await sut.gql(`mutation($i: AddRuleParameterYearInput!) { addRuleParameterYear(input: $i) { year } }`, { i: input });
    expect(bad.errors![0].extensions.fields).toEqual([{ field: 'rentCapLowCents', reason: 'must not be greater than rentCapHighCents (80000 > 78000)' }]);
    const missing = await sut.gql(`mutation($i: AddRuleParameterYearInput!) { addRuleParameterYear(input: $i) { year } }`, {
      i: { ...input, rentCapHighCents: 0 },
    });
    expect(missing.errors![0].extensions.fields).toContainEqual({ field: 'rentCapHighCents', reason: 'must not be less than 1' });

    const good = await sut.gql(`mutation($i: AddRuleParameterYearInput!) { addRuleParameterYear(input: $i) { year aowAgeMonths } }`, {
      i: { ...input, rentCapHighCents: 84_000 },
    });
    expect(good.data.addRuleParameterYear).toEqual({ year: 2030, aowAgeMonths: 3 });
    const again = await sut.gql(`mutation($i: AddRuleParameterYearInput!) { addRuleParameterYear(input: $i) { year } }`, {
      i: { ...input, rentCapHighCents: 84_000 },
    });
    expect(again.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('applies a new local policy version as data: a Rotterdamwet designation refuses a newcomer on benefit', async () => {
    const [{ document }] = await sut.dataSource.query(`SELECT document FROM local_policy WHERE code = 'DEFAULT'`);
    const add = `mutation($i: AddLocalPolicyVersionInput!) { addLocalPolicyVersion(input: $i) { code version municipalityCodes effectiveFrom } }`;
    const invalid = await sut.gql(add, {
      i: {
        code: 'DEMOSTAD',
        name: 'Demostad',
        municipalityCodes: ['GM9001'],
        effectiveFrom: '2026-01-01',
        document: JSON.stringify({ ...document, localTies: { ...document.localTies, maxShareBasisPoints: 12000 }, colour: 'red' }),
      },
    });
    expect(invalid.errors![0].extensions.fields).toEqual(
      expect.arrayContaining([
        { field: 'document.localTies.maxShareBasisPoints', reason: 'must be an integer between 0 and 10000 (got 12000)' },
        { field: 'document.colour', reason: 'is not a known field' },
      ]),
    );
    const designated = { ...document, rotterdamwet: { ...document.rotterdamwet, apply: true, designatedComplexCodes: ['CPX-A'] } };
    const added = await sut.gql(add, {
      i: { code: 'DEMOSTAD', name: 'Demostad', municipalityCodes: ['GM9001'], effectiveFrom: '2026-01-01', document: JSON.stringify(designated) },
    });
    expect(added.data.addLocalPolicyVersion).toEqual({ code: 'DEMOSTAD', version: 1, municipalityCodes: ['GM9001'], effectiveFrom: '2026-01-01' });

    // T-1 is on benefit without local ties: refused in CPX-A from 2026, not before (the policy starts 2026-01-01)
    const now = await sut.gql(VERDICT, { h: ids['T-1'], d: ids['A-4'], on: '2026-03-02' });
    expect(now.data.eligibility).toMatchObject({ eligible: false, policy: 'DEMOSTAD@1', hardFailures: ['ROTTERDAMWET_ART8'] });
    const before = await sut.gql(VERDICT, { h: ids['T-1'], d: ids['A-4'], on: '2025-12-31' });
    expect(before.data.eligibility).toMatchObject({ policy: 'DEFAULT@1' });
    expect(before.data.eligibility.hardFailures).not.toContain('ROTTERDAMWET_ART8');
    const list = await sut.gql(`{ localPolicies { code version } }`);
    expect(list.data.localPolicies).toEqual([
      { code: 'DEFAULT', version: 1 },
      { code: 'DEMOSTAD', version: 1 },
    ]);
  });
});
