import DataLoader from 'dataloader';
import { In, IsNull } from 'typeorm';
import { byKey, defineLoaders, groupByKey } from '../common/request-context.js';
import { TenancyEntity } from './tenancy.entity.js';

export const tenancyLoaders = defineLoaders('tenancies', (m) => ({
  currentTenancyByDwelling: new DataLoader<number, TenancyEntity | null>(async (ids) =>
    byKey(ids, await m.findBy(TenancyEntity, { dwellingId: In([...ids]), endDate: IsNull() }), (r) => r.dwellingId),
  ),
  currentTenancyByHousehold: new DataLoader<number, TenancyEntity | null>(async (ids) =>
    byKey(ids, await m.findBy(TenancyEntity, { householdId: In([...ids]), endDate: IsNull() }), (r) => r.householdId),
  ),
  /** All tenancies (current and ended) of the dwellings of each complex, for its composition. */
  tenanciesByComplex: new DataLoader<number, (TenancyEntity & { complexId: number })[]>(async (ids) => {
    const rows = await m
      .createQueryBuilder(TenancyEntity, 't')
      .innerJoin('dwelling', 'd', 'd.id = t.dwelling_id')
      .addSelect('d.complex_id', 'complex_id')
      .where('d.complex_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('t.id')
      .getRawAndEntities();
    const withComplex = rows.entities.map((t, i) => Object.assign(t, { complexId: Number(rows.raw[i].complex_id) }));
    return groupByKey(ids, withComplex, (t) => t.complexId);
  }),
}));
