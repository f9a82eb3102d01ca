import { DEFAULT_LOCAL_POLICY } from '../eligibility/default-local-policy.js';
import { QuotaCounts } from '../eligibility/portfolio-quotas.js';
import { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { CompositionTarget, QuotaEnforcement, QuotaPenaltyPolicy, vulnerableMax } from './composition-policy.js';
import { FULL_SHARE, PreparedComplex, PreparedQuotaScope, PreparedTarget } from './prepared-allocation.js';
import {
  SideRowDraft,
  compositionTargetRow,
  counterMask,
  daebTargetGroupRow,
  localTiesRow,
  passendWithinCapRow,
  settleSideRows,
  sideRowDrafts,
} from './side-rows.js';
import { anAssociationScope } from './test-fixtures/allocation-input.builder.js';

const quotas = (enforcement: QuotaEnforcement): QuotaPenaltyPolicy => ({ enforcement, daebTargetGroupWeight: 1000, passendWeight: 900, localTiesWeight: 500 });
const mask = (...keys: QuotaCounterKey[]) => counterMask(keys);
/** What a draft shows of itself, without its coefficient function. */
const head = ({ coef: _coef, ...rest }: SideRowDraft) => rest;

describe('counterMask', () => {
  it.each<[QuotaCounterKey[], number]>([
    [[], 0],
    [['daebInTargetGroup'], 0b00001],
    [['daebAboveLimit', 'localTiesPriority'], 0b10010],
    [['daebInTargetGroup', 'passendWithinCap'], 0b00101],
    [['passendAboveCap'], 0b01000],
  ])('%j -> %i', (keys, expected) => {
    expect(counterMask(keys)).toBe(expected);
  });
});

describe('compositionTargetRow: a MIN or MAX share of a category in a complex (docs/domain.md §6.3)', () => {
  const target = (t: CompositionTarget, baseCount: number, baseTotal: number): PreparedTarget => ({
    ...t,
    source: 'RESILIENCE_CLASS_DEFAULT',
    baseCount,
    baseTotal,
  });
  const workMin = (basisPoints: number, weight: number): CompositionTarget => ({
    id: 'WORK_OR_PENSION_MIN',
    label: 'households living on work or pension',
    dimension: 'INCOME_SOURCE',
    categories: ['WORK', 'PENSION'],
    bound: 'MIN',
    basisPoints,
    weight,
  });
  const complex = (t: PreparedTarget): Pick<PreparedComplex, 'index' | 'id' | 'targets'> => ({ index: 0, id: 7, targets: [t] });
  const withVacancy = new Set([0]);

  it.each<[string, PreparedTarget, object]>([
    // MAX: 10000 count <= bp total after allocation; rhs = bp x total0 - 10000 x count0
    [
      'MAX 30%, 16 of 40 vulnerable (over the cap)',
      target(vulnerableMax(3000, 100), 16, 40),
      { name: 'comp_7_VULNERABLE_MAX', sense: '<=', rhs: 3000 * 40 - FULL_SHARE * 16, basisPoints: 3000, weight: 100 },
    ],
    [
      'MAX 50%, 10 of 40 vulnerable (room left)',
      target(vulnerableMax(5000, 30), 10, 40),
      { name: 'comp_7_VULNERABLE_MAX', sense: '<=', rhs: 100_000, basisPoints: 5000, weight: 30 },
    ],
    // MIN: 10000 count >= bp total after allocation
    [
      'MIN 40%, 20 of 40 on work or pension',
      target(workMin(4000, 40), 20, 40),
      { name: 'comp_7_WORK_OR_PENSION_MIN', sense: '>=', rhs: 4000 * 40 - FULL_SHARE * 20, basisPoints: 4000, weight: 40 },
    ],
    [
      'MIN 40% in a new complex (no tenants yet)',
      target(workMin(4000, 40), 0, 0),
      { name: 'comp_7_WORK_OR_PENSION_MIN', sense: '>=', rhs: 0, basisPoints: 4000, weight: 40 },
    ],
  ])('%s', (_case, t, expected) => {
    const row = compositionTargetRow(complex(t), 0, withVacancy)!;
    expect(head(row)).toEqual({ ...expected, spec: { kind: 'COMPOSITION', complexIndex: 0, targetIndex: 0 }, hard: false });
  });

  it('is no row when no vacancy of the input is in the complex (no plan can change its mix)', () => {
    expect(compositionTargetRow(complex(target(vulnerableMax(3000, 100), 16, 40)), 0, new Set([1]))).toBeNull();
  });

  it.each<[string, PreparedTarget, number, string, number | null]>([
    // case, target, complex index of the vacancy, household category -> coefficient
    ['a vulnerable household adds to the count and the total', target(vulnerableMax(3000, 100), 16, 40), 0, 'VULNERABLE', FULL_SHARE - 3000],
    ['any other household only to the total', target(vulnerableMax(3000, 100), 16, 40), 0, 'NOT_VULNERABLE', -3000],
    ['a pair of another complex does not enter', target(vulnerableMax(3000, 100), 16, 40), 1, 'VULNERABLE', null],
    ['MIN: a household on a pension counts', target(workMin(4000, 40), 20, 40), 0, 'PENSION', FULL_SHARE - 4000],
    ['MIN: a household on a benefit does not', target(workMin(4000, 40), 20, 40), 0, 'BENEFIT', -4000],
  ])('%s', (_case, t, complexIndex, category, expected) => {
    const row = compositionTargetRow(complex(t), 0, withVacancy)!;
    expect(row.coef({ id: 1, complexIndex }, { categories: { [t.dimension]: category } }, 0)).toBe(expected);
  });
});

describe('portfolio quota rows (docs/domain.md §4)', () => {
  type Norms = PreparedQuotaScope['scope']['norms'];
  const norms = (o: { agreed?: boolean; passendException?: number; tiesMax?: number } = {}): Norms => ({
    quotas: {
      ...DEFAULT_LOCAL_POLICY.quotas,
      freeAllocationRoom: { ...DEFAULT_LOCAL_POLICY.quotas.freeAllocationRoom, agreedInPrestatieafspraken: o.agreed ?? false },
      passendExceptionBasisPoints: o.passendException ?? DEFAULT_LOCAL_POLICY.quotas.passendExceptionBasisPoints,
    },
    localTies: { ...DEFAULT_LOCAL_POLICY.localTies, maxShareBasisPoints: o.tiesMax ?? DEFAULT_LOCAL_POLICY.localTies.maxShareBasisPoints },
  });
  const scope = (counts: Partial<QuotaCounts>, n: Norms = norms(), vacancyIds: number[] | null = null): PreparedQuotaScope => ({
    index: 3,
    key: 'GM0363',
    scope: { ...anAssociationScope(counts), key: 'GM0363', norms: n, vacancyIds },
  });
  const inScope = { id: 1, complexIndex: 0 };
  const outOfScope = { id: 2, complexIndex: 0 };
  const anyone = { categories: {} };
  /** case, year-to-date counts, norms -> basisPoints, rhs; each case once per enforcement, with the hard flag it gives. */
  type QuotaCase = [string, Partial<QuotaCounts>, Norms, number, number];
  const HARD_FLAG: Record<QuotaEnforcement, boolean> = { SOFT: false, HARD: true };
  const underBoth = (cases: QuotaCase[]) =>
    cases.flatMap(([c, counts, n, basisPoints, rhs]) =>
      (['SOFT', 'HARD'] as const).map((e) => [`${c} (${e})`, e, counts, n, basisPoints, rhs, HARD_FLAG[e]] as const),
    );

  describe('daebTargetGroupRow: Woningwet art. 48 / BTIV 2015 art. 16', () => {
    it.each(
      underBoth([
        // >= 92.5% of DAEB homes to the target group: 10000 in >= 9250 (in + above)
        ['9 of 10 in the target group (short of 92.5%)', { daebInTargetGroup: 9, daebAboveLimit: 1 }, norms(), 9250, 9250 * 10 - FULL_SHARE * 9],
        [
          'free room 15% agreed in the prestatieafspraken: >= 85%',
          { daebInTargetGroup: 9, daebAboveLimit: 1 },
          norms({ agreed: true }),
          8500,
          8500 * 10 - FULL_SHARE * 9,
        ],
        ['nothing let yet', {}, norms(), 9250, 0],
      ]),
    )('%s', (_case, enforcement, counts, n, basisPoints, rhs, hard) => {
      expect(head(daebTargetGroupRow(scope(counts, n), quotas(enforcement)))).toEqual({
        name: 'quota_GM0363_DAEB_TARGET_GROUP',
        spec: { kind: 'QUOTA', scopeIndex: 3, quota: 'DAEB_TARGET_GROUP' },
        sense: '>=',
        rhs,
        basisPoints,
        weight: 1000, // the same under SOFT and HARD: HARD adds the flag
        hard,
      });
    });

    it.each<[string, typeof inScope, number, number | null]>([
      ['a DAEB home to the target group counts', inScope, mask('daebInTargetGroup', 'passendWithinCap'), FULL_SHARE - 9250],
      ['a DAEB home above the income limit uses the free room', inScope, mask('daebAboveLimit'), -9250],
      ['a home outside DAEB does not enter', inScope, mask('passendWithinCap'), null],
      ['a vacancy outside the scope does not enter', outOfScope, mask('daebInTargetGroup'), null],
    ])('%s', (_case, v, m, expected) => {
      expect(daebTargetGroupRow(scope({}, norms(), [1]), quotas('SOFT')).coef(v, anyone, m)).toBe(expected);
    });
  });

  describe('passendWithinCapRow: Woningwet art. 46 lid 2 / BTIV 2015 art. 54', () => {
    it.each(
      underBoth([
        // >= 95% of passend-covered allocations within the cap: 10000 within >= 9500 (within + above)
        ['4 of 4 within the cap', { passendWithinCap: 4 }, norms(), 9500, 9500 * 4 - FULL_SHARE * 4],
        ['18 of 20 within the cap (short)', { passendWithinCap: 18, passendAboveCap: 2 }, norms(), 9500, 9500 * 20 - FULL_SHARE * 18],
        ['a 10% exception in the policy', { passendWithinCap: 18, passendAboveCap: 2 }, norms({ passendException: 1000 }), 9000, 0],
      ]),
    )('%s', (_case, enforcement, counts, n, basisPoints, rhs, hard) => {
      expect(head(passendWithinCapRow(scope(counts, n), quotas(enforcement)))).toEqual({
        name: 'quota_GM0363_PASSEND_WITHIN_CAP',
        spec: { kind: 'QUOTA', scopeIndex: 3, quota: 'PASSEND_WITHIN_CAP' },
        sense: '>=',
        rhs,
        basisPoints,
        weight: 900, // the same under SOFT and HARD: HARD adds the flag
        hard,
      });
    });

    it.each<[string, typeof inScope, number, number | null]>([
      ['a passend-covered household within the cap counts', inScope, mask('daebInTargetGroup', 'passendWithinCap'), FULL_SHARE - 9500],
      ['one above the cap uses the exception', inScope, mask('daebInTargetGroup', 'passendAboveCap'), -9500],
      ['a household above the passend limit does not enter', inScope, mask('daebInTargetGroup'), null],
      ['a vacancy outside the scope does not enter', outOfScope, mask('passendWithinCap'), null],
    ])('%s', (_case, v, m, expected) => {
      expect(passendWithinCapRow(scope({}, norms(), [1]), quotas('SOFT')).coef(v, anyone, m)).toBe(expected);
    });
  });

  describe('localTiesRow: Huisvestingswet 2014 art. 14', () => {
    it.each(
      underBoth([
        // <= 50% of all allocations with local-ties priority: 10000 ties <= 5000 allocations
        ['5 of 10 with local ties (at the cap)', { allocations: 10, localTiesPriority: 5 }, norms(), 5000, 0],
        ['6 of 10 (over the cap)', { allocations: 10, localTiesPriority: 6 }, norms(), 5000, 5000 * 10 - FULL_SHARE * 6],
        ['a 30% cap in the policy', { allocations: 10, localTiesPriority: 2 }, norms({ tiesMax: 3000 }), 3000, 3000 * 10 - FULL_SHARE * 2],
      ]),
    )('%s', (_case, enforcement, counts, n, basisPoints, rhs, hard) => {
      expect(head(localTiesRow(scope(counts, n), quotas(enforcement)))).toEqual({
        name: 'quota_GM0363_LOCAL_TIES',
        spec: { kind: 'QUOTA', scopeIndex: 3, quota: 'LOCAL_TIES' },
        sense: '<=',
        rhs,
        basisPoints,
        weight: 500, // the same under SOFT and HARD: HARD adds the flag
        hard,
      });
    });

    it.each<[string, typeof inScope, number, number | null]>([
      ['an allocation with local-ties priority counts', inScope, mask('daebInTargetGroup', 'localTiesPriority'), FULL_SHARE - 5000],
      ['every other allocation in scope enters the base', inScope, mask(), -5000],
      ['a vacancy outside the scope does not enter', outOfScope, mask('localTiesPriority'), null],
    ])('%s', (_case, v, m, expected) => {
      expect(localTiesRow(scope({}, norms(), [1]), quotas('SOFT')).coef(v, anyone, m)).toBe(expected);
    });
  });

  it('a scope without vacancyIds takes every vacancy of the input', () => {
    const s = scope({}, norms(), null);
    for (const build of [daebTargetGroupRow, passendWithinCapRow, localTiesRow]) {
      expect(build(s, quotas('SOFT')).coef(outOfScope, anyone, mask('daebInTargetGroup', 'passendWithinCap', 'localTiesPriority'))).not.toBeNull();
    }
  });

  describe('a quota row no pair can enter is a constant (scope without vacancies here)', () => {
    const empty = (counts: Partial<QuotaCounts>) => scope(counts, norms(), []);
    it.each<[string, QuotaEnforcement, Partial<QuotaCounts>, number, string[]]>([
      // DAEB 5 of 10: rhs 9250 x 10 - 10000 x 5 = 42500 short -> 4.25 households at 1000 points
      ['SOFT, broken: its penalty', 'SOFT', { daebInTargetGroup: 5, daebAboveLimit: 5 }, (1000 * 42_500) / FULL_SHARE, []],
      [
        'HARD, broken: the plan is infeasible',
        'HARD',
        { daebInTargetGroup: 5, daebAboveLimit: 5 },
        0,
        ['quota_GM0363_DAEB_TARGET_GROUP is broken already and no candidate can change it'],
      ],
      ['SOFT, within the norm: nothing', 'SOFT', { daebInTargetGroup: 10 }, 0, []],
      ['HARD, within the norm: nothing', 'HARD', { daebInTargetGroup: 10 }, 0, []],
    ])('%s', (_case, enforcement, counts, constantPenalty, constantInfeasibilities) => {
      const draft = daebTargetGroupRow(empty(counts), quotas(enforcement));
      expect(draft.coef(inScope, anyone, mask('daebInTargetGroup'))).toBeNull();
      const settled = settleSideRows([draft], [{ pairs: [], coefs: [] }]);
      expect(settled.sideRows).toEqual([]);
      expect(settled.constantPenalty).toBe(constantPenalty);
      expect(settled.constantInfeasibilities).toEqual(constantInfeasibilities);
    });
  });
});

describe('sideRowDrafts: all rows in model order', () => {
  const t = (id: string): PreparedTarget => ({ ...vulnerableMax(3000, 100), id, source: 'RESILIENCE_CLASS_DEFAULT', baseCount: 1, baseTotal: 10 });
  const complexes = [
    { index: 0, id: 1, targets: [t('A_MAX'), t('B_MAX')] },
    { index: 1, id: 2, targets: [t('C_MAX')] }, // no vacancy in the input: no rows
    { index: 2, id: 3, targets: [t('D_MAX')] },
  ];
  const scopes: PreparedQuotaScope[] = ['ASSOCIATION', 'GM0363'].map((key, index) => ({ index, key, scope: { ...anAssociationScope(), key } }));

  it.each<[QuotaEnforcement, boolean]>([
    ['SOFT', false],
    ['HARD', true],
  ])('composition targets of complexes with vacancies, then three quotas per scope (%s quotas)', (enforcement, hardQuotas) => {
    const drafts = sideRowDrafts(complexes, [{ complexIndex: 2 }, { complexIndex: 0 }], scopes, quotas(enforcement));
    expect(drafts.map((d) => [d.name, d.hard])).toEqual([
      ['comp_1_A_MAX', false],
      ['comp_1_B_MAX', false],
      ['comp_3_D_MAX', false],
      ...['ASSOCIATION', 'GM0363'].flatMap((key) => [
        [`quota_${key}_DAEB_TARGET_GROUP`, hardQuotas],
        [`quota_${key}_PASSEND_WITHIN_CAP`, hardQuotas],
        [`quota_${key}_LOCAL_TIES`, hardQuotas],
      ]),
    ]);
    expect(drafts.slice(3).map((d) => d.weight)).toEqual([1000, 900, 500, 1000, 900, 500]);
  });
});

describe('settleSideRows', () => {
  const draft = (name: string, sense: '<=' | '>=', rhs: number, weight: number, hard = false): Omit<SideRowDraft, 'coef'> => ({
    name,
    spec: { kind: 'COMPOSITION', complexIndex: 0, targetIndex: 0 },
    sense,
    rhs,
    basisPoints: 3000,
    weight,
    hard,
  });

  it('keeps the rows some pair enters, renumbered in draft order, with their pairs and coefficients', () => {
    const settled = settleSideRows(
      [draft('a', '<=', -20_000, 100), draft('b', '<=', 5000, 100), draft('c', '>=', 0, 40)],
      [
        { pairs: [], coefs: [] },
        { pairs: [0, 2], coefs: [7000, -3000] },
        { pairs: [1], coefs: [6000] },
      ],
    );
    expect(settled.sideRows.map((r) => [r.index, r.name, [...r.pairs], [...r.coefs]])).toEqual([
      [0, 'b', [0, 2], [7000, -3000]],
      [1, 'c', [1], [6000]],
    ]);
    expect([...settled.rowRemap]).toEqual([-1, 0, 1]);
    expect(settled.sideRows[0]).toMatchObject({ sense: '<=', rhs: 5000, basisPoints: 3000, weight: 100, hard: false });
  });

  it.each<[string, Omit<SideRowDraft, 'coef'>, number, string[]]>([
    // a '<=' row is broken by -rhs, a '>=' row by rhs (basis-point households)
    ['a MAX already 2 households over: 2 x its weight', draft('over', '<=', -20_000, 100), 200, []],
    ['a MAX with room left: nothing', draft('room', '<=', 20_000, 100), 0, []],
    ['a MIN 1.5 households short: 1.5 x its weight', draft('short', '>=', 15_000, 40), 60, []],
    ['a hard row broken: infeasible, no penalty', draft('hard', '>=', 15_000, 40, true), 0, ['hard is broken already and no candidate can change it']],
    ['a hard row met: nothing', draft('met', '>=', -1, 40, true), 0, []],
  ])('a row no pair enters is a constant: %s', (_case, d, constantPenalty, constantInfeasibilities) => {
    const settled = settleSideRows([d], [{ pairs: [], coefs: [] }]);
    expect(settled.sideRows).toEqual([]);
    expect(settled.constantPenalty).toBe(constantPenalty);
    expect(settled.constantInfeasibilities).toEqual(constantInfeasibilities);
  });
});
