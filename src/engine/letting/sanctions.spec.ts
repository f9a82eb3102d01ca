import {
  RecordedRefusal,
  RefusalReason,
  SANCTION_EVENTS,
  SANCTION_STATES,
  Sanction,
  SanctionEvent,
  SanctionEventType,
  SanctionPolicy,
  SanctionState,
  addMonths,
  blockedOn,
  imposeSanction,
  sanctionTransition,
  sanctionsAfterRefusal,
} from './sanctions.js';
import { expectWrongState, pairsOf, refusalOf } from './test-fixtures/pairs.js';

/** Example policy data (issue 17's example: 3 unjustified refusals in 12 months give a 6-month block). */
const POLICY: SanctionPolicy = { unjustifiedRefusalsForBlock: 3, windowMonths: 12, blockMonths: 6, urgentLosesUrgencyOnSuitableRefusal: true };
const REASONS: RefusalReason[] = [
  { code: 'MEDICAL', justified: true },
  { code: 'TOO_EXPENSIVE', justified: true },
  { code: 'NO_REASON', justified: false },
  { code: 'LOCATION', justified: false },
];

const refusal = (date: string, reasonCode = 'NO_REASON', more: Partial<RecordedRefusal> = {}): RecordedRefusal => ({
  date,
  reasonCode,
  urgent: false,
  suitable: true,
  ...more,
});
const block = (from: string, until: string, state: SanctionState = 'ACTIVE') => ({ kind: 'BLOCK' as const, state, from, until });

