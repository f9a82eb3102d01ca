import type { AllocationRoute } from '../model.js';
import { ListedRespondent, orderCandidates } from './candidate-order.js';

const r = (householdId: number, over: Partial<ListedRespondent> = {}): ListedRespondent => ({
  householdId,
  eligible: true,
  priorityTier: 0,
  registrationDate: '2020-01-01',
  rankingPoints: null,
  lotteryRank: null,
  ...over,
});

describe('orderCandidates: the published order of a candidate list', () => {
  it.each<[string, AllocationRoute, ListedRespondent[], number[]]>([
    [
      'regular: longest registered first',
      'REGULAR',
      [r(1, { registrationDate: '2021-05-01' }), r(2, { registrationDate: '2019-02-01' }), r(3, { registrationDate: '2020-07-01' })],
      [2, 3, 1],
    ],
    ['regular: equal dates by household id', 'REGULAR', [r(9), r(4), r(7)], [4, 7, 9]],
    [
      'a lower priority tier goes first, whatever the date',
      'REGULAR',
      [r(1, { registrationDate: '2010-01-01', priorityTier: 1 }), r(2, { registrationDate: '2024-01-01' })],
      [2, 1],
    ],
    [
      'ineligible respondents stay on the list, after every eligible one',
      'REGULAR',
      [r(1, { eligible: false, registrationDate: '2001-01-01' }), r(2), r(3, { priorityTier: 2 })],
      [2, 3, 1],
    ],
    [
      'urgency: same order as regular (the urgency rule gives the tier)',
      'URGENCY',
      [r(1, { registrationDate: '2022-01-01' }), r(2, { registrationDate: '2021-01-01', priorityTier: 1 })],
      [1, 2],
    ],
    [
      'points: most points first, then registration',
      'POINTS',
      [r(1, { rankingPoints: 10 }), r(2, { rankingPoints: 30 }), r(3, { rankingPoints: 30, registrationDate: '2019-01-01' })],
      [3, 2, 1],
    ],
    ['points: no points counts as zero', 'POINTS', [r(1, { rankingPoints: null }), r(2, { rankingPoints: 1 })], [2, 1]],
    [
      'lottery: the draw decides, not registration',
      'LOTTERY',
      [r(1, { lotteryRank: 3, registrationDate: '2000-01-01' }), r(2, { lotteryRank: 1 }), r(3, { lotteryRank: 2 })],
      [2, 3, 1],
    ],
    ['lottery: priority tier before the draw', 'LOTTERY', [r(1, { lotteryRank: 1, priorityTier: 1 }), r(2, { lotteryRank: 2 })], [2, 1]],
  ])('%s', (_t, model, respondents, order) => {
    const placed = orderCandidates(model, respondents);
    expect(placed.map((p) => p.householdId)).toEqual(order);
    expect(placed.map((p) => p.position)).toEqual(order.map((_, i) => i + 1));
  });

  it('is stable: any input order gives the same positions', () => {
    const list = [r(1, { registrationDate: '2021-01-01' }), r(2), r(3, { priorityTier: 1 }), r(4, { eligible: false })];
    expect(orderCandidates('REGULAR', [...list].reverse())).toEqual(orderCandidates('REGULAR', list));
  });

  it('keeps the key each position was ordered by', () => {
    const [first] = orderCandidates('POINTS', [r(5, { rankingPoints: 12, registrationDate: '2018-03-04' })]);
    expect(first).toEqual({
      householdId: 5,
      position: 1,
      orderKey: { eligible: true, priorityTier: 0, registrationDate: '2018-03-04', rankingPoints: 12, lotteryRank: null },
    });
  });
});
