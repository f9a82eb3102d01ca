import fc from 'fast-check';
import { BuurtFacts, BuurtReading, PriorityWeights, priorityOf, priorityWeightsProblems, rankBuurten } from './buurt-priority.js';

const WEIGHTS: PriorityWeights = {
  resilience: 40,
  leefbaarometer: 20,
  nuisance: 20,
  trendPerClass: 5,
  trendYears: 4,
  associationShare: 10,
  complexOutsideTargets: 3,
  vulnerableInflow: 10,
  urgentInflow: 5,
  minInflowHouseholds: 5,
};

const reading = (year: number, resilienceClass: number | null, leefbaarometerClass: number | null, nuisanceClass: number | null = null): BuurtReading => ({
  year,
  source: 'test',
  resilienceClass,
  leefbaarometerClass,
  nuisanceClass,
});

const buurt = (overrides: Partial<BuurtFacts> = {}): BuurtFacts => ({
  buurtCode: 'BU00000001',
  name: 'Testbuurt',
  readings: [],
  associationDwellings: 0,
  allDwellings: null,
  complexes: 0,
  complexesOutsideTargets: 0,
  inflow: { households: 0, vulnerable: 0, urgent: 0 },
  ...overrides,
});

const componentOf = (b: BuurtFacts, id: string, w = WEIGHTS) => priorityOf(b, w).components.find((c) => c.id === id)!;

