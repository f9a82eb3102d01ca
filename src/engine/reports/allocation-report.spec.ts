import { ApplicantRow, DecisionRow, allocationRates, deviationCounts } from './allocation-report.js';

const d = (
  officer: string,
  complexCode: string,
  decision: DecisionRow['decision'],
  proposedRank: number | null,
  reasonCode: string | null = null,
): DecisionRow => ({ officer, complexCode, decision, proposedRank, reasonCode });

describe('deviationCounts', () => {
  it('counts decisions, pass-overs and overrides per officer, reason code and complex', () => {
    const rows = [
      d('alice', 'CASE', 'PROPOSED', 1),
      d('alice', 'CASE', 'PROPOSED', 3),
      d('bob', 'PARK', 'OVERRIDE', 1, 'MEDICAL_FIT'),
      d('bob', 'CASE', 'OVERRIDE', 2, 'MEDICAL_FIT'),
      d('bob', 'CASE', 'PROPOSED', null),
    ];
    expect(deviationCounts(rows)).toEqual([
      { dimension: 'OFFICER', key: 'alice', decisions: 2, passedOver: 1, overrides: 0 },
      { dimension: 'OFFICER', key: 'bob', decisions: 3, passedOver: 0, overrides: 2 },
      { dimension: 'REASON_CODE', key: 'MEDICAL_FIT', decisions: 2, passedOver: 0, overrides: 2 },
      { dimension: 'COMPLEX', key: 'CASE', decisions: 4, passedOver: 1, overrides: 1 },
      { dimension: 'COMPLEX', key: 'PARK', decisions: 1, passedOver: 0, overrides: 1 },
    ]);
  });

  it('is empty without decisions', () => expect(deviationCounts([])).toEqual([]));
});

describe('allocationRates', () => {
  const base = {
    HOUSEHOLD_TYPE: 'SINGLE',
    AGE_BAND: 'AGE_23_34',
    INCOME_BAND: 'WITHIN_PASSEND_LIMIT',
    INCOME_SOURCE: 'WORK',
    VULNERABILITY: 'NOT_VULNERABLE',
  } as const;
  const a = (over: Partial<Record<keyof typeof base, string>>, urgent: boolean, allocated: boolean): ApplicantRow => ({
    categories: { ...base, ...over } as ApplicantRow['categories'],
    urgent,
    allocated,
  });
  const rates = allocationRates([
    a({}, false, true),
    a({}, false, false),
    a({ VULNERABILITY: 'VULNERABLE' }, true, false),
    a({ VULNERABILITY: 'VULNERABLE' }, false, false),
  ]);
  const of = (dimension: string, category: string) => rates.find((r) => r.dimension === dimension && r.category === category);

  it.each([
    ['VULNERABILITY', 'NOT_VULNERABLE', { applicants: 2, allocated: 1, rateBasisPoints: 5000 }],
    ['VULNERABILITY', 'VULNERABLE', { applicants: 2, allocated: 0, rateBasisPoints: 0 }],
    ['URGENCY', 'URGENT', { applicants: 1, allocated: 0, rateBasisPoints: 0 }],
    ['URGENCY', 'NOT_URGENT', { applicants: 3, allocated: 1, rateBasisPoints: 3333 }],
    ['HOUSEHOLD_TYPE', 'FAMILY', { applicants: 0, allocated: 0, rateBasisPoints: null }],
  ])('%s %s', (dimension, category, expected) => expect(of(dimension, category)).toMatchObject(expected));

  it('lists every category of every dimension, also at zero', () => {
    expect(new Set(rates.map((r) => r.dimension))).toEqual(new Set(['HOUSEHOLD_TYPE', 'AGE_BAND', 'INCOME_BAND', 'INCOME_SOURCE', 'VULNERABILITY', 'URGENCY']));
  });
});
