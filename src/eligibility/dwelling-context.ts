import { EntityManager, In } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { toDwellingFacts } from '../dwellings/dwelling.mapper.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { DwellingFacts } from '../engine/model.js';
import { NeighbourhoodEntity } from '../neighbourhoods/neighbourhood.entity.js';

export interface DwellingContext {
  dwelling: DwellingFacts;
  complex: ComplexEntity;
  neighbourhood: NeighbourhoodEntity;
  /** Municipality (GM code) of the dwelling: picks the local policy and the quota scope. */
  municipalityCode: string;
}

/** A dwelling with its complex and buurt, read through the caller's manager (transaction-safe). */
export async function loadDwellingContext(m: EntityManager, dwellingId: number): Promise<DwellingContext> {
  const dwelling = await m.findOneBy(DwellingEntity, { id: dwellingId });
  if (!dwelling) throw DomainError.notFound('Dwelling', dwellingId);
  const complex = await m.findOneByOrFail(ComplexEntity, { id: dwelling.complexId });
  const neighbourhood = await m.findOneByOrFail(NeighbourhoodEntity, { id: complex.neighbourhoodId });
  return { dwelling: toDwellingFacts(dwelling), complex, neighbourhood, municipalityCode: neighbourhood.municipalityCode };
}

/** Contexts of several dwellings in three round trips (dwellings, their complexes, their buurten). */
export async function loadDwellingContexts(m: EntityManager, dwellingIds: readonly number[]): Promise<Map<number, DwellingContext>> {
  const dwellings = await m.findBy(DwellingEntity, { id: In([...new Set(dwellingIds)]) });
  const missing = dwellingIds.find((id) => !dwellings.some((d) => d.id === id));
  if (missing !== undefined) throw DomainError.notFound('Dwelling', missing);
  const complexes = new Map((await m.findBy(ComplexEntity, { id: In([...new Set(dwellings.map((d) => d.complexId))]) })).map((c) => [c.id, c]));
  const neighbourhoods = new Map(
    (await m.findBy(NeighbourhoodEntity, { id: In([...new Set([...complexes.values()].map((c) => c.neighbourhoodId))]) })).map((n) => [n.id, n]),
  );
  return new Map(
    dwellings.map((d) => {
      const complex = complexes.get(d.complexId)!;
      const neighbourhood = neighbourhoods.get(complex.neighbourhoodId)!;
      return [d.id, { dwelling: toDwellingFacts(d), complex, neighbourhood, municipalityCode: neighbourhood.municipalityCode }];
    }),
  );
}
