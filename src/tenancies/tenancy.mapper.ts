import { AllocationRouteEnum } from '../vacancies/graphql/vacancy.type.js';
import { Tenancy } from './graphql/tenancy.type.js';
import { TenancyEntity } from './tenancy.entity.js';

export function toTenancy(e: TenancyEntity): Tenancy {
  return {
    id: String(e.id),
    householdId: e.householdId,
    dwellingId: e.dwellingId,
    startDate: e.startDate,
    endDate: e.endDate,
    allocationRoute: e.allocationRoute as AllocationRouteEnum | null,
    endReason: e.endReason,
  };
}
