import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, countsByKey, defineLoaders } from '../common/request-context.js';
import { ComplexEntity } from './complex.entity.js';

export const complexLoaders = defineLoaders('complexes', (m) => ({
  complex: new DataLoader<number, ComplexEntity | null>(async (ids) => byKey(ids, await m.findBy(ComplexEntity, { id: In([...ids]) }), (r) => r.id)),
  dwellingCountByComplex: new DataLoader<number, number>(async (ids) =>
    countsByKey(ids, await m.query('SELECT complex_id AS key, count(*) AS n FROM dwelling WHERE complex_id = ANY($1) GROUP BY complex_id', [[...ids]])),
  ),
}));
