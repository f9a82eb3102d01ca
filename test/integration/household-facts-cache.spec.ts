import { householdFactsByIds, respondentFactsByVacancy } from '../../src/households/household-facts.query.js';
import { TestApp, createCaseApp } from '../helpers/test-app.js';

/**
 * The service keeps households' facts by (id, version), the version kept by the database
 * (migrations/1764000000011-household-facts-version.ts). Whatever writes, however it writes, the
 * next read sees the change: each case writes with plain SQL, as a script or another instance would.
 */
describe('household facts cache (versions kept by the database)', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let vacancyId: number;
  let householdId: number;
  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    vacancyId = Number(ids['VAC-C']);
    [{ household_id: householdId }] = await sut.dataSource.query(
      `SELECT r.household_id FROM vacancy_response r JOIN household h ON h.id = r.household_id
        WHERE r.vacancy_id = $1 AND h.on_waiting_list ORDER BY r.household_id LIMIT 1`,
      [vacancyId],
    );
  });
  afterAll(() => sut.close());

  const m = () => sut.dataSource.manager;
  const facts = async () => (await householdFactsByIds(m(), [householdId]))[0];
  const respondent = async () => (await respondentFactsByVacancy(m(), [vacancyId])).get(vacancyId)!.find((h) => h.id === householdId)!;
  const version = async () => (await sut.dataSource.query('SELECT facts_version::text AS v FROM household WHERE id = $1', [householdId]))[0].v as string;

  it('hands out the same frozen facts while nothing changed, and the same as a fresh read', async () => {
    const first = await respondent();
    expect(await respondent()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.members) && Object.isFrozen(first.members[0])).toBe(true);
    expect(await facts()).toBe(first);
  });

  it.each([
    ['an income', `UPDATE household SET taxable_income_cents = taxable_income_cents + 100 WHERE id = $1`, (f: any) => f.taxableIncomeCents],
    ['an urgency', `UPDATE household SET urgency_category = 'MEDICAL', urgency_granted = '2026-01-01' WHERE id = $1`, (f: any) => f.urgency],
    [
      'a member added',
      `INSERT INTO household_member (household_id, position, role, birth_date) VALUES ($1, 99, 'CHILD', '2020-05-05')`,
      (f: any) => f.members.length,
    ],
    [
      'a member changed',
      `UPDATE household_member SET birth_date = '1950-01-01' WHERE household_id = $1 AND position = (SELECT min(position) FROM household_member WHERE household_id = $1)`,
      (f: any) => f.members[0].birthDate,
    ],
    ['a member removed', `DELETE FROM household_member WHERE household_id = $1 AND position = 99`, (f: any) => f.members.length],
  ])('%s, written with plain SQL, is read at once', async (_what, sql, read) => {
    const before = await respondent();
    const versionBefore = await version();
    await sut.dataSource.query(sql, [householdId]);
    const after = await respondent();
    expect(await version()).not.toBe(versionBefore);
    expect(read(after)).not.toEqual(read(before));
    expect(await facts()).toEqual(after);
  });

  it('a change rolled back leaves the version and the facts as they were', async () => {
    const before = await respondent();
    const versionBefore = await version();
    await sut.dataSource
      .transaction(async (t) => {
        await t.query('UPDATE household SET taxable_income_cents = 1 WHERE id = $1', [householdId]);
        expect((await respondentFactsByVacancy(t, [vacancyId])).get(vacancyId)!.find((h) => h.id === householdId)!.taxableIncomeCents).toBe(1);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await version()).toBe(versionBefore);
    // read again (the entry held the rolled-back version), never the rolled-back income
    expect(await respondent()).toEqual(before);
  });

  it('a writer cannot set the version itself, and every write of the row is a new version, one that changes nothing too', async () => {
    const versionBefore = await version();
    await sut.dataSource.query('UPDATE household SET reference = reference WHERE id = $1', [householdId]);
    const afterNoChange = await version();
    expect(afterNoChange).not.toBe(versionBefore);
    await sut.dataSource.query('UPDATE household SET facts_version = 1 WHERE id = $1', [householdId]);
    expect(await version()).not.toBe('1');
    expect(await version()).not.toBe(afterNoChange);
  });

  // members written by the transaction that wrote the household row itself take no second version
  // (migrations/1764000000026-household-version-own-writes.ts); these cases hold the rule's edges
  it('a household and its members inserted in one transaction keep the version the insert took', async () => {
    const id = await sut.dataSource.transaction(async (t) => {
      const [{ id, v }] = await t.query(
        `INSERT INTO household (reference, taxable_income_cents, income_year, income_source, registration_date, on_waiting_list)
         VALUES ('FACTS-OWN-1', 2500000, 2025, 'WORK', '2020-01-01', true) RETURNING id, facts_version::text AS v`,
      );
      await t.query(`INSERT INTO household_member (household_id, position, role, birth_date) VALUES ($1, 0, 'APPLICANT', '1980-01-01')`, [id]);
      const [{ v: after }] = await t.query('SELECT facts_version::text AS v FROM household WHERE id = $1', [id]);
      expect(after).toBe(v);
      return id as number;
    });
    expect((await householdFactsByIds(m(), [id]))[0].members).toEqual([{ role: 'APPLICANT', birthDate: '1980-01-01' }]);
  });

  it('facts read inside a transaction that wrote the household are not kept: a member it adds next is read after it commits', async () => {
    const before = await facts();
    await sut.dataSource.transaction(async (t) => {
      // a write that changes nothing, then a read (as a service could), then a member
      await t.query('UPDATE household SET reference = reference WHERE id = $1', [householdId]);
      expect((await householdFactsByIds(t, [householdId]))[0].members).toHaveLength(before.members.length);
      await t.query(`INSERT INTO household_member (household_id, position, role, birth_date) VALUES ($1, 98, 'CHILD', '2021-02-02')`, [householdId]);
    });
    const after = await facts();
    expect(after.members).toHaveLength(before.members.length + 1);
    expect(await respondent()).toBe(after);
    await sut.dataSource.query('DELETE FROM household_member WHERE household_id = $1 AND position = 98', [householdId]);
    expect((await facts()).members).toHaveLength(before.members.length);
  });

  it('members added inside a savepoint for a household the transaction wrote before it still take a new version', async () => {
    const before = await facts();
    await sut.dataSource.transaction(async (t) => {
      await t.query('UPDATE household SET reference = reference WHERE id = $1', [householdId]);
      await t.query('SAVEPOINT members');
      await t.query('UPDATE household SET reference = reference WHERE id = $1', [householdId]);
      const [{ v }] = await t.query('SELECT facts_version::text AS v FROM household WHERE id = $1', [householdId]);
      await t.query(`INSERT INTO household_member (household_id, position, role, birth_date) VALUES ($1, 97, 'CHILD', '2022-03-03')`, [householdId]);
      const [{ v: after }] = await t.query('SELECT facts_version::text AS v FROM household WHERE id = $1', [householdId]);
      expect(after).not.toBe(v);
      await t.query('RELEASE SAVEPOINT members');
    });
    expect((await facts()).members).toHaveLength(before.members.length + 1);
    await sut.dataSource.query('DELETE FROM household_member WHERE household_id = $1 AND position = 97', [householdId]);
  });

  it('a household deleted and inserted again under the same id is read afresh (versions never repeat)', async () => {
    const before = await respondent();
    await sut.dataSource.transaction(async (t) => {
      const [row] = await t.query('SELECT * FROM household WHERE id = $1', [householdId]);
      const members = await t.query('SELECT position, role, birth_date::text AS birth_date FROM household_member WHERE household_id = $1', [householdId]);
      await t.query('DELETE FROM vacancy_response WHERE household_id = $1', [householdId]);
      await t.query('DELETE FROM household_member WHERE household_id = $1', [householdId]);
      await t.query('DELETE FROM household WHERE id = $1', [householdId]);
      await t.query(
        `INSERT INTO household (id, reference, taxable_income_cents, income_year, income_source, registration_date, on_waiting_list)
         VALUES ($1, $2, $3, $4, $5, $6, true)`,
        [householdId, row.reference, Number(row.taxable_income_cents) + 5000, row.income_year, row.income_source, row.registration_date],
      );
      for (const mem of members)
        await t.query('INSERT INTO household_member (household_id, position, role, birth_date) VALUES ($1, $2, $3, $4)', [
          householdId,
          mem.position,
          mem.role,
          mem.birth_date,
        ]);
      await t.query('INSERT INTO vacancy_response (vacancy_id, household_id) VALUES ($1, $2)', [vacancyId, householdId]);
    });
    const after = await respondent();
    expect(after.taxableIncomeCents).toBe(before.taxableIncomeCents + 5000);
  });
});
