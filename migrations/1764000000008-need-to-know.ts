import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Need-to-know (AVG art. 5 lid 1 c and art. 9): officers work inside an assignment (a complex or a
 * municipality, kept by admins), and every read of special-category data by an officer or admin
 * leaves an access record that auditors can list (append-only like the audit log). Override reasons
 * become coded, versioned policy data: each names the fact on file it relies on.
 */
export class NeedToKnow1764000000008 implements MigrationInterface {
  name = 'NeedToKnow1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE officer_assignment (
        id serial PRIMARY KEY,
        subject text NOT NULL,
        municipality_code text CHECK (municipality_code ~ '^GM[0-9]{4}$'),
        complex_id integer REFERENCES complex(id) ON DELETE CASCADE,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        ended_by text,
        ended_at timestamptz,
        CHECK ((municipality_code IS NULL) <> (complex_id IS NULL)),
        CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      );
      CREATE INDEX officer_assignment_subject_idx ON officer_assignment(subject) WHERE ended_at IS NULL;
      -- one active assignment per subject and scope
      CREATE UNIQUE INDEX officer_assignment_active_uq ON officer_assignment(subject, coalesce(municipality_code, ''), coalesce(complex_id, 0)) WHERE ended_at IS NULL;

      CREATE TABLE special_category_access (
        id bigserial PRIMARY KEY,
        subject text NOT NULL,
        roles text[] NOT NULL,
        household_id integer NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('VACANCY', 'OFFER', 'ADMINISTRATION')),
        purpose_id integer,
        fields text[] NOT NULL,
        accessed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX special_category_access_household_idx ON special_category_access(household_id, id);
      CREATE INDEX special_category_access_subject_idx ON special_category_access(subject, id);
      CREATE TRIGGER special_category_access_no_update_or_delete BEFORE UPDATE OR DELETE ON special_category_access
        FOR EACH ROW EXECUTE FUNCTION audit_append_only();

      -- coded override reasons and the fact each relies on: policy data, versioned like the composition policy
      CREATE TABLE override_reason_policy (
        id serial PRIMARY KEY,
        version integer NOT NULL UNIQUE CHECK (version >= 1),
        effective_from date NOT NULL,
        reasons jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE offer ADD COLUMN override_reason_policy_version integer REFERENCES override_reason_policy(version);
      -- managers name the versions they author ("Plan Rozenhof"), so reports and simulations say which plan
      ALTER TABLE composition_policy ADD COLUMN name text;
      UPDATE composition_policy SET name = 'Composition policy' WHERE version = 1;
    `);
    await q.query(`INSERT INTO override_reason_policy (version, effective_from, reasons) VALUES (1, '2024-01-01', $1)`, [JSON.stringify([
      { code: 'MEDICAL_FIT', label: 'The home fits a medical or Wmo indication of the household', requires: 'MEDICAL_OR_WMO_INDICATION' },
      { code: 'WORK', label: 'The household works nearby or needs the home for its work (e.g. care or education staff)', requires: 'INCOME_FROM_WORK' },
      { code: 'SOCIAL_MANAGEMENT', label: 'Social management of the complex, agreed with welfare, care or police partners', requires: null },
      { code: 'DWELLING_FIT', label: 'The home fits the household better (size, floor, layout) than the proposed household', requires: null },
      { code: 'CORRECTION', label: 'The proposal rested on facts that turned out wrong', requires: null },
    ])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE composition_policy DROP COLUMN name; ALTER TABLE offer DROP COLUMN override_reason_policy_version; DROP TABLE override_reason_policy; DROP TABLE special_category_access; DROP TABLE officer_assignment;');
  }
}
