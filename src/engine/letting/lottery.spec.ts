import { LOTTERY_ALGORITHM, drawLottery, lotteryKey } from './lottery.js';

const TWENTY = Array.from({ length: 20 }, (_, i) => `H-${String(i + 1).padStart(3, '0')}`);
const orderOf = (ids: readonly (string | number)[], seed: string) => drawLottery(ids, seed).tickets.map((t) => t.respondentId);

describe('drawLottery (sha256-sort/v1): anyone can recompute the order from the seed and the respondents', () => {
  // Worked out with coreutils, not with this module: printf '%s' 'VAC-0001-2026:H-1' | sha256sum, and so on; then sorted.
  it('gives the known answer for a small case', () => {
    expect(drawLottery(['H-1', 'H-2', 'H-3', 'H-4', 'H-5'], 'VAC-0001-2026')).toEqual({
      algorithm: 'sha256-sort/v1',
      seed: 'VAC-0001-2026',
      tickets: [
        { respondentId: 'H-3', lotteryNumber: 1, key: '4189ee29b36b9f14892fe1e2d9897e97c0e2eff692ca2ecb541bf5603917e79f' },
        { respondentId: 'H-4', lotteryNumber: 2, key: '528e5d584e7fe848c636412fc96d3f650e5a5a40e2c6c1d63ed3401ecf03ae66' },
        { respondentId: 'H-2', lotteryNumber: 3, key: '75163aafbc1034bf2e8d99215e5627f6fcf211e6c2f7a8c71895ca1d2c4e8608' },
        { respondentId: 'H-1', lotteryNumber: 4, key: 'e3772455cb7c3c8caa07a2d3e2857704a0a81e43c3679d9acfd916b0613b638b' },
        { respondentId: 'H-5', lotteryNumber: 5, key: 'ffb33b985d3ec1a361c58fc4aac6823cb473e6378158701ee046cb50adacf7c6' },
      ],
    });
  });

  it('takes numeric ids as their base-10 text', () => {
    expect(orderOf([42, 3, 17], 'seed')).toEqual([17, 3, 42]);
    expect(lotteryKey('seed', 17)).toBe('527424523633a78f8d6f14f6ae2db149541c403bb65ecbc6c430d14c18da74e0');
  });

  it('gives the same order for the same seed and set, whatever order the set comes in', () => {
    const expected = orderOf(TWENTY, 'VAC-0042-2026-05-01');
    const rotated = [...TWENTY.slice(7), ...TWENTY.slice(0, 7)];
    const interleaved = [...TWENTY.filter((_, i) => i % 2 === 1), ...TWENTY.filter((_, i) => i % 2 === 0)];
    for (const input of [[...TWENTY].reverse(), rotated, interleaved]) expect(orderOf(input, 'VAC-0042-2026-05-01')).toEqual(expected);
    expect([...expected].sort()).toEqual(TWENTY); // everyone exactly once
  });

  it('gives different orders for different seeds (a set of 20)', () => {
    const orders = ['VAC-0042-a', 'VAC-0042-b', 'VAC-0042-c', 'VAC-0043-a'].map((seed) => orderOf(TWENTY, seed).join(','));
    expect(new Set(orders).size).toBe(4);
    expect(orders).not.toContain(TWENTY.join(',')); // and none is the plain order
  });

  it('numbers the tickets 1..n and an empty draw is empty', () => {
    expect(drawLottery(TWENTY, 's').tickets.map((t) => t.lotteryNumber)).toEqual(TWENTY.map((_, i) => i + 1));
    expect(drawLottery([], 's')).toEqual({ algorithm: LOTTERY_ALGORITHM, seed: 's', tickets: [] });
  });

  it.each<[string, (string | number)[], string, string]>([
    ['an empty seed', ['H-1'], '', 'a lottery needs a seed'],
    ['an id given twice', ['H-1', 'H-2', 'H-1'], 's', 'respondent H-1 is in the lottery twice'],
    ['a number and its text', [7, '7'], 's', 'respondent 7 is in the lottery twice'],
  ])('refuses %s', (_title, ids, seed, message) => {
    expect(() => drawLottery(ids, seed)).toThrow(new RangeError(message));
  });
});
