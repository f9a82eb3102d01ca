import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Household facts versions (1764000000011-household-facts-version.ts) without rewriting the rows a
 * transaction has just written itself. Members inserted for households inserted in the same
 * transaction (every import, a new household) used to update each of those households once more,
 * through a scan of the whole household table: on the large region's import (issue 18) that was most
 * of its time, and it grew with the table.
 *
 * The rule that makes skipping them safe: every write of a household row takes a new version (not only
 * a write that changes something). A row whose last writer is the current transaction (xmin; a
 * savepoint's rows have their own xid and are still bumped) therefore carries a version that this
 * transaction took and no other has seen: once it commits, that version is first read with these
 * members. (Raw xids come round after 2^32 transactions: a row left unwritten that long whose xmin
 * met the current xid would keep its version; that many transactions is decades of any association's
 * work.) Rows of other transactions are bumped as before, found through the primary key. The same
 * for sanctions (1764000000019-offer-block-facts.ts), whose trigger scanned the table on every offer
 * refused. The service never caches facts read from a row its own transaction wrote
 * (src/households/household-facts.query.ts), since members may still change under that version.
 */
export class HouseholdVersionOwnWrites1764000000026 implements MigrationInterface {
  name = 'HouseholdVersionOwnWrites1764000000026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION household_facts_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- every write is a new version, a write that changes nothing too: so a row this transaction
        -- wrote always carries a version this transaction took (household_member_facts_changed)
        NEW.facts_version := nextval('household_facts_version_seq');
        RETURN NEW;
      END $$`);
    await q.query(factsChangedFunction('household_member_facts_changed', 'new_members', 'old_members'));
    await q.query(factsChangedFunction('sanction_facts_changed', 'new_sanctions', 'old_sanctions'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION household_facts_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW IS DISTINCT FROM OLD THEN
          NEW.facts_version := nextval('household_facts_version_seq');
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(formerFactsChangedFunction('household_member_facts_changed', 'new_members', 'old_members'));
    await q.query(formerFactsChangedFunction('sanction_facts_changed', 'new_sanctions', 'old_sanctions'));
  }
}

/**
 * The statement trigger that gives the households behind changed rows of a table of their facts
 * (members, sanctions) a new version, through its transition tables `inserted` and `deleted`.
 */
function factsChangedFunction(name: string, inserted: string, deleted: string): string {
  return `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql
    -- the statement's plan is made once per session and kept (PL/pgSQL): made while the table was
    -- small, a scan of it stayed the plan as it grew during an import
    SET enable_seqscan = off AS $$
    DECLARE
      touched integer[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        touched := ARRAY(SELECT DISTINCT household_id FROM ${inserted});
      ELSIF TG_OP = 'DELETE' THEN
        touched := ARRAY(SELECT DISTINCT household_id FROM ${deleted});
      ELSE
        touched := ARRAY(SELECT household_id FROM ${inserted} UNION SELECT household_id FROM ${deleted});
      END IF;
      -- rows this transaction wrote already carry a version of its own
      UPDATE household SET facts_version = 0 WHERE id = ANY (touched) AND xmin <> pg_current_xact_id()::xid;
      RETURN NULL;
    END $$`;
}

/** The function as migrations 011 (members) and 019 (sanctions) created it, for down(). */
function formerFactsChangedFunction(name: string, inserted: string, deleted: string): string {
  return `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM ${inserted});
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM ${deleted});
      ELSE
        UPDATE household SET facts_version = 0
         WHERE id IN (SELECT household_id FROM ${inserted} UNION SELECT household_id FROM ${deleted});
      END IF;
      RETURN NULL;
    END $$`;
}
