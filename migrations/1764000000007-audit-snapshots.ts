import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots of what decisions were based on (the engine's whole input), stored once by their sha256:
 * the audit event names the hash, so the chain covers the snapshot without copying megabytes into
 * every event body. Append-only like the log.
 */
export class AuditSnapshots1764000000007 implements MigrationInterface {
  name = 'AuditSnapshots1764000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_snapshot (
        hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        -- RFC 8785 canonical JSON; sha256(document) = hash
        document text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER audit_snapshot_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_snapshot
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_snapshot_no_truncate BEFORE TRUNCATE ON audit_snapshot
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_snapshot; DROP FUNCTION audit_append_only();');
  }
}
