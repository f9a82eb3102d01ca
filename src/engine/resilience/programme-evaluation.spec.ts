import fc from 'fast-check';
import { EvaluationInput, IndicatorDefinition, IndicatorObservation, evaluateProgramme, summariseDeviations } from './programme-evaluation.js';

const REPORTS: IndicatorDefinition = { code: 'NUISANCE_REPORTS', basis: 'DWELLINGS', lowerIsBetter: true };
const ARREARS: IndicatorDefinition = { code: 'ARREARS', basis: 'HOUSEHOLDS', lowerIsBetter: true };
const SATISFIED: IndicatorDefinition = { code: 'RESIDENT_SATISFACTION', basis: 'RESPONDENTS', lowerIsBetter: false };

/** One observation of a whole (non-leap) year: 2021, 2022 before a start on 2023-01-01; 2023 after. */
const year = (indicator: IndicatorDefinition, complexId: number, y: number, count: number, denominator: number): IndicatorObservation => ({
  indicatorCode: indicator.code,
  complexId,
  periodStart: `${y}-01-01`,
  periodEnd: `${y}-12-31`,
  count,
  denominator,
});

const input = (observations: IndicatorObservation[], overrides: Partial<EvaluationInput> = {}): EvaluationInput => ({
  start: '2023-01-01',
  asOf: '2024-01-01',
  windowYears: 1,
  indicators: [REPORTS, ARREARS, SATISFIED],
  programmeComplexIds: [1],
  comparisonComplexIds: [11, 12, 13],
  observations,
  ...overrides,
});

const evaluationOf = (i: EvaluationInput, code: string) => evaluateProgramme(i).indicators.find((x) => x.indicatorCode === code)!;

/** Home-years of 100 homes over 2022 (365 days): exposure is homes x days / 365.25. */
const HOME_YEARS_100 = (100 * 365) / 365.25;
const Z = 1.959964;

