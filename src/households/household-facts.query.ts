import { EntityManager } from 'typeorm';
import { HouseholdFacts, HouseholdMemberFacts, IncomeSource, IndicationFacts } from '../engine/model.js';

/**
 * Engine facts of many households in one round trip. The rows come back as ONE json text value
 * (an array of positional arrays): on the embedded database the per-row cost dominates, and this
 * halves the load of 2,000 respondents (measured: 55-70 ms -> 25-36 ms).
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
  /** "ROLE:YYYY-MM-DD;ROLE:YYYY-MM-DD" in member order */
  members: string | null,
  rankingPoints: number | null,
];

function factsQuery(whereSql: string): string {
  return `SELECT coalesce(json_agg(json_build_array(h.id, h.reference, h.taxable_income_cents, h.income_year, h.income_source,
            h.box3_assets_cents, h.registration_date, h.urgency_category, h.urgency_granted, h.urgency_expires, h.support_needs,
            h.local_ties_municipality_code, h.local_ties_years, h.indication_kind, h.indication_accessibility,
            (SELECT string_agg(m.role || ':' || m.birth_date, ';' ORDER BY m.position) FROM household_member m WHERE m.household_id = h.id),
            h.ranking_points)
          ORDER BY h.id), '[]')::text AS facts
     FROM household h ${whereSql}`;
}

function members(encoded: string | null): HouseholdMemberFacts[] {
  if (!encoded) return [];
  return encoded.split(';').map((part) => ({ role: part.slice(0, part.indexOf(':')) as HouseholdMemberFacts['role'], birthDate: part.slice(part.indexOf(':') + 1) }));
}

function toFacts(t: FactsTuple): HouseholdFacts {
  return {
    id: t[0],
    reference: t[1],
    members: members(t[15]),
    taxableIncomeCents: Number(t[2]),
    incomeYear: t[3],
    incomeSource: t[4],
    box3AssetsCents: t[5] === null ? null : Number(t[5]),
    rankingPoints: t[16],
    registrationDate: t[6],
    urgency: t[7] && t[8] ? { category: t[7], granted: t[8], expires: t[9] } : null,
    supportNeeds: t[10],
    localTies: t[11] !== null && t[12] !== null ? { municipalityCode: t[11], years: t[12] } : null,
    indication: t[13] && t[14] ? { kind: t[13], accessibility: t[14] } : null,
  };
}

async function load(m: EntityManager, whereSql: string, params: unknown[]): Promise<HouseholdFacts[]> {
  const [{ facts }] = await m.query(factsQuery(whereSql), params);
  return (JSON.parse(facts) as FactsTuple[]).map(toFacts);
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
