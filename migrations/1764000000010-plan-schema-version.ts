import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored plans carry the version of their JSON shape (src/allocation/stored-plan.ts), so a later
 * version of Woonmix reads an old plan knowingly. Plans stored before this migration have shape 1.
 */
export class PlanSchemaVersion1764000000010 implements MigrationInterface {
  name = 'PlanSchemaVersion1764000000010';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['proposal', 'allocation_round']) {
      await q.query(
        `UPDATE ${table} SET plan = (plan::jsonb || '{"schemaVersion": 1}'::jsonb)::json
          WHERE plan IS NOT NULL AND NOT (plan::jsonb ? 'schemaVersion')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['proposal', 'allocation_round']) {
      await q.query(`UPDATE ${table} SET plan = (plan::jsonb - 'schemaVersion')::json WHERE plan IS NOT NULL`);
    }
  }
}
