import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/roles.js';

/** A feature's batch loaders, made per request (or per transaction) when first asked for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each set declares its own key and value types
export type LoaderSet = Record<string, DataLoader<any, any>>;

export interface LoaderFactory<T extends LoaderSet> {
  readonly feature: string;
  create(m: EntityManager): T;
}

/** Declared by the feature that owns the rows (e.g. src/households/household.loaders.ts). */
export function defineLoaders<T extends LoaderSet>(feature: string, create: (m: EntityManager) => T): LoaderFactory<T> {
  return { feature, create };
}

/**
 * The loaders of one request, or of one transaction (give the transaction's manager: on the embedded
 * database a query outside the open transaction would wait for it). Per request, a page of 500
 * vacancies with their dwellings and complexes costs one query per level, not one per row.
 */
export class LoaderScope {
  private readonly made = new Map<LoaderFactory<LoaderSet>, LoaderSet>();

  constructor(readonly manager: EntityManager) {}

  of<T extends LoaderSet>(factory: LoaderFactory<T>): T {
    let loaders = this.made.get(factory);
    if (!loaders) this.made.set(factory, (loaders = factory.create(this.manager)));
    return loaders as T;
  }
}

/** The GraphQL context of a request. */
export interface RequestContext {
  loaders: LoaderScope;
  /** The HTTP request, with the signed-in actor (src/common/request-guards.ts). */
  req?: { actor?: Actor; headers?: Record<string, string | string[] | undefined> };
  /** Per-request state of features (e.g. the privacy feature's access records), by feature. */
  state?: Map<string, unknown>;
}

export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k)!);
}

/** Counts per key from rows of { key, n } (a GROUP BY), 0 for keys without rows. */
export function countsByKey(keys: readonly number[], rows: { key: number | string; n: number | string }[]): number[] {
  const counts = new Map(rows.map((r) => [Number(r.key), Number(r.n)]));
  return keys.map((k) => counts.get(k) ?? 0);
}
