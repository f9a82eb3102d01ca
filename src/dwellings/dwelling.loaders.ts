import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, defineLoaders } from '../common/request-context.js';
import { DwellingEntity } from './dwelling.entity.js';

export const dwellingLoaders = defineLoaders('dwellings', (m) => ({
  dwelling: new DataLoader<number, DwellingEntity | null>(async (ids) => byKey(ids, await m.findBy(DwellingEntity, { id: In([...ids]) }), (r) => r.id)),
}));
