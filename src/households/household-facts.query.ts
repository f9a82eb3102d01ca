import { EntityManager } from 'typeorm';
import { HouseholdFacts, HouseholdMemberFacts, IncomeSource, IndicationFacts } from '../engine/model.js';

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
];

function factsQuery(whereSql: string): string {
  return `WITH h AS MATERIALIZED (SELECT h.* FROM household h ${whereSql})
    SELECT
      (SELECT coalesce(json_agg(json_build_array(h.id, h.reference, h.taxable_income_cents, h.income_year, h.income_source,
                h.box3_assets_cents, h.registration_date, h.urgency_category, h.urgency_granted, h.urgency_expires, h.support_needs,
                h.local_ties_municipality_code, h.local_ties_years, h.indication_kind, h.indication_accessibility, h.ranking_points)
              ORDER BY h.id), '[]')::text FROM h) AS facts,
      -- "id:ROLE:YYYY-MM-DD;..." by household, in member order
      (SELECT string_agg(m.household_id || ':' || m.role || ':' || m.birth_date, ';' ORDER BY m.household_id, m.position)
         FROM household_member m WHERE m.household_id IN (SELECT id FROM h)) AS members`;
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

function toFacts(t: FactsTuple, members: HouseholdMemberFacts[]): HouseholdFacts {
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
  };
}

async function load(m: EntityManager, whereSql: string, params: unknown[]): Promise<HouseholdFacts[]> {
  const [{ facts, members }]: { facts: string; members: string | null }[] = await m.query(factsQuery(whereSql), params);
  const byHousehold = membersByHousehold(members);
  return (JSON.parse(facts) as FactsTuple[]).map((t) => toFacts(t, byHousehold.get(t[0]) ?? []));
}

/** Households that responded to a vacancy and are still on the waiting list (withdrawn or housed ones drop out). */
export function respondentFacts(m: EntityManager, vacancyId: number): Promise<HouseholdFacts[]> {
  return load(m, 'JOIN vacancy_response r ON r.household_id = h.id WHERE r.vacancy_id = $1 AND h.on_waiting_list', [vacancyId]);
}

/**
 * Respondents of several vacancies (still on the waiting list), each household's facts loaded once:
 * two round trips whatever the number of vacancies. Lists keep the order of respondentFacts (by id).
 */
export async function respondentFactsByVacancy(m: EntityManager, vacancyIds: readonly number[]): Promise<Map<number, HouseholdFacts[]>> {
  const facts = await load(m, 'WHERE h.on_waiting_list AND h.id IN (SELECT household_id FROM vacancy_response WHERE vacancy_id = ANY($1))', [vacancyIds]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const rows: { vacancy_id: number; household_id: number }[] = await m.query(
    'SELECT vacancy_id, household_id FROM vacancy_response WHERE vacancy_id = ANY($1) ORDER BY vacancy_id, household_id',
    [vacancyIds],
  );
  const result = new Map<number, HouseholdFacts[]>(vacancyIds.map((id) => [id, []]));
  for (const r of rows) {
    const household = byId.get(Number(r.household_id));
    if (household) result.get(Number(r.vacancy_id))!.push(household);
  }
  return result;
}

/** Facts of the households with these ids (on the list or not), ordered by id. */
export function householdFactsByIds(m: EntityManager, ids: readonly number[]): Promise<HouseholdFacts[]> {
  return load(m, 'WHERE h.id = ANY($1)', [[...ids]]);
}

/** Everyone on the waiting list. */
export function waitingListFacts(m: EntityManager): Promise<HouseholdFacts[]> {
  return load(m, 'WHERE h.on_waiting_list', []);
}
