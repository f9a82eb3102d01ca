import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { LocalPolicy } from '../local-policy.js';
import { aDwelling, aHousehold, anInput, membersOfSize } from '../test-fixtures/eligibility-input.builder.js';
import { householdSizeRoomsRule as sut, roomNormFor } from './household-size-rooms.rule.js';

function evaluate(persons: number, rooms: number, policy: LocalPolicy = DEFAULT_LOCAL_POLICY) {
  return sut.evaluate(anInput({ household: aHousehold({ members: membersOfSize(persons) }), dwelling: aDwelling({ rooms }), policy }));
}

describe('HOUSEHOLD_SIZE_ROOMS', () => {
  // Default norms: 1p <= 3 rooms, 2p <= 4 rooms, 3-4p >= 2 rooms, 5p+ >= 4 rooms.
  it.each([
    [1, 2, 'PASSED'],
    [1, 3, 'PASSED'], // at the maximum
    [1, 4, 'FAILED'],
    [2, 4, 'PASSED'],
    [2, 5, 'FAILED'],
    [3, 1, 'FAILED'],
    [3, 2, 'PASSED'], // at the minimum
    [4, 2, 'PASSED'],
    [5, 3, 'FAILED'], // "max 4 persons in a 3-room home"
    [5, 4, 'PASSED'],
    [8, 6, 'PASSED'],
  ] as const)('%i persons in %i rooms -> %s', (persons, rooms, expected) => {
    const outcome = evaluate(persons, rooms);
    expect(outcome.result).toBe(expected);
    expect(outcome.values.every((v) => v.name === 'rooms' && v.value === rooms)).toBe(true);
  });

  it('explains a failure', () => {
    expect(evaluate(1, 4).explanation).toBe(
      'This home has 4 rooms; a household of 1 person may rent a home with at most 3 rooms, so this home does not fit your household.',
    );
  });

  it('a household size without a norm is not restricted', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, roomNorms: [{ minPersons: 1, maxPersons: 2, minRooms: null, maxRooms: 3 }] };
    expect(evaluate(3, 1, policy).result).toBe('NOT_APPLICABLE');
  });

  it('checks both bounds of a range norm', () => {
    const policy: LocalPolicy = { ...DEFAULT_LOCAL_POLICY, roomNorms: [{ minPersons: 2, maxPersons: 3, minRooms: 2, maxRooms: 3 }] };
    expect([1, 2, 3, 4].map((rooms) => evaluate(2, rooms, policy).result)).toEqual(['FAILED', 'PASSED', 'PASSED', 'FAILED']);
  });

  it.each([
    [1, 0],
    [2, 1],
    [4, 2],
    [9, 3],
  ])('roomNormFor(%i persons) is the first matching norm (#%i)', (persons, index) => {
    expect(roomNormFor(DEFAULT_LOCAL_POLICY.roomNorms, persons)).toBe(DEFAULT_LOCAL_POLICY.roomNorms[index]);
  });
});
