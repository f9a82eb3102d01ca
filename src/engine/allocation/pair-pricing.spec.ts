import { TIE_BREAK_BUDGET, lastAllowedRank, pairPricing as sut } from './pair-pricing.js';

const ranked = (n: number) => Array.from({ length: n }, (_, i) => ({ rank: i + 1 }));
const focused = (n: number) => Array.from({ length: n }, (_, index) => ({ index, focus: true }));

describe('lastAllowedRank', () => {
  it.each<[string, boolean[], number]>([
    ['everyone allowed', [true, true, true, true, true], 5],
    ['a window of two', [true, true, false, false, false], 2],
    ['a gap (registration bound with tiers): the last allowed counts', [true, false, true, false, false], 3],
    ['nobody allowed', [false, false, false, false, false], 0],
  ])('%s: %j -> %i', (_case, allowed, expected) => {
    expect(lastAllowedRank(ranked(5), allowed)).toBe(expected);
  });
});

describe('pairPricing: priority points', () => {
  it.each([
    // rankStepPoints, last allowed rank, rank -> priority: rankStepPoints x (last - rank + 1)
    [10, 5, 1, 50],
    [10, 5, 4, 20],
    [10, 5, 5, 10], // the last allowed rank is still worth one step
    [10, 11, 1, 110], // default maxPositions 10 below rank 1
    [7, 3, 2, 14],
    [0, 5, 1, 0], // no priority points: only composition and the tie-break decide
  ])('rankStepPoints %i, last allowed rank %i: rank %i earns %i', (rankStepPoints, last, rank, expected) => {
    expect(sut(focused(1), [last], rankStepPoints).priority(0, rank)).toBe(expected);
  });

  it('charges k steps for passing over k places, whatever the vacancy window', () => {
    const pricing = sut(focused(2), [4, 9], 10);
    for (const v of [0, 1]) for (const k of [1, 2, 3]) expect(pricing.priority(v, 1) - pricing.priority(v, 1 + k)).toBe(10 * k);
  });
});

describe('pairPricing: the plain-order tie-break', () => {
  it('decreases strictly with rank and stays positive down to the longest window', () => {
    const pricing = sut(focused(2), [3, 7], 10);
    for (const v of [0, 1]) {
      for (let r = 1; r < 7; r += 1) expect(pricing.tieBreak(v, r + 1)).toBeLessThan(pricing.tieBreak(v, r));
      expect(pricing.tieBreak(v, 7)).toBeGreaterThan(0);
    }
  });

  it.each([
    // vacancies (focus flags by index), -> sweep position weight per vacancy: (V - position) / V
    [[true], [1]],
    [
      [true, true, true],
      [1, 2 / 3, 1 / 3],
    ],
    [
      [false, true, true],
      [1 / 3, 1, 2 / 3],
    ], // look-ahead vacancies come after focus ones
    [
      [true, false, true, false],
      [1, 2 / 4, 3 / 4, 1 / 4],
    ],
  ])('focus %j: rank 1 gets (budget / V) x vacancy weight %j', (focus, weights) => {
    const vacancies = focus.map((f, index) => ({ index, focus: f }));
    const pricing = sut(
      vacancies,
      vacancies.map(() => 5),
      10,
    );
    weights.forEach((w, v) => expect(pricing.tieBreak(v, 1)).toBeCloseTo((TIE_BREAK_BUDGET / vacancies.length) * w, 15));
  });

  it.each([
    // case, vacancy count, last allowed ranks
    ['one vacancy, no displacement', 1, [1]],
    ['one vacancy, 10 places', 1, [11]],
    ['three vacancies, different windows', 3, [11, 4, 1]],
    ['fifty vacancies', 50, Array.from({ length: 50 }, (_, i) => 1 + (i % 11))],
  ])('%s: a whole plan spends at most TIE_BREAK_BUDGET', (_case, count, lasts) => {
    const pricing = sut(focused(count), lasts, 10);
    const best = lasts.reduce((s, _l, v) => s + pricing.tieBreak(v, 1), 0);
    expect(best).toBeLessThanOrEqual(TIE_BREAK_BUDGET);
  });

  it.each<[string, boolean[], number, number]>([
    // case, focus flags, earlier vacancy in the sweep, later vacancy
    ['by id', [true, true], 0, 1],
    ['focus before look-ahead', [false, true], 1, 0],
  ])('a swap of two households goes the plain-order way (%s): the better rank to the earlier vacancy', (_case, focus, earlier, later) => {
    const pricing = sut(
      focus.map((f, index) => ({ index, focus: f })),
      [6, 6],
      10,
    );
    for (const [better, worse] of [
      [1, 2],
      [1, 6],
      [3, 4],
    ]) {
      const plainWay = pricing.tieBreak(earlier, better) + pricing.tieBreak(later, worse);
      const swapped = pricing.tieBreak(earlier, worse) + pricing.tieBreak(later, better);
      expect(plainWay).toBeGreaterThan(swapped);
      // priority points alone cannot tell the two apart (same ranks, same windows)
      expect(pricing.priority(earlier, better) + pricing.priority(later, worse)).toBe(pricing.priority(earlier, worse) + pricing.priority(later, better));
    }
  });

  it('is far below one priority step, so it only breaks ties', () => {
    const pricing = sut(focused(1), [11], 1);
    expect(pricing.tieBreak(0, 1) - pricing.tieBreak(0, 11)).toBeLessThan(pricing.priority(0, 10) - pricing.priority(0, 11));
  });
});
