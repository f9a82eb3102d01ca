import { CompositionPolicyDocument, compositionPolicyDocumentProblems, toCompositionPolicy } from './composition-policy-document.js';
import { DEFAULT_COMPOSITION_POLICY, vulnerableMax } from './composition-policy.js';

/** The engine defaults as a stored document. */
function defaultDocument(): CompositionPolicyDocument {
  const { id: _i, version: _v, effectiveFrom: _e, complexOverrides: _c, ...rest } = DEFAULT_COMPOSITION_POLICY;
  return JSON.parse(JSON.stringify({ ...rest, complexOverridesByCode: {} }));
}

type Edit = (d: any) => void;

describe('compositionPolicyDocumentProblems', () => {
  it('accepts the engine defaults, and a complex override', () => {
    expect(compositionPolicyDocumentProblems(defaultDocument())).toEqual([]);
    const d = defaultDocument();
    d.complexOverridesByCode['CPX-CASE'] = { targets: [vulnerableMax(2500, 120)], removeTargetIds: ['WORK_OR_PENSION_MIN'] };
    expect(compositionPolicyDocumentProblems(d)).toEqual([]);
  });

  const cases: [string, Edit, { field: string; reason: RegExp }][] = [
    ['unknown top-level field', (d) => (d.extra = 1), { field: 'extra', reason: /not a field/ }],
    ['missing field', (d) => delete d.quotas, { field: 'quotas', reason: /required/ }],
    ['negative rank step', (d) => (d.rankStepPoints = -1), { field: 'rankStepPoints', reason: /whole number from 0/ }],
    ['fractional penalty', (d) => (d.unfilledPenalty = 1.5), { field: 'unfilledPenalty', reason: /whole number/ }],
    ['displacement bound as text', (d) => (d.displacement.maxPositions = '10'), { field: 'displacement.maxPositions', reason: /or null/ }],
    ['urgent protection missing', (d) => delete d.displacement.protectUrgent, { field: 'displacement.protectUrgent', reason: /true or false/ }],
    ['unknown enforcement', (d) => (d.quotas.enforcement = 'STRICT'), { field: 'quotas.enforcement', reason: /SOFT, HARD/ }],
    ['resilience class 6', (d) => (d.defaultsByResilienceClass['6'] = []), { field: 'defaultsByResilienceClass.6', reason: /not a resilience class/ }],
    [
      'basis points above 100%',
      (d) => (d.defaultsByResilienceClass['1'][0].basisPoints = 10_001),
      { field: 'defaultsByResilienceClass.1[0].basisPoints', reason: /0 to 10000/ },
    ],
    [
      'unknown dimension',
      (d) => (d.defaultsByResilienceClass['1'][0].dimension = 'RELIGION'),
      { field: 'defaultsByResilienceClass.1[0].dimension', reason: /must be one of/ },
    ],
    [
      'category of another dimension',
      (d) => (d.defaultsByResilienceClass['1'][0].categories = ['WORK']),
      { field: 'defaultsByResilienceClass.1[0].categories', reason: /WORK not in VULNERABILITY/ },
    ],
    [
      'no categories',
      (d) => (d.defaultsByResilienceClass['1'][0].categories = []),
      { field: 'defaultsByResilienceClass.1[0].categories', reason: /at least one/ },
    ],
    ['bound BETWEEN', (d) => (d.defaultsByResilienceClass['1'][0].bound = 'BETWEEN'), { field: 'defaultsByResilienceClass.1[0].bound', reason: /MAX or MIN/ }],
    [
      'duplicate target id',
      (d) => d.defaultsByResilienceClass['1'].push({ ...d.defaultsByResilienceClass['1'][0] }),
      { field: 'defaultsByResilienceClass.1[2].id', reason: /appears twice/ },
    ],
    [
      'lower-case target id',
      (d) => (d.defaultsByResilienceClass['1'][0].id = 'vulnerable'),
      { field: 'defaultsByResilienceClass.1[0].id', reason: /capital letters/ },
    ],
    ['empty label', (d) => (d.defaultsByResilienceClass['1'][0].label = ' '), { field: 'defaultsByResilienceClass.1[0].label', reason: /3-120 characters/ }],
    ['override without lists', (d) => (d.complexOverridesByCode.CASE = {}), { field: 'complexOverridesByCode.CASE.targets', reason: /list of targets/ }],
    [
      'override removing a non-string',
      (d) => (d.complexOverridesByCode.CASE = { targets: [], removeTargetIds: [1] }),
      { field: 'complexOverridesByCode.CASE.removeTargetIds', reason: /list of target ids/ },
    ],
  ];
  it.each(cases)('%s', (_name, edit, expected) => {
    const d = defaultDocument();
    edit(d);
    expect(compositionPolicyDocumentProblems(d)).toEqual(expect.arrayContaining([{ field: expected.field, reason: expect.stringMatching(expected.reason) }]));
  });

  it('refuses what is not an object', () => {
    expect(compositionPolicyDocumentProblems([])).toEqual([{ field: 'document', reason: 'must be a JSON object' }]);
    expect(compositionPolicyDocumentProblems(null)).toEqual([{ field: 'document', reason: 'must be a JSON object' }]);
  });

  it('lists every problem at once', () => {
    const d: any = defaultDocument();
    d.rankStepPoints = -1;
    d.quotas.enforcement = 'X';
    expect(compositionPolicyDocumentProblems(d).map((p) => p.field)).toEqual(['rankStepPoints', 'quotas.enforcement']);
  });
});

describe('toCompositionPolicy', () => {
  it('resolves overrides by complex code to ids and drops codes it does not know', () => {
    const d = defaultDocument();
    d.complexOverridesByCode = { A: { targets: [], removeTargetIds: ['VULNERABLE_MAX'] }, GONE: { targets: [], removeTargetIds: [] } };
    const policy = toCompositionPolicy(d, { id: 'DEFAULT', version: 2, effectiveFrom: '2027-01-01' }, new Map([['A', 7]]));
    expect(policy.complexOverrides).toEqual({ 7: { targets: [], removeTargetIds: ['VULNERABLE_MAX'] } });
    expect(policy).toMatchObject({ id: 'DEFAULT', version: 2, effectiveFrom: '2027-01-01', rankStepPoints: DEFAULT_COMPOSITION_POLICY.rankStepPoints });
  });
});
