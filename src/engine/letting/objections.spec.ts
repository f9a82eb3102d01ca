import {
  OBJECTION_EVENTS,
  OBJECTION_STATES,
  Objection,
  ObjectionEvent,
  ObjectionEventType,
  ObjectionState,
  fileObjection,
  objectionOverdue,
  objectionTransition,
} from './objections.js';
import { expectWrongState, pairsOf, refusalOf } from './test-fixtures/pairs.js';

// Issue 17: an objection is reviewed, then upheld or rejected with reasons; the seeker may withdraw it until then.
const ALLOWED: Record<ObjectionState, Partial<Record<ObjectionEventType, ObjectionState>>> = {
  OPEN: { START_REVIEW: 'UNDER_REVIEW', WITHDRAW: 'WITHDRAWN' },
  UNDER_REVIEW: { UPHOLD: 'UPHELD', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN' },
  UPHELD: {},
  REJECTED: {},
  WITHDRAWN: {},
};

const DECIDED = ['UPHELD', 'REJECTED'];
const objectionIn = (state: ObjectionState): Objection => ({
  state,
  filedOn: '2026-04-01',
  decisionDue: '2026-05-01',
  decidedOn: DECIDED.includes(state) ? '2026-04-20' : null,
  reasons: DECIDED.includes(state) ? 'earlier reasons' : null,
});

const EVENT: Record<ObjectionEventType, ObjectionEvent> = {
  START_REVIEW: { type: 'START_REVIEW' },
  UPHOLD: { type: 'UPHOLD', today: '2026-04-15', reasons: 'The skip of this seeker had no coded reason.' },
  REJECT: { type: 'REJECT', today: '2026-04-15', reasons: 'The candidate before had the longer registration.' },
  WITHDRAW: { type: 'WITHDRAW' },
};

/** What each allowed event records besides the state. */
const RECORDED: Record<ObjectionEventType, Partial<Objection>> = {
  START_REVIEW: {},
  UPHOLD: { decidedOn: '2026-04-15', reasons: 'The skip of this seeker had no coded reason.' },
  REJECT: { decidedOn: '2026-04-15', reasons: 'The candidate before had the longer registration.' },
  WITHDRAW: {},
};

const PAIRS = pairsOf(OBJECTION_STATES, OBJECTION_EVENTS, ALLOWED);

describe('objectionTransition: every (state, event) pair', () => {
  it('enumerates all 5 x 4 pairs, 5 of them allowed', () => {
    expect(PAIRS).toHaveLength(20);
    expect(PAIRS.filter((p) => p.to !== null)).toHaveLength(5);
  });

  it.each(PAIRS.filter((p) => p.to !== null))('$state --$event--> $to', ({ state, event, to }) => {
    expect(objectionTransition(objectionIn(state), EVENT[event])).toEqual({
      ok: true,
      state: to,
      objection: { ...objectionIn(state), state: to, ...RECORDED[event] },
    });
  });

  it.each(PAIRS.filter((p) => p.to === null))('$state --$event--> refused, naming both', ({ state, event }) => {
    expectWrongState(
      objectionTransition(objectionIn(state), EVENT[event]),
      objectionTransition(objectionIn(state), EVENT[event], 'nl'),
      { en: 'an objection', nl: 'een reclamatie' },
      state,
      event,
      OBJECTION_EVENTS.filter((e) => ALLOWED[state][e] !== undefined),
    );
  });
});

describe('objectionTransition: the guards of allowed pairs', () => {
  it.each<[string, ObjectionEvent, string, string, string]>([
    [
      'upholding without reasons',
      { type: 'UPHOLD', today: '2026-04-15', reasons: '' },
      'MISSING_INPUT',
      "UPHOLD needs the decision's reasons.",
      'UPHOLD vraagt de motivering van de beslissing.',
    ],
    [
      'rejecting with blank reasons',
      { type: 'REJECT', today: '2026-04-15', reasons: ' \n ' },
      'MISSING_INPUT',
      "REJECT needs the decision's reasons.",
      'REJECT vraagt de motivering van de beslissing.',
    ],
    [
      'deciding on no date',
      { type: 'REJECT', today: '15 April', reasons: 'reasons' },
      'INVALID_INPUT',
      'REJECT needs today as a date YYYY-MM-DD; "15 April" is not one.',
      'REJECT vraagt de datum van vandaag als JJJJ-MM-DD; "15 April" is dat niet.',
    ],
  ])('refuses %s', (_title, event, code, en, nl) => {
    expect(objectionTransition(objectionIn('UNDER_REVIEW'), event)).toEqual({ ok: false, code, reason: en });
    expect(refusalOf(objectionTransition(objectionIn('UNDER_REVIEW'), event, 'nl')).reason).toBe(nl);
  });
});

describe('fileObjection and objectionOverdue: the decision deadline from local policy', () => {
  it('is due the policy days after filing', () => {
    expect(fileObjection('2026-04-01', { decisionDays: 30 })).toEqual({
      state: 'OPEN',
      filedOn: '2026-04-01',
      decisionDue: '2026-05-01',
      decidedOn: null,
      reasons: null,
    });
    expect(fileObjection('2026-12-15', { decisionDays: 42 }).decisionDue).toBe('2027-01-26');
  });

  it.each<[ObjectionState, string, boolean]>([
    ['OPEN', '2026-05-01', false],
    ['OPEN', '2026-05-02', true],
    ['UNDER_REVIEW', '2026-04-15', false],
    ['UNDER_REVIEW', '2026-06-01', true],
    ['UPHELD', '2026-06-01', false],
    ['REJECTED', '2026-06-01', false],
    ['WITHDRAWN', '2026-06-01', false],
  ])('%s on %s (due 2026-05-01): overdue %s', (state, today, expected) => {
    expect(objectionOverdue(objectionIn(state), today)).toBe(expected);
  });
});
