import {
  CANDIDATE_EVENTS,
  CANDIDATE_STATES,
  Candidate,
  CandidateEvent,
  CandidateEventType,
  CandidateState,
  candidateTransition,
  lapseReasonCode,
  nextCandidate,
} from './candidates.js';
import { expectWrongState, pairsOf, refusalOf } from './test-fixtures/pairs.js';

// Issue 17 and its brief: skip or invite while in line (and undo), offer to one in line, then accept,
// refuse, lapse (a refusal coded EXPIRED) or withdraw; accepted, refused and withdrawn are final.
const ALLOWED: Record<CandidateState, Partial<Record<CandidateEventType, CandidateState>>> = {
  PLACED: { SKIP: 'SKIPPED', INVITE: 'INVITED', OFFER: 'OFFERED', WITHDRAW: 'WITHDRAWN' },
  SKIPPED: { UNDO_SKIP: 'PLACED' },
  INVITED: { SKIP: 'SKIPPED', UNDO_INVITE: 'PLACED', OFFER: 'OFFERED', WITHDRAW: 'WITHDRAWN' },
  OFFERED: { ACCEPT: 'ACCEPTED', REFUSE: 'REFUSED', WITHDRAW: 'WITHDRAWN', EXPIRE: 'REFUSED' },
  ACCEPTED: {},
  REFUSED: {},
  WITHDRAWN: {},
};

/** The reason code each event leaves on the candidate and in its history entry. */
const REASON_AFTER: Record<CandidateEventType, string | null> = {
  SKIP: 'NOT_REACHABLE',
  UNDO_SKIP: null,
  INVITE: null,
  UNDO_INVITE: null,
  OFFER: null,
  ACCEPT: null,
  REFUSE: 'TOO_SMALL',
  WITHDRAW: null,
  EXPIRE: 'EXPIRED',
};

const ACTOR = { at: '2026-03-21T09:30:00Z', by: 'officer-a' };
const EVENT: Record<CandidateEventType, CandidateEvent> = {
  SKIP: { type: 'SKIP', reasonCode: 'NOT_REACHABLE', ...ACTOR },
  UNDO_SKIP: { type: 'UNDO_SKIP', ...ACTOR },
  INVITE: { type: 'INVITE', ...ACTOR },
  UNDO_INVITE: { type: 'UNDO_INVITE', ...ACTOR },
  OFFER: { type: 'OFFER', ...ACTOR },
  ACCEPT: { type: 'ACCEPT', ...ACTOR },
  REFUSE: { type: 'REFUSE', reasonCode: 'TOO_SMALL', ...ACTOR },
  WITHDRAW: { type: 'WITHDRAW', ...ACTOR },
  EXPIRE: { type: 'EXPIRE', ...ACTOR },
};

const candidateIn = (state: CandidateState): Candidate => ({
  id: 'C-7',
  position: 3,
  state,
  reasonCode: state === 'SKIPPED' ? 'NO_SHOW' : state === 'REFUSED' ? 'TOO_FAR' : null,
  history: [],
});

const PAIRS = pairsOf(CANDIDATE_STATES, CANDIDATE_EVENTS, ALLOWED);

describe('candidateTransition: every (state, event) pair', () => {
  it('enumerates all 7 x 9 pairs, 13 of them allowed', () => {
    expect(PAIRS).toHaveLength(63);
    expect(PAIRS.filter((p) => p.to !== null)).toHaveLength(13);
  });

  it.each(PAIRS.filter((p) => p.to !== null))('$state --$event--> $to, with a history entry', ({ state, event, to }) => {
    const before = candidateIn(state);
    const sut = candidateTransition(before, EVENT[event]);
    const entry = { from: state, to, event, reasonCode: REASON_AFTER[event], at: ACTOR.at, by: ACTOR.by };
    expect(sut).toEqual({ ok: true, state: to, entry, candidate: { ...before, state: to, reasonCode: REASON_AFTER[event], history: [entry] } });
    expect(before.state).toBe(state); // the input is not changed
  });

  it.each(PAIRS.filter((p) => p.to === null))('$state --$event--> refused, naming both', ({ state, event }) => {
    expectWrongState(
      candidateTransition(candidateIn(state), EVENT[event]),
      candidateTransition(candidateIn(state), EVENT[event], 'nl'),
      { en: 'a candidate', nl: 'een kandidaat' },
      state,
      event,
      CANDIDATE_EVENTS.filter((e) => ALLOWED[state][e] !== undefined),
    );
  });
});

