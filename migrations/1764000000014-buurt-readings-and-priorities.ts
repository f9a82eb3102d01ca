import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Buurt readings with their history (issue 16): per CBS buurt, year and source, the association's
 * resilience reading (class on its own scale, table resilience_class, and the score behind it) and
 * Leefbaarometer 3.0 classes (1 Zeer onvoldoende ... 9 Uitstekend, total and per dimension;
 * shared/domain/rules-nl.md §9) with their scores. Every year is kept: a reading is never updated,
 * a second one for the same buurt, year and source is refused.
 *
 * And the priority policy: the weights of the resilience lens (src/engine/resilience/buurt-priority.ts)
 * as versioned policy data. Version 1 is a starting point for the association to change (equal
 * weight on the buurt's own readings and on the association's signals), not a norm of any law.
 */
export class BuurtReadingsAndPriorities1764000000014 implements MigrationInterface {
  name = 'BuurtReadingsAndPriorities1764000000014';

  async up(q: QueryRunner): Promise<void> {
    const klass = (column: string) => `${column} integer CHECK (${column} BETWEEN 1 AND 9)`;
    await q.query(`
      CREATE TABLE neighbourhood_reading (
        id serial PRIMARY KEY,
        neighbourhood_id integer NOT NULL REFERENCES neighbourhood(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        resilience_class integer REFERENCES resilience_class(class),
        resilience_score numeric(8, 2),
        ${klass('leefbaarometer_class')},
        leefbaarometer_score numeric(8, 4),
        ${klass('dwellings_class')},
        ${klass('physical_environment_class')},
        ${klass('amenities_class')},
        ${klass('social_cohesion_class')},
        ${klass('nuisance_class')},
        -- homes in the buurt (CBS kerncijfers wijken en buurten), for the association's share of them
        dwelling_stock integer CHECK (dwelling_stock >= 0),
        UNIQUE (neighbourhood_id, year, source),
        CHECK (resilience_class IS NOT NULL OR leefbaarometer_class IS NOT NULL OR nuisance_class IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX neighbourhood_reading_buurt_year_idx ON neighbourhood_reading (neighbourhood_id, year)`);
    await q.query(`
      CREATE TABLE priority_policy (
        id serial PRIMARY KEY,
        version integer NOT NULL UNIQUE CHECK (version >= 1),
        name text NOT NULL,
        effective_from date NOT NULL,
        document jsonb NOT NULL
      )`);
    await q.query(
      `INSERT INTO priority_policy (version, name, effective_from, document) VALUES (1, 'Startversie (aan te passen)', '2000-01-01', $1)`,
      [
        JSON.stringify({
          resilience: 30,
          leefbaarometer: 15,
          nuisance: 15,
          trendPerClass: 5,
          trendYears: 4,
          associationShare: 10,
          complexOutsideTargets: 5,
          vulnerableInflow: 10,
          urgentInflow: 5,
          minInflowHouseholds: 5,
        }),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE priority_policy`);
    await q.query(`DROP TABLE neighbourhood_reading`);
  }
}
