import { acceptanceRates } from './acceptance.js';

const offers = (category: string, accepted: number, declined: number) => [
  ...Array.from({ length: accepted }, () => ({ category, accepted: true })),
  ...Array.from({ length: declined }, () => ({ category, accepted: false })),
];

describe('acceptanceRates', () => {
  it.each([
    ['no offers: no rates', [], 10, {}],
    ['a category below the minimum gets no rate', offers('VULNERABLE', 5, 4), 10, {}],
    [
      'accepted over answered, per category at the minimum',
      [...offers('NOT_VULNERABLE', 2, 8), ...offers('VULNERABLE', 9, 1)],
      10,
      { NOT_VULNERABLE: 0.2, VULNERABLE: 0.9 },
    ],
    ['only the categories with enough offers', [...offers('NOT_VULNERABLE', 1, 11), ...offers('VULNERABLE', 3, 0)], 10, { NOT_VULNERABLE: 0.0833 }],
    ['everyone declined: rate 0', offers('NOT_VULNERABLE', 0, 10), 10, { NOT_VULNERABLE: 0 }],
  ])('%s', (_name, answered, min, expected) => {
    expect(acceptanceRates(answered, min)).toEqual(expected);
  });

  it('lists categories in one order, whatever the order of the offers', () => {
    const a = [...offers('VULNERABLE', 9, 1), ...offers('NOT_VULNERABLE', 2, 8)];
    expect(JSON.stringify(acceptanceRates(a, 10))).toBe(JSON.stringify(acceptanceRates([...a].reverse(), 10)));
    expect(Object.keys(acceptanceRates(a, 10))).toEqual(['NOT_VULNERABLE', 'VULNERABLE']);
  });
});
