import { DataSource, EntityManager } from 'typeorm';
import { HouseholdFacts, HouseholdMemberFacts, IncomeSource, IndicationFacts, OfferBlockFacts } from '../engine/model.js';
import { deepFreeze } from '../engine/common/deep-freeze.js';
import { HouseholdFactsCache } from './household-facts.cache.js';

/**
 * Engine facts of many households in one statement (one snapshot). The households come back as ONE
 * json text value (an array of positional arrays) and their members as ONE text: on the embedded
 * database the per-row cost dominates. Measured on 2,000 respondents (scripts/bench.ts data): rows
 * 55-70 ms; json with a members subquery per household 40-44 ms; households and members aggregated
 * apart, as here, about 19 ms.
 */
type FactsTuple = [
  id: number,
  reference: string,
  taxableIncomeCents: number,
  incomeYear: number,
  incomeSource: IncomeSource,
  box3AssetsCents: number | null,
  registrationDate: string,
  urgencyCategory: string | null,
  urgencyGranted: string | null,
  urgencyExpires: string | null,
  supportNeeds: string[],
  localTiesMunicipalityCode: string | null,
  localTiesYears: number | null,
  indicationKind: IndicationFacts['kind'] | null,
  indicationAccessibility: IndicationFacts['accessibility'] | null,
  rankingPoints: number | null,
  factsVersion: string,
  /** Last written by the reading transaction itself (see load). */
  writtenHere: boolean,
];

function factsQuery(whereSql: string): string {
  return `WITH h AS MATERIALIZED (SELECT h.*, h.xmin = pg_current_xact_id_if_assigned()::xid AS written_here FROM household h ${whereSql})
    SELECT
      (SELECT coalesce(json_agg(json_build_array(h.id, h.reference, h.taxable_income_cents, h.income_year, h.income_source,
                h.box3_assets_cents, h.registration_date, h.urgency_category, h.urgency_granted, h.urgency_expires, h.support_needs,
                h.local_ties_municipality_code, h.local_ties_years, h.indication_kind, h.indication_accessibility, h.ranking_points, h.facts_version::text,
                coalesce(h.written_here, false))
              ORDER BY h.id), '[]')::text FROM h) AS facts,
      -- "id:ROLE:YYYY-MM-DD;..." by household, in member order
      (SELECT string_agg(m.household_id || ':' || m.role || ':' || m.birth_date, ';' ORDER BY m.household_id, m.position)
         FROM household_member m WHERE m.household_id IN (SELECT id FROM h)) AS members,
      -- blocks from offers still to count (sanction; src/engine/letting/sanctions.ts): "id:from:until:liftRequested;..."
      (SELECT string_agg(s.household_id || ':' || to_char(s.from_date, 'YYYY-MM-DD') || ':' || to_char(s.until_date, 'YYYY-MM-DD') || ':' ||
                (s.state = 'LIFT_REQUESTED')::text, ';' ORDER BY s.household_id, s.id)
         FROM sanction s WHERE s.kind = 'BLOCK' AND s.state IN ('ACTIVE', 'LIFT_REQUESTED') AND s.household_id IN (SELECT id FROM h)) AS blocks`;
}

function membersByHousehold(encoded: string | null): Map<number, HouseholdMemberFacts[]> {
  const result = new Map<number, HouseholdMemberFacts[]>();
  if (!encoded) return result;
  for (const part of encoded.split(';')) {
    const first = part.indexOf(':');
    const second = part.indexOf(':', first + 1);
    const id = Number(part.slice(0, first));
    const list = result.get(id) ?? [];
    list.push({ role: part.slice(first + 1, second) as HouseholdMemberFacts['role'], birthDate: part.slice(second + 1) });
    result.set(id, list);
  }
  return result;
}

function blocksByHousehold(encoded: string | null): Map<number, OfferBlockFacts[]> {
  const result = new Map<number, OfferBlockFacts[]>();
  if (!encoded) return result;
  for (const part of encoded.split(';')) {
    const [id, from, until, liftRequested] = part.split(':');
    const list = result.get(Number(id)) ?? [];
    list.push({ from, until, liftRequested: liftRequested === 'true' });
    result.set(Number(id), list);
  }
  return result;
}

function toFacts(t: FactsTuple, members: HouseholdMemberFacts[], offerBlocks: OfferBlockFacts[]): HouseholdFacts {
  return {
    id: t[0],
    reference: t[1],
    members,
    taxableIncomeCents: Number(t[2]),
    incomeYear: t[3],
    incomeSource: t[4],
    box3AssetsCents: t[5] === null ? null : Number(t[5]),
    rankingPoints: t[15],
    registrationDate: t[6],
    urgency: t[7] && t[8] ? { category: t[7], granted: t[8], expires: t[9] } : null,
    supportNeeds: t[10],
    localTies: t[11] !== null && t[12] !== null ? { municipalityCode: t[11], years: t[12] } : null,
    indication: t[13] && t[14] ? { kind: t[13], accessibility: t[14] } : null,
    offerBlocks,
  };
}

/**
 * Facts of the households a where-clause selects, by id, each with the version it was read at and
 * whether the reading transaction wrote the row itself. Such a row's version is one this transaction
 * took and its members may still change under it without a new one
 * (migrations/1764000000026-household-version-own-writes.ts): it is never cached.
 */
