import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per household that changes whenever anything the engine reads about it changes (the
 * household row or its members), kept by the database itself so no writer can forget it (imports,
 * mutations, a script in psql). The service caches each household's facts by (id, version) and reads
 * only the versions of respondents on every proposal (src/households/household-facts.cache.ts).
 * Versions come from one sequence: a value is never handed out twice, even after a rollback or a
 * household deleted and inserted again under the same id. So the sequence is deliberately owned by no
 * column: `TRUNCATE ... RESTART IDENTITY` (the demo reload) restarts the ids but never the versions.
 */
export class HouseholdFactsVersion1764000000011 implements MigrationInterface {
  name = 'HouseholdFactsVersion1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE household_facts_version_seq`);
    await q.query(`ALTER TABLE household ADD COLUMN facts_version bigint NOT NULL DEFAULT nextval('household_facts_version_seq')`);
    await q.query(`
      CREATE FUNCTION household_facts_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- any change to the row counts (a column the engine reads later must not be missed), and the
        -- version is never taken from the writer
        IF NEW IS DISTINCT FROM OLD THEN
          NEW.facts_version := nextval('household_facts_version_seq');
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER household_facts_version BEFORE UPDATE ON household FOR EACH ROW EXECUTE FUNCTION household_facts_version_bump()`);
    // members: one statement per member statement (transition tables), so an import of thousands of
    // members touches each household once
    await q.query(`
      CREATE FUNCTION household_member_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM new_members);
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM old_members);
        ELSE
          UPDATE household SET facts_version = 0
           WHERE id IN (SELECT household_id FROM new_members UNION SELECT household_id FROM old_members);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER household_member_inserted AFTER INSERT ON household_member REFERENCING NEW TABLE AS new_members
      FOR EACH STATEMENT EXECUTE FUNCTION household_member_facts_changed()`);
    await q.query(`CREATE TRIGGER household_member_updated AFTER UPDATE ON household_member REFERENCING NEW TABLE AS new_members OLD TABLE AS old_members
      FOR EACH STATEMENT EXECUTE FUNCTION household_member_facts_changed()`);
    await q.query(`CREATE TRIGGER household_member_deleted AFTER DELETE ON household_member REFERENCING OLD TABLE AS old_members
      FOR EACH STATEMENT EXECUTE FUNCTION household_member_facts_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['household_member_inserted', 'household_member_updated', 'household_member_deleted'])
      await q.query(`DROP TRIGGER ${t} ON household_member`);
    await q.query(`DROP FUNCTION household_member_facts_changed()`);
    await q.query(`DROP TRIGGER household_facts_version ON household`);
    await q.query(`DROP FUNCTION household_facts_version_bump()`);
    await q.query(`ALTER TABLE household DROP COLUMN facts_version`);
    await q.query(`DROP SEQUENCE household_facts_version_seq`);
  }
}
