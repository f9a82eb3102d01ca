import { CandidateWindow } from './candidate-window.js';
import { prepareAllocation } from './prepare-allocation.js';
import { PreparedVacancy, WindowBound } from './prepared-allocation.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anInput } from './test-fixtures/allocation-input.builder.js';
import { aRankedQueue } from './test-fixtures/ranked-candidate.builder.js';
import { cutAtSoleChoiceUrgent, soleChoiceUrgentCuts, urgentProtectionRow, urgentProtectionRows } from './urgent-protection.js';

const noBound: WindowBound = { plainPlanRank: 1, maxRankByPositions: null, latestRegistrationDate: null, protectedRankCut: null };
/** A vacancy whose candidates are households `ids` in rank order (index = id - 1), `urgent` ids urgent. */
const vacancy = (index: number, ids: number[], urgent: number[] = []) => ({ index, ranked: aRankedQueue(ids.length, { ids, urgent }) });
const window = (allowed: boolean[]): CandidateWindow => ({ bound: noBound, allowed });
const all = (n: number) => window(Array.from({ length: n }, () => true));

describe('soleChoiceUrgentCuts: an urgent household with one choice keeps its priority by a cut', () => {
  it.each<[string, ReturnType<typeof vacancy>[], CandidateWindow[], number[]]>([
    // case, vacancies, windows -> position of the cut per vacancy (-1 none)
    ['no urgent household: no cut', [vacancy(0, [1, 2, 3, 4])], [all(4)], [-1]],
    ['an urgent household with one choice cuts the window at its position', [vacancy(0, [1, 2, 3, 4], [3])], [all(4)], [2]],
    ['at rank 1 it leaves only itself', [vacancy(0, [3, 1, 2], [3])], [all(3)], [0]],
    ['the first of two such households cuts', [vacancy(0, [1, 2, 3, 4], [2, 4])], [all(4)], [1]],
    [
      'no cut when it can also be chosen elsewhere (it gets a protection row)',
      [vacancy(0, [1, 2, 3, 4], [3]), vacancy(1, [5, 3], [3])],
      [all(4), all(2)],
      [-1, -1],
    ],
    ['a place outside another window is no choice', [vacancy(0, [1, 2, 3, 4], [3]), vacancy(1, [5, 3], [3])], [all(4), window([true, false])], [2, -1]],
    ['an urgent household outside this window is not protected here', [vacancy(0, [1, 2, 3, 4], [3])], [window([true, true, false, true])], [-1]],
  ])('%s', (_case, vacancies, windows, expected) => {
    expect(soleChoiceUrgentCuts(vacancies, windows, 6)).toEqual(expected);
  });

  it('cuts the window after the urgent household and records its rank; other windows stay as they were', () => {
    const vacancies = [vacancy(0, [1, 2, 3, 4, 5], [3]), vacancy(1, [6, 1])];
    const windows = [all(5), all(2)];
    const cut = cutAtSoleChoiceUrgent(vacancies, windows, 6);
    expect(cut[0]).toEqual({ bound: { ...noBound, protectedRankCut: 3 }, allowed: [true, true, true, false, false] });
    expect(cut[1]).toBe(windows[1]);
    expect(windows[0].allowed).toEqual([true, true, true, true, true]); // the input is not changed
  });
});