describe('candidateTransition: the guards of allowed pairs', () => {
  it.each<[string, CandidateState, CandidateEvent, string, string]>([
    ['a skip without a reason code', 'PLACED', { type: 'SKIP', reasonCode: '', ...ACTOR }, 'SKIP needs a reason code.', 'SKIP vraagt een redencode.'],
    [
      'a refusal with a blank reason code',
      'OFFERED',
      { type: 'REFUSE', reasonCode: '  ', ...ACTOR },
      'REFUSE needs a reason code.',
      'REFUSE vraagt een redencode.',
    ],
    [
      'an event nobody did',
      'PLACED',
      { type: 'INVITE', at: ACTOR.at, by: '' },
      'INVITE needs who did it (by) and when (at).',
      'INVITE vraagt wie het deed (by) en wanneer (at).',
    ],
    [
      'an event at no time',
      'OFFERED',
      { type: 'ACCEPT', at: '', by: 'officer-a' },
      'ACCEPT needs who did it (by) and when (at).',
      'ACCEPT vraagt wie het deed (by) en wanneer (at).',
    ],
  ])('refuses %s', (_title, state, event, en, nl) => {
    expect(candidateTransition(candidateIn(state), event)).toEqual({ ok: false, code: 'MISSING_INPUT', reason: en });
    expect(refusalOf(candidateTransition(candidateIn(state), event, 'nl')).reason).toBe(nl);
  });

  it('keeps the whole history through skip, undo, invite, offer and a lapsed offer; a skip is not a refusal', () => {
    const steps: CandidateEvent[] = [
      { type: 'SKIP', reasonCode: 'NOT_REACHABLE', at: '2026-03-21T09:00:00Z', by: 'officer-a' },
      { type: 'UNDO_SKIP', at: '2026-03-21T10:00:00Z', by: 'officer-b' },
      { type: 'INVITE', at: '2026-03-22T09:00:00Z', by: 'officer-a' },
      { type: 'OFFER', at: '2026-03-23T09:00:00Z', by: 'officer-a' },
      { type: 'EXPIRE', at: '2026-03-30T02:00:00Z', by: 'job:offer-expiry' },
    ];
    let c = candidateIn('PLACED');
    const states: CandidateState[] = [];
    for (const step of steps) {
      const t = candidateTransition(c, step);
      if (!t.ok) throw new Error(t.reason);
      c = t.candidate;
      states.push(c.state);
    }
    expect(states).toEqual(['SKIPPED', 'PLACED', 'INVITED', 'OFFERED', 'REFUSED']);
    expect(c.reasonCode).toBe('EXPIRED');
    expect(c.history.map((h) => [h.from, h.event, h.to, h.reasonCode, h.by])).toEqual([
      ['PLACED', 'SKIP', 'SKIPPED', 'NOT_REACHABLE', 'officer-a'],
      ['SKIPPED', 'UNDO_SKIP', 'PLACED', null, 'officer-b'],
      ['PLACED', 'INVITE', 'INVITED', null, 'officer-a'],
      ['INVITED', 'OFFER', 'OFFERED', null, 'officer-a'],
      ['OFFERED', 'EXPIRE', 'REFUSED', 'EXPIRED', 'job:offer-expiry'],
    ]);
  });
});

describe('nextCandidate: the first still in line (PLACED or INVITED) by position', () => {
  const c = (id: string, position: number, state: CandidateState) => ({ id, position, state });

  it.each<[string, ReturnType<typeof c>[], string | null]>([
    ['an empty list', [], null],
    ['positions given out of order', [c('A', 3, 'PLACED'), c('B', 1, 'SKIPPED'), c('C', 2, 'INVITED')], 'C'],
    ['an offered candidate is not next in line', [c('A', 1, 'OFFERED'), c('B', 2, 'PLACED')], 'B'],
    ['refused, withdrawn, skipped and accepted are passed', [c('A', 1, 'REFUSED'), c('B', 2, 'WITHDRAWN'), c('C', 3, 'SKIPPED'), c('D', 4, 'ACCEPTED')], null],
    ['an undone skip is back in its own place', [c('A', 2, 'PLACED'), c('B', 1, 'PLACED')], 'B'],
    ['equal positions (not expected) go by id', [c('K', 5, 'PLACED'), c('J', 5, 'INVITED')], 'J'],
  ])('%s', (_title, list, expected) => {
    expect(nextCandidate(list)?.id ?? null).toBe(expected);
  });
});

describe('the code an offer lapses with', () => {
  it.each([
    [undefined, 'EXPIRED'],
    ['EXPIRED', 'EXPIRED'],
    ['STAGE_LAPSED', 'STAGE_LAPSED'],
  ])('an offered candidate expires with the code %p: %s, on the candidate and in its history', (code, recorded) => {
    const step = candidateTransition(candidateIn('OFFERED'), { type: 'EXPIRE', ...(code ? { reasonCode: code } : {}), ...ACTOR });
    // a lapse leaves the candidate REFUSED (candidates.ts EXPIRE), with the code it lapsed with
    expect(step).toMatchObject({ ok: true, state: 'REFUSED', candidate: { reasonCode: recorded }, entry: { reasonCode: recorded } });
  });

  it.each([
    [null, 'EXPIRED'],
    ['INTEREST_CHECK', 'EXPIRED'],
    ['VIEWING', 'STAGE_LAPSED'],
    ['PROVISIONAL_ACCEPTANCE', 'STAGE_LAPSED'],
    ['DOCUMENTS_CHECK', 'STAGE_LAPSED'],
    ['FINAL_ACCEPTANCE', 'STAGE_LAPSED'],
  ])('stage %s: %s', (stage, code) => {
    expect(lapseReasonCode(stage)).toBe(code);
  });
});