describe('sanctionsAfterRefusal', () => {
  it.each<[string, RecordedRefusal[], RecordedRefusal, ReturnType<typeof block>[], Partial<SanctionPolicy>, [string, string, string | null][], number]>([
    [
      'the third unjustified refusal in 12 months: a block of 6 months',
      [refusal('2025-06-01'), refusal('2026-01-15', 'LOCATION')],
      refusal('2026-03-10'),
      [],
      {},
      [['BLOCK', '2026-03-10', '2026-09-10']],
      3,
    ],
    ['the second: nothing yet', [refusal('2026-01-15')], refusal('2026-03-10'), [], {}, [], 2],
    ['justified refusals do not count', [refusal('2025-06-01', 'MEDICAL'), refusal('2026-01-15', 'TOO_EXPENSIVE')], refusal('2026-03-10'), [], {}, [], 1],
    [
      'a justified refusal brings no sanction, whatever came before',
      [refusal('2025-06-01'), refusal('2026-01-15')],
      refusal('2026-03-10', 'MEDICAL'),
      [],
      {},
      [],
      2,
    ],
    ['exactly 12 months back is outside the window', [refusal('2025-03-10'), refusal('2026-01-15')], refusal('2026-03-10'), [], {}, [], 2],
    [
      '12 months back less a day is inside it',
      [refusal('2025-03-11'), refusal('2026-01-15')],
      refusal('2026-03-10'),
      [],
      {},
      [['BLOCK', '2026-03-10', '2026-09-10']],
      3,
    ],
    ['refusals after the refusal date do not count', [refusal('2026-01-15'), refusal('2026-04-01')], refusal('2026-03-10'), [], {}, [], 2],
    [
      'same-day refusals count (inclusive of the date)',
      [refusal('2026-03-10'), refusal('2026-03-10')],
      refusal('2026-03-10'),
      [],
      {},
      [['BLOCK', '2026-03-10', '2026-09-10']],
      3,
    ],
    [
      'a block already in force on the date: no second block',
      [refusal('2025-06-01'), refusal('2026-01-15')],
      refusal('2026-03-10'),
      [block('2026-01-15', '2026-07-15')],
      {},
      [],
      1,
    ],
    [
      'refusals that led to an earlier block do not count again',
      [refusal('2025-04-01'), refusal('2025-05-01'), refusal('2025-06-01')],
      refusal('2026-03-10'),
      [block('2025-06-01', '2025-12-01', 'EXPIRED')],
      {},
      [],
      1,
    ],
    [
      'a lifted block in force on the date does not stop a new one',
      [refusal('2026-01-01'), refusal('2026-02-01')],
      refusal('2026-03-10'),
      [block('2025-12-01', '2026-06-01', 'LIFTED')],
      {},
      [['BLOCK', '2026-03-10', '2026-09-10']],
      3,
    ],
    [
      'a block ends on the same day six months later, or the month end',
      [refusal('2026-05-01'), refusal('2026-06-01')],
      refusal('2026-08-31'),
      [],
      {},
      [['BLOCK', '2026-08-31', '2027-02-28']],
      3,
    ],
    [
      'an urgent household refusing a suitable offer unjustified loses its urgency',
      [],
      refusal('2026-03-10', 'LOCATION', { urgent: true }),
      [],
      {},
      [['LOSE_URGENCY', '2026-03-10', null]],
      1,
    ],
    [
      '... and may be blocked at once too',
      [refusal('2025-06-01'), refusal('2026-01-15')],
      refusal('2026-03-10', 'NO_REASON', { urgent: true }),
      [],
      {},
      [
        ['BLOCK', '2026-03-10', '2026-09-10'],
        ['LOSE_URGENCY', '2026-03-10', null],
      ],
      3,
    ],
    ['not for a justified refusal', [], refusal('2026-03-10', 'MEDICAL', { urgent: true }), [], {}, [], 0],
    ['not for an offer that was not suitable', [], refusal('2026-03-10', 'NO_REASON', { urgent: true, suitable: false }), [], {}, [], 1],
    [
      'not when the policy does not say so',
      [],
      refusal('2026-03-10', 'NO_REASON', { urgent: true }),
      [],
      { urgentLosesUrgencyOnSuitableRefusal: false },
      [],
      1,
    ],
    [
      'another policy: 2 in 6 months give 3 months',
      [refusal('2025-09-11')],
      refusal('2026-03-10'),
      [],
      { unjustifiedRefusalsForBlock: 2, windowMonths: 6, blockMonths: 3 },
      [['BLOCK', '2026-03-10', '2026-06-10']],
      2,
    ],
    [
      '... where 6 months back is outside',
      [refusal('2025-09-10')],
      refusal('2026-03-10'),
      [],
      { unjustifiedRefusalsForBlock: 2, windowMonths: 6, blockMonths: 3 },
      [],
      1,
    ],
  ])('%s', (_title, history, r, current, policy, expected, counted) => {
    const sut = sanctionsAfterRefusal(history, r, REASONS, { ...POLICY, ...policy }, current);
    if (!sut.ok) throw new Error(sut.reason);
    expect(sut.sanctions.map((s) => [s.kind, s.from, s.until])).toEqual(expected);
    expect(sut.unjustifiedCounted).toBe(counted);
  });

  it('says why, in English and Dutch', () => {
    const history = [refusal('2026-01-15', 'LOCATION'), refusal('2025-06-01')];
    const en = sanctionsAfterRefusal(history, refusal('2026-03-10', 'NO_REASON', { urgent: true }), REASONS, POLICY, []);
    const nl = sanctionsAfterRefusal(history, refusal('2026-03-10', 'NO_REASON', { urgent: true }), REASONS, POLICY, [], 'nl');
    expect(en.ok && en.sanctions.map((s) => s.why)).toEqual([
      "3 unjustified refusals within 12 months (2025-06-01, 2026-01-15, 2026-03-10) reach the policy's threshold of 3: blocked from 2026-03-10 until 2026-09-10.",
      'The urgent household refused a suitable offer without a justified reason (NO_REASON): it loses its urgency from 2026-03-10.',
    ]);
    expect(nl.ok && nl.sanctions.map((s) => s.why)).toEqual([
      '3 onterechte weigeringen binnen 12 maanden (1 juni 2025, 15 januari 2026, 10 maart 2026) bereiken de grens van 3 uit het beleid: geblokkeerd van 10 maart 2026 tot en met 10 september 2026.',
      'Het urgente huishouden weigerde een passend aanbod zonder terechte reden (NO_REASON): het verliest zijn urgentie per 10 maart 2026.',
    ]);
  });

  it.each<[string, RecordedRefusal[], RecordedRefusal, string]>([
    ['an unknown code on the refusal', [], refusal('2026-03-10', 'DONT_LIKE_IT'), 'DONT_LIKE_IT'],
    ['an unknown code on a counted earlier refusal', [refusal('2026-01-01', 'OLD_CODE')], refusal('2026-03-10'), 'OLD_CODE'],
  ])('refuses %s', (_title, history, r, code) => {
    expect(sanctionsAfterRefusal(history, r, REASONS, POLICY, [])).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      reason: `The refusal reason ${code} is not in the policy's refusal reasons (MEDICAL, TOO_EXPENSIVE, NO_REASON, LOCATION).`,
    });
  });

  it('an unknown code outside the window is not judged (an old policy version may have had it)', () => {
    expect(sanctionsAfterRefusal([refusal('2020-01-01', 'OLD_CODE')], refusal('2026-03-10'), REASONS, POLICY, [])).toMatchObject({ ok: true, sanctions: [] });
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-03-10', 6, '2026-09-10'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-10', -12, '2025-03-10'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

// Issue 17: a lift is requested, then approved by a second person or refused; a block expires after its last day.
const ALLOWED: Record<SanctionState, Partial<Record<SanctionEventType, SanctionState>>> = {
  ACTIVE: { REQUEST_LIFT: 'LIFT_REQUESTED', EXPIRE: 'EXPIRED' },
  LIFT_REQUESTED: { APPROVE_LIFT: 'LIFTED', REFUSE_LIFT: 'ACTIVE', EXPIRE: 'EXPIRED' },
  LIFTED: {},
  EXPIRED: {},
};

const sanctionIn = (state: SanctionState): Sanction => ({
  kind: 'BLOCK',
  state,
  from: '2026-03-10',
  until: '2026-09-10',
  lift:
    state === 'LIFT_REQUESTED' || state === 'LIFTED'
      ? { requestedBy: 'officer-a', reason: 'medical hardship', approvedBy: state === 'LIFTED' ? 'manager-b' : null }
      : null,
});

const EVENT: Record<SanctionEventType, SanctionEvent> = {
  REQUEST_LIFT: { type: 'REQUEST_LIFT', by: 'officer-a', reason: 'medical hardship' },
  APPROVE_LIFT: { type: 'APPROVE_LIFT', by: 'manager-b' },
  REFUSE_LIFT: { type: 'REFUSE_LIFT', by: 'manager-b' },
  EXPIRE: { type: 'EXPIRE', today: '2026-09-11' },
};

/** The sanction each allowed event leaves behind. */
const AFTER: Record<SanctionEventType, (s: Sanction) => Sanction> = {
  REQUEST_LIFT: (s) => ({ ...s, state: 'LIFT_REQUESTED', lift: { requestedBy: 'officer-a', reason: 'medical hardship', approvedBy: null } }),
  APPROVE_LIFT: (s) => ({ ...s, state: 'LIFTED', lift: { requestedBy: 'officer-a', reason: 'medical hardship', approvedBy: 'manager-b' } }),
  REFUSE_LIFT: (s) => ({ ...s, state: 'ACTIVE', lift: null }),
  EXPIRE: (s) => ({ ...s, state: 'EXPIRED' }),
};

const PAIRS = pairsOf(SANCTION_STATES, SANCTION_EVENTS, ALLOWED);

describe('sanctionTransition: every (state, event) pair', () => {
  it('enumerates all 4 x 4 pairs, 5 of them allowed', () => {
    expect(PAIRS).toHaveLength(16);
    expect(PAIRS.filter((p) => p.to !== null)).toHaveLength(5);
  });

  it.each(PAIRS.filter((p) => p.to !== null))('$state --$event--> $to', ({ state, event, to }) => {
    expect(sanctionTransition(sanctionIn(state), EVENT[event])).toEqual({ ok: true, state: to, sanction: AFTER[event](sanctionIn(state)) });
  });

  it.each(PAIRS.filter((p) => p.to === null))('$state --$event--> refused, naming both', ({ state, event }) => {
    expectWrongState(
      sanctionTransition(sanctionIn(state), EVENT[event]),
      sanctionTransition(sanctionIn(state), EVENT[event], 'nl'),
      { en: 'a sanction', nl: 'een sanctie' },
      state,
      event,
      SANCTION_EVENTS.filter((e) => ALLOWED[state][e] !== undefined),
    );
  });
});

describe('sanctionTransition: the guards of allowed pairs', () => {
  it.each<[string, Sanction, SanctionEvent, string, string, string]>([
    [
      'the requester approving their own request (four eyes)',
      sanctionIn('LIFT_REQUESTED'),
      { type: 'APPROVE_LIFT', by: 'officer-a' },
      'FOUR_EYES',
      'APPROVE_LIFT needs a second person: officer-a requested the lift and may not approve it too (four eyes).',
      'APPROVE_LIFT vraagt een tweede persoon: officer-a vroeg de opheffing aan en mag die niet ook goedkeuren (vier ogen).',
    ],
    [
      '... also with spaces around the name',
      sanctionIn('LIFT_REQUESTED'),
      { type: 'APPROVE_LIFT', by: ' officer-a ' },
      'FOUR_EYES',
      'APPROVE_LIFT needs a second person: officer-a requested the lift and may not approve it too (four eyes).',
      'APPROVE_LIFT vraagt een tweede persoon: officer-a vroeg de opheffing aan en mag die niet ook goedkeuren (vier ogen).',
    ],
    [
      'an approval by nobody',
      sanctionIn('LIFT_REQUESTED'),
      { type: 'APPROVE_LIFT', by: '' },
      'MISSING_INPUT',
      'APPROVE_LIFT needs the person who does it (by).',
      'APPROVE_LIFT vraagt wie het doet (by).',
    ],
    [
      'a refusal by nobody',
      sanctionIn('LIFT_REQUESTED'),
      { type: 'REFUSE_LIFT', by: ' ' },
      'MISSING_INPUT',
      'REFUSE_LIFT needs the person who does it (by).',
      'REFUSE_LIFT vraagt wie het doet (by).',
    ],
    [
      'a request without a reason',
      sanctionIn('ACTIVE'),
      { type: 'REQUEST_LIFT', by: 'officer-a', reason: '' },
      'MISSING_INPUT',
      'REQUEST_LIFT needs a reason.',
      'REQUEST_LIFT vraagt een reden.',
    ],
    [
      'a request by nobody',
      sanctionIn('ACTIVE'),
      { type: 'REQUEST_LIFT', by: '', reason: 'hardship' },
      'MISSING_INPUT',
      'REQUEST_LIFT needs the person who does it (by).',
      'REQUEST_LIFT vraagt wie het doet (by).',
    ],
    [
      'expiry on the last day',
      sanctionIn('ACTIVE'),
      { type: 'EXPIRE', today: '2026-09-10' },
      'TOO_EARLY',
      'EXPIRE is not allowed yet for a sanction in state ACTIVE: it runs until 2026-09-10 inclusive.',
      'EXPIRE is nog niet toegestaan voor een sanctie met status ACTIVE (actief): die loopt tot en met 10 september 2026.',
    ],
    [
      'expiry of a pending lift before the end',
      sanctionIn('LIFT_REQUESTED'),
      { type: 'EXPIRE', today: '2026-04-01' },
      'TOO_EARLY',
      'EXPIRE is not allowed yet for a sanction in state LIFT_REQUESTED: it runs until 2026-09-10 inclusive.',
      'EXPIRE is nog niet toegestaan voor een sanctie met status LIFT_REQUESTED (opheffing aangevraagd): die loopt tot en met 10 september 2026.',
    ],
    [
      'expiry of a loss of urgency',
      { ...sanctionIn('ACTIVE'), kind: 'LOSE_URGENCY', until: null },
      { type: 'EXPIRE', today: '2030-01-01' },
      'WRONG_STATE',
      'EXPIRE is not allowed for a loss of urgency: it has no end date; only a lift ends it.',
      'EXPIRE is niet toegestaan voor verlies van urgentie: dat heeft geen einddatum; alleen opheffen beëindigt het.',
    ],
    [
      'expiry on no date',
      sanctionIn('ACTIVE'),
      { type: 'EXPIRE', today: 'tomorrow' },
      'INVALID_INPUT',
      'EXPIRE needs today as a date YYYY-MM-DD; "tomorrow" is not one.',
      'EXPIRE vraagt de datum van vandaag als JJJJ-MM-DD; "tomorrow" is dat niet.',
    ],
  ])('refuses %s', (_title, s, event, code, en, nl) => {
    expect(sanctionTransition(s, event)).toEqual({ ok: false, code, reason: en });
    expect(refusalOf(sanctionTransition(s, event, 'nl')).reason).toBe(nl);
  });

  it('the requester may withdraw by refusing their own request (no second person is needed to keep a sanction)', () => {
    expect(sanctionTransition(sanctionIn('LIFT_REQUESTED'), { type: 'REFUSE_LIFT', by: 'officer-a' })).toMatchObject({ ok: true, state: 'ACTIVE' });
  });

  it('a loss of urgency can be lifted with four eyes', () => {
    const s = imposeSanction({ kind: 'LOSE_URGENCY', from: '2026-03-10', until: null });
    const requested = sanctionTransition(s, { type: 'REQUEST_LIFT', by: 'officer-a', reason: 'the offer was not suitable after all' });
    if (!requested.ok) throw new Error(requested.reason);
    expect(sanctionTransition(requested.sanction, { type: 'APPROVE_LIFT', by: 'manager-b' })).toMatchObject({ ok: true, state: 'LIFTED' });
  });
});

describe('blockedOn', () => {
  const urgencyLost = { kind: 'LOSE_URGENCY' as const, state: 'ACTIVE' as const, from: '2026-01-01', until: null };

  it.each<[string, ReturnType<typeof block>[], string, string | null]>([
    ['no sanction', [], '2026-04-01', null],
    ['the day before it starts', [block('2026-03-10', '2026-09-10')], '2026-03-09', null],
    ['its first day', [block('2026-03-10', '2026-09-10')], '2026-03-10', '2026-09-10'],
    ['its last day', [block('2026-03-10', '2026-09-10')], '2026-09-10', '2026-09-10'],
    ['the day after', [block('2026-03-10', '2026-09-10')], '2026-09-11', null],
    ['a lifted block', [block('2026-03-10', '2026-09-10', 'LIFTED')], '2026-04-01', null],
    ['an expired block (recorded as such)', [block('2026-03-10', '2026-09-10', 'EXPIRED')], '2026-04-01', null],
    ['a pending lift still blocks', [block('2026-03-10', '2026-09-10', 'LIFT_REQUESTED')], '2026-04-01', '2026-09-10'],
    [
      'two overlapping: the longest',
      [block('2026-03-10', '2026-09-10'), block('2026-04-01', '2026-10-01'), block('2026-02-01', '2026-08-01')],
      '2026-04-15',
      '2026-10-01',
    ],
  ])('%s', (_title, sanctions, date, until) => {
    expect(blockedOn(sanctions, date)?.sanction.until ?? null).toBe(until);
  });

  it('a loss of urgency is no block', () => {
    expect(blockedOn([urgencyLost], '2026-04-01')).toBeNull();
  });

  it('says why, in English and Dutch', () => {
    expect(blockedOn([block('2026-03-10', '2026-09-10')], '2026-04-01')?.why).toBe(
      'The household is blocked from 2026-03-10 until 2026-09-10 after unjustified refusals.',
    );
    expect(blockedOn([block('2026-03-10', '2026-09-10', 'LIFT_REQUESTED')], '2026-04-01', 'nl')?.why).toBe(
      'Het huishouden is geblokkeerd van 10 maart 2026 tot en met 10 september 2026 na onterechte weigeringen (opheffing is aangevraagd).',
    );
  });
});
