import { ComplexFigures, hiddenCells, withCellsHidden } from './dossier-releases.service.js';

const figures: ComplexFigures = {
  code: 'CASE',
  name: 'Rozenhof',
  dwellings: 40,
  households: 38,
  targets: [{ dimension: 'VULNERABILITY', category: 'VULNERABLE', bound: 'MAX', limit: 0.3, share: 0.2632, withinTarget: true }],
  inflowByRoute: {
    total: 16,
    cells: [
      { key: 'REGULAR', count: 10, suppressed: false },
      { key: 'URGENCY', count: 6, suppressed: false },
    ],
  },
  endedByReason: { total: 3, cells: [{ key: 'DEATH', count: null, suppressed: true }] },
  turnoverPer100: null,
  deviations: 5,
  allocations: 16,
  priority: { inflow: { count: 16, vulnerableCount: 3, urgentCount: 6 }, outsideTargets: false },
  counts: {
    households: 38,
    'target:VULNERABILITY:VULNERABLE:MAX:count': 10,
    'target:VULNERABILITY:VULNERABLE:MAX:total': 38,
    'inflow:total': 16,
    'inflow:REGULAR': 10,
    'inflow:URGENCY': 6,
    'ended:total': 3,
    'ended:DEATH': 3,
    allocations: 16,
    deviations: 5,
  },
};

describe('figures released to partners', () => {
  it('names the cells not shown (small or hidden), among those it counts', () => {
    // ended:total is shown as 3 in this made-up row, so only the hidden DEATH cell is listed
    expect(hiddenCells(figures)).toEqual(['ended:DEATH']);
  });

  it.each<[string, string[], (f: ComplexFigures) => unknown, unknown]>([
    ['nothing hidden: the same figures', [], (f) => f, figures],
    ['households', ['households'], (f) => f.households, null],
    [
      'a target: its share and whether it is met',
      ['target:VULNERABILITY:VULNERABLE:MAX:count'],
      (f) => f.targets[0],
      { ...figures.targets[0], share: null, withinTarget: null },
    ],
    [
      'a breakdown cell, and with it the total (the total less the shown cells would give it)',
      ['inflow:URGENCY'],
      (f) => f.inflowByRoute,
      {
        total: null,
        cells: [
          { key: 'REGULAR', count: 10, suppressed: false },
          { key: 'URGENCY', count: null, suppressed: true },
        ],
      },
    ],
    ['the total of tenancies ended, and the turnover it gives', ['ended:total'], (f) => [f.endedByReason.total, f.turnoverPer100], [null, null]],
    ['deviations alone', ['deviations'], (f) => [f.deviations, f.allocations], [null, 16]],
  ])('hides %s', (_name, cells, pick, expected) => {
    const hidden = withCellsHidden(figures, cells);
    expect(pick(hidden)).toEqual(expected);
    for (const cell of cells) expect(hiddenCells(hidden)).toContain(cell);
  });
});
