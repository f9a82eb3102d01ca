import pg from 'pg';
import type { Actor } from '../../src/auth/roles.js';
import { DEMO_MUNICIPALITY_CODE } from '../../src/demo/generate-demo.js';
import { ServiceProcess, TestDatabase, createDatabase } from '../helpers/service-process.js';

/**
 * Production on PostgreSQL with least privilege (README, "A real PostgreSQL server"): the schema is
 * owned by a migration role; the service logs in as a role that owns nothing, so it cannot disable
 * the audit log's triggers, switch them off for its session, or update or delete an audit event.
 * Runs on the real server (DATABASE_URL); the service as a child process. Build first.
 */
const OFFICER: Actor = { subject: 'officer-a', roles: ['OFFICER'] };
const AUDITOR: Actor = { subject: 'auditor', roles: ['AUDITOR'] };

describe('the service under a role that owns nothing (real PostgreSQL)', () => {
  let db: TestDatabase;
  let sut: ServiceProcess | undefined;
  const role = `woonmix_app_${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await createDatabase(process.env.DATABASE_URL!);
    // the owner migrates and loads the demo once
    const owner = await ServiceProcess.start({ databaseUrl: db.url });
    await owner.stop();
    const sql = await db.client();
    try {
      await sql.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION`);
      await sql.query(`GRANT CONNECT ON DATABASE ${db.name} TO ${role}`);
      for (const schema of ['public', 'pgboss']) {
        await sql.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
        await sql.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
        await sql.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
      }
      // the append-only tables: insert and read, nothing else
      await sql.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_snapshot, special_category_access FROM ${role}`);
    } finally {
      await sql.end();
    }
    const url = new URL(db.url);
    url.username = role;
    url.password = '';
    sut = await ServiceProcess.start({ databaseUrl: url.toString(), env: { SEED_DEMO: 'false' } });
    await sut.assignOfficers([OFFICER.subject], DEMO_MUNICIPALITY_CODE);
  }, 120_000);

  afterAll(async () => {
    await sut?.stop();
    await db?.drop();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  it('works: a proposal is made and logged, and the chain verifies', async () => {
    const open = await sut!.gqlOk<{ vacancies: { nodes: { id: string }[] } }>(
      `{ vacancies(first: 1, filter: { status: OPEN }) { nodes { id } } }`,
      undefined,
      OFFICER,
    );
    const made = await sut!.gqlOk(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: open.vacancies.nodes[0].id }, OFFICER);
    expect(made.proposeAllocation.id).toMatch(/^\d+$/);
    expect((await sut!.gqlOk(`{ verifyAuditChain { valid } }`, undefined, AUDITOR)).verifyAuditChain.valid).toBe(true);
  });

  it("cannot switch the audit log's protection off, nor change an event", async () => {
    const url = new URL(db.url);
    url.username = role;
    const asApp = new pg.Client({ connectionString: url.toString() });
    await asApp.connect();
    try {
      for (const statement of [
        'SET session_replication_role = replica',
        'ALTER TABLE audit_event DISABLE TRIGGER ALL',
        `UPDATE audit_event SET actor = 'someone-else' WHERE seq = 1`,
        'DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)',
        'TRUNCATE audit_event',
      ]) {
        await expect(asApp.query(statement)).rejects.toThrow(/permission denied|must be owner/);
      }
    } finally {
      await asApp.end();
    }
  });
});
