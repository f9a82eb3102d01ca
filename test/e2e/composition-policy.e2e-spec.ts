import { ImportsService } from '../../src/imports/imports.service.js';
import { compositionPolicyDocumentProblems } from '../../src/engine/allocation/composition-policy-document.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, createTestApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const ADD = `mutation($input: AddCompositionPolicyVersionInput!) { addCompositionPolicyVersion(input: $input) { id code version name effectiveFrom document } }`;

describe('composition policy versions (admin) over GraphQL', () => {
  let sut: TestApp;
  let vacancyId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    [{ id: vacancyId }] = await sut.dataSource.query(`SELECT id::text FROM vacancy WHERE reference = 'VAC-C'`);
  });
  afterAll(() => sut.close());

  const currentDocument = async () => {
    const { data } = await sut.gql(`{ compositionPolicies { version document } }`);
    return JSON.parse(data.compositionPolicies.at(-1).document);
  };

  it('lists the shipped version', async () => {
    const { data } = await sut.gql(`{ compositionPolicies { code version effectiveFrom } }`);
    expect(data.compositionPolicies).toEqual([{ code: 'DEFAULT', version: 1, effectiveFrom: '2024-01-01' }]);
  });

  it('names the dimensions a target may count, with their categories, as the validator accepts them', async () => {
    const { data, errors } = await sut.gql(`{ compositionDimensions { dimension categories } }`);
    expect(errors).toBeUndefined();
    expect(data.compositionDimensions.map((d: any) => d.dimension)).toEqual(['HOUSEHOLD_TYPE', 'AGE_BAND', 'INCOME_BAND', 'INCOME_SOURCE', 'VULNERABILITY']);
    expect(data.compositionDimensions.find((d: any) => d.dimension === 'INCOME_SOURCE').categories).toEqual(['WORK', 'BENEFIT', 'PENSION', 'STUDENT', 'OTHER']);
    // every category offered is one a version may use: a target naming all of them passes the document's checks
    const doc = await currentDocument();
    doc.defaultsByResilienceClass['5'] = data.compositionDimensions.map((d: any, i: number) => ({
      id: `ALL_${i}`,
      label: `every ${d.dimension} category`,
      dimension: d.dimension,
      categories: d.categories,
      bound: 'MAX',
      basisPoints: 10_000,
      weight: 1,
    }));
    expect(compositionPolicyDocumentProblems(doc)).toEqual([]);
  });

  it('refuses a bad version, naming every field and the reason, and stores nothing', async () => {
    const doc = await currentDocument();
    doc.rankStepPoints = -5;
    doc.defaultsByResilienceClass['1'][0].categories = ['WORK'];
    const cases: [Record<string, unknown>, { field: string; reason: string | RegExp }[]][] = [
      [{ effectiveFrom: '2026-03-02', name: 'Plan Rozenhof', document: '{not json' }, [{ field: 'document', reason: /is not valid JSON/ }]],
      [
        { effectiveFrom: '2026-03-02', name: 'Plan Rozenhof', document: JSON.stringify(doc) },
        [
          { field: 'document.rankStepPoints', reason: 'must be a whole number from 0 to 10000000' },
          { field: 'document.defaultsByResilienceClass.1[0].categories', reason: /WORK not in VULNERABILITY/ },
        ],
      ],
      [
        { effectiveFrom: '2026-03-01', name: 'Plan Rozenhof', document: JSON.stringify(await currentDocument()) },
        [{ field: 'effectiveFrom', reason: 'must be today (2026-03-02) or later: a policy does not change the past' }],
      ],
      [
        {
          effectiveFrom: '2026-03-02',
          name: 'Plan Rozenhof',
          document: JSON.stringify({ ...(await currentDocument()), complexOverridesByCode: { NOPE: { targets: [], removeTargetIds: [] } } }),
        },
        [{ field: 'document.complexOverridesByCode', reason: 'names unknown complexes (NOPE)' }],
      ],
    ];
    for (const [input, expected] of cases) {
      const { errors } = await sut.gql(ADD, { input });
      expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(errors![0].extensions.fields).toEqual(
        expected.map((e) => ({ field: e.field, reason: typeof e.reason === 'string' ? e.reason : expect.stringMatching(e.reason) })),
      );
    }
    const { data } = await sut.gql(`{ compositionPolicies { version } }`);
    expect(data.compositionPolicies).toHaveLength(1);
  });

  it('adds a version with a stricter cap for one complex; proposals from its date use it and name it', async () => {
    const doc = await currentDocument();
    doc.complexOverridesByCode = {
      CASE: {
        targets: [
          {
            id: 'VULNERABLE_MAX',
            label: 'vulnerable households',
            dimension: 'VULNERABILITY',
            categories: ['VULNERABLE'],
            bound: 'MAX',
            basisPoints: 2000,
            weight: 150,
          },
        ],
        removeTargetIds: [],
      },
    };
    const { data, errors } = await sut.gql(ADD, { input: { effectiveFrom: '2026-03-02', name: 'Plan Rozenhof', document: JSON.stringify(doc) } });
    expect(errors).toBeUndefined();
    expect(data.addCompositionPolicyVersion).toMatchObject({ code: 'DEFAULT', version: 2, name: 'Plan Rozenhof', effectiveFrom: '2026-03-02' });

    const proposal = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { plan composition { targetId basisPoints weight source } } }`, {
      v: vacancyId,
    });
    expect(proposal.errors).toBeUndefined();
    expect(JSON.parse(proposal.data.proposeAllocation.plan).policy).toEqual({ id: 'DEFAULT', version: 2, effectiveFrom: '2026-03-02' });
    expect(proposal.data.proposeAllocation.composition.find((t: any) => t.targetId === 'VULNERABLE_MAX')).toEqual({
      targetId: 'VULNERABLE_MAX',
      basisPoints: 2000,
      weight: 150,
      source: 'COMPLEX_OVERRIDE',
    });
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
