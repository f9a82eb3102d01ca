import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Need-to-know (AVG art. 5 lid 1 c and art. 9): officers work inside an assignment (a complex or a
 * municipality, kept by admins), and every read of special-category data by an officer or admin
 * leaves an access record that auditors can list. Access records are append-only like the audit log.
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
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE special_category_access; DROP TABLE officer_assignment;');
  }
}