describe('evaluateProgramme: difference-in-differences with a band, on constructed data with a known answer', () => {
  it('events per 100 homes: the programme halves its reports while the comparison stays flat', () => {
    // programme: 40 reports on 100 homes in 2022, 20 in 2023; three comparison complexes of 100 homes: 30 each year
    const data = [
      year(REPORTS, 1, 2022, 40, 100),
      year(REPORTS, 1, 2023, 20, 100),
      ...[11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, 30, 100), year(REPORTS, c, 2023, 30, 100)]),
    ];
    const e = evaluationOf(input(data), 'NUISANCE_REPORTS');
    const f = 100 / HOME_YEARS_100; // rate per 100 homes per year of one report on 100 homes
    expect(e.programme.before).toEqual({ count: 40, exposure: 99.93, rate: +(40 * f).toFixed(2), observations: 1 });
    expect(e.programme.after.rate).toBeCloseTo(20 * f, 2);
    expect(e.comparison).toMatchObject({ complexes: 3, change: 0 });
    expect(e.comparison.before.rate).toBeCloseTo(30 * f, 2);
    expect(e.differenceInDifferences).toBeCloseTo(-20 * f, 2);
    // Poisson: var = 100^2 x (40 + 20) / E_p^2 + 100^2 x (90 + 90) / E_c^2, E_p = 100 home-years, E_c = 300
    const half = Z * Math.sqrt((1e4 * 60) / HOME_YEARS_100 ** 2 + (1e4 * 180) / (3 * HOME_YEARS_100) ** 2);
    expect(e.band!.low).toBeCloseTo(-20 * f - half, 1);
    expect(e.band!.high).toBeCloseTo(-20 * f + half, 1);
    expect(e.band!.high).toBeLessThan(0);
    expect(e.verdict).toBe('IMPROVED');
    expect(e.warnings.map((w) => w.code)).toEqual([]);
  });

  it.each<[string, IndicatorObservation[], Partial<EvaluationInput>, string, Record<string, unknown>, string[]]>([
    [
      'shares of households: 10% to 5% against a flat 10%, a band that spans zero (small numbers)',
      [
        year(ARREARS, 1, 2022, 10, 100),
        year(ARREARS, 1, 2023, 5, 100),
        year(ARREARS, 11, 2022, 30, 300),
        year(ARREARS, 11, 2023, 30, 300),
        year(ARREARS, 12, 2022, 0, 10),
        year(ARREARS, 13, 2023, 0, 10),
      ],
      {},
      'ARREARS',
      // var = 1e4 x (.1 x .9 / 100 + .05 x .95 / 100 + .0968 x .9032 / 310 x 2): the comparison pools its complexes
      { differenceInDifferences: -5, verdict: 'NO_CLEAR_CHANGE' },
      ['SMALL_COUNTS'],
    ],
    [
      'no comparable complex: no difference-in-differences, nothing to judge',
      [year(REPORTS, 1, 2022, 40, 100), year(REPORTS, 1, 2023, 20, 100)],
      { comparisonComplexIds: [] },
      'NUISANCE_REPORTS',
      { differenceInDifferences: null, band: null, verdict: 'UNKNOWN', programme: expect.objectContaining({ change: -20.01 }) },
      ['NO_COMPARISON'],
    ],
    [
      'two comparison complexes: said, and still computed',
      [year(REPORTS, 1, 2022, 40, 100), year(REPORTS, 1, 2023, 20, 100), year(REPORTS, 11, 2022, 30, 100), year(REPORTS, 11, 2023, 30, 100)],
      { comparisonComplexIds: [11, 12] },
      'NUISANCE_REPORTS',
      { differenceInDifferences: -20.01, comparison: expect.objectContaining({ complexes: 2 }) },
      ['FEW_COMPARISON_COMPLEXES'],
    ],
    [
      'a programme window of 1-4 households is not shown, and no difference is drawn from it',
      [year(ARREARS, 1, 2022, 3, 40), year(ARREARS, 1, 2023, 8, 40), year(ARREARS, 11, 2022, 30, 300), year(ARREARS, 11, 2023, 30, 300)],
      {},
      'ARREARS',
      {
        programme: {
          // the 40 households are withheld with their count: a window's households could be 1-4 as well
          before: { count: null, exposure: null, rate: null, observations: 1 },
          after: expect.objectContaining({ count: null, exposure: null, rate: null }),
          change: null,
        },
        differenceInDifferences: null,
        verdict: 'UNKNOWN',
      },
      ['SUPPRESSED'],
    ],
    [
      'all but 1-4 satisfied respondents is as telling as 1-4: not shown',
      [year(SATISFIED, 1, 2022, 18, 20), year(SATISFIED, 1, 2023, 10, 20), year(SATISFIED, 11, 2022, 100, 200), year(SATISFIED, 11, 2023, 100, 200)],
      {},
      'RESIDENT_SATISFACTION',
      { differenceInDifferences: null },
      ['SUPPRESSED'],
    ],
    [
      'a survey of 3 respondents: neither the count nor the 3 is shown',
      [year(SATISFIED, 1, 2022, 2, 3), year(SATISFIED, 1, 2023, 2, 3), year(SATISFIED, 11, 2022, 100, 200), year(SATISFIED, 11, 2023, 100, 200)],
      {},
      'RESIDENT_SATISFACTION',
      {
        programme: { before: { count: null, exposure: null, rate: null, observations: 1 }, after: expect.objectContaining({ exposure: null }), change: null },
        comparison: expect.objectContaining({ before: expect.objectContaining({ count: 100, exposure: 200 }) }),
      },
      ['SUPPRESSED'],
    ],
    [
      'a withheld count of events keeps its home-years: homes are not households',
      [
        year(REPORTS, 1, 2022, 3, 100),
        year(REPORTS, 1, 2023, 20, 100),
        ...[11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, 30, 100), year(REPORTS, c, 2023, 30, 100)]),
      ],
      {},
      'NUISANCE_REPORTS',
      { programme: expect.objectContaining({ before: { count: null, exposure: 99.93, rate: null, observations: 1 } }) },
      ['SUPPRESSED'],
    ],
    [
      'an observation spanning the start is left out, and said so',
      [
        year(REPORTS, 1, 2022, 40, 100),
        year(REPORTS, 1, 2023, 20, 100),
        { indicatorCode: 'NUISANCE_REPORTS', complexId: 1, periodStart: '2022-07-01', periodEnd: '2023-06-30', count: 500, denominator: 100 },
        ...[11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, 30, 100), year(REPORTS, c, 2023, 30, 100)]),
      ],
      {},
      'NUISANCE_REPORTS',
      { differenceInDifferences: -20.01, programme: expect.objectContaining({ before: expect.objectContaining({ count: 40, observations: 1 }) }) },
      ['STRADDLING'],
    ],
    [
      'half a year after the start: too early, whatever the numbers',
      [
        year(REPORTS, 1, 2022, 40, 100),
        { indicatorCode: 'NUISANCE_REPORTS', complexId: 1, periodStart: '2023-01-01', periodEnd: '2023-06-30', count: 1, denominator: 100 },
        ...[11, 12, 13].flatMap((c) => [
          year(REPORTS, c, 2022, 30, 100),
          { indicatorCode: 'NUISANCE_REPORTS', complexId: c, periodStart: '2023-01-01', periodEnd: '2023-06-30', count: 15, denominator: 100 },
        ]),
      ],
      { asOf: '2023-07-01' },
      'NUISANCE_REPORTS',
      { verdict: 'UNKNOWN' },
      ['SHORT_AFTER', 'SUPPRESSED'],
    ],
    [
      'satisfaction falling where more is better: worse',
      [
        year(SATISFIED, 1, 2022, 160, 200),
        year(SATISFIED, 1, 2023, 80, 200),
        ...[11, 12, 13].flatMap((c) => [year(SATISFIED, c, 2022, 120, 200), year(SATISFIED, c, 2023, 120, 200)]),
      ],
      {},
      'RESIDENT_SATISFACTION',
      { differenceInDifferences: -40, verdict: 'WORSENED' },
      [],
    ],
    [
      'observations of complexes in neither group, and of other indicators, change nothing',
      [
        year(REPORTS, 1, 2022, 40, 100),
        year(REPORTS, 1, 2023, 20, 100),
        year(REPORTS, 99, 2022, 1000, 100),
        year(ARREARS, 1, 2023, 99, 100),
        ...[11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, 30, 100), year(REPORTS, c, 2023, 30, 100)]),
      ],
      {},
      'NUISANCE_REPORTS',
      { differenceInDifferences: -20.01, verdict: 'IMPROVED' },
      [],
    ],
    [
      'no observation before the start',
      [year(REPORTS, 1, 2023, 20, 100), ...[11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, 30, 100), year(REPORTS, c, 2023, 30, 100)])],
      {},
      'NUISANCE_REPORTS',
      { differenceInDifferences: null, verdict: 'UNKNOWN' },
      ['NO_DATA_BEFORE'],
    ],
  ])('%s', (_title, observations, overrides, code, expected, warnings) => {
    const e = evaluationOf(input(observations, overrides), code);
    expect(e).toMatchObject(expected);
    expect(e.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it('the band of the shares case, worked by hand', () => {
    const data = [
      year(ARREARS, 1, 2022, 10, 100),
      year(ARREARS, 1, 2023, 5, 100),
      ...[11, 12, 13].flatMap((c) => [year(ARREARS, c, 2022, 10, 100), year(ARREARS, c, 2023, 10, 100)]),
    ];
    const e = evaluationOf(input(data), 'ARREARS');
    const variance = 1e4 * ((0.1 * 0.9) / 100 + (0.05 * 0.95) / 100 + ((0.1 * 0.9) / 300) * 2);
    expect(e.differenceInDifferences).toBe(-5);
    expect(e.band!.low).toBeCloseTo(-5 - Z * Math.sqrt(variance), 2);
    expect(e.band!.high).toBeCloseTo(-5 + Z * Math.sqrt(variance), 2);
  });

  it('windows: before is the years up to the day before the start, after runs to the asOf date at most', () => {
    const r = evaluateProgramme(input([], { start: '2023-03-01', asOf: '2024-10-15', windowYears: 3 }));
    expect(r.before).toEqual({ from: '2020-03-01', to: '2023-02-28' });
    expect(r.after).toEqual({ from: '2023-03-01', to: '2024-10-14' });
  });

  it('a change shared by programme and comparison cancels out: the difference is zero and the band holds zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 20, max: 400 }), (before, after) => {
        const data = [1, 11, 12, 13].flatMap((c) => [year(REPORTS, c, 2022, before, 100), year(REPORTS, c, 2023, after, 100)]);
        const e = evaluationOf(input(data), 'NUISANCE_REPORTS');
        expect(e.differenceInDifferences).toBe(0);
        expect(e.band!.low).toBeLessThanOrEqual(0);
        expect(e.band!.high).toBeGreaterThanOrEqual(0);
        expect(e.verdict).toBe('NO_CLEAR_CHANGE');
      }),
    );
  });

  it('speaks Dutch to a Dutch reader, from the same numbers', () => {
    const data = [year(REPORTS, 1, 2022, 40, 100), year(REPORTS, 1, 2023, 20, 100)];
    const en = evaluateProgramme(input(data, { comparisonComplexIds: [] })).indicators[0];
    const nl = evaluateProgramme(input(data, { comparisonComplexIds: [] }), 'nl').indicators[0];
    expect(nl.programme).toEqual(en.programme);
    expect(nl.verdictText).toBe('niet te beoordelen');
    expect(nl.warnings[0].text).toBe('geen vergelijkbaar complex (zelfde veerkrachtklasse, geen programma): geen verschil-in-verschillen');
  });
});

