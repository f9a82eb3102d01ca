import type { Actor } from '../auth/roles.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThanOrEqual } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { EndTenancyInput, StartTenancyInput, Tenancy } from './graphql/tenancy.type.js';
import { TenancyEntity } from './tenancy.entity.js';
import { toTenancy } from './tenancy.mapper.js';

@Injectable()
export class TenanciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityService,
  ) {}

  async history(dwellingId: string): Promise<Tenancy[]> {
    const rows = await this.dataSource.manager.find(TenancyEntity, {
      where: { dwellingId: parseId(dwellingId, 'dwellingId') },
      order: { startDate: 'ASC', id: 'ASC' },
    });
    return rows.map(toTenancy);
  }

  async start(input: StartTenancyInput, actor: Actor): Promise<Tenancy> {
    const householdId = parseId(input.householdId, 'householdId');
    const dwellingId = parseId(input.dwellingId, 'dwellingId');
    return this.dataSource.transaction(async (m) => {
      // lock both rows so two concurrent starts cannot both pass the checks (the partial unique indexes also guard)
      const household = await m.findOne(HouseholdEntity, { where: { id: householdId }, lock: { mode: 'pessimistic_write' } });
      if (!household) throw DomainError.invalid([{ field: 'householdId', reason: `is not a known household (${input.householdId})` }]);
      const dwelling = await m.findOne(DwellingEntity, { where: { id: dwellingId }, lock: { mode: 'pessimistic_write' } });
      if (!dwelling) throw DomainError.invalid([{ field: 'dwellingId', reason: `is not a known dwelling (${input.dwellingId})` }]);
      // a tenancy starts after the last day of the previous one, for the dwelling and for the household
      const overlapping = (where: { dwellingId: number } | { householdId: number }) =>
        m.findOne(TenancyEntity, {
          where: [
            { ...where, endDate: IsNull() },
            { ...where, endDate: MoreThanOrEqual(input.startDate) },
          ],
          order: { startDate: 'ASC' },
        });
      const ofDwelling = await overlapping({ dwellingId });
      if (ofDwelling) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Dwelling ${dwelling.code} is let from ${ofDwelling.startDate} to ${ofDwelling.endDate ?? 'now'}; a new tenancy must start after that`,
        );
      }
      const ofHousehold = await overlapping({ householdId });
      if (ofHousehold) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Household ${household.reference} has a tenancy from ${ofHousehold.startDate} to ${ofHousehold.endDate ?? 'now'}; end it first`,
        );
      }
      // With a route this tenancy is an allocation: judged on its start date and counted in the quotas.
      // Without one it registers an existing tenancy (history), which counts in no quota.
      if (input.allocationRoute) {
        await this.eligibility.recordAllocation(m, actor, {
          householdId,
          dwellingId,
          vacancyId: null,
          onDate: input.startDate,
          route: input.allocationRoute,
          context: { labelFallbackActive: false, localTiesPriority: false },
        });
      }
      const saved = await m.save(
        TenancyEntity,
        m.create(TenancyEntity, {
          householdId,
          dwellingId,
          startDate: input.startDate,
          endDate: null,
          allocationRoute: input.allocationRoute ?? null,
        }),
      );
      return toTenancy(saved);
    });
  }

  async end(input: EndTenancyInput): Promise<Tenancy> {
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(TenancyEntity, { where: { id: parseId(input.tenancyId, 'tenancyId') }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('Tenancy', input.tenancyId);
      if (row.endDate !== null) throw new DomainError(ErrorCode.CONFLICT, `Tenancy ${row.id} already ended on ${row.endDate}`);
      if (input.endDate < row.startDate) throw DomainError.invalid([{ field: 'endDate', reason: `must not be before the start date (${row.startDate})` }]);
      if (input.endReason) {
        const [known] = await m.query(`SELECT 1 FROM tenancy_end_reason WHERE code = $1`, [input.endReason]);
        if (!known) throw DomainError.invalid([{ field: 'endReason', reason: `is not a tenancy end reason (${input.endReason}; see tenancyEndReasons)` }]);
      }
      row.endDate = input.endDate;
      row.endReason = input.endReason ?? null;
      return toTenancy(await m.save(TenancyEntity, row));
    });
  }
}
