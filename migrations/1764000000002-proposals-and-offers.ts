import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Composition policy (soft targets on the mix of a complex, versioned data), stored proposals with
 * their explained plan, and offers with the officer's decision and the household's response.
 */
export class ProposalsAndOffers1764000000002 implements MigrationInterface {
  name = 'ProposalsAndOffers1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE composition_policy (
        id serial PRIMARY KEY,
        code text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        effective_from date NOT NULL,
        -- targets per resilience class, per-complex overrides (by complex code), displacement, weights
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      );

      CREATE TABLE proposal (
        id serial PRIMARY KEY,
        vacancy_id integer NOT NULL REFERENCES vacancy(id),
        status text NOT NULL CHECK (status IN ('PROPOSED', 'DECIDED', 'SUPERSEDED')),
        chosen_household_id integer REFERENCES household(id),
        plain_order_household_id integer REFERENCES household(id),
        allocation_date date NOT NULL,
        seed bigint NOT NULL,
        composition_policy_id integer NOT NULL REFERENCES composition_policy(id),
        local_policy_id integer NOT NULL REFERENCES local_policy(id),
        parameter_year integer NOT NULL REFERENCES rule_parameter_year(year),
        solve_status text NOT NULL,
        solver text,
        -- the explained plan (candidates, scores, reasons, composition before and after); json, not jsonb:
        -- it keeps the text as written, so a stored plan reads back byte for byte
        plan json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX proposal_vacancy_idx ON proposal(vacancy_id, id);

      CREATE TABLE offer (
        id serial PRIMARY KEY,
        proposal_id integer NOT NULL REFERENCES proposal(id),
        vacancy_id integer NOT NULL REFERENCES vacancy(id),
        household_id integer NOT NULL REFERENCES household(id),
        -- PROPOSED: the proposal's candidate; OVERRIDE: another eligible candidate, with a reason
        decision text NOT NULL CHECK (decision IN ('PROPOSED', 'OVERRIDE')),
        reason_code text,
        reason_text text,
        status text NOT NULL CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
        response_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        CHECK (decision = 'PROPOSED' OR (reason_code IS NOT NULL AND reason_text IS NOT NULL))
      );
      -- one offer out at a time, and at most one accepted offer per vacancy
      CREATE UNIQUE INDEX offer_one_open_per_vacancy ON offer(vacancy_id) WHERE status = 'OPEN';
      CREATE UNIQUE INDEX offer_one_accepted_per_vacancy ON offer(vacancy_id) WHERE status = 'ACCEPTED';
      -- a household holds at most one open offer at a time
      CREATE UNIQUE INDEX offer_one_open_per_household ON offer(household_id) WHERE status = 'OPEN';
    `);
    await q.query(`INSERT INTO composition_policy (code, version, effective_from, document) VALUES ('DEFAULT', 1, '2024-01-01', $1)`, [
      JSON.stringify(DEFAULT_COMPOSITION_DOCUMENT_V1),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer; DROP TABLE proposal; DROP TABLE composition_policy;`);
  }
}

const vulnerableMax = (basisPoints: number, weight: number) => ({
  id: 'VULNERABLE_MAX', label: 'vulnerable households', dimension: 'VULNERABILITY', categories: ['VULNERABLE'], bound: 'MAX', basisPoints, weight,
});
const workOrPensionMin = (basisPoints: number, weight: number) => ({
  id: 'WORK_OR_PENSION_MIN', label: 'households living on work or pension', dimension: 'INCOME_SOURCE', categories: ['WORK', 'PENSION'], bound: 'MIN', basisPoints, weight,
});

/**
 * Frozen copy of the engine's DEFAULT_COMPOSITION_POLICY at the time of this migration: CONFIGURABLE
 * defaults, not law (docs/domain.md §6.3: unverified practice examples "10-20% vulnerable households
 * per complex", "max 1 in 3"); lower resilience -> stricter cap. Shares in basis points.
 */
const DEFAULT_COMPOSITION_DOCUMENT_V1 = {
  rankStepPoints: 10,
  unfilledPenalty: 100_000,
  displacement: { maxPositions: 10, maxRegistrationDays: null, protectUrgent: true },
  defaultsByResilienceClass: {
    1: [vulnerableMax(3000, 100), workOrPensionMin(4000, 40)],
    2: [vulnerableMax(3500, 80), workOrPensionMin(4000, 30)],
    3: [vulnerableMax(4000, 50), workOrPensionMin(3000, 20)],
    4: [vulnerableMax(5000, 30)],
    5: [],
  },
  complexOverridesByCode: {},
  quotas: { enforcement: 'SOFT', daebTargetGroupWeight: 1000, passendWeight: 1000, localTiesWeight: 500 },
};
