import {
  PUBLICATION_EVENTS,
  PUBLICATION_STATES,
  Publication,
  PublicationEvent,
  PublicationEventType,
  PublicationState,
  advertisingRefusal,
  publicationTransition,
  responseAllowed,
  responseWithdrawalAllowed,
} from './publication.js';
import { expectWrongState, pairsOf } from './test-fixtures/pairs.js';

// Issue 17 and its brief: publish a draft, close a published window, list a closed one, withdraw before the list.
const ALLOWED: Record<PublicationState, Partial<Record<PublicationEventType, PublicationState>>> = {
  DRAFT: { PUBLISH: 'PUBLISHED', WITHDRAW: 'WITHDRAWN' },
  PUBLISHED: { CLOSE: 'CLOSED', WITHDRAW: 'WITHDRAWN' },
  CLOSED: { MAKE_LIST: 'LISTED', WITHDRAW: 'WITHDRAWN' },
  LISTED: {},
  WITHDRAWN: {},
};

const WINDOW = { opensAt: '2026-03-10', closesAt: '2026-03-20' };
const publicationIn = (state: PublicationState): Publication =>
  state === 'DRAFT' ? { state, model: null, opensAt: null, closesAt: null } : { state, model: 'REGULAR', ...WINDOW };

/** One valid event of each type: any refusal below is the table's, not a guard's. */
const EVENT: Record<PublicationEventType, PublicationEvent> = {
  PUBLISH: { type: 'PUBLISH', model: 'LOTTERY', opensAt: '2026-04-01', closesAt: '2026-04-14' },
  CLOSE: { type: 'CLOSE', today: '2026-03-21' },
  MAKE_LIST: { type: 'MAKE_LIST' },
  WITHDRAW: { type: 'WITHDRAW' },
};

const PAIRS = pairsOf(PUBLICATION_STATES, PUBLICATION_EVENTS, ALLOWED);

describe('publicationTransition: every (state, event) pair', () => {
  it('enumerates all 5 x 4 pairs, 6 of them allowed', () => {
    expect(PAIRS).toHaveLength(20);
    expect(PAIRS.filter((p) => p.to !== null)).toHaveLength(6);
  });

  it.each(PAIRS.filter((p) => p.to !== null))('$state --$event--> $to', ({ state, event, to }) => {
    const sut = publicationTransition(publicationIn(state), EVENT[event]);
    expect(sut).toMatchObject({ ok: true, state: to, publication: { state: to } });
  });

  it.each(PAIRS.filter((p) => p.to === null))('$state --$event--> refused, naming both', ({ state, event }) => {
    expectWrongState(
      publicationTransition(publicationIn(state), EVENT[event]),
      publicationTransition(publicationIn(state), EVENT[event], 'nl'),
      { en: 'a publication', nl: 'een publicatie' },
      state,
      event,
      PUBLICATION_EVENTS.filter((e) => ALLOWED[state][e] !== undefined),
    );
  });
});

describe('publicationTransition: the guards of allowed pairs', () => {
  it('PUBLISH records the model and the window', () => {
    expect(publicationTransition(publicationIn('DRAFT'), EVENT.PUBLISH)).toEqual({
      ok: true,
      state: 'PUBLISHED',
      publication: { state: 'PUBLISHED', model: 'LOTTERY', opensAt: '2026-04-01', closesAt: '2026-04-14' },
    });
  });

  it.each<[string, PublicationState, PublicationEvent, string, string]>([
    [
      'a window that opens and closes on one day',
      'DRAFT',
      { type: 'PUBLISH', model: 'REGULAR', opensAt: '2026-04-01', closesAt: '2026-04-01' },
      'INVALID_INPUT',
      'PUBLISH needs a reaction window that opens before it closes; it opens on 2026-04-01 and closes on 2026-04-01.',
    ],
    [
      'a window that closes before it opens',
      'DRAFT',
      { type: 'PUBLISH', model: 'REGULAR', opensAt: '2026-04-14', closesAt: '2026-04-01' },
      'INVALID_INPUT',
      'PUBLISH needs a reaction window that opens before it closes; it opens on 2026-04-14 and closes on 2026-04-01.',
    ],
    [
      'a day that does not exist',
      'DRAFT',
      { type: 'PUBLISH', model: 'REGULAR', opensAt: '2026-02-30', closesAt: '2026-03-14' },
      'INVALID_INPUT',
      'PUBLISH needs opensAt as a date YYYY-MM-DD; "2026-02-30" is not one.',
    ],
    [
      'a timestamp instead of a date',
      'DRAFT',
      { type: 'PUBLISH', model: 'REGULAR', opensAt: '2026-03-01', closesAt: '2026-03-14T12:00:00Z' },
      'INVALID_INPUT',
      'PUBLISH needs closesAt as a date YYYY-MM-DD; "2026-03-14T12:00:00Z" is not one.',
    ],
    [
      'an unknown letting model',
      'DRAFT',
      { type: 'PUBLISH', model: 'AUCTION' as never, opensAt: '2026-03-01', closesAt: '2026-03-14' },
      'INVALID_INPUT',
      'PUBLISH needs a letting model of REGULAR, LOTTERY, DIRECT, URGENCY, POINTS; AUCTION is none of them.',
    ],
    [
      'no letting model',
      'DRAFT',
      { type: 'PUBLISH', model: '' as never, opensAt: '2026-03-01', closesAt: '2026-03-14' },
      'MISSING_INPUT',
      'PUBLISH needs a letting model.',
    ],
    [
      'closing before the window has ended',
      'PUBLISHED',
      { type: 'CLOSE', today: '2026-03-19' },
      'TOO_EARLY',
      'CLOSE is not allowed yet for a publication in state PUBLISHED: seekers may react until the end of 2026-03-20, so the window is closed from 2026-03-21.',
    ],
    [
      'closing on the last day of the window (seekers may still react that day)',
      'PUBLISHED',
      { type: 'CLOSE', today: '2026-03-20' },
      'TOO_EARLY',
      'CLOSE is not allowed yet for a publication in state PUBLISHED: seekers may react until the end of 2026-03-20, so the window is closed from 2026-03-21.',
    ],
    [
      'closing on a day that is no date',
      'PUBLISHED',
      { type: 'CLOSE', today: '20-03-2026' },
      'INVALID_INPUT',
      'CLOSE needs today as a date YYYY-MM-DD; "20-03-2026" is not one.',
    ],
  ])('refuses %s', (_title, state, event, code, reason) => {
    expect(publicationTransition(publicationIn(state), event)).toEqual({ ok: false, code, reason });
  });

  it('closing is allowed from the day after the last day of the window', () => {
    expect(publicationTransition(publicationIn('PUBLISHED'), { type: 'CLOSE', today: '2026-03-21' })).toMatchObject({ ok: true, state: 'CLOSED' });
    expect(publicationTransition(publicationIn('PUBLISHED'), { type: 'CLOSE', today: '2026-04-02' })).toMatchObject({ ok: true, state: 'CLOSED' });
  });

  it('says the guards in Dutch too', () => {
    expect(publicationTransition(publicationIn('PUBLISHED'), { type: 'CLOSE', today: '2026-03-19' }, 'nl')).toEqual({
      ok: false,
      code: 'TOO_EARLY',
      reason:
        'CLOSE is nog niet toegestaan voor een publicatie met status PUBLISHED (gepubliceerd): reageren kan tot en met 20 maart 2026, dus de reactietermijn wordt gesloten vanaf 21 maart 2026.',
    });
  });
});

