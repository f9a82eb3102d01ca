import {
  acceptanceRefusal,
  OFFER_EVENTS,
  OFFER_STAGES,
  Offer,
  OfferEvent,
  OfferEventType,
  OfferStage,
  StageDeadlines,
  dueStages,
  offerTransition,
  openOffer,
  overdue,
  stageDeadlinesProblems,
} from './offer-stages.js';
import { expectWrongState, pairsOf, refusalOf } from './test-fixtures/pairs.js';

// Issue 17: each active stage advances to the next (the last to ACCEPTED) or ends by refusal, expiry
// or withdrawal; the four outcomes are final.
const ALLOWED: Record<OfferStage, Partial<Record<OfferEventType, OfferStage>>> = {
  INTEREST_CHECK: { ADVANCE: 'VIEWING', REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' },
  VIEWING: { ADVANCE: 'PROVISIONAL_ACCEPTANCE', REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' },
  PROVISIONAL_ACCEPTANCE: { ADVANCE: 'DOCUMENTS_CHECK', REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' },
  DOCUMENTS_CHECK: { ADVANCE: 'FINAL_ACCEPTANCE', REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' },
  FINAL_ACCEPTANCE: { ADVANCE: 'ACCEPTED', REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' },
  ACCEPTED: {},
  REFUSED: {},
  EXPIRED: {},
  WITHDRAWN: {},
};

/** Example local policy (no legal numbers): days per stage. */
const DEADLINES: StageDeadlines = { INTEREST_CHECK: 3, VIEWING: 7, PROVISIONAL_ACCEPTANCE: 2, DOCUMENTS_CHECK: 10, FINAL_ACCEPTANCE: 5 };

const FINAL = ['ACCEPTED', 'REFUSED', 'EXPIRED', 'WITHDRAWN'];
/** Every stage entered on 1 March, due on 5 March (inclusive). */
const offerIn = (stage: OfferStage): Offer => ({
  stage,
  enteredOn: '2026-03-01',
  dueDate: FINAL.includes(stage) ? null : '2026-03-05',
  reasonCode: stage === 'REFUSED' ? 'TOO_FAR' : null,
});

/** One valid event of each type (expiry the day after the due date). */
const EVENT: Record<OfferEventType, OfferEvent> = {
  ADVANCE: { type: 'ADVANCE', today: '2026-03-04', documents: { incomeStatement: true, identity: true } },
  REFUSE: { type: 'REFUSE', today: '2026-03-04', reasonCode: 'TOO_EXPENSIVE' },
  EXPIRE: { type: 'EXPIRE', today: '2026-03-06' },
  WITHDRAW: { type: 'WITHDRAW', today: '2026-03-04' },
};

/** The due date of the stage entered, worked out by hand: 4 March + the stage's days; none once ended. */
const DUE_AFTER: Record<OfferStage, string | null> = {
  INTEREST_CHECK: '2026-03-07',
  VIEWING: '2026-03-11',
  PROVISIONAL_ACCEPTANCE: '2026-03-06',
  DOCUMENTS_CHECK: '2026-03-14',
  FINAL_ACCEPTANCE: '2026-03-09',
  ACCEPTED: null,
  REFUSED: null,
  EXPIRED: null,
  WITHDRAWN: null,
};

const PAIRS = pairsOf(OFFER_STAGES, OFFER_EVENTS, ALLOWED);

describe('offerTransition: every (stage, event) pair', () => {
  it('enumerates all 9 x 4 pairs, 20 of them allowed', () => {
    expect(PAIRS).toHaveLength(36);
    expect(PAIRS.filter((p) => p.to !== null)).toHaveLength(20);
  });

  it.each(PAIRS.filter((p) => p.to !== null))('$state --$event--> $to', ({ state, event, to }) => {
    const today = EVENT[event].today;
    expect(offerTransition(offerIn(state), EVENT[event], DEADLINES)).toEqual({
      ok: true,
      state: to,
      offer: { stage: to, enteredOn: today, dueDate: DUE_AFTER[to!], reasonCode: event === 'REFUSE' ? 'TOO_EXPENSIVE' : null },
    });
  });

  it.each(PAIRS.filter((p) => p.to === null))('$state --$event--> refused, naming both', ({ state, event }) => {
    expectWrongState(
      offerTransition(offerIn(state), EVENT[event], DEADLINES),
      offerTransition(offerIn(state), EVENT[event], DEADLINES, 'nl'),
      { en: 'an offer', nl: 'een aanbieding' },
      state,
      event,
      OFFER_EVENTS.filter((e) => ALLOWED[state][e] !== undefined),
    );
  });
});

describe('offerTransition: the guards of allowed pairs', () => {
  it.each<[string, OfferStage, OfferEvent, string, string, string]>([
    [
      'final acceptance with no documents checked',
      'DOCUMENTS_CHECK',
      { type: 'ADVANCE', today: '2026-03-04' },
      'MISSING_DOCUMENT',
      'ADVANCE from DOCUMENTS_CHECK to FINAL_ACCEPTANCE needs the income statement and the proof of identity checked.',
      'ADVANCE van DOCUMENTS_CHECK naar FINAL_ACCEPTANCE vraagt dat de inkomensverklaring en het identiteitsbewijs gecontroleerd is.',
    ],
    [
      'final acceptance without the proof of identity',
      'DOCUMENTS_CHECK',
      { type: 'ADVANCE', today: '2026-03-04', documents: { incomeStatement: true, identity: false } },
      'MISSING_DOCUMENT',
      'ADVANCE from DOCUMENTS_CHECK to FINAL_ACCEPTANCE needs the proof of identity checked.',
      'ADVANCE van DOCUMENTS_CHECK naar FINAL_ACCEPTANCE vraagt dat het identiteitsbewijs gecontroleerd is.',
    ],
    [
      'final acceptance without the income statement',
      'DOCUMENTS_CHECK',
      { type: 'ADVANCE', today: '2026-03-04', documents: { incomeStatement: false, identity: true } },
      'MISSING_DOCUMENT',
      'ADVANCE from DOCUMENTS_CHECK to FINAL_ACCEPTANCE needs the income statement checked.',
      'ADVANCE van DOCUMENTS_CHECK naar FINAL_ACCEPTANCE vraagt dat de inkomensverklaring gecontroleerd is.',
    ],
    [
      'a refusal without a reason code',
      'VIEWING',
      { type: 'REFUSE', today: '2026-03-04', reasonCode: ' ' },
      'MISSING_INPUT',
      'REFUSE needs a refusal reason code.',
      'REFUSE vraagt een redencode voor de weigering.',
    ],
    [
      'expiry on the due date itself',
      'VIEWING',
      { type: 'EXPIRE', today: '2026-03-05' },
      'TOO_EARLY',
      'EXPIRE is not allowed yet for an offer in stage VIEWING: it is due on 2026-03-05 and expires after that day.',
      'EXPIRE is nog niet toegestaan voor een aanbieding in fase VIEWING (bezichtiging): de termijn loopt tot en met 5 maart 2026.',
    ],
    [
      'expiry before the due date',
      'FINAL_ACCEPTANCE',
      { type: 'EXPIRE', today: '2026-03-02' },
      'TOO_EARLY',
      'EXPIRE is not allowed yet for an offer in stage FINAL_ACCEPTANCE: it is due on 2026-03-05 and expires after that day.',
      'EXPIRE is nog niet toegestaan voor een aanbieding in fase FINAL_ACCEPTANCE (definitieve acceptatie): de termijn loopt tot en met 5 maart 2026.',
    ],
    [
      'a day that is no date',
      'INTEREST_CHECK',
      { type: 'WITHDRAW', today: '2026-3-4' },
      'INVALID_INPUT',
      'WITHDRAW needs today as a date YYYY-MM-DD; "2026-3-4" is not one.',
      'WITHDRAW vraagt de datum van vandaag als JJJJ-MM-DD; "2026-3-4" is dat niet.',
    ],
  ])('refuses %s', (_title, stage, event, code, en, nl) => {
    expect(offerTransition(offerIn(stage), event, DEADLINES)).toEqual({ ok: false, code, reason: en });
    expect(refusalOf(offerTransition(offerIn(stage), event, DEADLINES, 'nl')).reason).toBe(nl);
  });

  it('other stages advance without documents', () => {
    expect(offerTransition(offerIn('VIEWING'), { type: 'ADVANCE', today: '2026-03-04' }, DEADLINES)).toMatchObject({
      ok: true,
      state: 'PROVISIONAL_ACCEPTANCE',
    });
  });

  it('walks an offer from its first stage to accepted, each stage due its days after it was entered', () => {
    let offer = openOffer('2026-03-01', DEADLINES);
    expect(offer).toEqual({ stage: 'INTEREST_CHECK', enteredOn: '2026-03-01', dueDate: '2026-03-04', reasonCode: null });
    const walk: [string, OfferStage, string | null][] = [
      ['2026-03-02', 'VIEWING', '2026-03-09'],
      ['2026-03-09', 'PROVISIONAL_ACCEPTANCE', '2026-03-11'],
      ['2026-03-10', 'DOCUMENTS_CHECK', '2026-03-20'],
      ['2026-03-31', 'FINAL_ACCEPTANCE', '2026-04-05'], // advanced while overdue: the job had not expired it
      ['2026-04-01', 'ACCEPTED', null],
    ];
    for (const [today, stage, dueDate] of walk) {
      const t = offerTransition(offer, { type: 'ADVANCE', today, documents: { incomeStatement: true, identity: true } }, DEADLINES);
      if (!t.ok) throw new Error(t.reason);
      offer = t.offer;
      expect([offer.stage, offer.enteredOn, offer.dueDate]).toEqual([stage, today, dueDate]);
    }
  });
});

describe('overdue and dueStages: what the officer sees today', () => {
  it.each<[OfferStage, string | null, string, boolean]>([
    ['VIEWING', '2026-03-05', '2026-03-04', false],
    ['VIEWING', '2026-03-05', '2026-03-05', false],
    ['VIEWING', '2026-03-05', '2026-03-06', true],
    ['DOCUMENTS_CHECK', '2026-02-01', '2026-03-06', true],
    ['ACCEPTED', null, '2026-03-06', false],
    ['EXPIRED', null, '2026-03-06', false],
  ])('%s due %s, on %s: overdue %s', (stage, dueDate, today, expected) => {
    expect(overdue({ stage, dueDate }, today)).toBe(expected);
  });

  it('lists due today and overdue, oldest due date first, ties in the order given; ended offers and later dates are left out', () => {
    const offers = [
      { id: 'due-later', stage: 'VIEWING' as const, dueDate: '2026-03-11' },
      { id: 'today-1', stage: 'INTEREST_CHECK' as const, dueDate: '2026-03-10' },
      { id: 'overdue-2', stage: 'FINAL_ACCEPTANCE' as const, dueDate: '2026-03-08' },
      { id: 'ended', stage: 'REFUSED' as const, dueDate: null },
      { id: 'overdue-1', stage: 'DOCUMENTS_CHECK' as const, dueDate: '2026-03-01' },
      { id: 'today-2', stage: 'VIEWING' as const, dueDate: '2026-03-10' },
    ];
    expect(dueStages(offers, '2026-03-10').map((d) => [d.offer.id, d.due])).toEqual([
      ['overdue-1', 'OVERDUE'],
      ['overdue-2', 'OVERDUE'],
      ['today-1', 'TODAY'],
      ['today-2', 'TODAY'],
    ]);
  });
});

describe('stageDeadlinesProblems', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['the example policy', { ...DEADLINES }, []],
    ['a stage left out and one negative', { ...DEADLINES, VIEWING: undefined, DOCUMENTS_CHECK: -1 }, ['VIEWING', 'DOCUMENTS_CHECK']],
    ['half a day and a text', { ...DEADLINES, INTEREST_CHECK: 1.5, FINAL_ACCEPTANCE: '5' }, ['INTEREST_CHECK', 'FINAL_ACCEPTANCE']],
  ])('%s', (_title, deadlines, fields) => {
    expect(stageDeadlinesProblems(deadlines).map((p) => p.field)).toEqual(fields);
  });
});

describe('acceptanceRefusal: an offer is accepted only with both documents checked', () => {
  it.each<[string, Parameters<typeof acceptanceRefusal>[0], 'en' | 'nl', string | null]>([
    ['both checked', { incomeStatement: true, identity: true }, 'en', null],
    [
      'none given',
      null,
      'en',
      'must have the income statement and the proof of identity checked: an offer is accepted only with the income statement and the proof of identity checked',
    ],
    [
      'the identity not checked',
      { incomeStatement: true, identity: false },
      'en',
      'must have the proof of identity checked: an offer is accepted only with the income statement and the proof of identity checked',
    ],
    [
      'in Dutch, the income statement missing',
      { identity: true },
      'nl',
      'de inkomensverklaring moet gecontroleerd zijn: een aanbod wordt alleen geaccepteerd met de inkomensverklaring en het identiteitsbewijs gecontroleerd',
    ],
  ])('%s', (_title, documents, language, expected) => {
    expect(acceptanceRefusal(documents, language)).toBe(expected);
  });
});
