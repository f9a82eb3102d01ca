import fc from 'fast-check';
import { ACCESSIBILITY_LEVELS, ALLOCATION_ROUTES, INCOME_SOURCES } from '../model.js';
import { ELIGIBILITY_RULES, evaluateEligibility, evaluateEligibilityForPool, evaluateEligibility as sut } from './evaluate-eligibility.js';
import { RULE_IDS } from './rule-outcome.js';
import { aDwelling, aHousehold, anInput, member, membersOfSize } from './test-fixtures/eligibility-input.builder.js';
import { PARAMS_2025 } from './test-fixtures/rule-parameters.fixture.js';

/** Households, homes, routes and advertisements of every kind the rules distinguish (urgency, ties, indications included). */
const arbitraryInput = fc
  .record({
    year: fc.constantFrom(2024, 2025, 2026),
    persons: fc.integer({ min: 1, max: 7 }),
    incomeCents: fc.integer({ min: 0, max: 9_000_000 }),
    incomeSource: fc.constantFrom(...INCOME_SOURCES),
    rentCents: fc.integer({ min: 30_000, max: 110_000 }),
    rooms: fc.integer({ min: 1, max: 7 }),
    isDaeb: fc.boolean(),
    accessibility: fc.constantFrom(...ACCESSIBILITY_LEVELS),
    indication: fc.constantFrom(null, 'ZERO_STEP', 'WHEELCHAIR'),
    labels: fc.subarray(['SENIOR_55', 'SENIOR_65', 'YOUTH', 'FAMILY', 'WHEELCHAIR']),
    route: fc.constantFrom(...ALLOCATION_ROUTES),
    urgency: fc.constantFrom(
      null,
      { category: 'INFORMAL_CARE', granted: '2024-01-10', expires: null },
      { category: 'UNKNOWN', granted: '2026-05-01', expires: '2026-02-01' },
    ),
    ties: fc.constantFrom(null, { municipalityCode: 'GM0363', years: 1 }, { municipalityCode: 'GM0363', years: 9 }, { municipalityCode: 'GM0001', years: 9 }),
    labelFallbackActive: fc.boolean(),
    localTiesPriority: fc.boolean(),
  })
  .map((r) =>
    anInput(
      {
        household: aHousehold({
          members: membersOfSize(r.persons),
          taxableIncomeCents: r.incomeCents,
          incomeSource: r.incomeSource,
          indication: r.indication === null ? null : { kind: 'WMO', accessibility: r.indication as 'ZERO_STEP' | 'WHEELCHAIR' },
          urgency: r.urgency,
          localTies: r.ties,
        }),
        dwelling: aDwelling({ netRentCents: r.rentCents, rooms: r.rooms, isDaeb: r.isDaeb, accessibility: r.accessibility, labels: r.labels }),
        route: r.route,
        municipalityCode: 'GM0363',
        context: { labelFallbackActive: r.labelFallbackActive, localTiesPriority: r.localTiesPriority },
      },
      r.year,
    ),
  );