describe('priorityOf: each component with its value, weight and points', () => {
  it.each<[string, BuurtFacts, string, number | null, number, string | null]>([
    ['the lowest resilience class gives the full weight', buurt({ readings: [reading(2025, 1, null)] }), 'RESILIENCE', 1, 40, null],
    ['the highest gives nothing', buurt({ readings: [reading(2025, 5, null)] }), 'RESILIENCE', 5, 0, null],
    ['class 3 of 5: half way', buurt({ readings: [reading(2025, 3, null)] }), 'RESILIENCE', 3, 20, null],
    ['the latest reading counts, not the worst', buurt({ readings: [reading(2020, 1, null), reading(2025, 4, null)] }), 'RESILIENCE', 4, 10, null],
    ['no reading: no points, and said so', buurt(), 'RESILIENCE', null, 0, 'no reading'],
    ['Leefbaarometer class 1 of 9', buurt({ readings: [reading(2024, null, 1)] }), 'LEEFBAAROMETER', 1, 20, null],
    ['Leefbaarometer class 5 of 9: half way', buurt({ readings: [reading(2024, null, 5)] }), 'LEEFBAAROMETER', 5, 10, null],
    ['nuisance dimension class 3 of 9', buurt({ readings: [reading(2024, null, 6, 3)] }), 'NUISANCE', 3, 15, null],
    ['trend: 2 classes lost in 4 years', buurt({ readings: [reading(2020, null, 6), reading(2024, null, 4)] }), 'TREND', 2, 10, 'since 2020'],
    ['trend: an improvement gives no points (but shows)', buurt({ readings: [reading(2020, null, 4), reading(2024, null, 6)] }), 'TREND', -2, 0, 'since 2020'],
    [
      'trend: the oldest reading inside the window',
      buurt({ readings: [reading(2016, null, 9), reading(2021, null, 7), reading(2022, null, 6), reading(2024, null, 5)] }),
      'TREND',
      2,
      10,
      'since 2021',
    ],
    [
      'trend: nothing earlier inside the window',
      buurt({ readings: [reading(2010, null, 9), reading(2024, null, 5)] }),
      'TREND',
      null,
      0,
      'no reading between 2020 and 2024',
    ],
    ['association share of the stock', buurt({ associationDwellings: 300, allDwellings: 400 }), 'ASSOCIATION_SHARE', 0.75, 7.5, null],
    ['stock of the buurt unknown', buurt({ associationDwellings: 300 }), 'ASSOCIATION_SHARE', null, 0, 'the number of homes in the buurt is not known'],
    ['complexes outside their targets', buurt({ complexes: 4, complexesOutsideTargets: 2 }), 'COMPLEXES_OUTSIDE_TARGETS', 2, 6, null],
    ['vulnerable inflow share', buurt({ inflow: { households: 20, vulnerable: 8, urgent: 5 } }), 'VULNERABLE_INFLOW', 0.4, 4, null],
    ['urgent inflow share', buurt({ inflow: { households: 25, vulnerable: 8, urgent: 5 } }), 'URGENT_INFLOW', 0.2, 1, null],
    [
      'a group of 1-4 households is not shown, even in a large inflow',
      buurt({ inflow: { households: 40, vulnerable: 3, urgent: 10 } }),
      'VULNERABLE_INFLOW',
      null,
      0,
      'a group of fewer than 5 households (or all but fewer than 5): not shown',
    ],
    [
      'a small inflow is not used: it says little and could single out a household',
      buurt({ inflow: { households: 4, vulnerable: 4, urgent: 0 } }),
      'VULNERABLE_INFLOW',
      null,
      0,
      'inflow of fewer than 5 households: not used',
    ],
    ['no inflow at all: zero names nobody', buurt(), 'VULNERABLE_INFLOW', null, 0, 'inflow of 0 households: fewer than 5, not used'],
  ])('%s', (_case, b, id, value, points, note) => {
    expect(componentOf(b, id)).toEqual({ id, value, weight: expect.any(Number), points, note });
  });

  it('an inflow of 5 or more below a higher floor of the policy is not used, and its number is said', () => {
    const c = componentOf(buurt({ inflow: { households: 7, vulnerable: 5, urgent: 0 } }), 'URGENT_INFLOW', { ...WEIGHTS, minInflowHouseholds: 10 });
    expect(c).toMatchObject({ value: null, points: 0, note: 'inflow of 7 households: fewer than 10, not used' });
  });

  it('a policy cannot lower the inflow floor below the small-cell size', () => {
    const c = componentOf(buurt({ inflow: { households: 4, vulnerable: 2, urgent: 0 } }), 'VULNERABLE_INFLOW', { ...WEIGHTS, minInflowHouseholds: 0 });
    expect(c).toMatchObject({ value: null, points: 0, note: 'inflow of fewer than 5 households: not used' });
  });

  it('the notes in Dutch for Dutch readers, the numbers the same', () => {
    const b = buurt({ readings: [reading(2020, null, 6), reading(2024, null, 4)], inflow: { households: 3, vulnerable: 1, urgent: 0 } });
    const english = priorityOf(b, WEIGHTS);
    const dutch = priorityOf(b, WEIGHTS, 'nl');
    expect(dutch.components.map((c) => ({ ...c, note: null }))).toEqual(english.components.map((c) => ({ ...c, note: null })));
    expect(dutch.components.map((c) => c.note)).toEqual([
      'geen meting',
      null,
      'geen meting',
      'sinds 2020',
      'het aantal woningen in de buurt is niet bekend',
      null,
      'instroom van minder dan 5 huishoudens: niet gebruikt',
      'instroom van minder dan 5 huishoudens: niet gebruikt',
    ]);
  });

  it('the score is the sum of the points; the latest year is that of the newest reading used', () => {
    const b = buurt({
      readings: [reading(2019, 2, 5, 4), reading(2023, 1, 4, 3)],
      associationDwellings: 50,
      allDwellings: 100,
      complexesOutsideTargets: 1,
      inflow: { households: 20, vulnerable: 10, urgent: 5 },
    });
    const p = priorityOf(b, WEIGHTS);
    expect(p.score).toBeCloseTo(
      p.components.reduce((s, c) => s + c.points, 0),
      6,
    );
    // 40 + 20*5/8 + 20*6/8 + 5*1 + 10*0.5 + 3*1 + 10*0.5 + 5*0.25
    expect(p.score).toBeCloseTo(40 + 12.5 + 15 + 5 + 5 + 3 + 5 + 1.25, 4);
    expect(p.latestYear).toBe(2023);
  });
});

