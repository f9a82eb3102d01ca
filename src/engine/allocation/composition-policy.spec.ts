import { CompositionTarget, DEFAULT_COMPOSITION_POLICY, targetsForComplex, validateCompositionPolicy, vulnerableMax } from './composition-policy.js';

const cap = (basisPoints: number, weight = 50): CompositionTarget => vulnerableMax(basisPoints, weight);

describe('targetsForComplex', () => {
  it.each([
    [1, ['VULNERABLE_MAX:3000', 'WORK_OR_PENSION_MIN:4000']],
    [2, ['VULNERABLE_MAX:3500', 'WORK_OR_PENSION_MIN:4000']],
    [3, ['VULNERABLE_MAX:4000', 'WORK_OR_PENSION_MIN:3000']],
    [4, ['VULNERABLE_MAX:5000']],
    [5, []],
    [9, []], // a class without defaults has no targets
  ])('resilience class %i gets its defaults (stricter caps for lower resilience)', (resilienceClass, expected) => {
    const sut = targetsForComplex(DEFAULT_COMPOSITION_POLICY, { id: 1, resilienceClass });
    expect(sut.map((t) => `${t.id}:${t.basisPoints}`)).toEqual(expected);
    expect(sut.every((t) => t.source === 'RESILIENCE_CLASS_DEFAULT')).toBe(true);
  });

  it('a complex override replaces by id, removes and adds, and is sorted by id', () => {
    const policy = {
      ...DEFAULT_COMPOSITION_POLICY,
      complexOverrides: {
        7: {
          targets: [
            cap(2000, 200),
            { ...cap(6000), id: 'AGE_65_PLUS_MAX', dimension: 'AGE_BAND' as const, categories: ['AGE_65_PLUS'], label: 'households 65+' },
          ],
          removeTargetIds: ['WORK_OR_PENSION_MIN'],
        },
      },
    };
    const sut = targetsForComplex(policy, { id: 7, resilienceClass: 1 });
    expect(sut.map((t) => [t.id, t.basisPoints, t.weight, t.source])).toEqual([
      ['AGE_65_PLUS_MAX', 6000, 50, 'COMPLEX_OVERRIDE'],
      ['VULNERABLE_MAX', 2000, 200, 'COMPLEX_OVERRIDE'],
    ]);
    // other complexes of the same class keep the defaults
    expect(targetsForComplex(policy, { id: 8, resilienceClass: 1 }).map((t) => t.id)).toEqual(['VULNERABLE_MAX', 'WORK_OR_PENSION_MIN']);
  });
});

describe('validateCompositionPolicy', () => {
  it('accepts the default policy', () => {
    expect(validateCompositionPolicy(DEFAULT_COMPOSITION_POLICY)).toEqual([]);
  });

  it.each([
    ['a share above 100%', { defaultsByResilienceClass: { 1: [cap(10_001)] } }, /basisPoints/],
    ['a fractional weight', { defaultsByResilienceClass: { 1: [cap(3000, 1.5)] } }, /weight/],
    ['a duplicate target id', { defaultsByResilienceClass: { 1: [cap(3000), cap(2000)] } }, /duplicate/],
    ['a target id that cannot name a row', { defaultsByResilienceClass: { 1: [{ ...cap(3000), id: 'vulnerable max' }] } }, /target id/],
    ['no categories', { defaultsByResilienceClass: { 1: [{ ...cap(3000), categories: [] }] } }, /no categories/],
    ['a negative displacement', { displacement: { maxPositions: -1, maxRegistrationDays: null, protectUrgent: true } }, /maxPositions/],
    ['fractional rank points', { rankStepPoints: 0.5 }, /rankStepPoints/],
  ])('rejects %s', (_case, overrides, message) => {
    const problems = validateCompositionPolicy({ ...DEFAULT_COMPOSITION_POLICY, ...overrides });
    expect(problems.join('\n')).toMatch(message);
  });
});
