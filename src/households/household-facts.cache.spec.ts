import { HouseholdFacts } from '../engine/model.js';
import { HouseholdFactsCache } from './household-facts.cache.js';

const facts = (id: number) => ({ id, reference: `H-${id}` }) as unknown as HouseholdFacts;

describe('HouseholdFactsCache', () => {
  it('serves an entry only at the version it was stored with', () => {
    const cache = new HouseholdFactsCache(10);
    cache.put('3', facts(1));
    expect(cache.get(1, '3')?.id).toBe(1);
    expect(cache.get(1, '4')).toBeUndefined();
  });

  it('trims to capacity after a batch, dropping the least recently used first', () => {
    const cache = new HouseholdFactsCache(3);
    for (const id of [1, 2, 3]) cache.put('1', facts(id));
    cache.get(1, '1'); // 1 is now the most recently used
    for (const id of [4, 5]) cache.put('1', facts(id));
    expect(cache.size).toBe(5);
    cache.trim();
    expect(cache.size).toBe(3);
    expect([1, 2, 3, 4, 5].filter((id) => cache.get(id, '1') !== undefined)).toEqual([1, 4, 5]);
  });

  it('trims a batch far above capacity in one pass', () => {
    const cache = new HouseholdFactsCache(50_000);
    for (let id = 1; id <= 160_000; id += 1) cache.put('1', facts(id));
    cache.trim();
    expect(cache.size).toBe(50_000);
    expect(cache.get(110_001, '1')?.id).toBe(110_001);
    expect(cache.get(110_000, '1')).toBeUndefined();
  });

  it('forgets everything when reads come from another database', () => {
    const cache = new HouseholdFactsCache(10);
    cache.readFrom('db-1');
    cache.put('1', facts(1));
    cache.readFrom('db-2');
    expect(cache.size).toBe(0);
  });
});