describe('responseAllowed and responseWithdrawalAllowed: only while published, inside the window (both ends inclusive)', () => {
  const published = { state: 'PUBLISHED' as const, ...WINDOW };

  it.each<[string, Pick<Publication, 'state' | 'opensAt' | 'closesAt'>, string, string | null, string, string]>([
    ['the first day', published, '2026-03-10', null, '', ''],
    ['the last day', published, '2026-03-20', null, '', ''],
    ['the day before it opens', published, '2026-03-09', 'TOO_EARLY', 'the reaction window opens on 2026-03-10', 'de reactietermijn opent op 10 maart 2026'],
    [
      'the day after it closed',
      published,
      '2026-03-21',
      'TOO_LATE',
      'the reaction window closed on 2026-03-20',
      'de reactietermijn is gesloten op 20 maart 2026',
    ],
    [
      'a draft',
      { state: 'DRAFT', opensAt: null, closesAt: null },
      '2026-03-15',
      'WRONG_STATE',
      'the vacancy is not published (its publication is DRAFT)',
      'de woning is niet gepubliceerd (de publicatie heeft status DRAFT (concept))',
    ],
    [
      'a closed publication, on a day inside its window',
      { ...published, state: 'CLOSED' },
      '2026-03-20',
      'WRONG_STATE',
      'the vacancy is not published (its publication is CLOSED)',
      'de woning is niet gepubliceerd (de publicatie heeft status CLOSED (gesloten))',
    ],
    [
      'a withdrawn publication',
      { ...published, state: 'WITHDRAWN' },
      '2026-03-15',
      'WRONG_STATE',
      'the vacancy is not published (its publication is WITHDRAWN)',
      'de woning is niet gepubliceerd (de publicatie heeft status WITHDRAWN (ingetrokken))',
    ],
  ])('%s', (_title, p, today, code, en, nl) => {
    if (code === null) {
      expect(responseAllowed(p, today)).toEqual({ ok: true });
      expect(responseWithdrawalAllowed(p, today)).toEqual({ ok: true });
      return;
    }
    expect(responseAllowed(p, today)).toEqual({ ok: false, code, reason: `A reaction is not possible: ${en}.` });
    expect(responseAllowed(p, today, 'nl')).toEqual({ ok: false, code, reason: `Reageren is niet mogelijk: ${nl}.` });
    expect(responseWithdrawalAllowed(p, today)).toEqual({ ok: false, code, reason: `A reaction can not be withdrawn: ${en}.` });
    expect(responseWithdrawalAllowed(p, today, 'nl')).toEqual({ ok: false, code, reason: `Een reactie intrekken is niet mogelijk: ${nl}.` });
  });
});

describe('advertising a vacancy (publishVacancy and a VERA Publicatie)', () => {
  it.each<[string, Parameters<typeof advertisingRefusal>, ReturnType<typeof advertisingRefusal>]>([
    ['a regular window closing later', ['REGULAR', '2026-03-20', '2026-03-10'], null],
    ['a lottery window closing today', ['LOTTERY', '2026-03-10', '2026-03-10'], null],
    [
      'a window that closed yesterday',
      ['POINTS', '2026-03-09', '2026-03-10'],
      { field: 'closesAt', reason: 'must be today (2026-03-10) or later: a window cannot close in the past' },
    ],
    ['a direct allocation', ['DIRECT', '2026-03-20', '2026-03-10'], { field: 'model', reason: 'is a direct allocation (route DIRECT): it is not advertised' }],
    [
      'a direct allocation in the past',
      ['DIRECT', '2026-03-01', '2026-03-10'],
      { field: 'model', reason: 'is a direct allocation (route DIRECT): it is not advertised' },
    ],
  ])('%s', (_case, args, refusal) => {
    expect(advertisingRefusal(...args)).toEqual(refusal);
  });
});
