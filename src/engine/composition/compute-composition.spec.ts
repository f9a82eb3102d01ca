import { PARAMS_2026 } from '../eligibility/test-fixtures/rule-parameters.fixture.js';
import { HouseholdMemberFacts } from '../model.js';
import { TenancyFacts, TenantFacts, ageBand, categorize, computeComposition, incomeBand, share, withArrivals } from './compute-composition.js';

const single = (birthDate = '1985-01-01'): HouseholdMemberFacts[] => [{ role: 'APPLICANT', birthDate }];
const tenant = (overrides: Partial<TenantFacts> = {}): TenantFacts => ({
  members: single(),
  taxableIncomeCents: 2_000_000,
  incomeSource: 'WORK',
  supportNeeds: [],
  ...overrides,
});
const tenancy = (
  household: TenantFacts,
  dwellingId: number,
  startDate: string,
  endDate: string | null = null,
  route: TenancyFacts['allocationRoute'] = 'REGULAR',
): TenancyFacts => ({ household, dwellingId, startDate, endDate, allocationRoute: route });

describe('incomeBand (2026 limits, inclusive: docs/domain.md §2.1)', () => {
  it.each([
    ['1p at passend limit 29,400', single(), 2_940_000, 'WITHIN_PASSEND_LIMIT'],
    ['1p one cent above passend', single(), 2_940_001, 'WITHIN_DAEB_LIMIT'],
    ['1p at DAEB limit 51,537', single(), 5_153_700, 'WITHIN_DAEB_LIMIT'],
    ['1p one cent above DAEB', single(), 5_153_701, 'ABOVE_DAEB_LIMIT'],
    ['2p at passend limit 39,925', [...single(), { role: 'PARTNER', birthDate: '1986-01-01' }], 3_992_500, 'WITHIN_PASSEND_LIMIT'],
    ['2p at DAEB limit 56,910', [...single(), { role: 'PARTNER', birthDate: '1986-01-01' }], 5_691_000, 'WITHIN_DAEB_LIMIT'],
    ['1p AOW: limit 28,775 applies', single('1950-01-01'), 2_877_501, 'WITHIN_DAEB_LIMIT'],
    ['1p AOW at limit 28,775', single('1950-01-01'), 2_877_500, 'WITHIN_PASSEND_LIMIT'],
  ] as const)('%s', (_case, members, income, expected) => {
    expect(incomeBand({ members: [...members], taxableIncomeCents: income }, PARAMS_2026)).toBe(expected);
  });
});

describe('ageBand of the eldest adult', () => {
  it.each([
    ['2004-03-03', '2026-03-02', 'AGE_UNDER_23'], // 21 (turns 22 tomorrow)
    ['2003-03-02', '2026-03-02', 'AGE_23_34'], // 23 today
    ['1961-03-03', '2026-03-02', 'AGE_55_64'], // 64
    ['1961-03-02', '2026-03-02', 'AGE_65_PLUS'],
  ])('born %s on %s -> %s', (birthDate, onDate, expected) => {
    expect(ageBand({ members: single(birthDate) }, onDate)).toBe(expected);
  });

  it('ignores children when picking the eldest adult', () => {
    expect(
      ageBand(
        {
          members: [
            { role: 'CHILD', birthDate: '1950-01-01' },
            { role: 'APPLICANT', birthDate: '2000-01-01' },
          ],
        },
        '2026-03-02',
      ),
    ).toBe('AGE_23_34');
  });
});

describe('categorize', () => {
  it('puts a vulnerable single parent on benefit in the right categories', () => {
    const household = tenant({
      members: [...single('1990-01-01'), { role: 'CHILD', birthDate: '2015-01-01' }],
      incomeSource: 'BENEFIT',
      supportNeeds: ['DEBT_COUNSELLING'],
      taxableIncomeCents: 1_800_000,
    });
    expect(categorize(household, '2026-03-02', PARAMS_2026)).toEqual({
      HOUSEHOLD_TYPE: 'SINGLE_PARENT',
      AGE_BAND: 'AGE_35_54',
      INCOME_BAND: 'WITHIN_PASSEND_LIMIT',
      INCOME_SOURCE: 'BENEFIT',
      VULNERABILITY: 'VULNERABLE',
    });
  });
});

