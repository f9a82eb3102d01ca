import { OverrideReasonPolicy, overrideReasonListProblems, overrideReasonProblem } from './override-reasons.js';

const POLICY: OverrideReasonPolicy = {
  version: 3,
  reasons: [
    { code: 'MEDICAL_FIT', label: 'Medical fit', requires: 'MEDICAL_OR_WMO_INDICATION' },
    { code: 'WORK', label: 'Work', requires: 'INCOME_FROM_WORK' },
    { code: 'SOCIAL_MANAGEMENT', label: 'Social management', requires: null },
  ],
};

describe('override reasons', () => {
  it.each([
    ['MEDICAL_FIT with an indication', 'MEDICAL_FIT', { indicationKind: 'WMO', incomeSource: 'BENEFIT' as const }, null],
    [
      'MEDICAL_FIT without one',
      'MEDICAL_FIT',
      { indicationKind: null, incomeSource: 'BENEFIT' as const },
      'MEDICAL_FIT needs a medical or Wmo indication on file for the household, and it has none',
    ],
    ['WORK with income from work', 'WORK', { indicationKind: null, incomeSource: 'WORK' as const }, null],
    [
      'WORK on a benefit',
      'WORK',
      { indicationKind: null, incomeSource: 'BENEFIT' as const },
      'WORK needs an income from work on file for the household (its income source is BENEFIT)',
    ],
    ['a reason that needs no fact', 'SOCIAL_MANAGEMENT', { indicationKind: null, incomeSource: 'PENSION' as const }, null],
    [
      'a code not in the policy',
      'FRIEND',
      { indicationKind: null, incomeSource: 'WORK' as const },
      'must be one of MEDICAL_FIT, WORK, SOCIAL_MANAGEMENT (override reasons v3)',
    ],
  ])('%s', (_name, code, facts, problem) => {
    expect(overrideReasonProblem(POLICY, code, facts)?.reason ?? null).toBe(problem);
  });

  it.each([
    ['a valid list', POLICY.reasons, []],
    ['an empty list', [], [{ field: 'reasons', reason: 'must list at least one reason' }]],
    [
      'a code twice',
      [POLICY.reasons[0], POLICY.reasons[1], { ...POLICY.reasons[0], label: 'again' }],
      [{ field: 'reasons[2].code', reason: 'MEDICAL_FIT is listed twice' }],
    ],
  ])('checks the list as a whole: %s', (_name, reasons, problems) => {
    expect(overrideReasonListProblems(reasons)).toEqual(problems);
  });
});
