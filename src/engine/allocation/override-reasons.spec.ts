import { overrideReasonProblem } from './override-reasons.js';

describe('override reasons', () => {
  it.each([
    ['MEDICAL_FIT with an indication', 'MEDICAL_FIT', { indicationKind: 'WMO', incomeSource: 'BENEFIT' as const }, null],
    ['MEDICAL_FIT without one', 'MEDICAL_FIT', { indicationKind: null, incomeSource: 'BENEFIT' as const }, 'MEDICAL_FIT needs a medical or Wmo indication on file for the household, and it has none'],
    ['WORK with income from work', 'WORK', { indicationKind: null, incomeSource: 'WORK' as const }, null],
    ['WORK on a benefit', 'WORK', { indicationKind: null, incomeSource: 'BENEFIT' as const }, 'WORK needs an income from work on file for the household (its income source is BENEFIT)'],
    ['a reason that needs no fact', 'SOCIAL_MANAGEMENT', { indicationKind: null, incomeSource: 'PENSION' as const }, null],
    ['an unknown code', 'FRIEND', { indicationKind: null, incomeSource: 'WORK' as const }, 'must be one of MEDICAL_FIT, WORK, SOCIAL_MANAGEMENT, DWELLING_FIT, CORRECTION (override policy v1)'],
  ])('%s', (_name, code, facts, problem) => {
    expect(overrideReasonProblem(code, facts)?.reason ?? null).toBe(problem);
  });
});
