import { ageInMonthsOn, ageOn, firstOfJanuary } from './dates.js';
import { HouseholdMemberFacts, IsoDate, RuleParameters } from '../model.js';

export function householdSize(members: readonly HouseholdMemberFacts[]): number {
  return members.length;
}

export const HOUSEHOLD_TYPES = ['SINGLE', 'COUPLE', 'FAMILY', 'SINGLE_PARENT', 'OTHER'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** Household type from member roles: children are members with role CHILD, everyone else counts as adult. */
export function householdType(members: readonly HouseholdMemberFacts[]): HouseholdType {
  const children = members.filter((m) => m.role === 'CHILD').length;
  const adults = members.length - children;
  if (children > 0) return adults >= 2 ? 'FAMILY' : 'SINGLE_PARENT';
  if (adults === 1) return 'SINGLE';
  if (adults === 2 && members.some((m) => m.role === 'PARTNER')) return 'COUPLE';
  return 'OTHER';
}

/**
 * The AOW test of passend toewijzen: a household counts as "at AOW age" as soon as one member has
 * reached the pension age on 1 January of the allocation year (Woningwet art. 46 lid 2; BTIV 2015 art. 54;
 * docs/domain.md §3.1).
 */
export function hasMemberAtAowAge(members: readonly HouseholdMemberFacts[], params: Pick<RuleParameters, 'year' | 'aowAgeYears' | 'aowAgeMonths'>): boolean {
  const reference = firstOfJanuary(params.year);
  const aowMonths = params.aowAgeYears * 12 + params.aowAgeMonths;
  return members.some((m) => ageInMonthsOn(m.birthDate, reference) >= aowMonths);
}

/** DAEB income limit: one figure for 1-person households, another for 2 or more (Woningwet art. 48; docs/domain.md §2.1). */
export function daebIncomeLimitCents(size: number, params: Pick<RuleParameters, 'daebIncomeLimitSingleCents' | 'daebIncomeLimitMultiCents'>): number {
  return size <= 1 ? params.daebIncomeLimitSingleCents : params.daebIncomeLimitMultiCents;
}

export interface PassendIncomeLimit {
  limitCents: number;
  atAowAge: boolean;
  /** The 1-person figure applied (else the one for 2 or more). */
  single: boolean;
  /** Which of the four published limits applied, e.g. "2+ persons, below AOW age". */
  description: string;
}

/** Passend-toewijzen income limit by size (1 vs 2+) and AOW status (BTIV 2015 art. 54; docs/domain.md §3.1). */
export function passendIncomeLimit(
  members: readonly HouseholdMemberFacts[],
  params: Pick<
    RuleParameters,
    | 'year'
    | 'aowAgeYears'
    | 'aowAgeMonths'
    | 'passendIncomeSingleBelowAowCents'
    | 'passendIncomeMultiBelowAowCents'
    | 'passendIncomeSingleAowCents'
    | 'passendIncomeMultiAowCents'
  >,
): PassendIncomeLimit {
  const single = householdSize(members) <= 1;
  const atAowAge = hasMemberAtAowAge(members, params);
  const limitCents = single
    ? atAowAge
      ? params.passendIncomeSingleAowCents
      : params.passendIncomeSingleBelowAowCents
    : atAowAge
      ? params.passendIncomeMultiAowCents
      : params.passendIncomeMultiBelowAowCents;
  const description = `${single ? '1 person' : '2+ persons'}, ${atAowAge ? 'at or above' : 'below'} AOW age on 1 January ${params.year}`;
  return { limitCents, atAowAge, single, description };
}

/** Age of the eldest adult (applicant, partner or co-resident); falls back to the eldest member. */
export function headAge(members: readonly HouseholdMemberFacts[], onDate: IsoDate): number {
  const adults = members.filter((m) => m.role !== 'CHILD');
  const pool = adults.length > 0 ? adults : members;
  return Math.max(...pool.map((m) => ageOn(m.birthDate, onDate)));
}
