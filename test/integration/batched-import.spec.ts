import { ImportProgress, ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

const COUNTS = `SELECT (SELECT count(*)::int FROM neighbourhood) AS neighbourhoods, (SELECT count(*)::int FROM complex) AS complexes,
  (SELECT count(*)::int FROM dwelling) AS dwellings, (SELECT count(*)::int FROM household) AS households,
  (SELECT count(*)::int FROM tenancy) AS tenancies, (SELECT count(*)::int FROM vacancy) AS vacancies,
  (SELECT count(*)::int FROM vacancy_response) AS responses`;

/**
 * A dataset larger than one import may hold is imported in batches (issue 18: the large demo region):
 * each batch validated like an import, references across batches resolved, and still all or nothing.
 * Batches of two rows here, so that every section of the case dataset spans several.
 */
describe('a batched import', () => {
  let sut: TestApp;
  let imports: ImportsService;
  /** The audit log is append-only and outlives test files on a shared PostgreSQL server: events after this one are this test's. */
  let since: number;
  beforeEach(async () => {
    sut = await createTestApp();
    imports = sut.app.get(ImportsService);
    [{ seq: since }] = await sut.dataSource.query(`SELECT coalesce(max(seq), 0)::int AS seq FROM audit_event`);
  });
  const importEvents = async (): Promise<{ payload: Record<string, unknown> }[]> =>
    sut.dataSource.query(`SELECT body::jsonb -> 'payload' AS payload FROM audit_event WHERE type = 'DATA_IMPORTED' AND seq > $1`, [since]);
  afterEach(() => sut.close());

  it('writes every section in batches, rows referring to rows of earlier batches, and reports progress after each batch', async () => {
    const dataset = caseDataset();
    const progress: ImportProgress[] = [];
    const result = await imports.importDatasetInBatches(dataset, { batchRows: 2, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ ok: true, written: true, errors: [] });
    const [counts] = await sut.dataSource.query(COUNTS);
    expect(counts).toEqual({
      neighbourhoods: dataset.neighbourhoods!.length,
      complexes: dataset.complexes!.length,
      dwellings: dataset.dwellings!.length,
      households: dataset.households!.length,
      tenancies: dataset.tenancies!.length,
      vacancies: dataset.vacancies!.length,
      responses: dataset.vacancies!.reduce((n, v) => n + (v.respondents?.length ?? 0), 0),
    });
    const total = result.rows.reduce((n, r) => n + r.rows, 0);
    expect(progress.length).toBe(result.rows.reduce((n, r) => n + Math.ceil(r.rows / 2), 0));
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ done: total, total });
    for (const p of progress) expect(p.sectionDone).toBeLessThanOrEqual(p.sectionTotal);
    const trail = await importEvents();
    expect(trail).toHaveLength(1);
    expect(trail[0].payload).toMatchObject({ batches: progress.length, rows: result.rows });
  });

  it('writes nothing when a row of a late batch is bad, naming its line in the whole section', async () => {
    const dataset = caseDataset();
    const households = dataset.households!;
    const last = households.length - 1;
    households[last] = { ...households[last], registrationDate: 'gisteren' };
    const result = await imports.importDatasetInBatches(dataset, { batchRows: 2 });
    expect(result.ok).toBe(false);
    expect(result.written).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ section: 'households', line: last + 1, field: 'registrationDate' })]);
    // the earlier sections and batches were written inside the same transaction, and rolled back with it
    expect((await sut.dataSource.query(COUNTS))[0]).toEqual({
      neighbourhoods: 0,
      complexes: 0,
      dwellings: 0,
      households: 0,
      tenancies: 0,
      vacancies: 0,
      responses: 0,
    });
    expect(await importEvents()).toEqual([]);
  });

  it('finds a duplicate across batches, and refuses a batch size outside 1 to the import limit', async () => {
    const dataset = caseDataset();
    dataset.dwellings!.push({ ...dataset.dwellings![0] });
    const result = await imports.importDatasetInBatches(dataset, { batchRows: 2 });
    expect(result.errors).toEqual([expect.objectContaining({ section: 'dwellings', line: dataset.dwellings!.length, field: 'code' })]);
    await expect(imports.importDatasetInBatches(caseDataset(), { batchRows: 0 })).rejects.toThrow(/batchRows/);
  });
});
