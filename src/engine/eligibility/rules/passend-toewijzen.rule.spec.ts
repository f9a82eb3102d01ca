import fc from 'fast-check';
import { HouseholdMemberFacts } from '../../model.js';
import { aDwelling, aHousehold, anInput, member, membersOfSize } from '../test-fixtures/eligibility-input.builder.js';
import { passendToewijzenRule as sut } from './passend-toewijzen.rule.js';

const YOUNG_SINGLE = [member('APPLICANT', '1990-06-15')];
const YOUNG_COUPLE = [member('APPLICANT', '1990-06-15'), member('PARTNER', '1991-03-10')];
const AOW_SINGLE = [member('APPLICANT', '1940-05-05')];
const AOW_COUPLE = [member('APPLICANT', '1940-05-05'), member('PARTNER', '1990-06-15')]; // one member at AOW age is enough

function evaluate(year: number, members: HouseholdMemberFacts[], incomeCents: number, rentCents: number, box3AssetsCents: number | null = null) {
  return sut.evaluate(
    anInput({ household: aHousehold({ members, taxableIncomeCents: incomeCents, box3AssetsCents }), dwelling: aDwelling({ netRentCents: rentCents }) }, year),
  );
}

/** Published passend income limits (docs/domain.md §2.1), in cents. */
const INCOME_LIMITS: [year: number, household: string, members: HouseholdMemberFacts[], limitCents: number][] = [
  [2024, '1p below AOW', YOUNG_SINGLE, 2_772_500],
  [2024, '2p below AOW', YOUNG_COUPLE, 3_762_500],
  [2024, '1p AOW', AOW_SINGLE, 2_722_500],
  [2024, '2p AOW', AOW_COUPLE, 3_667_500],
  [2025, '1p below AOW', YOUNG_SINGLE, 2_837_500],
  [2025, '2p below AOW', YOUNG_COUPLE, 3_850_000],
  [2025, '1p AOW', AOW_SINGLE, 2_777_500],
  [2025, '2p AOW', AOW_COUPLE, 3_735_000],
  [2026, '1p below AOW', YOUNG_SINGLE, 2_940_000],
  [2026, '2p below AOW', YOUNG_COUPLE, 3_992_500],
  [2026, '1p AOW', AOW_SINGLE, 2_877_500],
  [2026, '2p AOW', AOW_COUPLE, 3_865_000],
];

/** Published rent caps (aftoppingsgrenzen, docs/domain.md §2.1): low for 1-2 persons, high for 3+. */
const RENT_CAPS: [year: number, persons: number, capCents: number][] = [
  [2024, 1, 65_043],
  [2024, 2, 65_043],
  [2024, 3, 69_707],
  [2024, 5, 69_707],
  [2025, 1, 68_296],
  [2025, 2, 68_296],
  [2025, 3, 73_193],
  [2025, 5, 73_193],
  [2026, 1, 71_302],
  [2026, 2, 71_302],
  [2026, 3, 76_414],
  [2026, 5, 76_414],
];

/** Published elderly asset limits (BTIV art. 54a; docs/domain.md §2.1); none in the repository for 2025 (§2.3). */
const ASSET_LIMITS: [year: number, household: string, members: HouseholdMemberFacts[], limitCents: number][] = [
  [2024, '1p AOW', AOW_SINGLE, 14_021_300],
  [2024, '2p AOW', AOW_COUPLE, 17_730_100],
  [2026, '1p AOW', AOW_SINGLE, 14_601_100],
  [2026, '2p AOW', AOW_COUPLE, 18_463_300],
];

