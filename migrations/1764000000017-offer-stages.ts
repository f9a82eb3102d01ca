import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers as a lifecycle (issue 17): an open offer goes through interest check, viewing, provisional
 * acceptance, documents check and final acceptance (src/engine/letting/offer-stages.ts), each stage
 * with a due date from the letting policy; a stage past its date expires and the vacancy moves to the
 * next candidate (OfferDeadlinesService). A refusal carries a coded reason (letting_reason, REFUSAL).
 *
 * An unjustified refusal may lead to a sanction (a block from offers, or an urgent household's loss of
 * its urgency) by the letting policy; lifting one needs a second officer (table sanction).
 *
 * letting_policy: versioned policy data of the letting process (the law leaves these to the
 * association and its region: no legal number). Version 1 is a starting point to change.
 */
export class OfferStages1764000000017 implements MigrationInterface {
  name = 'OfferStages1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letting_policy (
        version integer PRIMARY KEY CHECK (version >= 1),
        name text NOT NULL,
        effective_from date NOT NULL,
        document jsonb NOT NULL
      )`);
    await q.query(`INSERT INTO letting_policy (version, name, effective_from, document) VALUES (1, 'Startversie (aan te passen)', '2000-01-01', $1)`, [
      JSON.stringify({
        // days per stage of an offer
        stageDays: { INTEREST_CHECK: 2, VIEWING: 7, PROVISIONAL_ACCEPTANCE: 3, DOCUMENTS_CHECK: 7, FINAL_ACCEPTANCE: 3 },
        // refusals without a justified reason: so many within so many months block the household from offers for a while;
        // an urgent household refusing a suitable offer without a justified reason loses its urgency
        sanctions: { unjustifiedRefusalsForBlock: 3, windowMonths: 12, blockMonths: 6, urgentLosesUrgencyOnSuitableRefusal: true },
        // days from an objection (reclamatie) to the decision's deadline: the association's own term (it is not an Awb body)
        objections: { decisionDays: 42 },
      }),
    ]);
    await q.query(`
      ALTER TABLE offer
        ADD COLUMN stage text CHECK (stage IN ('INTEREST_CHECK', 'VIEWING', 'PROVISIONAL_ACCEPTANCE', 'DOCUMENTS_CHECK', 'FINAL_ACCEPTANCE')),
        ADD COLUMN stage_entered_on date,
        ADD COLUMN stage_due date,
        ADD COLUMN documents jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN refusal_reason_code text,
        ADD CONSTRAINT offer_stage_only_when_open CHECK (stage IS NULL OR status = 'OPEN')`);
    await q.query(`CREATE INDEX offer_stage_due_idx ON offer (stage_due) WHERE status = 'OPEN'`);
    // sanctions after unjustified refusals (src/engine/letting/sanctions.ts); lifting one needs a second officer
    await q.query(`
      CREATE TABLE sanction (
        id serial PRIMARY KEY,
        household_id integer NOT NULL REFERENCES household(id),
        kind text NOT NULL CHECK (kind IN ('BLOCK', 'LOSE_URGENCY')),
        state text NOT NULL CHECK (state IN ('ACTIVE', 'LIFT_REQUESTED', 'LIFTED', 'EXPIRED')),
        from_date date NOT NULL,
        until_date date,
        cause_offer_id integer REFERENCES offer(id),
        why text NOT NULL,
        lift_requested_by text,
        lift_reason text,
        lift_approved_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'BLOCK') = (until_date IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX sanction_household_idx ON sanction (household_id)`);
    // objections to a letting (reclamatie), with the answer to "why not me" as it stood when filed
    await q.query(`
      CREATE TABLE objection (
        id serial PRIMARY KEY,
        vacancy_id integer NOT NULL REFERENCES vacancy(id),
        household_id integer NOT NULL REFERENCES household(id),
        grounds text NOT NULL CHECK (length(grounds) BETWEEN 5 AND 4000),
        why_not_chosen jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('OPEN', 'UNDER_REVIEW', 'UPHELD', 'REJECTED', 'WITHDRAWN')),
        filed_on date NOT NULL,
        decision_due date NOT NULL,
        decided_on date,
        reasons text,
        filed_by text NOT NULL,
        decided_by text,
        CHECK (decision_due >= filed_on)
      )`);
    await q.query(`CREATE INDEX objection_vacancy_idx ON objection (vacancy_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE objection`);
    await q.query(`DROP TABLE sanction`);
    await q.query(`DROP INDEX offer_stage_due_idx`);
    await q.query(
      `ALTER TABLE offer DROP CONSTRAINT offer_stage_only_when_open, DROP COLUMN stage, DROP COLUMN stage_entered_on, DROP COLUMN stage_due, DROP COLUMN documents, DROP COLUMN refusal_reason_code`,
    );
    await q.query(`DROP TABLE letting_policy`);
  }
}