describe('evaluateProgramme: nothing small shown, nor given away by another answer', () => {
  // evictions in the programme complex: 5, 2, 6 and 7 in 2021-2024; the programme starts in 2025
  const evictions = [2021, 2022, 2023, 2024].map((y, i) => year(REPORTS, 1, y, [5, 2, 6, 7][i], 100));
  const comparison = [11, 12, 13].flatMap((c) => [2022, 2023, 2024, 2025].map((y) => year(REPORTS, c, y, 30, 100)));
  const at = (windowYears: number) =>
    evaluationOf(
      input([...evictions, year(REPORTS, 1, 2025, 6, 100), ...comparison], { start: '2025-01-01', asOf: '2026-01-01', windowYears }),
      'NUISANCE_REPORTS',
    );

  it.each<[number, number | null]>([
    // one year before: 2024 alone, 7; two: 2023 and 2024, 13
    [1, 7],
    [2, 13],
    // three hold 2022's 2, which the difference from the two-year window would give away
    [3, null],
  ])('a window of %i year(s) before the start shows %p', (windowYears, count) => {
    const e = at(windowYears);
    expect(e.programme.before.count).toBe(count);
    expect(e.warnings.some((w) => w.code === 'SUPPRESSED')).toBe(count === null);
  });

  it('quarters of one year are one year of the window: small quarters that add up to 5 or more are shown', () => {
    const quarter = (q: number, count: number): IndicatorObservation => ({
      indicatorCode: REPORTS.code,
      complexId: 1,
      periodStart: ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01'][q],
      periodEnd: ['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'][q],
      count,
      denominator: 100,
    });
    const data = [quarter(0, 1), quarter(1, 2), quarter(2, 1), quarter(3, 3), year(REPORTS, 1, 2025, 6, 100), ...comparison];
    const e = evaluationOf(input(data, { start: '2025-01-01', asOf: '2026-01-01', windowYears: 1 }), 'NUISANCE_REPORTS');
    expect(e.programme.before.count).toBe(7);
    expect(e.warnings.some((w) => w.code === 'SUPPRESSED')).toBe(false);
  });

  it('an observation running into the second year after the start counts in that year: the 1- and 2-year windows do not give it away', () => {
    const span = (start: string, end: string, count: number, denominator: number): IndicatorObservation => ({
      indicatorCode: ARREARS.code,
      complexId: 1,
      periodStart: start,
      periodEnd: end,
      count,
      denominator,
    });
    const others = [11, 12, 13].flatMap((c) => [2023, 2024, 2025].map((y) => year(ARREARS, c, y, 10, 100)));
    const data = [year(ARREARS, 1, 2023, 10, 100), span('2024-01-01', '2024-06-30', 10, 100), span('2024-07-01', '2025-06-30', 3, 50), ...others];
    const at = (windowYears: number) => evaluationOf(input(data, { start: '2024-01-01', asOf: '2027-01-01', windowYears }), 'ARREARS');
    expect(at(1).programme.after.count).toBe(10);
    // the 3 of the second year is a small cell of that year: the 2-year window is hidden, not 13
    expect(at(2).programme.after.count).toBeNull();
  });

  it('a comparison of one complex with a small count is hidden too, and so is the difference it would make', () => {
    const data = [year(ARREARS, 1, 2022, 10, 40), year(ARREARS, 1, 2023, 8, 40), year(ARREARS, 11, 2022, 3, 40), year(ARREARS, 11, 2023, 9, 40)];
    const e = evaluationOf(input(data, { comparisonComplexIds: [11] }), 'ARREARS');
    expect(e.programme.before.count).toBe(10);
    expect(e.comparison).toMatchObject({ complexes: 1, before: { count: null, rate: null }, change: null });
    expect(e.differenceInDifferences).toBeNull();
    expect(e.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['FEW_COMPARISON_COMPLEXES', 'SUPPRESSED']));
  });
});

