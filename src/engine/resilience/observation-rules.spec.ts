import { IndicatorKind, ObservationFacts, observationCountProblems, observationShapeProblems } from './observation-rules.js';

const REPORTS: IndicatorKind = { code: 'NUISANCE_REPORTS', kind: 'COUNT', basis: 'DWELLINGS' };
const ARREARS: IndicatorKind = { code: 'ARREARS', kind: 'COUNT', basis: 'HOUSEHOLDS' };
const LBM: IndicatorKind = { code: 'LBM_NUISANCE', kind: 'CLASS', basis: null };
const base: ObservationFacts = {
  indicatorCode: 'NUISANCE_REPORTS',
  complexCode: 'CPX-1',
  buurtCode: null,
  periodStart: '2025-01-01',
  periodEnd: '2025-03-31',
  count: 3,
  denominator: 40,
};

describe('observation rules: the same for an entered and an imported observation', () => {
  it.each<[string, Partial<ObservationFacts>, string[]]>([
    ['a complex and a period that runs forward', {}, []],
    ['a buurt instead of a complex', { complexCode: null, buurtCode: 'BU00000001' }, []],
    ['neither complex nor buurt', { complexCode: null }, ['complexCode: give exactly one of complexCode and buurtCode']],
    ['both', { buurtCode: 'BU00000001' }, ['complexCode: give exactly one of complexCode and buurtCode']],
    ['a period ending before it starts', { periodEnd: '2024-12-31' }, ['periodEnd: must not be before periodStart (2025-01-01)']],
    ['a one-day period', { periodEnd: '2025-01-01' }, []],
  ])('shape: %s', (_t, change, problems) => {
    expect(observationShapeProblems({ ...base, ...change }).map((p) => `${p.field}: ${p.reason}`)).toEqual(problems);
  });

  it.each<[string, IndicatorKind | undefined, Partial<ObservationFacts>, string[]]>([
    ['events may outnumber the homes (reports per home)', REPORTS, { count: 90, denominator: 40 }, []],
    [
      'a share may not exceed its whole',
      ARREARS,
      { indicatorCode: 'ARREARS', count: 41, denominator: 40 },
      ['count: must not exceed denominator (40): ARREARS counts a part of the households or respondents'],
    ],
    ['a share of all', ARREARS, { indicatorCode: 'ARREARS', count: 40, denominator: 40 }, []],
    [
      'a class is read from the readings',
      LBM,
      { indicatorCode: 'LBM_NUISANCE' },
      ['indicatorCode: LBM_NUISANCE is read from the buurt readings, not observed (import readings instead)'],
    ],
    ['an unknown indicator', undefined, { indicatorCode: 'NOPE' }, ['indicatorCode: is not a known indicator (NOPE; see outcomeIndicators)']],
  ])('counts: %s', (_t, indicator, change, problems) => {
    expect(observationCountProblems(indicator, { ...base, ...change }).map((p) => `${p.field}: ${p.reason}`)).toEqual(problems);
  });
});
