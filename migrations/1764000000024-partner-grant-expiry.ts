import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner grant ends on a date (issue 16, need-to-know): access given for a buurt's deep-dive
 * cycle ends with it, not when somebody remembers to revoke it. `expires_on` is the last day the
 * partner reads the buurt (inclusive, a day in Amsterdam). Grants stored before this migration get
 * the longest a new grant may run (src/resilience/partner-grants.service.ts: one year from the day
 * it was granted); a revoked grant keeps its revocation. One open grant per partner and buurt was a
 * unique index over the grants not revoked; an expired grant is not open either, which an index
 * cannot say (it changes with the date), so the service checks it with the buurt's row locked.
 */
export class PartnerGrantExpiry1764000000024 implements MigrationInterface {
  name = 'PartnerGrantExpiry1764000000024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_grant ADD COLUMN expires_on date`);
    await q.query(`UPDATE partner_grant SET expires_on = ((granted_at AT TIME ZONE 'Europe/Amsterdam')::date + interval '1 year')::date`);
    await q.query(`ALTER TABLE partner_grant ALTER COLUMN expires_on SET NOT NULL`);
    await q.query(`DROP INDEX partner_grant_one_open`);
    await q.query(`CREATE INDEX partner_grant_subject_idx ON partner_grant (subject, neighbourhood_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX partner_grant_subject_idx`);
    // expired grants that were followed by a new one are closed, so one stays open per partner and buurt
    await q.query(
      `UPDATE partner_grant g SET revoked_at = now(), revoked_by = 'migration 024 down' WHERE g.revoked_at IS NULL AND EXISTS (
         SELECT 1 FROM partner_grant later WHERE later.subject = g.subject AND later.neighbourhood_id = g.neighbourhood_id AND later.revoked_at IS NULL AND later.id > g.id)`,
    );
    await q.query(`CREATE UNIQUE INDEX partner_grant_one_open ON partner_grant (subject, neighbourhood_id) WHERE revoked_at IS NULL`);
    await q.query(`ALTER TABLE partner_grant DROP COLUMN expires_on`);
  }
}
