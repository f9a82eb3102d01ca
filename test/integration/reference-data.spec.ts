import { CompositionPolicyService } from '../../src/allocation/composition-policy.service.js';
import { LocalPolicyService } from '../../src/eligibility/local-policy.service.js';
import { DEFAULT_COMPOSITION_POLICY } from '../../src/engine/allocation/composition-policy.js';
import { RuleParametersService } from '../../src/parameters/rule-parameters.service.js';
import { DEFAULT_LOCAL_POLICY } from '../../src/engine/eligibility/default-local-policy.js';
import { PARAMS_2024, PARAMS_2025, PARAMS_2026 } from '../../src/engine/eligibility/test-fixtures/rule-parameters.fixture.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

describe('reference data loaded by the migrations', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it.each([PARAMS_2024, PARAMS_2025, PARAMS_2026])('stores the published figures of $year (same as the engine fixtures)', async (fixture) => {
    const { sources: _s, ...stored } = await sut.app.get(RuleParametersService).forYear(fixture.year);
    const { sources: _f, ...expected } = fixture;
    expect(stored).toEqual(expected);
  });

  it('names a source for every parameter group of every year', async () => {
    for (const year of [2024, 2025, 2026]) {
      const { sources } = await sut.app.get(RuleParametersService).forYear(year);
      expect(Object.keys(sources)).toEqual(
        expect.arrayContaining(['daebIncome', 'daebRent', 'passendIncome', 'rentCaps', 'qualityDiscount', 'youthAge', 'aowAge']),
      );
    }
  });

  it('ships the default local policy as data, equal to the engine defaults', async () => {
    const { policy } = await sut.app.get(LocalPolicyService).inForce('GM9001', '2026-03-02');
    const { id, name: _name, ...stored } = policy;
    const { id: _id, name: _n, ...expected } = DEFAULT_LOCAL_POLICY;
    expect(id).toBe('DEFAULT@1');
    expect(stored).toEqual(expected);
  });

  it('ships the default composition policy as data, equal to the engine defaults (migrations keep a frozen copy)', async () => {
    const { policy } = await sut.app.get(CompositionPolicyService).inForce(sut.dataSource.manager, '2026-03-02');
    const { effectiveFrom, ...stored } = policy;
    const { effectiveFrom: _e, ...expected } = DEFAULT_COMPOSITION_POLICY;
    expect(effectiveFrom).toBe('2024-01-01');
    expect(stored).toEqual(expected);
  });

  it('prefers a region policy over the default, by effective date and version', async () => {
    const [base] = await sut.dataSource.query(`SELECT document FROM local_policy WHERE code = 'DEFAULT'`);
    const insert = (version: number, effectiveFrom: string, share: number) =>
      sut.dataSource.query(
        `INSERT INTO local_policy (code, version, name, municipality_codes, effective_from, document) VALUES ('REGIO', $1, 'Regio', '{GM9001,GM9002}', $2, $3)`,
        [
          version,
          effectiveFrom,
          JSON.stringify({
            ...base.document,
            quotas: { ...base.document.quotas, freeAllocationRoom: { ...base.document.quotas.freeAllocationRoom, agreedInPrestatieafspraken: share === 1500 } },
          }),
        ],
      );
    await insert(1, '2025-01-01', 750);
    await insert(2, '2026-07-01', 1500);
    const policies = sut.app.get(LocalPolicyService);
    expect((await policies.inForce('GM9001', '2026-03-02')).policy.id).toBe('REGIO@1');
    expect((await policies.inForce('GM9001', '2026-07-01')).policy.quotas.freeAllocationRoom.agreedInPrestatieafspraken).toBe(true);
    expect((await policies.inForce('GM9003', '2026-07-01')).policy.id).toBe('DEFAULT@1');
    expect((await policies.inForce(null, '2026-07-01')).policy.id).toBe('DEFAULT@1');
    expect((await policies.inForce('GM9001', '2024-06-01')).policy.id).toBe('DEFAULT@1');
  });
});
