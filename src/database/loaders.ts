import type { Actor } from '../auth/roles.js';
import type { DisclosureState } from '../privacy/household-disclosure.service.js';
import DataLoader from 'dataloader';
import { EntityManager, In, IsNull } from 'typeorm';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { RuleParameterYearEntity } from '../eligibility/rule-parameter-year.entity.js';
import { HouseholdFacts } from '../engine/model.js';
import { householdFactsByIds } from '../households/household-facts.query.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { NeighbourhoodEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { TenancyEntity } from '../tenancies/tenancy.entity.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k)!);
}

/**
 * Batch loaders, per request (or per transaction: give the transaction's manager, since on the
 * embedded database a query outside the open transaction would wait for it). Per request: a page of 500 vacancies with their dwellings and complexes costs one
 * query per level, not one per row.
 */
export function createLoaders(m: EntityManager) {
  return {
    neighbourhood: new DataLoader<number, NeighbourhoodEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(NeighbourhoodEntity, { id: In([...ids]) }), (r) => r.id)),
    complex: new DataLoader<number, ComplexEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(ComplexEntity, { id: In([...ids]) }), (r) => r.id)),
    vacancy: new DataLoader<number, VacancyEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(VacancyEntity, { id: In([...ids]) }), (r) => r.id)),
    dwelling: new DataLoader<number, DwellingEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(DwellingEntity, { id: In([...ids]) }), (r) => r.id)),
    household: new DataLoader<number, HouseholdEntity | null>(async (ids) =>
      byKey(ids, await m.find(HouseholdEntity, { where: { id: In([...ids]) }, relations: { members: true } }), (r) => r.id)),
    /** Engine facts (tenants in compositions): one JSON round trip, no entity hydration. */
    householdFacts: new DataLoader<number, HouseholdFacts | null>(async (ids) => byKey(ids, await householdFactsByIds(m, ids), (r) => r.id)),
    dwellingCountByComplex: new DataLoader<number, number>(async (ids) => {
      const rows: { complex_id: number; n: string }[] = await m.query(
        'SELECT complex_id, count(*) AS n FROM dwelling WHERE complex_id = ANY($1) GROUP BY complex_id', [[...ids]]);
      const counts = new Map(rows.map((r) => [Number(r.complex_id), Number(r.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    currentTenancyByDwelling: new DataLoader<number, TenancyEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(TenancyEntity, { dwellingId: In([...ids]), endDate: IsNull() }), (r) => r.dwellingId)),
    currentTenancyByHousehold: new DataLoader<number, TenancyEntity | null>(async (ids) =>
      byKey(ids, await m.findBy(TenancyEntity, { householdId: In([...ids]), endDate: IsNull() }), (r) => r.householdId)),
    /** All tenancies (current and ended) of the dwellings of each complex, for its composition. */
    tenanciesByComplex: new DataLoader<number, (TenancyEntity & { complexId: number })[]>(async (ids) => {
      const rows = await m
        .createQueryBuilder(TenancyEntity, 't')
        .innerJoin(DwellingEntity, 'd', 'd.id = t.dwelling_id')
        .addSelect('d.complex_id', 'complex_id')
        .where('d.complex_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('t.id')
        .getRawAndEntities();
      const withComplex = rows.entities.map((t, i) => Object.assign(t, { complexId: Number(rows.raw[i].complex_id) }));
      return groupByKey(ids, withComplex, (t) => t.complexId);
    }),
    respondentsByVacancy: new DataLoader<number, VacancyResponseEntity[]>(async (ids) =>
      groupByKey(ids, await m.find(VacancyResponseEntity, { where: { vacancyId: In([...ids]) }, order: { respondedAt: 'ASC', householdId: 'ASC' } }), (r) => r.vacancyId)),
    respondentCountByVacancy: new DataLoader<number, number>(async (ids) => {
      const rows: { vacancy_id: number; n: string }[] = await m.query(
        'SELECT vacancy_id, count(*) AS n FROM vacancy_response WHERE vacancy_id = ANY($1) GROUP BY vacancy_id', [[...ids]]);
      const counts = new Map(rows.map((r) => [Number(r.vacancy_id), Number(r.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    ruleParameters: new DataLoader<number, RuleParameterYearEntity | null>(async (years) =>
      byKey(years, await m.findBy(RuleParameterYearEntity, { year: In([...years]) }), (r) => r.year)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestContext {
  loaders: Loaders;
  /** The HTTP request, with the signed-in actor (AuthGuard). */
  req?: { actor?: Actor };
  /** Per-request state of HouseholdDisclosure (access checks and records, batched). */
  disclosure?: DisclosureState;
}
