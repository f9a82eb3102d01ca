import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local allocation policy as versioned data (per region or municipality), vacancy advertisement
 * flags the rules read, and the ledger of recorded allocations the portfolio quotas count.
 */
export class LocalPolicyAndAllocations1764000000001 implements MigrationInterface {
  name = 'LocalPolicyAndAllocations1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE local_policy (
        id serial PRIMARY KEY,
        code text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        name text NOT NULL,
        -- the region the policy covers; empty = fallback for every municipality without its own policy
        municipality_codes text[] NOT NULL DEFAULT '{}',
        effective_from date NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      );

      ALTER TABLE vacancy
        ADD COLUMN label_fallback_active boolean NOT NULL DEFAULT false,
        ADD COLUMN local_ties_priority boolean NOT NULL DEFAULT false;

      CREATE TABLE allocation (
        id serial PRIMARY KEY,
        vacancy_id integer REFERENCES vacancy(id),
        household_id integer NOT NULL REFERENCES household(id),
        dwelling_id integer NOT NULL REFERENCES dwelling(id),
        municipality_code text NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
        allocation_date date NOT NULL,
        -- portfolio counters this allocation added to (daebInTargetGroup, passendAboveCap, ...)
        counts_as text[] NOT NULL DEFAULT '{}',
        parameter_year integer NOT NULL REFERENCES rule_parameter_year(year),
        policy_id integer NOT NULL REFERENCES local_policy(id),
        -- the verdict it was recorded under (rule outcomes with their values): reconstructable later
        verdict jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- a vacancy is allocated once
      CREATE UNIQUE INDEX allocation_one_per_vacancy ON allocation(vacancy_id) WHERE vacancy_id IS NOT NULL;
      CREATE INDEX allocation_date_idx ON allocation(allocation_date, municipality_code);
    `);
    // Configurable defaults (docs/domain.md §5), a snapshot of what Woonmix ships with;
    // associations add their own versions. Shares are basis points (10000 = 100%).
    await q.query(`INSERT INTO local_policy (code, version, name, municipality_codes, effective_from, document) VALUES ($1, 1, $2, '{}', '2024-01-01', $3)`, [
      'DEFAULT',
      'Woonmix default policy (configurable)',
      JSON.stringify(DEFAULT_POLICY_DOCUMENT_V1),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE allocation;
      ALTER TABLE vacancy DROP COLUMN label_fallback_active, DROP COLUMN local_ties_priority;
      DROP TABLE local_policy;
    `);
  }
}

/** Frozen copy of the engine's DEFAULT_LOCAL_POLICY at the time of this migration (migrations never change). */
const DEFAULT_POLICY_DOCUMENT_V1 = {
  roomNorms: [
    { minPersons: 1, maxPersons: 1, minRooms: null, maxRooms: 3 },
    { minPersons: 2, maxPersons: 2, minRooms: null, maxRooms: 4 },
    { minPersons: 3, maxPersons: 4, minRooms: 2, maxRooms: null },
    { minPersons: 5, maxPersons: null, minRooms: 4, maxRooms: null },
  ],
  labels: {
    SENIOR_55: { requirement: { kind: 'MIN_AGE', minAge: 55, ageOf: 'ELDEST_ADULT' }, fallback: [{ kind: 'MIN_AGE', minAge: 50, ageOf: 'ELDEST_ADULT' }, { kind: 'OPEN' }] },
    SENIOR_65: { requirement: { kind: 'MIN_AGE', minAge: 65, ageOf: 'ELDEST_ADULT' }, fallback: [{ kind: 'MIN_AGE', minAge: 55, ageOf: 'ELDEST_ADULT' }, { kind: 'OPEN' }] },
    YOUTH: { requirement: { kind: 'MAX_AGE', belowAge: null, minAge: 18, ageOf: 'APPLICANT', rentAtMostQualityDiscountLimit: true }, fallback: [] },
    FAMILY: { requirement: { kind: 'HOUSEHOLD', minPersons: 3, minChildren: 1 }, fallback: [] },
    WHEELCHAIR: { requirement: { kind: 'INDICATION', accessibility: 'WHEELCHAIR' }, fallback: [{ kind: 'OPEN' }] },
  },
  accessibility: { priorityFor: ['WHEELCHAIR', 'ZERO_STEP'], indicationRequiredFor: ['WHEELCHAIR'], releaseToRegularOnFallback: true },
  urgency: {
    mandatoryCategories: ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE'],
    localCategories: ['MEDICAL', 'SOCIAL', 'REHOUSING', 'SHELTER_OUTFLOW', 'SUPPORTED_HOUSING_OUTFLOW'],
  },
  localTies: { minYears: 6, scope: 'MUNICIPALITY', mode: 'PRIORITY', maxShareBasisPoints: 5000 },
  rotterdamwet: { apply: false, designatedComplexCodes: [], refusedIncomeSources: ['BENEFIT'], minYearsInRegion: 6 },
  quotas: {
    freeAllocationRoom: { standardBasisPoints: 750, agreedBasisPoints: 1500, agreedInPrestatieafspraken: false },
    passendExceptionBasisPoints: 500,
  },
};
