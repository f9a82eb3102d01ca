import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What partners were shown of a complex (issue 16, need-to-know; src/engine/privacy/partner-release.ts):
 * its dossier figures and priority facts as of a month's end, stored when first shown and never
 * changed, so that a later correction of history does not alter what a partner read, and so that two
 * looks between releases give no difference. One release per complex and date; the next one only
 * after at least five households moved (`households_moved`, null for a complex's first release).
 */
export class DossierRelease1764000000025 implements MigrationInterface {
  name = 'DossierRelease1764000000025';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE dossier_release (
         id serial PRIMARY KEY,
         complex_id integer NOT NULL REFERENCES complex(id) ON DELETE CASCADE,
         release_date date NOT NULL,
         households_moved integer CHECK (households_moved IS NULL OR households_moved >= 0),
         figures jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT dossier_release_one_per_date UNIQUE (complex_id, release_date)
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_release`);
  }
}
