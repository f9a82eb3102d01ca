import { FieldProblem } from '../common/domain-error.js';
import { IsoDate } from '../engine/model.js';
import { HouseholdFieldsInput } from './graphql/household.type.js';

type HouseholdShape = Pick<
  HouseholdFieldsInput,
  | 'members'
  | 'registrationDate'
  | 'urgencyCategory'
  | 'urgencyGranted'
  | 'urgencyExpires'
  | 'indicationKind'
  | 'indicationAccessibility'
  | 'localTiesMunicipalityCode'
  | 'localTiesYears'
>;

/** Cross-field rules class-validator cannot express; mirrors the CHECK constraints of the household table. */
export function householdConsistencyProblems(h: HouseholdShape, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const applicants = h.members.filter((m) => m.role === 'APPLICANT').length;
  if (applicants !== 1) problems.push({ field: 'members', reason: `must contain exactly one APPLICANT (found ${applicants})` });
  if (h.members.filter((m) => m.role === 'PARTNER').length > 1) {
    problems.push({ field: 'members', reason: 'must contain at most one PARTNER' });
  }
  h.members.forEach((m, i) => {
    if (m.birthDate > today) problems.push({ field: `members.${i}.birthDate`, reason: `must not be in the future (${m.birthDate})` });
    if (m.birthDate < '1900-01-01') problems.push({ field: `members.${i}.birthDate`, reason: 'must not be before 1900-01-01' });
  });
  if (h.registrationDate > today) problems.push({ field: 'registrationDate', reason: `must not be in the future (${h.registrationDate})` });
  if (!!h.urgencyCategory !== !!h.urgencyGranted) {
    problems.push({ field: 'urgencyGranted', reason: 'must be given together with urgencyCategory (both or neither)' });
  }
  if (h.urgencyExpires && !h.urgencyGranted) problems.push({ field: 'urgencyExpires', reason: 'needs urgencyGranted' });
  if (h.urgencyExpires && h.urgencyGranted && h.urgencyExpires < h.urgencyGranted) {
    problems.push({ field: 'urgencyExpires', reason: `must not be before urgencyGranted (${h.urgencyGranted})` });
  }
  if (!!h.indicationKind !== !!h.indicationAccessibility) {
    problems.push({ field: 'indicationAccessibility', reason: 'must be given together with indicationKind (both or neither)' });
  }
  if ((h.localTiesMunicipalityCode == null) !== (h.localTiesYears == null)) {
    problems.push({ field: 'localTiesYears', reason: 'must be given together with localTiesMunicipalityCode (both or neither)' });
  }
  return problems;
}
