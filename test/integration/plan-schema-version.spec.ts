import { PlanSchemaVersion1764000000010 } from '../../migrations/1764000000010-plan-schema-version.js';
import { TestApp, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

/** Plans stored before their shape was versioned get version 1, and read and replay as before. */
describe('stored plan schema version (migration 1764000000010)', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => ({ sut, ids } = await createCaseApp()));
  afterAll(() => sut.close());

  it('stores new plans with their version, gives older ones version 1, and reads and replays both', async () => {
    const made = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { rank } } }`, { v: ids['VAC-C'] });
    expect(made.errors).toBeUndefined();
    const id = Number(made.data.proposeAllocation.id);
    const [stored] = await sut.dataSource.query(`SELECT plan::jsonb->'schemaVersion' AS v FROM proposal WHERE id = $1`, [id]);
    expect(Number(stored.v)).toBe(1);

    // as a plan stored before the migration: no version
    await sut.dataSource.query(`UPDATE proposal SET plan = (plan::jsonb - 'schemaVersion')::json WHERE id = $1`, [id]);
    const unversioned = await sut.gql(`query($p: ID!) { proposal(id: $p) { id } }`, { p: String(id) });
    expect(unversioned.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    const runner = sut.dataSource.createQueryRunner();
    try {
      await new PlanSchemaVersion1764000000010().up(runner);
    } finally {
      await runner.release();
    }
    const read = await sut.gql(`query($p: ID!) { proposal(id: $p) { id chosen { rank } } }`, { p: String(id) });
    expect(read.errors).toBeUndefined();
    expect(read.data.proposal.chosen).toEqual(made.data.proposeAllocation.chosen);
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
