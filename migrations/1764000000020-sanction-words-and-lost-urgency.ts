import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sanction keeps its "why" in both languages the service writes (Dutch screens read Dutch; the
 * record's English stays in `why`), and a loss of urgency keeps the urgency it took away, so that
 * lifting it (four eyes, src/letting/sanctions.service.ts) gives the household its urgency back as it was.
 * Sanctions imposed before this migration have no Dutch sentence (read in English) and, for a loss of
 * urgency, no stored urgency: lifting those restores nothing, and says so in the audit trail.
 */
export class SanctionWordsAndLostUrgency1764000000020 implements MigrationInterface {
  name = 'SanctionWordsAndLostUrgency1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sanction
      ADD COLUMN why_nl text,
      ADD COLUMN lost_urgency_category text,
      ADD COLUMN lost_urgency_granted date,
      ADD COLUMN lost_urgency_expires date,
      ADD CONSTRAINT sanction_lost_urgency_only_on_loss CHECK (lost_urgency_category IS NULL OR kind = 'LOSE_URGENCY'),
      ADD CONSTRAINT sanction_lost_urgency_granted CHECK ((lost_urgency_category IS NULL) = (lost_urgency_granted IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sanction DROP CONSTRAINT sanction_lost_urgency_granted, DROP CONSTRAINT sanction_lost_urgency_only_on_loss,
      DROP COLUMN lost_urgency_expires, DROP COLUMN lost_urgency_granted, DROP COLUMN lost_urgency_category, DROP COLUMN why_nl`);
  }
}