describe('summariseDeviations: the share that deviated from plain order and the registration time given up', () => {
  const allocation = (deviated: boolean, days: number | null = null) => ({ deviated, registrationDaysGivenUp: days });
  it.each<[string, ReturnType<typeof allocation>[], Record<string, unknown>]>([
    [
      '6 of 10 deviated, 100..600 days given up',
      [...[100, 200, 300, 400, 500, 600].map((d) => allocation(true, d)), ...Array.from({ length: 4 }, () => allocation(false))],
      // 4 followed plain order: all but 4 deviated, which would point at households too
      { allocations: 10, deviated: null, deviatedShare: null, medianRegistrationDaysGivenUp: null },
    ],
    [
      '6 of 12 deviated: shown, the median of an even count is the mean of the middle two',
      [...[100, 200, 300, 400, 500, 600].map((d) => allocation(true, d)), ...Array.from({ length: 6 }, () => allocation(false))],
      { allocations: 12, deviated: 6, deviatedShare: 0.5, medianRegistrationDaysGivenUp: 350, totalRegistrationYearsGivenUp: 5.75 },
    ],
    [
      '3 deviations: not shown',
      [allocation(true, 10), allocation(true, 20), allocation(true, 30), ...Array.from({ length: 9 }, () => allocation(false))],
      { deviated: null },
    ],
    [
      'none deviated: zero is shown, it names nobody',
      Array.from({ length: 7 }, () => allocation(false)),
      { deviated: 0, deviatedShare: 0, medianRegistrationDaysGivenUp: null },
    ],
    ['no allocations', [], { allocations: 0, deviated: 0, deviatedShare: null }],
    ['3 allocations, none deviated: the count itself is hidden', Array.from({ length: 3 }, () => allocation(false)), { allocations: null, deviated: null }],
  ])('%s', (_title, allocations, expected) => {
    expect(summariseDeviations(allocations)).toMatchObject(expected);
  });
});