describe('urgentProtectionRow: nobody below an urgent household unless it is housed elsewhere', () => {
  // Households index 0..3 (ids 1..4); household 2 (index 1) is urgent and protected in both vacancies.
  const pairs = [
    { householdIndex: 0, rank: 1, protected: false }, // 0: vacancy 10
    { householdIndex: 1, rank: 2, protected: true }, // 1: vacancy 10
    { householdIndex: 2, rank: 3, protected: false }, // 2: vacancy 10
    { householdIndex: 1, rank: 1, protected: true }, // 3: vacancy 11
    { householdIndex: 3, rank: 2, protected: false }, // 4: vacancy 11
  ];
  const households = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
  const pairsByHousehold = [[0], [1, 3], [2], [4]];
  type RowVacancy = Pick<PreparedVacancy, 'index' | 'id' | 'pairIndices' | 'window'>;
  const v10: RowVacancy = { index: 0, id: 10, pairIndices: [0, 1, 2], window: noBound };
  const v11: RowVacancy = { index: 1, id: 11, pairIndices: [3, 4], window: noBound };

  it.each<[string, RowVacancy, number, object | null]>([
    // case, vacancy, position in its pairs -> row (null: none)
    ['a pair that is not protected has none', v10, 0, null],
    [
      'a protected pair with someone below',
      v10,
      1,
      { name: 'prot_10_2', vacancyIndex: 0, householdIndex: 1, rank: 2, belowPairs: Int32Array.from([2]), housedPairs: Int32Array.from([3]) },
    ],
    [
      'the same household at its other vacancy',
      v11,
      0,
      { name: 'prot_11_2', vacancyIndex: 1, householdIndex: 1, rank: 1, belowPairs: Int32Array.from([4]), housedPairs: Int32Array.from([1]) },
    ],
    ['nobody choosable below it: none', { ...v10, pairIndices: [0, 1] }, 1, null],
    ['the window was cut at it already: none', { ...v10, window: { ...noBound, protectedRankCut: 2 } }, 1, null],
  ])('%s', (_case, v, k, expected) => {
    expect(urgentProtectionRow(v, k, pairs, households, pairsByHousehold)).toEqual(expected);
  });

  it('lists the rows by vacancy, then rank', () => {
    expect(urgentProtectionRows([v10, v11], pairs, households, pairsByHousehold).map((r) => r.name)).toEqual(['prot_10_2', 'prot_11_2']);
  });
});

describe('prepareAllocation with and without protectUrgent', () => {
  // Households 1..5 registered one day apart; 3 is urgent. One vacancy: 3 has no other choice (cut);
  // two vacancies: it has two (a protection row where someone is ranked below it).
  const households = [1, 2, 3, 4, 5].map((id) => aHousehold(id, { registrationDate: `2015-01-0${id}`, urgent: id === 3 }));
  const input = (protectUrgent: boolean, vacancyCount: 1 | 2) =>
    anInput({
      policy: aPolicy({ displacement: { maxPositions: null, maxRegistrationDays: null, protectUrgent } }),
      households,
      complexes: [aComplex(1, 5, 10)],
      vacancies: [1, 2].slice(0, vacancyCount).map((id) =>
        aVacancy(
          id,
          1,
          households.map((h) => aPair(h.id)),
        ),
      ),
    });

  it.each<[string, boolean, 1 | 2, (number | null)[], number[][], string[]]>([
    // case, protectUrgent, vacancies -> protectedRankCut per vacancy, choosable ranks per vacancy, protection rows
    ['one choice: cut at the urgent household', true, 1, [3], [[1, 2, 3]], []],
    ['not protected: no cut', false, 1, [null], [[1, 2, 3, 4, 5]], []],
    [
      'two choices: protection rows instead of a cut',
      true,
      2,
      [null, null],
      [
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4, 5],
      ],
      ['prot_1_3', 'prot_2_3'],
    ],
    [
      'not protected: no rows',
      false,
      2,
      [null, null],
      [
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4, 5],
      ],
      [],
    ],
  ])('%s', (_case, protectUrgent, vacancyCount, cuts, choosable, rows) => {
    const prepared = prepareAllocation(input(protectUrgent, vacancyCount));
    expect(prepared.vacancies.map((v) => v.window.protectedRankCut)).toEqual(cuts);
    expect(prepared.vacancies.map((v) => v.pairIndices.map((pi) => prepared.pairs[pi].rank))).toEqual(choosable);
    expect(prepared.protectionRows.map((r) => r.name)).toEqual(rows);
    expect(prepared.pairs.filter((p) => p.protected).length).toBe(protectUrgent ? vacancyCount : 0);
  });
});