async function load(m: EntityManager, whereSql: string, params: unknown[]): Promise<{ version: string; writtenHere: boolean; facts: HouseholdFacts }[]> {
  const [{ facts, members, blocks }]: { facts: string; members: string | null; blocks: string | null }[] = await m.query(factsQuery(whereSql), params);
  const byHousehold = membersByHousehold(members);
  const blocksOf = blocksByHousehold(blocks);
  return (JSON.parse(facts) as FactsTuple[]).map((t) => ({
    version: t[16],
    writtenHere: t[17] === true,
    facts: toFacts(t, byHousehold.get(t[0]) ?? [], blocksOf.get(t[0]) ?? []),
  }));
}

/** One cache per database connection: a test's or a restore's other database never shares entries. */
const caches = new WeakMap<DataSource, HouseholdFactsCache>();

function cacheOf(m: EntityManager): HouseholdFactsCache {
  let cache = caches.get(m.connection);
  if (!cache) caches.set(m.connection, (cache = new HouseholdFactsCache()));
  return cache;
}

/**
 * Runs `sql`, which returns one text "key:id:version,..." (key: what the row belongs to, such as a
 * vacancy, or 0), with the database's identity in the same statement; returns the rows parsed.
 */
async function versions(m: EntityManager, sql: string, params: unknown[]): Promise<{ database: string; rows: [number, number, string][] }> {
  const [row]: { database: string; rows: string | null }[] = await m.query(
    `SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text AS database, (${sql}) AS rows`,
    params,
  );
  const rows: [number, number, string][] = [];
  if (row.rows)
    for (const part of row.rows.split(',')) {
      const [key, id, version] = part.split(':');
      rows.push([Number(key), Number(id), version]);
    }
  return { database: row.database, rows };
}

/**
 * Facts of the households behind `rows`: from the cache where the version read is the cached one,
 * else read (one statement for all of them) and cached. Reading costs a version per household on
 * a repeat: 2,000 respondents' versions take a few milliseconds, their facts 25-35 ms (scripts/bench.ts).
 */
async function factsOf(m: EntityManager, database: string, wanted: readonly [number, string][]): Promise<Map<number, HouseholdFacts>> {
  const cache = cacheOf(m);
  cache.readFrom(database);
  const result = new Map<number, HouseholdFacts>();
  const missing: number[] = [];
  for (const [id, version] of wanted) {
    if (result.has(id)) continue;
    const cached = cache.get(id, version);
    if (cached) result.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    // read committed: a household may have changed since its version was read; its facts and
    // version are read together, so the cache never pairs one with the other's content
    for (const { version, writtenHere, facts } of await load(m, 'WHERE h.id = ANY($1)', [missing]))
      result.set(facts.id, writtenHere ? deepFreeze(facts) : cache.put(version, facts));
    cache.trim();
  }
  return result;
}

/** Households that responded to a vacancy and are still on the waiting list (withdrawn or housed ones drop out), by id. */
export async function respondentFacts(m: EntityManager, vacancyId: number): Promise<HouseholdFacts[]> {
  return (await respondentFactsByVacancy(m, [vacancyId])).get(vacancyId)!;
}

/**
 * Respondents of several vacancies (still on the waiting list), each household's facts read once
 * (and only when changed since the service last read them). Lists are ordered by household id.
 */
export async function respondentFactsByVacancy(m: EntityManager, vacancyIds: readonly number[]): Promise<Map<number, HouseholdFacts[]>> {
  const { database, rows } = await versions(
    m,
    `SELECT string_agg(r.vacancy_id || ':' || h.id || ':' || h.facts_version, ',' ORDER BY r.vacancy_id, h.id)
       FROM vacancy_response r JOIN household h ON h.id = r.household_id
      WHERE r.vacancy_id = ANY($1) AND h.on_waiting_list
        -- once the list is made, a candidate skipped, withdrawn or refused is out of this vacancy's pool (issue 17).
        -- NOT IN over these vacancies' few such candidates (both columns NOT NULL) is one hashed set, whatever
        -- the statistics say; NOT EXISTS became a probe per respondent when they were stale (the embedded
        -- database has no autovacuum): 9-11 ms against 5-6 ms for 2,000 respondents, measured on PGlite
        AND (r.vacancy_id, r.household_id) NOT IN (
          SELECT c.vacancy_id, c.household_id FROM candidate c WHERE c.vacancy_id = ANY($1) AND c.state IN ('SKIPPED', 'WITHDRAWN', 'REFUSED'))`,
    [vacancyIds],
  );
  const facts = await factsOf(
    m,
    database,
    rows.map(([, id, version]) => [id, version]),
  );
  const result = new Map<number, HouseholdFacts[]>(vacancyIds.map((id) => [id, []]));
  for (const [vacancyId, householdId] of rows) {
    const household = facts.get(householdId);
    if (household) result.get(vacancyId)!.push(household);
  }
  return result;
}

/** Facts of the households with these ids (on the list or not), ordered by id. */
export async function householdFactsByIds(m: EntityManager, ids: readonly number[]): Promise<HouseholdFacts[]> {
  const { database, rows } = await versions(
    m,
    `SELECT string_agg('0:' || h.id || ':' || h.facts_version, ',' ORDER BY h.id) FROM household h WHERE h.id = ANY($1)`,
    [[...ids]],
  );
  const facts = await factsOf(
    m,
    database,
    rows.map(([, id, version]) => [id, version]),
  );
  return rows.flatMap(([, id]) => facts.get(id) ?? []);
}

/** Everyone on the waiting list (read whole, not cached: it can outgrow the cache). */
export async function waitingListFacts(m: EntityManager): Promise<HouseholdFacts[]> {
  return (await load(m, 'WHERE h.on_waiting_list', [])).map((r) => r.facts);
}