describe('evaluateEligibility', () => {
  it('runs every rule once, in the fixed order', () => {
    expect(ELIGIBILITY_RULES.map((r) => r.id)).toEqual(RULE_IDS);
    expect(sut(anInput()).outcomes.map((o) => o.ruleId)).toEqual(RULE_IDS);
  });

  it('a plain match: eligible, no exceptions, counted in the DAEB target group and within the rent cap', () => {
    const verdict = sut(anInput());
    expect(verdict).toMatchObject({
      eligible: true,
      hardFailures: [],
      quotaExceptions: [],
      countsAs: ['daebInTargetGroup', 'passendWithinCap'],
      summary: 'Your household may rent this home.',
    });
  });

  it.each([
    [
      'income above the DAEB limit',
      anInput({ household: aHousehold({ members: membersOfSize(2), taxableIncomeCents: 6_000_000 }) }),
      [{ quota: 'DAEB_FREE_ROOM', ruleId: 'DAEB_TARGET_GROUP' }],
      ['daebAboveLimit'],
      "Your household may rent this home, but the allocation counts against the association's free allocation room (vrije toewijzingsruimte).",
    ],
    [
      'rent above the passend cap',
      anInput({ dwelling: aDwelling({ netRentCents: 80_000 }) }),
      [{ quota: 'PASSEND_EXCEPTION', ruleId: 'PASSEND_TOEWIJZEN' }],
      ['daebInTargetGroup', 'passendAboveCap'],
      "Your household may rent this home, but the allocation counts against the association's passend exceptions.",
    ],
  ] as const)('%s: eligible with a quota exception', (_label, input, exceptions, countsAs, summary) => {
    const verdict = sut(input);
    expect(verdict.eligible).toBe(true);
    expect(verdict.quotaExceptions).toEqual(exceptions);
    expect(verdict.countsAs).toEqual(countsAs);
    expect(verdict.summary).toBe(summary);
  });

  it('hard failures make the household ineligible and are named in the summary', () => {
    const verdict = sut(
      anInput({
        household: aHousehold({ members: [member('APPLICANT', '1990-01-01')] }),
        dwelling: aDwelling({ rooms: 5, labels: ['SENIOR_55'] }),
      }),
    );
    expect(verdict.eligible).toBe(false);
    expect(verdict.hardFailures).toEqual(['HOUSEHOLD_SIZE_ROOMS', 'DWELLING_LABEL']);
    expect(verdict.summary).toBe('Your household cannot rent this home because of: household size and rooms, home label.');
  });

  it('a hard failure and a quota exception are both reported', () => {
    const verdict = sut(anInput({ household: aHousehold({ taxableIncomeCents: 6_000_000 }), dwelling: aDwelling({ netRentCents: 95_000 }) }));
    expect(verdict.eligible).toBe(false);
    expect(verdict.hardFailures).toEqual(['DAEB_RENT_CEILING']);
    expect(verdict.quotaExceptions).toEqual([{ quota: 'DAEB_FREE_ROOM', ruleId: 'DAEB_TARGET_GROUP' }]);
  });

  it('uses the parameters of the allocation year: €51,000 for one person is above the 2025 limit, within 2026', () => {
    const household = aHousehold({ taxableIncomeCents: 5_100_000 });
    expect(sut(anInput({ household }, 2025)).quotaExceptions).toEqual([{ quota: 'DAEB_FREE_ROOM', ruleId: 'DAEB_TARGET_GROUP' }]);
    expect(sut(anInput({ household }, 2026)).quotaExceptions).toEqual([]);
  });

  it.each([
    ['parameters of another year', anInput({ params: PARAMS_2025 })],
    ['an invalid date', anInput({ allocationDate: '2026-02-30' })],
    ['a household without members', anInput({ household: aHousehold({ members: [] }) })],
  ])('throws on a caller error: %s', (_label, input) => {
    expect(() => sut(input)).toThrow(RangeError);
  });

  it('property: deterministic, and the verdict agrees with its outcomes', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const verdict = sut(input);
        expect(sut(structuredClone(input))).toEqual(verdict);
        expect(verdict.outcomes.map((o) => o.ruleId)).toEqual(RULE_IDS);
        expect(verdict.eligible).toBe(verdict.outcomes.every((o) => o.result !== 'FAILED'));
        expect(verdict.hardFailures).toEqual(verdict.outcomes.filter((o) => o.denial?.kind === 'HARD_INELIGIBILITY').map((o) => o.ruleId));
        expect(verdict.quotaExceptions.map((q) => q.ruleId)).toEqual(verdict.outcomes.filter((o) => o.result === 'EXCEPTION').map((o) => o.ruleId));
        for (const o of verdict.outcomes) expect(o.explanation.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('evaluateEligibility in Dutch (for the households and the staff who read it)', () => {
  // words that only an English sentence of these rules has; a Dutch explanation with one of them was not translated
  const ENGLISH = /\b(your|household|home|the|and|but|rent|income|limit|may|cannot|only|which|because)\b/i;
  it('property: the same verdict in other words: results, values, tiers and counters equal the English ones; no English left', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const english = evaluateEligibility(input);
        const dutch = evaluateEligibility(input, 'nl');
        const withoutWords = (v: typeof english) => ({ ...v, summary: '', outcomes: v.outcomes.map((o) => ({ ...o, explanation: '' })) });
        expect(withoutWords(dutch)).toEqual(withoutWords(english));
        for (const text of [dutch.summary, ...dutch.outcomes.map((o) => o.explanation)]) {
          expect(text).not.toMatch(ENGLISH);
          expect(text).not.toMatch(/€\d|\d,\d{3}\b/); // euros as the Dutch write them: "€ 1.234,56"
        }
        // the English record is what it was: asking for Dutch changes nothing of it
        expect(evaluateEligibility(input)).toEqual(english);
      }),
    );
  });

  it.each([
    [
      'above the DAEB income limit: the free allocation room',
      anInput({ household: aHousehold({ members: membersOfSize(1), taxableIncomeCents: 6_000_000 }) }, 2026),
      'DAEB_TARGET_GROUP',
      /^Uw huishoudinkomen van € 60\.000 is hoger dan de DAEB-inkomensgrens van € [\d.]+(,\d\d)? in 2026 voor een eenpersoonshuishouden\. De woning kan toch aan u worden verhuurd, maar alleen uit de vrije toewijzingsruimte van de corporatie \(ten hoogste \d+(,\d+)?% van haar sociale huurwoningen per jaar\)\.$/,
    ],
    [
      'too few rooms',
      anInput({ household: aHousehold({ members: membersOfSize(5) }), dwelling: aDwelling({ rooms: 1 }) }, 2026),
      'HOUSEHOLD_SIZE_ROOMS',
      /^Deze woning heeft 1 kamer; een huishouden van 5 personen mag een woning huren met ten minste 4 kamers, dus deze woning past niet bij uw huishouden\.$/,
    ],
  ])('%s', (_label, input, ruleId, expected) => {
    const verdict = evaluateEligibility(input, 'nl');
    expect(verdict.outcomes.find((o) => o.ruleId === ruleId)!.explanation).toMatch(expected);
  });

  // Dutch as the Dutch write it (a child "is een kind", ages and years in "jaar", one "kamer"); the English record word for word as it was
  const label = (labels: string[], members: ReturnType<typeof membersOfSize>) =>
    anInput({ household: aHousehold({ members }), dwelling: aDwelling({ labels, netRentCents: 45_000 }) }, 2026);
  it.each([
    [
      'a family home, one child',
      label(['FAMILY'], membersOfSize(3)),
      'DWELLING_LABEL',
      'This home is labelled FAMILY: the household has at least 3 persons, including at least 1 child, and your household has 3 persons, of whom 1 is a child.',
      'Deze woning heeft het label FAMILY: het huishouden heeft ten minste 3 personen, onder wie ten minste 1 kind, en uw huishouden heeft 3 personen, van wie 1 een kind is.',
    ],
    [
      'a family home, three children',
      label(['FAMILY'], membersOfSize(5)),
      'DWELLING_LABEL',
      'This home is labelled FAMILY: the household has at least 3 persons, including at least 1 child, and your household has 5 persons, of whom 3 are children.',
      'Deze woning heeft het label FAMILY: het huishouden heeft ten minste 3 personen, onder wie ten minste 1 kind, en uw huishouden heeft 5 personen, van wie er 3 kinderen zijn.',
    ],
    [
      'a family home, no children',
      label(['FAMILY'], membersOfSize(2)),
      'DWELLING_LABEL',
      'This home is labelled FAMILY: the household has at least 3 persons, including at least 1 child, but your household has 2 persons, of whom 0 are children. So your household does not qualify for this home.',
      'Deze woning heeft het label FAMILY: het huishouden heeft ten minste 3 personen, onder wie ten minste 1 kind, maar uw huishouden heeft 2 personen, zonder kinderen. Uw huishouden komt daarom niet in aanmerking voor deze woning.',
    ],
    [
      'a senior home, an age in years',
      label(['SENIOR_65'], [member('APPLICANT', '1950-01-01')]),
      'DWELLING_LABEL',
      'This home is labelled SENIOR_65: the eldest adult is 65 or older, and the eldest adult in your household is 76 on 1 March 2026.',
      'Deze woning heeft het label SENIOR_65: de oudste volwassene is 65 jaar of ouder, en de oudste volwassene in uw huishouden is 76 jaar op 1 maart 2026.',
    ],
    [
      'a youth home, the age limit in years',
      label(['YOUTH'], [member('APPLICANT', '2006-01-01')]),
      'DWELLING_LABEL',
      'This home is labelled YOUTH: the applicant is 18 or older and younger than 21, and the net rent is at most the 2026 youth rent limit (kwaliteitskortingsgrens) of €498.20, and the applicant in your household is 20 on 1 March 2026 and the net rent is €450.',
      'Deze woning heeft het label YOUTH: de aanvrager is 18 jaar of ouder en jonger dan 21 jaar, en de kale huur is ten hoogste de kwaliteitskortingsgrens van € 498,20 in 2026, en de aanvrager in uw huishouden is 20 jaar op 1 maart 2026 en de kale huur is € 450.',
    ],
    [
      'one room',
      anInput({ household: aHousehold({ members: membersOfSize(5) }), dwelling: aDwelling({ rooms: 1 }) }, 2026),
      'HOUSEHOLD_SIZE_ROOMS',
      'This home has 1 rooms; a household of 5 persons may rent a home with at least 4 rooms, so this home does not fit your household.',
      'Deze woning heeft 1 kamer; een huishouden van 5 personen mag een woning huren met ten minste 4 kamers, dus deze woning past niet bij uw huishouden.',
    ],
    [
      'local ties: the years needed',
      anInput(
        {
          household: aHousehold({ localTies: { municipalityCode: 'GM0363', years: 2 } }),
          municipalityCode: 'GM0363',
          context: { labelFallbackActive: false, localTiesPriority: true },
        },
        2026,
      ),
      'LOCAL_TIES',
      'This home is advertised with priority for local ties. Your household has lived in this municipality for 2 years, fewer than the 6 needed, so households with local ties go first.',
      'Deze woning wordt met voorrang voor lokale binding aangeboden. Uw huishouden woont 2 jaar in deze gemeente, minder dan de 6 jaar die nodig zijn, dus huishoudens met lokale binding gaan voor.',
    ],
  ])('%s', (_case, input, ruleId, english, dutch) => {
    const explanation = (language: 'en' | 'nl') => evaluateEligibility(input, language).outcomes.find((o) => o.ruleId === ruleId)!.explanation;
    expect(explanation('en')).toBe(english);
    expect(explanation('nl')).toBe(dutch);
  });

  it('says in Dutch why a household cannot rent a home, naming the rules in Dutch', () => {
    const verdict = evaluateEligibility(anInput({ household: aHousehold({ members: membersOfSize(5) }), dwelling: aDwelling({ rooms: 1 }) }, 2026), 'nl');
    expect(verdict.summary).toBe('Uw huishouden kan deze woning niet huren vanwege: gezinsgrootte en kamers.');
  });
});

describe('evaluateEligibilityForPool', () => {
  it('gives the same verdicts as evaluating each household on its own', () => {
    const households = [1, 2, 3, 5].map((size, i) => aHousehold({ id: i + 1, members: membersOfSize(size), taxableIncomeCents: 2_000_000 + i * 2_000_000 }));
    const shared = anInput({}, 2026);
    const pool = evaluateEligibilityForPool(shared, households);
    expect(pool).toEqual(households.map((household) => evaluateEligibility({ ...shared, household })));
    expect(pool.some((v) => !v.eligible)).toBe(true);
  });

  it('refuses an invalid shared date once, before any household', () => {
    expect(() => evaluateEligibilityForPool({ ...anInput({}, 2026), allocationDate: '2026-02-30' }, [aHousehold()])).toThrow(RangeError);
  });
});
