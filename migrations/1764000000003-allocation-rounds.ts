import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allocation rounds: a set of vacancies planned together under the annual quotas, run as a job
 * (pg-boss, in its own `pgboss` schema, which pg-boss creates and migrates itself). A round's
 * proposals are ordinary proposals that name their round.
 */
export class AllocationRounds1764000000003 implements MigrationInterface {
  name = 'AllocationRounds1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_round (
        id serial PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
        -- what was asked, as given (vacancy ids or null for all open ones, municipality, time limit)
        request jsonb NOT NULL,
        vacancy_ids integer[] NOT NULL,
        allocation_date date NOT NULL,
        seed bigint NOT NULL,
        time_limit_ms integer NOT NULL CHECK (time_limit_ms > 0),
        job_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        -- stage, percent and a sentence; updated as the job goes
        progress jsonb NOT NULL,
        -- solver name and version, status, proven gap, model size, timings
        solver_report jsonb,
        -- the explained plan of the whole round (one proposal per vacancy); json keeps it byte for byte
        plan json,
        skipped jsonb NOT NULL DEFAULT '[]',
        error text,
        worker text,
        composition_policy_id integer REFERENCES composition_policy(id),
        parameter_year integer REFERENCES rule_parameter_year(year),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'FAILED' OR error IS NOT NULL),
        CHECK (status <> 'COMPLETED' OR plan IS NOT NULL)
      );
      CREATE INDEX allocation_round_status_idx ON allocation_round(status, id);
      ALTER TABLE proposal ADD COLUMN round_id integer REFERENCES allocation_round(id);
      CREATE INDEX proposal_round_idx ON proposal(round_id) WHERE round_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposal DROP COLUMN round_id; DROP TABLE allocation_round;`);
  }
}