describe('rankBuurten', () => {
  const low = buurt({ buurtCode: 'BU00000003', name: 'Laag', readings: [reading(2025, 1, 3, 2)], complexesOutsideTargets: 2 });
  const mid = buurt({ buurtCode: 'BU00000002', name: 'Midden', readings: [reading(2025, 3, 6, 6)] });
  const high = buurt({ buurtCode: 'BU00000001', name: 'Hoog', readings: [reading(2025, 5, 9, 9)] });

  it('ranks the buurt under most pressure first', () => {
    expect(rankBuurten([high, low, mid], WEIGHTS).map((p) => [p.rank, p.name])).toEqual([
      [1, 'Laag'],
      [2, 'Midden'],
      [3, 'Hoog'],
    ]);
  });

  it('equal scores in buurt code order, whatever the input order', () => {
    const a = buurt({ buurtCode: 'BU00000009', readings: [reading(2025, 2, null)] });
    const b = buurt({ buurtCode: 'BU00000004', readings: [reading(2025, 2, null)] });
    expect(rankBuurten([a, b], WEIGHTS).map((p) => p.buurtCode)).toEqual(['BU00000004', 'BU00000009']);
  });

  it('the weights decide: with only the inflow weighed, the buurt with the vulnerable inflow leads', () => {
    const inflowOnly: PriorityWeights = { ...WEIGHTS, resilience: 0, leefbaarometer: 0, nuisance: 0, trendPerClass: 0, complexOutsideTargets: 0 };
    const withInflow = { ...high, inflow: { households: 10, vulnerable: 8, urgent: 0 } };
    expect(rankBuurten([low, withInflow], inflowOnly)[0].buurtCode).toBe(high.buurtCode);
  });

  it('property: deterministic, every rank once, scores never increasing, a score the sum of its points', () => {
    const arbitraryBuurt = fc.record({
      buurtCode: fc.integer({ min: 1, max: 99_999_999 }).map((n) => `BU${String(n).padStart(8, '0')}`),
      readings: fc.array(
        fc.record({
          year: fc.integer({ min: 2012, max: 2026 }),
          source: fc.constant('x'),
          resilienceClass: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
          leefbaarometerClass: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
          nuisanceClass: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
        }),
        { maxLength: 6 },
      ),
      associationDwellings: fc.integer({ min: 0, max: 500 }),
      allDwellings: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
      complexesOutsideTargets: fc.integer({ min: 0, max: 5 }),
      inflow: fc.integer({ min: 0, max: 40 }).chain((households) =>
        fc.record({
          households: fc.constant(households),
          vulnerable: fc.integer({ min: 0, max: households }),
          urgent: fc.integer({ min: 0, max: households }),
        }),
      ),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryBuurt, { selector: (b) => b.buurtCode, maxLength: 12 }), (facts) => {
        const buurten = facts.map((f) => buurt({ ...f, name: f.buurtCode, complexes: f.complexesOutsideTargets }));
        const ranked = rankBuurten(buurten, WEIGHTS);
        expect(rankBuurten([...buurten].reverse(), WEIGHTS)).toEqual(ranked);
        expect(ranked.map((p) => p.rank)).toEqual(buurten.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i += 1) expect(ranked[i].score).toBeLessThanOrEqual(ranked[i - 1].score);
        for (const p of ranked) {
          expect(p.score).toBeCloseTo(
            p.components.reduce((s, c) => s + c.points, 0),
            3,
          );
          for (const c of p.components) expect(c.points).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('priorityWeightsProblems: a weights document checked field by field', () => {
  it.each<[string, unknown, { field: string; reason: string }[]]>([
    ['valid', WEIGHTS, []],
    ['not an object', [1], [{ field: 'document', reason: 'must be a JSON object' }]],
    ['a negative weight', { ...WEIGHTS, resilience: -1 }, [{ field: 'resilience', reason: 'must be a number from 0 to 1000' }]],
    ['a trend over 0 years', { ...WEIGHTS, trendYears: 0 }, [{ field: 'trendYears', reason: 'must be a whole number from 1 to 20' }]],
    ['a fraction of households', { ...WEIGHTS, minInflowHouseholds: 2.5 }, [{ field: 'minInflowHouseholds', reason: 'must be a whole number from 0 to 1000' }]],
    [
      'a field unknown and one missing',
      { ...WEIGHTS, police: 3, nuisance: undefined },
      [
        { field: 'police', reason: 'is not a weight of the priority policy' },
        { field: 'nuisance', reason: 'is required' },
      ],
    ],
  ])('%s', (_case, doc, problems) => {
    expect(priorityWeightsProblems(doc)).toEqual(problems);
  });
});
