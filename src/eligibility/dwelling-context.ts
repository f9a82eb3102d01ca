import { EntityManager } from 'typeorm';
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
