import { AllocationRouteEnum, Vacancy, VacancyStatusEnum } from './graphql/vacancy.type.js';
import { VacancyEntity } from './vacancy.entity.js';

export function toVacancy(e: VacancyEntity): Vacancy {
  return {
    id: String(e.id),
    reference: e.reference,
    dwellingId: e.dwellingId,
    availableFrom: e.availableFrom,
    route: e.route as AllocationRouteEnum,
    status: e.status as VacancyStatusEnum,
    labelFallbackActive: e.labelFallbackActive,
    localTiesPriority: e.localTiesPriority,
  };
}
