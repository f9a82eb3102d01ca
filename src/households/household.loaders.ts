import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, defineLoaders } from '../common/request-context.js';
import { HouseholdFacts } from '../engine/model.js';
import { householdFactsByIds } from './household-facts.query.js';
import { HouseholdEntity } from './household.entity.js';

export const householdLoaders = defineLoaders('households', (m) => ({
  household: new DataLoader<number, HouseholdEntity | null>(async (ids) =>
    byKey(ids, await m.find(HouseholdEntity, { where: { id: In([...ids]) }, relations: { members: true } }), (r) => r.id),
  ),
  /** Engine facts (tenants in compositions): one JSON round trip, no entity hydration. */
  householdFacts: new DataLoader<number, HouseholdFacts | null>(async (ids) => byKey(ids, await householdFactsByIds(m, ids), (r) => r.id)),
}));