describe('computeComposition', () => {
  const vulnerable = tenant({ supportNeeds: ['MENTAL_HEALTH'], incomeSource: 'BENEFIT' });
  const input = {
    asOf: '2026-03-02',
    inflowSince: '2023-03-02',
    dwellingCount: 5,
    params: PARAMS_2026,
    tenancies: [
      tenancy(vulnerable, 1, '2025-01-01', null, 'URGENCY'),
      tenancy(tenant(), 2, '2010-01-01'),
      tenancy(tenant(), 3, '2012-01-01', '2024-06-30'), // moved out: history, part of no current count
      tenancy(vulnerable, 3, '2024-07-01', null, 'REGULAR'),
      tenancy(tenant(), 4, '2026-04-01'), // starts after asOf: not yet living there
    ],
  };

  it('counts current tenants only, with vacant dwellings', () => {
    const c = computeComposition(input);
    expect(c).toMatchObject({ occupiedCount: 3, vacantCount: 2, dwellingCount: 5, parameterYear: 2026 });
    expect(c.dimensions.find((d) => d.dimension === 'VULNERABILITY')!.categories).toEqual([
      { category: 'VULNERABLE', count: 2, share: 0.6667 },
      { category: 'NOT_VULNERABLE', count: 1, share: 0.3333 },
    ]);
  });

  it('lists every category of every dimension, also at zero, in a fixed order', () => {
    const c = computeComposition(input);
    expect(c.dimensions.map((d) => d.dimension)).toEqual(['HOUSEHOLD_TYPE', 'AGE_BAND', 'INCOME_BAND', 'INCOME_SOURCE', 'VULNERABILITY']);
    expect(c.dimensions.find((d) => d.dimension === 'INCOME_SOURCE')!.categories.map((x) => x.category)).toEqual([
      'WORK',
      'BENEFIT',
      'PENSION',
      'STUDENT',
      'OTHER',
    ]);
    for (const d of c.dimensions) expect(d.categories.reduce((n, x) => n + x.count, 0)).toBe(c.occupiedCount);
  });

  it('reports inflow in the window: moves-in between inflowSince and asOf', () => {
    expect(computeComposition(input).inflow).toEqual({
      periodStart: '2023-03-02',
      periodEnd: '2026-03-02',
      count: 2,
      urgentCount: 1,
      urgentShare: 0.5,
      vulnerableCount: 2,
      vulnerableShare: 1,
    });
  });

  it.each([
    ['2026-03-02', 1], // the end date is the last day of the tenancy: still living there
    ['2026-03-01', 0],
  ])('a tenancy ending on %s counts %i tenant(s) on 2026-03-02', (endDate, expected) => {
    const c = computeComposition({ ...input, tenancies: [tenancy(tenant(), 1, '2020-01-01', endDate)] });
    expect(c.occupiedCount).toBe(expected);
  });

  it('an empty complex has zero shares, not NaN', () => {
    const c = computeComposition({ ...input, tenancies: [] });
    expect(c.dimensions.every((d) => d.categories.every((x) => x.share === 0))).toBe(true);
    expect(c.inflow.urgentShare).toBe(0);
  });

  it('share rounds to 4 decimals', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBe(0);
  });
});

describe('withArrivals (open offers counted as moved in)', () => {
  const asOf = '2026-03-02';
  const base = computeComposition({
    asOf,
    inflowSince: '2023-03-02',
    dwellingCount: 4,
    params: PARAMS_2026,
    tenancies: [tenancy(tenant(), 1, '2010-01-01'), tenancy(tenant({ supportNeeds: ['MENTAL_HEALTH'] }), 2, '2015-01-01')],
  });
  const vulnerableArrival = categorize(tenant({ supportNeeds: ['ADDICTION'], incomeSource: 'BENEFIT' }), asOf, PARAMS_2026);
  const cases: { name: string; arrivals: Record<string, string>[]; vulnerable: number; total: number }[] = [
    { name: 'no arrivals: unchanged', arrivals: [], vulnerable: 1, total: 2 },
    { name: 'one vulnerable arrival', arrivals: [vulnerableArrival], vulnerable: 2, total: 3 },
    { name: 'two arrivals, one vulnerable', arrivals: [vulnerableArrival, categorize(tenant(), asOf, PARAMS_2026)], vulnerable: 2, total: 4 },
  ];
  it.each(cases)('$name', ({ arrivals, vulnerable, total }) => {
    const after = withArrivals(base, arrivals as never);
    for (const d of after.dimensions) {
      expect(d.total).toBe(total);
      expect(d.categories.reduce((s, c) => s + c.count, 0)).toBe(total);
    }
    const v = after.dimensions.find((d) => d.dimension === 'VULNERABILITY')!.categories.find((c) => c.category === 'VULNERABLE')!;
    expect(v).toEqual({ category: 'VULNERABLE', count: vulnerable, share: share(vulnerable, total) });
  });

  it('refuses a category the dimension does not have', () => {
    expect(() => withArrivals(base, [{ ...vulnerableArrival, VULNERABILITY: 'SOMETIMES' }])).toThrow(/Unknown VULNERABILITY category: SOMETIMES/);
  });
});
