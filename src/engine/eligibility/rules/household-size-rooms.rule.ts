import { householdSize } from '../../common/household-profile.js';
import type { Phrasebook } from '../../common/language.js';
import { EligibilityInput } from '../eligibility-input.js';
import { RoomNorm } from '../local-policy.js';
import { ComparedValue, EligibilityRule, RuleMeta, compare, failed, notApplicable, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'dwelling' | 'policy'>;

const rule: RuleMeta = {
  id: 'HOUSEHOLD_SIZE_ROOMS',
  title: 'household size and rooms',
  titleNl: 'gezinsgrootte en kamers',
  reference: 'Local policy: huisvestingsverordening, passendheid (bezettingsnorm)',
};

/** The first norm whose person range contains `size`. */
export function roomNormFor(norms: readonly RoomNorm[], size: number): RoomNorm | null {
  return norms.find((n) => size >= n.minPersons && (n.maxPersons === null || size <= n.maxPersons)) ?? null;
}

const roomsNl = (n: number) => `${n} ${n === 1 ? 'kamer' : 'kamers'}`;

const WORDS: Phrasebook<{
  noNorm: (size: number) => string;
  range: (norm: RoomNorm) => string;
  fits: (rooms: number, size: number, range: string) => string;
  doesNotFit: (rooms: number, size: number, range: string) => string;
}> = {
  en: {
    noNorm: (size) => `There is no rule on the number of rooms for a household of ${size === 1 ? '1 person' : `${size} persons`}.`,
    range: ({ minRooms, maxRooms }) =>
      minRooms !== null && maxRooms !== null
        ? `${minRooms} to ${maxRooms} rooms`
        : minRooms !== null
          ? `at least ${minRooms} rooms`
          : maxRooms !== null
            ? `at most ${maxRooms} rooms`
            : 'any number of rooms',
    fits: (rooms, size, range) => `This home has ${rooms} rooms; a household of ${size === 1 ? '1 person' : `${size} persons`} may rent a home with ${range}.`,
    doesNotFit: (rooms, size, range) =>
      `This home has ${rooms} rooms; a household of ${size === 1 ? '1 person' : `${size} persons`} may rent a home with ${range}, so this home does not fit your household.`,
  },
  nl: {
    noNorm: (size) => `Er is geen regel voor het aantal kamers bij een huishouden van ${size === 1 ? '1 persoon' : `${size} personen`}.`,
    range: ({ minRooms, maxRooms }) =>
      minRooms !== null && maxRooms !== null
        ? `${minRooms} tot en met ${maxRooms} kamers`
        : minRooms !== null
          ? `ten minste ${roomsNl(minRooms)}`
          : maxRooms !== null
            ? `ten hoogste ${roomsNl(maxRooms)}`
            : 'elk aantal kamers',
    fits: (rooms, size, range) =>
      `Deze woning heeft ${roomsNl(rooms)}; een huishouden van ${size === 1 ? '1 persoon' : `${size} personen`} mag een woning huren met ${range}.`,
    doesNotFit: (rooms, size, range) =>
      `Deze woning heeft ${roomsNl(rooms)}; een huishouden van ${size === 1 ? '1 persoon' : `${size} personen`} mag een woning huren met ${range}, dus deze woning past niet bij uw huishouden.`,
  },
};

/** Household size vs number of rooms per the local norm (huisvestingsverordening, passendheid; docs/domain.md §3.2). Hard failure outside it. */
export const householdSizeRoomsRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, dwelling, policy }, language = 'en') {
    const say = WORDS[language];
    const size = householdSize(household.members);
    const norm = roomNormFor(policy.roomNorms, size);
    if (norm === null) return notApplicable(rule, say.noNorm(size));
    const values: ComparedValue[] = [];
    if (norm.minRooms !== null) values.push(compare('rooms', dwelling.rooms, '>=', norm.minRooms));
    if (norm.maxRooms !== null) values.push(compare('rooms', dwelling.rooms, '<=', norm.maxRooms));
    const range = say.range(norm);
    return values.every((v) => v.holds)
      ? passed(rule, say.fits(dwelling.rooms, size, range), values)
      : failed(rule, say.doesNotFit(dwelling.rooms, size, range), values);
  },
};