describe('PASSEND_TOEWIJZEN', () => {
  describe('income limit (inclusive), rent within the cap', () => {
    const rows = INCOME_LIMITS.flatMap(
      ([year, label, members, limit]) =>
        [
          [year, label, limit - 1, 'PASSED', members],
          [year, label, limit, 'PASSED', members],
          [year, label, limit + 1, 'NOT_APPLICABLE', members],
        ] as const,
    );
    it.each(rows)('%i %s, income %i cents -> %s', (year, _label, income, expected, members) => {
      const outcome = evaluate(year, [...members], income, 50_000);
      expect(outcome.result).toBe(expected);
      expect(outcome.countsAs).toEqual(expected === 'PASSED' ? ['passendWithinCap'] : []);
    });
  });

  describe('rent cap by household size (inclusive), income within the passend limit', () => {
    const rows = RENT_CAPS.flatMap(
      ([year, persons, cap]) =>
        [
          [year, persons, cap - 1, 'PASSED'],
          [year, persons, cap, 'PASSED'],
          [year, persons, cap + 1, 'EXCEPTION'],
        ] as const,
    );
    it.each(rows)('%i, %i persons, rent %i cents -> %s', (year, persons, rent, expected) => {
      const outcome = evaluate(year, membersOfSize(persons), 1_500_000, rent);
      expect(outcome.result).toBe(expected);
      expect(outcome.values[1]).toMatchObject({ name: 'netRentCents', value: rent, comparison: '<=' });
    });
  });

  describe('AOW age is tested on 1 January of the allocation year', () => {
    // Income between the AOW and the below-AOW limit: covered only when below AOW age on 1 January.
    it.each([
      [2024, '1957-01-01', 2_750_000, 'NOT_APPLICABLE', 'at or above AOW age'],
      [2024, '1957-01-02', 2_750_000, 'PASSED', 'below AOW age'],
      [2025, '1958-01-01', 2_800_000, 'NOT_APPLICABLE', 'at or above AOW age'],
      [2025, '1958-01-02', 2_800_000, 'PASSED', 'below AOW age'],
      [2026, '1959-01-01', 2_900_000, 'NOT_APPLICABLE', 'at or above AOW age'],
      [2026, '1959-01-02', 2_900_000, 'PASSED', 'below AOW age'], // 67 on the allocation date (1 March), not on 1 January
    ] as const)('%i, born %s, income %i -> %s (%s)', (year, birthDate, income, expected, aowText) => {
      const outcome = evaluate(year, [member('APPLICANT', birthDate)], income, 50_000);
      expect(outcome.result).toBe(expected);
      expect(outcome.explanation).toContain(`1 person, ${aowText} on 1 January ${year}`);
    });

    it('a partner at AOW age makes a 2-person household an AOW household (2026: €38,650 instead of €39,925)', () => {
      const members = [member('APPLICANT', '1980-01-01'), member('PARTNER', '1959-01-01')];
      expect(evaluate(2026, members, 3_900_000, 50_000).result).toBe('NOT_APPLICABLE');
      expect(evaluate(2026, [members[0], member('PARTNER', '1959-01-02')], 3_900_000, 50_000).result).toBe('PASSED');
    });
  });

  describe('BTIV art. 54a: AOW households with box-3 assets above the limit are exempt from the cap', () => {
    const rows = ASSET_LIMITS.flatMap(
      ([year, label, members, limit]) =>
        [
          [year, label, limit - 1, 'EXCEPTION', members],
          [year, label, limit, 'EXCEPTION', members], // must be above the limit
          [year, label, limit + 1, 'PASSED', members],
        ] as const,
    );
    it.each(rows)('%i %s, rent above the cap, assets %i cents -> %s', (year, _label, assets, expected, members) => {
      const outcome = evaluate(year, [...members], 1_500_000, 80_000, assets);
      expect(outcome.result).toBe(expected);
      expect(outcome.values[2]).toMatchObject({ name: 'box3AssetsCents', value: assets, comparison: '>' });
      // an exempt allocation is not counted in the passend quota at all
      expect(outcome.countsAs).toEqual(expected === 'PASSED' ? [] : ['passendAboveCap']);
    });

    it('explains the exemption', () => {
      const outcome = evaluate(2026, AOW_SINGLE, 1_500_000, 80_000, 15_000_000);
      expect(outcome.explanation).toContain('box-3 assets of €150,000 are above €146,011, the rent cap does not apply to you (BTIV art. 54a)');
    });

    it('2025 has no published asset limit: no exemption, and the explanation says why', () => {
      const outcome = evaluate(2025, AOW_SINGLE, 1_500_000, 80_000, 50_000_000);
      expect(outcome.result).toBe('EXCEPTION');
      expect(outcome.explanation).toContain('no asset limit is set for 2025');
    });

    it.each([
      ['below AOW age with large assets', YOUNG_SINGLE, 50_000_000],
      ['AOW age without known assets', AOW_SINGLE, null],
    ] as const)('%s -> EXCEPTION', (_label, members, assets) => {
      expect(evaluate(2026, [...members], 1_500_000, 80_000, assets).result).toBe('EXCEPTION');
    });
  });

  it('above the cap: a quota exception on the passend exceptions, with a plain explanation', () => {
    const outcome = evaluate(2026, YOUNG_COUPLE, 3_000_000, 72_000);
    expect(outcome.denial).toEqual({ kind: 'QUOTA_EXCEPTION', quota: 'PASSEND_EXCEPTION' });
    expect(outcome.explanation).toBe(
      'Your household income of €30,000 is at or below the 2026 passend income limit of €39,925 (2+ persons, below AOW age on 1 January 2026), ' +
        'but the net rent of €720 is above the rent cap of €713.02 for households of 1 or 2 persons. ' +
        "The home can still be let to you, but only as one of the association's passend exceptions (at most 5% a year).",
    );
  });

  it('property: never a passend exception for a household above the passend income limit', () => {
    fc.assert(
      fc.property(fc.constantFrom(2024, 2025, 2026), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 120_000 }), (year, persons, rent) => {
        const outcome = evaluate(year, membersOfSize(persons), 4_000_000, rent);
        expect(outcome.result).toBe('NOT_APPLICABLE');
      }),
    );
  });

  it('property: within the cap at rent R means within it at every lower rent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2024, 2025, 2026),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        (year, persons, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (evaluate(year, membersOfSize(persons), 1_000_000, high).result === 'PASSED') {
            expect(evaluate(year, membersOfSize(persons), 1_000_000, low).result).toBe('PASSED');
          }
        },
      ),
    );
  });
});
