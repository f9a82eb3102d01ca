import { MigrationInterface, QueryRunner } from 'typeorm';

/** Simulations for managers: persisted jobs on the same queue as allocation rounds, with their results. */
export class Simulations1764000000006 implements MigrationInterface {
  name = 'Simulations1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE simulation (
        id serial PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
        request jsonb NOT NULL,
        job_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        progress jsonb NOT NULL,
        -- per complex: series summary, target bands, price of differentiation (json keeps it as written)
        result json,
        error text,
        worker text,
        requested_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'FAILED' OR error IS NOT NULL),
        CHECK (status <> 'COMPLETED' OR result IS NOT NULL)
      );
      CREATE INDEX simulation_status_idx ON simulation(status, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE simulation');
  }
}
