import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A proposal's plan with its sentences in Dutch, beside the plan itself (src/engine/allocation/plan-words.ts):
 * made in the same call from the same numbers, for Dutch readers. Not part of the audit trail (the
 * English plan is, hashed and replayed); null for proposals made before it existed, which are read in
 * English.
 */
export class ProposalPlanInDutch1764000000013 implements MigrationInterface {
  name = 'ProposalPlanInDutch1764000000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal ADD COLUMN plan_nl json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal DROP COLUMN plan_nl`);
  }
}
