import type { ComparedValue, QuotaCounterKey, RuleOutcome } from '../engine/eligibility/rule-outcome.js';
import { householdType } from '../engine/common/household-profile.js';
import type { HouseholdMemberFacts } from '../engine/model.js';
import { HOUSEHOLD_TYPE_TO_DOELGROEP, VOORRANGSOORT, VeraCode, aanbiedingStatusOf, passendheidOf } from './vera-codes.js';

/** What Woonmix recorded of one allocation (table allocation, with its vacancy, dwelling and household). */
export interface AllocationFacts {
  id: number;
  allocationDate: string;
  vacancyReference: string;
  dwellingCode: string;
  householdReference: string;
  householdSize: number;
  /** The members' roles, for the household's composition (its type reads roles only). */
  memberRoles: HouseholdMemberFacts['role'][];
  countsAs: QuotaCounterKey[];
  /** The verdict the allocation was recorded under: its rules' compared values. */
  outcomes: Pick<RuleOutcome, 'ruleId' | 'result' | 'values'>[];
}

/** An offer with the VERA code of its coded refusal reason, when it has one. */
export interface OfferFacts {
  id: number;
  status: 'PENDING_APPROVAL' | 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
  vacancyReference: string;
  householdReference: string;
  veraDetailStatus: string | null;
}

/** One VERA document (a bericht): a resource's fields; absent values are left out (the specification has no nulls). */
export type VeraDocument = Record<string, unknown>;

const euros = (cents: number) => Math.round(cents) / 100;
const dateTime = (isoDate: string) => `${isoDate}T00:00:00Z`;
const referentie = (c: VeraCode) => ({ code: c.code, naam: c.naam });

/** The first value a rule compared under `name` (the same fact is compared by several rules). */
function comparedValue(outcomes: AllocationFacts['outcomes'], name: string): ComparedValue | undefined {
  for (const o of outcomes) {
    const v = o.values.find((x) => x.name === name);
    if (v) return v;
  }
  return undefined;
}

/**
 * A Toewijzing (Toewijzingen-Toewijzingbericht): the values the passend and DAEB tests used, read from
 * the verdict the allocation was recorded under (rekeninkomen: the household's taxable income;
 * rekenhuur: the net rent the caps were checked against; rekenvermogen: box-3 assets, when the
 * asset exception was looked at), its passend category and the priority it was housed with. The
 * DAEB income target group (Woningwet art. 48) has no VERA field (VERA's DOELGROEP lists household
 * kinds), so it travels as an extra attribute.
 */
export function toewijzingOf(a: AllocationFacts): VeraDocument {
  const income = comparedValue(a.outcomes, 'taxableIncomeCents');
  const rent = comparedValue(a.outcomes, 'netRentCents');
  const assets = comparedValue(a.outcomes, 'box3AssetsCents');
  const priority: VeraDocument[] = [];
  const passed = (ruleId: string) => a.outcomes.some((o) => o.ruleId === ruleId && o.result === 'PASSED');
  // the urgency rule passes only on the urgency route with a valid urgency (urgency-validity.rule.ts)
  if (passed('URGENCY_VALIDITY')) priority.push({ soort: referentie(VOORRANGSOORT.URG) });
  if (a.countsAs.includes('localTiesPriority')) priority.push({ soort: referentie(VOORRANGSOORT.BIN) });
  // the household's indication matched the adapted home (accessibility-indication.rule.ts)
  if (
    a.outcomes.some(
      (o) => o.ruleId === 'ACCESSIBILITY_INDICATION' && o.result === 'PASSED' && o.values.some((v) => v.name === 'indicationAccessibility' && v.holds),
    )
  )
    priority.push({ soort: referentie(VOORRANGSOORT.IND) });
  const daeb = a.countsAs.includes('daebInTargetGroup') ? 'BINNEN' : a.countsAs.includes('daebAboveLimit') ? 'BOVEN' : null;
  return {
    id: String(a.id),
    code: a.vacancyReference,
    datum: dateTime(a.allocationDate),
    eenheid: { code: a.dwellingCode },
    kandidaat: { code: a.householdReference },
    huishoudgrootte: a.householdSize,
    doelgroep: referentie(HOUSEHOLD_TYPE_TO_DOELGROEP[householdType(a.memberRoles.map((role) => ({ role, birthDate: a.allocationDate })))]),
    ...(typeof income?.value === 'number' ? { rekeninkomen: euros(income.value) } : {}),
    ...(typeof rent?.value === 'number' ? { rekenhuur: euros(rent.value) } : {}),
    ...(typeof assets?.value === 'number' ? { rekenvermogen: euros(assets.value) } : {}),
    passendheidsoort: referentie(passendheidOf(a.countsAs)),
    ...(priority.length > 0 ? { voorrangsregelingen: priority } : {}),
    ...(daeb ? { 'extra-attributen': [{ naam: 'woonmix.daebDoelgroep', waarde: daeb }] } : {}),
  };
}

/** An Aanbieding (Aanbiedingen-Aanbiedingbericht): the offer's state and, for a coded refusal, its reason. */
export function aanbiedingOf(o: OfferFacts): VeraDocument {
  const { status, detailStatus } = aanbiedingStatusOf(o.status, o.veraDetailStatus);
  return {
    id: String(o.id),
    status: referentie(status),
    ...(detailStatus ? { detailStatus: referentie(detailStatus) } : {}),
    publicatie: { code: o.vacancyReference },
    relatie: { code: o.householdReference },
  };
}
