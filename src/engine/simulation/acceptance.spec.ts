import { learnAcceptance } from './acceptance.js';

describe('learnAcceptance', () => {
  const answers = (category: string, accepted: number, refusals: Record<string, number>) => [
    ...Array.from({ length: accepted }, () => ({ category, accepted: true, refusalCode: null })),
    ...Object.entries(refusals).flatMap(([code, n]) =>
      Array.from({ length: n }, () => ({ category, accepted: false, refusalCode: code === 'UNCODED' ? null : code })),
    ),
  ];

  it.each([
    ['nothing answered: no rates', [], [], {}, []],
    [
      'the complex has enough: its own offers, refusals by code',
      answers('VULNERABLE', 6, { LOCATION: 3, EXPIRED: 1 }),
      answers('VULNERABLE', 50, { LOCATION: 1 }),
      { VULNERABLE: 0.6 },
      [{ category: 'VULNERABLE', scope: 'COMPLEX', answered: 10, accepted: 6, refusalsByReason: { EXPIRED: 1, LOCATION: 3 }, rate: 0.6 }],
    ],
    [
      'too few in the complex: the association’s offers',
      answers('NOT_VULNERABLE', 2, { DWELLING_TYPE: 1 }),
      answers('NOT_VULNERABLE', 8, { DWELLING_TYPE: 1, UNCODED: 1, PERSONAL_CHANGE: 2 }),
      { NOT_VULNERABLE: 0.6667 },
      [
        {
          category: 'NOT_VULNERABLE',
          scope: 'ASSOCIATION',
          answered: 12,
          accepted: 8,
          refusalsByReason: { DWELLING_TYPE: 1, PERSONAL_CHANGE: 2, UNCODED: 1 },
          rate: 0.6667,
        },
      ],
    ],
    [
      'too few anywhere: no rate, the complex’s answers still shown',
      answers('VULNERABLE', 1, { NO_RESPONSE: 1 }),
      answers('VULNERABLE', 3, { NO_RESPONSE: 2 }),
      {},
      [{ category: 'VULNERABLE', scope: 'NONE', answered: 2, accepted: 1, refusalsByReason: { NO_RESPONSE: 1 }, rate: null }],
    ],
  ])('%s', (_name, complex, association, rates, learned) => {
    expect(learnAcceptance(complex, association, 10)).toEqual({ rates, learned });
  });

  it('gives the same bytes whatever the order of the offers', () => {
    const a = [...answers('VULNERABLE', 9, { LOCATION: 2, MEDICAL: 1 }), ...answers('NOT_VULNERABLE', 10, { EXPIRED: 1 })];
    expect(JSON.stringify(learnAcceptance(a, a, 10))).toBe(JSON.stringify(learnAcceptance([...a].reverse(), [...a].reverse(), 10)));
  });
});
