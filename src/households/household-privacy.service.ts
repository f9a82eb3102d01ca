import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../database/loaders.js';

/**
 * Special-category data (support needs, vulnerability, medical or Wmo indication; AVG art. 9) by
 * role (issue 5): officers see it only for households in a vacancy they handle (they asked for its
 * proposal, or decided or approved one of its offers); admins, who import and correct the data,
 * see it; managers only in aggregates (compositions); auditors never, and they see households under
 * a keyed pseudonym instead of the operational reference.
 */
@Injectable()
export class HouseholdPrivacy {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A stable pseudonym for auditors: HMAC-SHA256 of the reference under the service secret. */
  pseudonym(reference: string): string {
    return `PSN-${createHmac('sha256', this.config.auth.secret).update(`household:${reference}`).digest('hex').slice(0, 16)}`;
  }

  /** Auditors without an operational role see pseudonyms. */
  seesPseudonyms(actor: Actor | undefined): boolean {
    return !actor || (actor.roles.includes('AUDITOR') && !actor.roles.some((r) => r === 'OFFICER' || r === 'ADMIN'));
  }

  async maySeeSpecialCategories(ctx: RequestContext, householdId: number): Promise<boolean> {
    const actor = ctx.req?.actor;
    if (!actor) return false;
    if (actor.roles.includes('ADMIN')) return true;
    if (!actor.roles.includes('OFFICER')) return false;
    ctx.specialCategoryAccess ??= new DataLoader<number, boolean>(async (ids) => {
      const rows: { household_id: number }[] = await this.dataSource.query(
        `SELECT DISTINCT r.household_id FROM vacancy_response r JOIN proposal p ON p.vacancy_id = r.vacancy_id
          WHERE r.household_id = ANY($1) AND p.requested_by = $2
         UNION
         SELECT DISTINCT o2.household_id FROM offer o JOIN vacancy_response o2 ON o2.vacancy_id = o.vacancy_id
          WHERE o2.household_id = ANY($1) AND (o.decided_by = $2 OR o.approved_by = $2)`,
        [[...ids], actor.subject],
      );
      const allowed = new Set(rows.map((r) => Number(r.household_id)));
      return ids.map((id) => allowed.has(id));
    });
    return ctx.specialCategoryAccess.load(householdId);
  }
}
