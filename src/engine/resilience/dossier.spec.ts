import { indicatorYears, standingObservations, suppressedBreakdown, YearObservation } from './dossier.js';
import type { IndicatorBasis } from './programme-evaluation.js';

const BASIS: Record<string, IndicatorBasis> = { NUISANCE_REPORTS: 'DWELLINGS', ARREARS: 'HOUSEHOLDS', RESIDENT_SATISFACTION: 'RESPONDENTS' };
const quarter = (indicatorCode: string, scope: string, y: number, q: number, count: number, denominator: number): YearObservation => {
  const starts = ['01-01', '04-01', '07-01', '10-01'];
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return { indicatorCode, scope, periodStart: `${y}-${starts[q - 1]}`, periodEnd: `${y}-${ends[q - 1]}`, count, denominator };
};

describe('standingObservations: corrections are new rows, the newest of a chain stands', () => {
  it.each<[string, { id: number; correctsId: number | null }[], number[]]>([
    [
      'no corrections: every row stands',
      [
        { id: 1, correctsId: null },
        { id: 2, correctsId: null },
      ],
      [1, 2],
    ],
    [
      'a correction replaces its row',
      [
        { id: 1, correctsId: null },
        { id: 2, correctsId: null },
        { id: 3, correctsId: 1 },
      ],
      [2, 3],
    ],
    [
      'a correction of a correction wins',
      [
        { id: 1, correctsId: null },
        { id: 3, correctsId: 1 },
        { id: 4, correctsId: 3 },
      ],
      [4],
    ],
  ])('%s', (_t, rows, standing) => {
    expect(standingObservations(rows).map((r) => r.id)).toEqual(standing);
  });
});

describe('indicatorYears: per year and scope, per 100, small cells hidden', () => {
  it.each<[string, YearObservation[], Record<string, unknown>[]]>([
    [
      'four quarters of reports on 40 homes make a year: 20 reports = 50 per 100 homes per year',
      [1, 2, 3, 4].map((q) => quarter('NUISANCE_REPORTS', 'Rozenhof', 2025, q, 5, 40)),
      [{ indicatorCode: 'NUISANCE_REPORTS', scope: 'Rozenhof', year: 2025, count: 20, denominator: 40, ratePer100: 50, suppressed: false }],
    ],
    [
      '3 reports in a year: hidden, it could point at a household',
      [quarter('NUISANCE_REPORTS', 'Rozenhof', 2025, 1, 3, 40)],
      [{ year: 2025, count: null, ratePer100: null, suppressed: true }],
    ],
    ['zero is shown: it names nobody', [quarter('NUISANCE_REPORTS', 'Rozenhof', 2025, 1, 0, 40)], [{ count: 0, ratePer100: 0, suppressed: false }]],
    [
      'a share of households: 36 of 40 in arrears is hidden as well (all but 4)',
      [quarter('ARREARS', 'Rozenhof', 2025, 4, 36, 40)],
      [{ count: null, ratePer100: null, suppressed: true }],
    ],
    [
      'a share over 3 respondents: the count and the 3 are hidden (a small cell of households)',
      [quarter('ARREARS', 'Rozenhof', 2025, 4, 0, 3)],
      [{ count: null, denominator: null, ratePer100: null, suppressed: true }],
    ],
    [
      'a share over 5 households is a large enough group to name: the denominator stays, the 1 in arrears is hidden',
      [quarter('ARREARS', 'Rozenhof', 2025, 4, 1, 5)],
      [{ count: null, denominator: 5, suppressed: true }],
    ],
    [
      'events over 3 homes: homes are not households, the denominator stays',
      [quarter('NUISANCE_REPORTS', 'Rozenhof', 2025, 1, 0, 3)],
      [{ count: 0, denominator: 3, suppressed: false }],
    ],
    ['a share: 10 of 40 households = 25 per 100', [quarter('ARREARS', 'Rozenhof', 2025, 4, 10, 40)], [{ count: 10, ratePer100: 25 }]],
    [
      'ordered by indicator, scope and year',
      [
        quarter('NUISANCE_REPORTS', 'B', 2024, 1, 0, 10),
        quarter('ARREARS', 'A', 2025, 1, 0, 10),
        quarter('NUISANCE_REPORTS', 'A', 2025, 1, 0, 10),
        quarter('NUISANCE_REPORTS', 'A', 2024, 1, 0, 10),
      ],
      [
        { indicatorCode: 'ARREARS', scope: 'A', year: 2025 },
        { indicatorCode: 'NUISANCE_REPORTS', scope: 'A', year: 2024 },
        { indicatorCode: 'NUISANCE_REPORTS', scope: 'A', year: 2025 },
        { indicatorCode: 'NUISANCE_REPORTS', scope: 'B', year: 2024 },
      ],
    ],
  ])('%s', (_t, observations, expected) => {
    const years = indicatorYears(observations, (c) => BASIS[c]);
    expect(years).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(years[i]).toMatchObject(e));
  });
});

describe('suppressedBreakdown: small cells and the one that would give them away', () => {
  it.each<[string, { key: string; count: number }[], (number | null)[], number | null]>([
    [
      'no small cell: all shown',
      [
        { key: 'REGULAR', count: 12 },
        { key: 'URGENCY', count: 6 },
      ],
      [12, 6],
      18,
    ],
    [
      'one small cell hides the smallest other one too',
      [
        { key: 'REGULAR', count: 12 },
        { key: 'URGENCY', count: 3 },
        { key: 'DIRECT', count: 7 },
      ],
      [12, null, null],
      22,
    ],
    [
      'two small cells hide each other',
      [
        { key: 'REGULAR', count: 12 },
        { key: 'URGENCY', count: 3 },
        { key: 'DIRECT', count: 2 },
      ],
      [12, null, null],
      17,
    ],
    [
      'a small total is not shown at all',
      [
        { key: 'REGULAR', count: 3 },
        { key: 'URGENCY', count: 0 },
      ],
      [null, 0],
      null,
    ],
  ])('%s', (_t, cells, counts, total) => {
    const b = suppressedBreakdown(cells);
    expect(b.cells.map((c) => c.count)).toEqual(counts);
    expect(b.total).toBe(total);
  });
});
