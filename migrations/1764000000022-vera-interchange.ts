import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VERA-WRV interchange (issue 19):
 * - vera_record_key: every record a VERA delivery created or updated, under the sender's keys
 *   (idExtern with its organisation and administration, and the sender's own id), so a second
 *   delivery of the same record updates it instead of adding a copy;
 * - vacancy_response.platform_position: the letting platform's position of a respondent (Kandidaat
 *   positie), kept as delivered; Woonmix ranks by its own rules and shows both;
 * - vera_sanction_kind: the SANCTIESOORT each kind of Woonmix sanction is exported as. VERA's kinds
 *   (mild, no-show, heavy) are the platform's, not the law's: the association sets them (policy data).
 *   The starting set: a temporary block keeps the registration and its points (MIL, milde sanctie);
 *   losing urgency after refusing a suitable home is the heavier one (ZWA, zware sanctie).
 */
export class VeraInterchange1764000000022 implements MigrationInterface {
  name = 'VeraInterchange1764000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vera_record_key (
        resource text NOT NULL CHECK (resource IN ('EENHEDEN', 'PUBLICATIES', 'KANDIDATEN', 'PUNTENBEREKENINGEN', 'RELATIES')),
        sender text NOT NULL CHECK (sender ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$'),
        id_extern text NOT NULL CHECK (length(id_extern) BETWEEN 1 AND 200),
        woonmix_key text NOT NULL,
        sender_id text,
        id_organisatie text,
        id_administratie text,
        first_seen timestamptz NOT NULL DEFAULT now(),
        last_seen timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resource, sender, id_extern)
      )`);
    await q.query(`CREATE INDEX vera_record_key_woonmix_idx ON vera_record_key (resource, woonmix_key)`);
    await q.query(`ALTER TABLE vacancy_response ADD COLUMN platform_position integer CHECK (platform_position >= 0)`);
    await q.query(`
      CREATE TABLE vera_sanction_kind (
        kind text PRIMARY KEY CHECK (kind IN ('BLOCK', 'LOSE_URGENCY')),
        vera_code text NOT NULL CHECK (vera_code IN ('MIL', 'NOS', 'ZWA')),
        why text NOT NULL
      )`);
    await q.query(`INSERT INTO vera_sanction_kind (kind, vera_code, why) VALUES
      ('BLOCK', 'MIL', 'A block for a period keeps the registration and its points: the milder sanction'),
      ('LOSE_URGENCY', 'ZWA', 'Losing urgency after refusing a suitable home takes away the priority itself: the heavier sanction')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vera_sanction_kind`);
    await q.query(`ALTER TABLE vacancy_response DROP COLUMN platform_position`);
    await q.query(`DROP TABLE vera_record_key`);
  }
}
