import { DocumentNode, getNamedType, GraphQLSchema, isObjectType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Audience } from './audience.js';

/**
 * The one table of what each audience may select (src/privacy/audience.ts). An operation that
 * selects anything denied to its reader is refused whole, before it runs, naming every denied
 * field: the API never sends what the reader may not see. What depends on the data (an officer's
 * assignment, a rule that reads special-category facts) is decided at read time by
 * HouseholdDisclosure; names of households in text and JSON by the disclosure plugin.
 */

/** Types that describe one household or one household's placement: managers never receive them. */
export const PER_HOUSEHOLD_TYPES: ReadonlySet<string> = new Set([
  'Household',
  'HouseholdMember',
  'HouseholdPage',
  'HouseholdPreferences',
  'Urgency',
  'Indication',
  'LocalTies',
  'VacancyResponse',
  'Tenancy',
  'EligibilityVerdict',
  'EligibleCandidate',
  'EligibleCandidates',
  'Proposal',
  'ProposalCandidate',
  'PassedOverReason',
  'Offer',
  'OfferResponseResult',
  'PendingApproval',
  'ProposalRationale',
  'DecisionRecord',
  'NotChosenAnswer',
  'ProposalReplay',
  'ReplayDifference',
  'AuditEvent',
  'SpecialCategoryAccessRecord',
  'Candidate',
  'CandidateEvent',
  'SanctionView',
  'LostUrgency',
  'OfferLetter',
  'OfferLetterBlock',
  'Objection',
  'ObjectionWhyNotChosen',
]);

const WHY_AGGREGATE = 'managers see households only in aggregates (shares and counts)';
const WHY_INCOME = 'auditors see incomes and birth dates only as the values a rule verdict compared';
const WHY_SPECIAL = 'special-category data (AVG art. 9) is for the officers handling the vacancy';
const WHY_FIT = 'per-household fit to composition targets can reveal special-category data (VULNERABILITY)';
const WHY_ONE_HOME =
  "one home's candidate count and whether its household was chosen outside plain order single out the household that moved in: managers read a round's totals";
const WHY_ORACLE = 'a filter on operational references would re-identify pseudonymised households';

/** Fields (schema coordinates) denied to an audience beyond the per-household types, with the reason. */
export const DENIED_FIELDS: Readonly<Record<Audience, Readonly<Record<string, string>>>> = {
  OPERATIONAL: {},
  PSEUDONYMOUS: {
    'Household.taxableIncomeCents': WHY_INCOME,
    'Household.box3AssetsCents': WHY_INCOME,
    'HouseholdMember.birthDate': WHY_INCOME,
    'Household.supportNeeds': WHY_SPECIAL,
    'Household.indication': WHY_SPECIAL,
    'Urgency.category': WHY_SPECIAL,
    'LostUrgency.category': WHY_SPECIAL,
    'ProposalCandidate.fit': WHY_FIT,
    'ProposalCandidate.score': WHY_FIT,
    'ProposalCandidate.costVersusChosen': WHY_FIT,
    'ProposalCandidate.jointNote': WHY_FIT,
    'HouseholdFilter.referencePrefix': WHY_ORACLE,
  },
  AGGREGATE: {
    'AllocationRound.plan': WHY_AGGREGATE,
    'RuleExclusion.examples': WHY_AGGREGATE,
    'RuleExclusionCount.examples': WHY_AGGREGATE,
    'RoundVacancyOutcome.candidateCount': WHY_ONE_HOME,
    'RoundVacancyOutcome.filled': WHY_ONE_HOME,
    'RoundVacancyOutcome.plainOrderPassedOver': WHY_ONE_HOME,
  },
};

export interface DeniedField {
  coordinate: string;
  reason: string;
}

/** Why `audience` may not select `Type.field` (returning `returnType`), or null when it may. */
export function denialOf(audience: Audience, parentType: string, field: string, returnType: string): string | null {
  const coordinate = `${parentType}.${field}`;
  const listed = DENIED_FIELDS[audience][coordinate];
  if (listed !== undefined) return listed;
  if (audience === 'AGGREGATE' && PER_HOUSEHOLD_TYPES.has(returnType)) return `${returnType} describes one household: ${WHY_AGGREGATE}`;
  return null;
}

/**
 * Every field and input field of an operation the audience may not select (fragments included;
 * input fields given literally — variables are checked where they are read, see
 * HouseholdDisclosure.assertInputAllowed).
 */
export function deniedSelections(schema: GraphQLSchema, document: DocumentNode, audience: Audience): DeniedField[] {
  if (audience === 'OPERATIONAL') return [];
  const typeInfo = new TypeInfo(schema);
  const denied = new Map<string, string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def || node.name.value.startsWith('__')) return;
        const reason = denialOf(audience, parent.name, def.name, getNamedType(def.type).name);
        if (reason !== null) denied.set(`${parent.name}.${def.name}`, reason);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent && getNamedType(parent);
        if (!named || isObjectType(named)) return;
        const reason = DENIED_FIELDS[audience][`${named.name}.${node.name.value}`];
        if (reason !== undefined) denied.set(`${named.name}.${node.name.value}`, reason);
      },
    }),
  );
  return [...denied].map(([coordinate, reason]) => ({ coordinate, reason })).sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}
