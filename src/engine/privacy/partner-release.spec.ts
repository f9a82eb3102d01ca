import {
  EarlierRelease,
  heldCounts,
  RELEASE_MIN_HOUSEHOLDS,
  ReleaseDecision,
  hiddenByDifference,
  movePeriods,
  releaseDecision,
  releaseReferenceDate,
} from './partner-release.js';

describe('partner releases', () => {
  it.each<[string, string, string]>([
    ['early in a month: the end of the month before', '2026-03-02', '2026-02-28'],
    ['on the first of a month', '2026-04-01', '2026-03-31'],
    ['on the last day of a month: still the month before (the month is not over)', '2026-03-31', '2026-02-28'],
    ['in January: the end of December', '2027-01-15', '2026-12-31'],
    ['a leap year', '2024-03-10', '2024-02-29'],
  ])('reference date %s', (_name, today, reference) => {
    expect(releaseReferenceDate(today)).toBe(reference);
  });

  it('takes every day of a month to the same reference date', () => {
    const references = new Set<string>();
    for (let day = 1; day <= 31; day += 1) references.add(releaseReferenceDate(`2026-05-${String(day).padStart(2, '0')}`));
    expect([...references]).toEqual(['2026-04-30']);
  });

  it.each<[string, string | null, string, number, ReleaseDecision]>([
    ['no release yet: the first', null, '2026-02-28', 0, { kind: 'FIRST' }],
    ['released on the reference date already', '2026-02-28', '2026-02-28', 9, { kind: 'KEEP', householdsMoved: 0, why: 'UP_TO_DATE' }],
    ['none moved', '2026-01-31', '2026-02-28', 0, { kind: 'KEEP', householdsMoved: 0, why: 'TOO_FEW_MOVES' }],
    ['one household moved: its category would show', '2026-01-31', '2026-02-28', 1, { kind: 'KEEP', householdsMoved: 1, why: 'TOO_FEW_MOVES' }],
    ['four moved', '2025-06-30', '2026-02-28', RELEASE_MIN_HOUSEHOLDS - 1, { kind: 'KEEP', householdsMoved: 4, why: 'TOO_FEW_MOVES' }],
    ['five moved: a new release', '2026-01-31', '2026-02-28', RELEASE_MIN_HOUSEHOLDS, { kind: 'NEW', householdsMoved: 5 }],
    ['many moved', '2025-12-31', '2026-02-28', 12, { kind: 'NEW', householdsMoved: 12 }],
  ])('decision: %s', (_name, latest, reference, moved, decision) => {
    expect(releaseDecision(latest, reference, moved)).toEqual(decision);
  });

  it.each<[string, string, string, number, { after: string; upTo: string }[]]>([
    [
      'a month: the moves of the month, and those of the month three years back leaving the window',
      '2026-01-31',
      '2026-02-28',
      3,
      [
        { after: '2026-01-31', upTo: '2026-02-28' },
        { after: '2023-01-31', upTo: '2023-02-28' },
      ],
    ],
    [
      'a leap day three years back is the 28th',
      '2027-01-31',
      '2027-02-28',
      3,
      [
        { after: '2027-01-31', upTo: '2027-02-28' },
        { after: '2024-01-31', upTo: '2024-02-28' },
      ],
    ],
  ])('move periods: %s', (_name, previous, reference, years, periods) => {
    expect(movePeriods(previous, reference, years)).toEqual(periods);
  });

  it.each<[string, Record<string, number>, EarlierRelease[], string[]]>([
    ['a first release hides nothing by difference', { households: 10, 'inflow:REGULAR': 7 }, [], []],
    ['unchanged cells stay', { households: 10 }, [{ counts: { households: 10 }, hidden: [] }], []],
    [
      'a cell that moved by 1 to 4 is hidden, by 5 or more shown',
      { households: 11, 'inflow:REGULAR': 12, 'inflow:URGENCY': 6 },
      [{ counts: { households: 10, 'inflow:REGULAR': 7, 'inflow:URGENCY': 10 }, hidden: [] }],
      ['households', 'inflow:URGENCY'],
    ],
    [
      'compared with the last release that showed the cell, not the one that hid it',
      { households: 12 },
      [
        { counts: { households: 10 }, hidden: [] },
        { counts: { households: 11 }, hidden: ['households'] },
      ],
      ['households'],
    ],
    [
      'shown again once it is 5 or more from what the partner last saw',
      { households: 15 },
      [
        { counts: { households: 10 }, hidden: [] },
        { counts: { households: 12 }, hidden: ['households'] },
      ],
      [],
    ],
    ['a cell never shown before is judged as a small cell only', { 'ended:DEATH': 6 }, [{ counts: { 'ended:DEATH': 4 }, hidden: ['ended:DEATH'] }], []],
    ['a cell new in this release', { 'ended:DEATH': 2 }, [{ counts: { households: 10 }, hidden: [] }], []],
  ])('hidden by difference: %s', (_name, counts, earlier, hidden) => {
    expect(hiddenByDifference(counts, earlier)).toEqual(hidden);
  });

  type Inflow = { count: number; vulnerableCount: number; urgentCount: number };
  it.each<[string, Inflow, Inflow | null, Inflow]>([
    ['the first release passes its counts on', { count: 7, vulnerableCount: 2, urgentCount: 1 }, null, { count: 7, vulnerableCount: 2, urgentCount: 1 }],
    [
      'a count 1-4 away is held at what was passed on; 0 or 5 and more away it moves',
      { count: 12, vulnerableCount: 3, urgentCount: 1 },
      { count: 7, vulnerableCount: 2, urgentCount: 1 },
      { count: 12, vulnerableCount: 2, urgentCount: 1 },
    ],
    [
      'down as well as up',
      { count: 3, vulnerableCount: 0, urgentCount: 0 },
      { count: 7, vulnerableCount: 2, urgentCount: 0 },
      { count: 7, vulnerableCount: 2, urgentCount: 0 },
    ],
  ])('held counts: %s', (_name, current, previous, held) => {
    expect(heldCounts(current, previous)).toEqual(held);
  });
});
