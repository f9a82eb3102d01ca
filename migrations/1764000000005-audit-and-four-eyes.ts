import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log (a sha256 hash chain over RFC 8785 canonical JSON; the database refuses
 * UPDATE, DELETE and TRUNCATE on it) and four-eyes approval of offers: who asked, who decided, who
 * approved.
 */
export class AuditAndFourEyes1764000000005 implements MigrationInterface {
  name = 'AuditAndFourEyes1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY CHECK (seq >= 1),
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        type text NOT NULL,
        -- ids of what the event is about, for look-ups (also inside body)
        subject jsonb NOT NULL,
        -- RFC 8785 canonical JSON of { seq, occurredAt, actor, roles, type, subject, payload }, stored as text
        body text NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        -- sha256(prev_hash || body), hex
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE INDEX audit_event_type_idx ON audit_event(type, seq);
      CREATE INDEX audit_event_subject_idx ON audit_event USING gin (subject jsonb_path_ops);

      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

      ALTER TABLE offer DROP CONSTRAINT offer_status_check;
      ALTER TABLE offer ADD CONSTRAINT offer_status_check CHECK (status IN ('PENDING_APPROVAL', 'OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'));
      ALTER TABLE offer ADD COLUMN decided_by text, ADD COLUMN approved_by text, ADD COLUMN approved_at timestamptz;
      ALTER TABLE offer ADD CONSTRAINT offer_four_eyes CHECK (approved_by IS NULL OR approved_by <> decided_by);
      -- an offer awaiting approval holds the vacancy and the household like an open one
      DROP INDEX offer_one_open_per_vacancy;
      DROP INDEX offer_one_open_per_household;
      CREATE UNIQUE INDEX offer_one_open_per_vacancy ON offer(vacancy_id) WHERE status IN ('OPEN', 'PENDING_APPROVAL');
      CREATE UNIQUE INDEX offer_one_open_per_household ON offer(household_id) WHERE status IN ('OPEN', 'PENDING_APPROVAL');
      ALTER TABLE proposal ADD COLUMN requested_by text;
      ALTER TABLE allocation_round ADD COLUMN requested_by text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE allocation_round DROP COLUMN requested_by;
      ALTER TABLE proposal DROP COLUMN requested_by;
      DROP INDEX offer_one_open_per_household;
      DROP INDEX offer_one_open_per_vacancy;
      CREATE UNIQUE INDEX offer_one_open_per_vacancy ON offer(vacancy_id) WHERE status = 'OPEN';
      CREATE UNIQUE INDEX offer_one_open_per_household ON offer(household_id) WHERE status = 'OPEN';
      ALTER TABLE offer DROP CONSTRAINT offer_four_eyes;
      ALTER TABLE offer DROP COLUMN decided_by, DROP COLUMN approved_by, DROP COLUMN approved_at;
      ALTER TABLE offer DROP CONSTRAINT offer_status_check;
      ALTER TABLE offer ADD CONSTRAINT offer_status_check CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'));
      DROP TABLE audit_event;
      DROP FUNCTION audit_event_append_only();
    `);
  }
}
