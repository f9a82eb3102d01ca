import type { Composition } from '../composition/compute-composition.js';
import type { GroupRate } from '../reports/allocation-report.js';
import { cellsToSuppress, suppressComposition, suppressGroupRates } from './small-cells.js';

describe('small-cell suppression', () => {
  it.each<[string, number[], boolean[]]>([
    ['nothing small', [20, 20], [false, false]],
    ['zero names nobody', [0, 40], [false, false]],
    ['one small cell hides the smallest other non-zero cell too', [3, 30, 7], [true, false, true]],
    ['two small cells hide only themselves', [3, 30, 4], [true, false, true]],
    ['a small cell with only zeros beside it', [4, 0], [true, false]],
    ['five is not small', [5, 35], [false, false]],
    ['two cells of 1 would each be known to be 1: the smallest other cell is hidden too', [1, 1, 20, 30], [true, true, true, false]],
    ['a small cell and its partner may each be several values', [1, 5, 6], [true, true, false]],
    ['two small cells summing to 3 may each be 1 or 2', [1, 2, 40], [true, true, false]],
  ])('%s', (_name, counts, hidden) => {
    expect(cellsToSuppress(counts)).toEqual(hidden);
  });

  it.each<[string, number[], boolean[], boolean[]]>([
    ['a large cell hidden for another reason takes a partner like a small one', [12, 30, 7], [true, false, false], [true, false, true]],
    ['two cells hidden already, their sum open enough: nothing more', [12, 30, 7], [true, false, true], [true, false, true]],
    ['nothing hidden already: as without the argument', [3, 30, 7], [false, false, false], [true, false, true]],
  ])('%s', (_name, counts, hiddenAlready, hidden) => {
    expect(cellsToSuppress(counts, hiddenAlready)).toEqual(hidden);
  });

  const composition: Composition = {
    asOf: '2026-03-02',
    parameterYear: 2026,
    dwellingCount: 40,
    occupiedCount: 40,
    vacantCount: 0,
    dimensions: [
      {
        dimension: 'VULNERABILITY',
        total: 40,
        categories: [
          { category: 'VULNERABLE', count: 4, share: 0.1 },
          { category: 'NOT_VULNERABLE', count: 36, share: 0.9 },
        ],
      },
      {
        dimension: 'HOUSEHOLD_TYPE',
        total: 40,
        categories: [
          { category: 'SINGLE', count: 20, share: 0.5 },
          { category: 'FAMILY', count: 20, share: 0.5 },
        ],
      },
    ],
    inflow: { periodStart: '2021-03-02', periodEnd: '2026-03-02', count: 12, urgentCount: 2, urgentShare: 0.1667, vulnerableCount: 6, vulnerableShare: 0.5 },
  };

  it('hides small cells of a composition and of its inflow, and the cell that would give them away', () => {
    const s = suppressComposition(composition);
    expect(s.dimensions[0].categories).toEqual([
      { category: 'VULNERABLE', count: null, share: null },
      { category: 'NOT_VULNERABLE', count: null, share: null },
    ]);
    expect(s.dimensions[1].categories).toEqual(composition.dimensions[1].categories);
    expect(s.inflow).toMatchObject({ count: 12, urgentCount: null, urgentShare: null, vulnerableCount: 6, vulnerableShare: 0.5 });
    expect(suppressComposition({ ...composition, inflow: { ...composition.inflow, count: 3, urgentCount: 0, vulnerableCount: 0 } }).inflow).toMatchObject({
      count: null,
      urgentCount: null,
      vulnerableCount: null,
    });
  });

  it('hides allocation-rate rows with a small cell of applicants, allocated or not allocated', () => {
    const row = (category: string, applicants: number, allocated: number): GroupRate => ({
      dimension: 'VULNERABILITY',
      category,
      applicants,
      allocated,
      rateBasisPoints: applicants ? Math.round((allocated / applicants) * 10000) : null,
    });
    const rates = suppressGroupRates([row('VULNERABLE', 12, 2), row('NOT_VULNERABLE', 40, 10), { ...row('X', 30, 10), dimension: 'HOUSEHOLD_TYPE' }]);
    expect(rates.map((r) => r.applicants)).toEqual([null, null, 30]);
    expect(rates[0]).toEqual({ dimension: 'VULNERABILITY', category: 'VULNERABLE', applicants: null, allocated: null, rateBasisPoints: null });
  });
});
