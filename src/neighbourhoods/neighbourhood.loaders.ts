import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, defineLoaders } from '../common/request-context.js';
import { NeighbourhoodEntity } from './neighbourhood.entity.js';

export const neighbourhoodLoaders = defineLoaders('neighbourhoods', (m) => ({
  neighbourhood: new DataLoader<number, NeighbourhoodEntity | null>(async (ids) =>
    byKey(ids, await m.findBy(NeighbourhoodEntity, { id: In([...ids]) }), (r) => r.id),
  ),
}));
