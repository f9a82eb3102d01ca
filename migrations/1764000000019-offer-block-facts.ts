import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A block from offers is an eligibility fact (rule OFFER_BLOCK, src/engine/eligibility/rules/offer-block.rule.ts):
 * any change to a household's sanctions bumps its facts version (migration 011), so no cached facts or
 * remembered verdict outlives an imposed, lifted or expired block.
 */
export class OfferBlockFacts1764000000019 implements MigrationInterface {
  name = 'OfferBlockFacts1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sanction_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM new_sanctions);
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE household SET facts_version = 0 WHERE id IN (SELECT household_id FROM old_sanctions);
        ELSE
          UPDATE household SET facts_version = 0
           WHERE id IN (SELECT household_id FROM new_sanctions UNION SELECT household_id FROM old_sanctions);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER sanction_inserted AFTER INSERT ON sanction REFERENCING NEW TABLE AS new_sanctions
      FOR EACH STATEMENT EXECUTE FUNCTION sanction_facts_changed()`);
    await q.query(`CREATE TRIGGER sanction_updated AFTER UPDATE ON sanction REFERENCING NEW TABLE AS new_sanctions OLD TABLE AS old_sanctions
      FOR EACH STATEMENT EXECUTE FUNCTION sanction_facts_changed()`);
    await q.query(`CREATE TRIGGER sanction_deleted AFTER DELETE ON sanction REFERENCING OLD TABLE AS old_sanctions
      FOR EACH STATEMENT EXECUTE FUNCTION sanction_facts_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sanction_inserted', 'sanction_updated', 'sanction_deleted']) await q.query(`DROP TRIGGER ${t} ON sanction`);
    await q.query(`DROP FUNCTION sanction_facts_changed()`);
  }
}
