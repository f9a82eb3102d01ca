import { householdType } from '../engine/common/household-profile.js';
import { HouseholdFacts, OfferBlockFacts } from '../engine/model.js';
import {
  Household,
  HouseholdFieldsInput,
  HouseholdTypeEnum,
  IncomeSourceEnum,
  IndicatedAccessibilityEnum,
  IndicationKindEnum,
  MemberRoleEnum,
} from './graphql/household.type.js';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity.js';

function sortedMembers(entity: HouseholdEntity): HouseholdMemberEntity[] {
  return [...(entity.members ?? [])].sort((a, b) => a.position - b.position);
}

/**
 * Database row -> engine facts (what the rules and the composition see). The blocks from offers live
 * in another table (sanction): readers that judge eligibility load facts with household-facts.query.ts.
 */
export function toHouseholdFacts(entity: HouseholdEntity, offerBlocks: OfferBlockFacts[]): HouseholdFacts {
  return {
    id: entity.id,
    reference: entity.reference,
    members: sortedMembers(entity).map((m) => ({ role: m.role, birthDate: m.birthDate })),
    taxableIncomeCents: entity.taxableIncomeCents,
    incomeYear: entity.incomeYear,
    incomeSource: entity.incomeSource,
    box3AssetsCents: entity.box3AssetsCents,
    rankingPoints: entity.rankingPoints,
    registrationDate: entity.registrationDate,
    urgency:
      entity.urgencyCategory && entity.urgencyGranted
        ? { category: entity.urgencyCategory, granted: entity.urgencyGranted, expires: entity.urgencyExpires }
        : null,
    supportNeeds: [...entity.supportNeeds],
    localTies:
      entity.localTiesMunicipalityCode !== null && entity.localTiesYears !== null
        ? { municipalityCode: entity.localTiesMunicipalityCode, years: entity.localTiesYears }
        : null,
    indication: entity.indicationKind && entity.indicationAccessibility ? { kind: entity.indicationKind, accessibility: entity.indicationAccessibility } : null,
    offerBlocks,
  };
}

/** Database row -> API type. */
export function toHousehold(entity: HouseholdEntity): Household {
  // the API type shows the household's profile, not its sanctions (those have their own query)
  const facts = toHouseholdFacts(entity, []);
  return {
    id: String(entity.id),
    reference: entity.reference,
    members: facts.members.map((m) => ({ role: m.role as MemberRoleEnum, birthDate: m.birthDate })),
    size: facts.members.length,
    householdType: householdType(facts.members) as HouseholdTypeEnum,
    taxableIncomeCents: entity.taxableIncomeCents,
    incomeYear: entity.incomeYear,
    incomeSource: entity.incomeSource as IncomeSourceEnum,
    box3AssetsCents: entity.box3AssetsCents,
    rankingPoints: entity.rankingPoints,
    registrationDate: entity.registrationDate,
    urgency: facts.urgency,
    supportNeeds: facts.supportNeeds,
    localTies: facts.localTies,
    indication: facts.indication
      ? { kind: facts.indication.kind as IndicationKindEnum, accessibility: facts.indication.accessibility as IndicatedAccessibilityEnum }
      : null,
    preferences: {
      minRooms: entity.preferences.minRooms ?? null,
      maxNetRentCents: entity.preferences.maxNetRentCents ?? null,
      buurtCodes: entity.preferences.buurtCodes ?? [],
    },
    onWaitingList: entity.onWaitingList,
  };
}

/** Validated input -> row values (members are written separately, in order). */
export function toHouseholdRow(input: HouseholdFieldsInput): Omit<HouseholdEntity, 'id' | 'members'> {
  return {
    reference: input.reference,
    taxableIncomeCents: input.taxableIncomeCents,
    incomeYear: input.incomeYear,
    incomeSource: input.incomeSource,
    box3AssetsCents: input.box3AssetsCents ?? null,
    rankingPoints: input.rankingPoints ?? null,
    registrationDate: input.registrationDate,
    urgencyCategory: input.urgencyCategory ?? null,
    urgencyGranted: input.urgencyGranted ?? null,
    urgencyExpires: input.urgencyExpires ?? null,
    supportNeeds: [...new Set(input.supportNeeds ?? [])].sort(),
    localTiesMunicipalityCode: input.localTiesMunicipalityCode ?? null,
    localTiesYears: input.localTiesYears ?? null,
    indicationKind: input.indicationKind ?? null,
    indicationAccessibility: input.indicationAccessibility ?? null,
    preferences: {
      ...(input.preferences?.minRooms !== undefined ? { minRooms: input.preferences.minRooms } : {}),
      ...(input.preferences?.maxNetRentCents !== undefined ? { maxNetRentCents: input.preferences.maxNetRentCents } : {}),
      ...(input.preferences?.buurtCodes !== undefined ? { buurtCodes: input.preferences.buurtCodes } : {}),
    },
    onWaitingList: input.onWaitingList ?? true,
  };
}
