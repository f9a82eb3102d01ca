import { householdSize } from '../../common/household-profile.js';
import { EligibilityInput } from '../eligibility-input.js';
import { RoomNorm } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'policy'>;

const rule: RuleMeta = {
  id: 'HOUSEHOLD_SIZE_ROOMS',
  title: 'household size and rooms',
  reference: 'Local policy: huisvestingsverordening, passendheid (bezettingsnorm)',
};

/** The first norm whose person range contains `size`. */
export function roomNormFor(norms: readonly RoomNorm[], size: number): RoomNorm | null {
  return norms.find((n) => size >= n.minPersons && (n.maxPersons === null || size <= n.maxPersons)) ?? null;
}

function persons(n: number): string {
  return n === 1 ? '1 person' : `${n} persons`;
}

/** Household size vs number of rooms per the local norm (huisvestingsverordening, passendheid; docs/domain.md §3.2). Hard failure outside it. */
export const householdSizeRoomsRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, policy }) {
    const size = householdSize(household.members);
    const norm = roomNormFor(policy.roomNorms, size);
    if (norm === null) {
      return notApplicable(rule, `There is no rule on the number of rooms for a household of ${persons(size)}.`);
    }
    const values: ComparedValue[] = [];
    if (norm.minRooms !== null) values.push(compare('rooms', dwelling.rooms, '>=', norm.minRooms));
    if (norm.maxRooms !== null) values.push(compare('rooms', dwelling.rooms, '<=', norm.maxRooms));
    const range =
      norm.minRooms !== null && norm.maxRooms !== null
        ? `${norm.minRooms} to ${norm.maxRooms} rooms`
        : norm.minRooms !== null
          ? `at least ${norm.minRooms} rooms`
          : norm.maxRooms !== null
            ? `at most ${norm.maxRooms} rooms`
            : 'any number of rooms';
    const text = `This home has ${dwelling.rooms} rooms; a household of ${persons(size)} may rent a home with ${range}`;
    return values.every((v) => v.holds) ? passed(rule, `${text}.`, values) : failed(rule, `${text}, so this home does not fit your household.`, values);
  },
};
