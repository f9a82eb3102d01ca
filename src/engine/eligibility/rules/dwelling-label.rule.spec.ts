import { HouseholdFacts, HouseholdMemberFacts } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aDwelling, aHousehold, anInput, member } from '../test-fixtures/eligibility-input.builder.js';
import { dwellingLabelRule as sut } from './dwelling-label.rule.js';

interface Case {
  year?: number;
  labels: string[];
  members: HouseholdMemberFacts[];
  rentCents?: number;
  household?: Partial<HouseholdFacts>;
  fallback?: boolean;
  policy?: LocalPolicy;
}

function evaluate({ year = 2026, labels, members, rentCents = 40_000, household = {}, fallback = false, policy = DEFAULT_LOCAL_POLICY }: Case) {
  return sut.evaluate(
    anInput(
      {
        household: aHousehold({ members, ...household }),
        dwelling: aDwelling({ labels, netRentCents: rentCents }),
        policy,
        context: { labelFallbackActive: fallback, localTiesPriority: false },
      },
      year,
    ),
  );
}

const applicant = (birthDate: string) => [member('APPLICANT', birthDate)];

describe('DWELLING_LABEL', () => {
  describe('YOUTH: applicant at least 18 and younger than the youth age of the year (allocation on 1 March)', () => {
    it.each([
      [2024, '2001-03-02', 22, 'PASSED'],
      [2024, '2001-03-01', 23, 'FAILED'], // turns 23 on the allocation date
      [2025, '2002-03-02', 22, 'PASSED'],
      [2025, '2002-03-01', 23, 'FAILED'],
      [2026, '2005-03-02', 20, 'PASSED'],
      [2026, '2005-03-01', 21, 'FAILED'], // 2026: youth age lowered from 23 to 21
      [2026, '2004-03-01', 22, 'FAILED'], // would have passed in 2025
      [2026, '2008-03-01', 18, 'PASSED'],
      [2026, '2008-03-02', 17, 'FAILED'],
    ] as const)('%i, applicant born %s (age %i) -> %s', (year, birthDate, age, expected) => {
      const outcome = evaluate({ year, labels: ['YOUTH'], members: applicant(birthDate) });
      expect(outcome.result).toBe(expected);
      expect(outcome.values).toContainEqual(
        expect.objectContaining({ name: 'YOUTH.applicantAge', value: age, comparison: '<', limit: year === 2026 ? 21 : 23 }),
      );
    });

    /** Published kwaliteitskortingsgrens (docs/domain.md §2.1), in cents. */
    const rows = (
      [
        [2024, 45_447],
        [2025, 47_720],
        [2026, 49_820],
      ] as const
    ).flatMap(
      ([year, limit]) =>
        [
          [year, limit - 1, 'PASSED'],
          [year, limit, 'PASSED'], // inclusive
          [year, limit + 1, 'FAILED'],
        ] as const,
    );
    it.each(rows)('%i, youth home at net rent %i cents -> %s', (year, rentCents, expected) => {
      const outcome = evaluate({ year, labels: ['YOUTH'], members: applicant(`${year - 19}-01-01`), rentCents });
      expect(outcome.result).toBe(expected);
    });

    it('tests the applicant, not an older partner', () => {
      expect(evaluate({ labels: ['YOUTH'], members: [member('APPLICANT', '2006-01-01'), member('PARTNER', '1995-01-01')] }).result).toBe('PASSED');
    });

    it('an explicit age in the policy overrides the youth age of the year', () => {
      const policy: LocalPolicy = {
        ...DEFAULT_LOCAL_POLICY,
        labels: {
          YOUTH: { requirement: { kind: 'MAX_AGE', belowAge: 28, minAge: null, ageOf: 'APPLICANT', rentAtMostQualityDiscountLimit: false }, fallback: [] },
        },
      };
      expect(evaluate({ labels: ['YOUTH'], members: applicant('1999-01-01'), rentCents: 90_000, policy }).result).toBe('PASSED');
    });

    it('explains a failure with the year and the age', () => {
      expect(evaluate({ labels: ['YOUTH'], members: applicant('2004-03-01') }).explanation).toBe(
        'This home is labelled YOUTH: the applicant is 18 or older and younger than 21, and the net rent is at most the 2026 youth rent limit ' +
          '(kwaliteitskortingsgrens) of €498.20, but the applicant in your household is 22 on 1 March 2026 and the net rent is €400. ' +
          'So your household does not qualify for this home.',
      );
    });
  });

  describe('SENIOR_55 and SENIOR_65: eldest adult on the allocation date', () => {
    it.each([
      ['SENIOR_55', '1971-03-02', 'FAILED'], // 54
      ['SENIOR_55', '1971-03-01', 'PASSED'], // turns 55 on the allocation date
      ['SENIOR_65', '1961-03-02', 'FAILED'], // 64
      ['SENIOR_65', '1961-03-01', 'PASSED'], // 65
    ] as const)('%s, applicant born %s -> %s', (label, birthDate, expected) => {
      expect(evaluate({ labels: [label], members: applicant(birthDate) }).result).toBe(expected);
    });

    it('an older partner qualifies the household', () => {
      expect(evaluate({ labels: ['SENIOR_55'], members: [member('APPLICANT', '1980-01-01'), member('PARTNER', '1960-01-01')] }).result).toBe('PASSED');
    });

    it('a child does not count as the eldest adult', () => {
      expect(evaluate({ labels: ['SENIOR_55'], members: [member('CHILD', '1950-01-01'), member('APPLICANT', '1990-01-01')] }).result).toBe('FAILED');
    });
  });

  describe('fallback (data): SENIOR_55 -> 50+ -> everyone, only when the fallback is active', () => {
    it.each([
      ['1970-01-01', false, 'PASSED', 0],
      ['1974-01-01', false, 'FAILED', null], // 52
      ['1974-01-01', true, 'PASSED', 1], // meets 50+
      ['1990-01-01', true, 'PASSED', 2], // open to everyone
    ] as const)('applicant born %s, fallback %s -> %s, tier %s', (birthDate, fallback, expected, tier) => {
      const outcome = evaluate({ labels: ['SENIOR_55'], members: applicant(birthDate), fallback });
      expect(outcome.result).toBe(expected);
      expect(outcome.priorityTier).toBe(tier);
    });

    it('a label without fallback steps stays strict', () => {
      expect(evaluate({ labels: ['YOUTH'], members: applicant('1990-01-01'), fallback: true }).result).toBe('FAILED');
    });
  });

  describe('FAMILY: at least 3 persons including a child', () => {
    it.each([
      ['couple', [member('APPLICANT', '1990-01-01'), member('PARTNER', '1990-01-01')], 'FAILED'],
      ['couple with a child', [member('APPLICANT', '1990-01-01'), member('PARTNER', '1990-01-01'), member('CHILD', '2020-01-01')], 'PASSED'],
      ['single parent with 2 children', [member('APPLICANT', '1990-01-01'), member('CHILD', '2018-01-01'), member('CHILD', '2020-01-01')], 'PASSED'],
      ['3 adults', [member('APPLICANT', '1990-01-01'), member('PARTNER', '1990-01-01'), member('CO_RESIDENT', '1960-01-01')], 'FAILED'],
    ] as const)('%s -> %s', (_label, members, expected) => {
      expect(evaluate({ labels: ['FAMILY'], members: [...members] }).result).toBe(expected);
    });
  });

  describe('WHEELCHAIR: a wheelchair indication', () => {
    it.each([
      [{ kind: 'WMO', accessibility: 'WHEELCHAIR' }, false, 'PASSED'],
      [{ kind: 'MEDICAL', accessibility: 'ZERO_STEP' }, false, 'FAILED'],
      [null, false, 'FAILED'],
      [null, true, 'PASSED'],
    ] as const)('indication %o, fallback %s -> %s', (indication, fallback, expected) => {
      expect(evaluate({ labels: ['WHEELCHAIR'], members: applicant('1980-01-01'), household: { indication }, fallback }).result).toBe(expected);
    });
  });

  it('every label must be met', () => {
    const members = applicant('1960-01-01');
    expect(evaluate({ labels: ['SENIOR_55', 'WHEELCHAIR'], members }).result).toBe('FAILED');
    expect(evaluate({ labels: ['SENIOR_55', 'WHEELCHAIR'], members, household: { indication: { kind: 'WMO', accessibility: 'WHEELCHAIR' } } }).result).toBe(
      'PASSED',
    );
  });

  it.each([[[]], [['STUDIO_PLUS']]])('labels %j that the policy does not know -> NOT_APPLICABLE', (labels) => {
    expect(evaluate({ labels, members: applicant('1990-01-01') }).result).toBe('NOT_APPLICABLE');
  });
});
