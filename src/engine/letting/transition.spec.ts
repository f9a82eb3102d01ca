import { StateMachine, allowedEvents, nextState, present, wrongState } from './transition.js';

/** A two-state toy machine: the helpers are checked apart from any letting machine. */
const DOOR: StateMachine<'OPEN' | 'SHUT', 'CLOSE' | 'OPEN_UP' | 'LOCK'> = {
  subject: { en: 'a door', nl: 'een deur' },
  statesNl: { OPEN: 'open', SHUT: 'dicht' },
  events: ['CLOSE', 'OPEN_UP', 'LOCK'],
  table: { OPEN: { CLOSE: 'SHUT' }, SHUT: { LOCK: 'SHUT', OPEN_UP: 'OPEN' } },
};

describe('transition helpers', () => {
  it('nextState reads the table; a missing pair is null', () => {
    expect(nextState(DOOR, 'OPEN', 'CLOSE')).toBe('SHUT');
    expect(nextState(DOOR, 'OPEN', 'LOCK')).toBeNull();
  });

  it("allowedEvents lists in the machine's event order, not the table's", () => {
    expect(allowedEvents(DOOR, 'SHUT')).toEqual(['OPEN_UP', 'LOCK']);
  });

  it('wrongState names the event, the subject and the state, in English and Dutch', () => {
    expect(wrongState(DOOR, 'OPEN', 'LOCK', 'en')).toEqual({
      ok: false,
      code: 'WRONG_STATE',
      reason: 'LOCK is not allowed for a door in state OPEN (allowed there: CLOSE).',
    });
    expect(wrongState(DOOR, 'OPEN', 'LOCK', 'nl').reason).toBe('LOCK is niet toegestaan voor een deur met status OPEN (open) (daar toegestaan: CLOSE).');
  });

  it.each([
    ['x', true],
    ['', false],
    ['  \n', false],
    [null, false],
    [undefined, false],
  ])('present(%j) is %s', (text, expected) => {
    expect(present(text)).toBe(expected);
  });
});
