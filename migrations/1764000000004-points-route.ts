import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The POINTS route: some regions rank by points kept in their registration system (waiting and
 * situation points). Households carry those points; vacancies and tenancies may name the route.
 */
export class PointsRoute1764000000004 implements MigrationInterface {
  name = 'PointsRoute1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE household ADD COLUMN ranking_points integer CHECK (ranking_points >= 0);
      ALTER TABLE vacancy DROP CONSTRAINT vacancy_route_check;
      ALTER TABLE vacancy ADD CONSTRAINT vacancy_route_check CHECK (route IN ('REGULAR','URGENCY','DIRECT','LOTTERY','POINTS'));
      ALTER TABLE tenancy DROP CONSTRAINT tenancy_allocation_route_check;
      ALTER TABLE tenancy ADD CONSTRAINT tenancy_allocation_route_check CHECK (allocation_route IN ('REGULAR','URGENCY','DIRECT','LOTTERY','POINTS'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenancy DROP CONSTRAINT tenancy_allocation_route_check;
      ALTER TABLE tenancy ADD CONSTRAINT tenancy_allocation_route_check CHECK (allocation_route IN ('REGULAR','URGENCY','DIRECT','LOTTERY'));
      ALTER TABLE vacancy DROP CONSTRAINT vacancy_route_check;
      ALTER TABLE vacancy ADD CONSTRAINT vacancy_route_check CHECK (route IN ('REGULAR','URGENCY','DIRECT','LOTTERY'));
      ALTER TABLE household DROP COLUMN ranking_points;
    `);
  }
}
