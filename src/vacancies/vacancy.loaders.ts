import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, countsByKey, defineLoaders, groupByKey } from '../common/request-context.js';
import { VacancyEntity, VacancyResponseEntity } from './vacancy.entity.js';

export const vacancyLoaders = defineLoaders('vacancies', (m) => ({
  vacancy: new DataLoader<number, VacancyEntity | null>(async (ids) => byKey(ids, await m.findBy(VacancyEntity, { id: In([...ids]) }), (r) => r.id)),
  respondentsByVacancy: new DataLoader<number, VacancyResponseEntity[]>(async (ids) =>
    groupByKey(
      ids,
      await m.find(VacancyResponseEntity, { where: { vacancyId: In([...ids]) }, order: { respondedAt: 'ASC', householdId: 'ASC' } }),
      (r) => r.vacancyId,
    ),
  ),
  respondentCountByVacancy: new DataLoader<number, number>(async (ids) =>
    countsByKey(ids, await m.query('SELECT vacancy_id AS key, count(*) AS n FROM vacancy_response WHERE vacancy_id = ANY($1) GROUP BY vacancy_id', [[...ids]])),
  ),
}));
