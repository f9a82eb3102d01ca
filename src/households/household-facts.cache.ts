import { deepFreeze } from '../engine/common/deep-freeze.js';
import { HouseholdFacts } from '../engine/model.js';

/** Enough for the respondents of every open vacancy of a large association; about 0.5 kB each. */
export const FACTS_CACHE_CAPACITY = 50_000;

/**
 * Engine facts of households by (id, version). The version is kept by the database on every change
 * to a household or its members (migrations/1764000000011-household-facts-version.ts), so an entry
 * is right exactly when its version is the one the caller's snapshot reads: nothing to invalidate,
 * and several service instances on one database stay exact. Least recently used entries go first.
 * Entries are frozen: one object is shared by every request that reads it.
 */
export class HouseholdFactsCache {
  private readonly entries = new Map<number, { version: string; facts: HouseholdFacts }>();
  /** The database the versions were read from: another one (a restore, a test's fresh database) empties the cache. */
  private database: string | null = null;

  constructor(private readonly capacity = FACTS_CACHE_CAPACITY) {}

  /** Facts of `id` at exactly `version`, or undefined. */
  get(id: number, version: string): HouseholdFacts | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) return undefined;
    // most recently used last
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.facts;
  }

  put(version: string, facts: HouseholdFacts): HouseholdFacts {
    const frozen = deepFreeze(facts);
    this.entries.delete(facts.id);
    this.entries.set(facts.id, { version, facts: frozen });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return frozen;
  }

  /** Called with the identity of the database each read came from. */
  readFrom(database: string): void {
    if (this.database !== database) this.entries.clear();
    this.database = database;
  }

  get size(): number {
    return this.entries.size;
  }
}
