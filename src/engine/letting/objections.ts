import { addDays, isIsoDate } from '../common/dates.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { IsoDate } from '../model.js';
import { StateMachine, Transition, nextState, present, refused, wrongState } from './transition.js';

/**
 * A seeker's objection (reclamatie) to a letting (issue 17, "Objections"): a case with a decision
 * deadline from local policy, reviewed, then upheld or rejected with reasons; the seeker may withdraw
 * it until it is decided.
 */
export const OBJECTION_STATES = ['OPEN', 'UNDER_REVIEW', 'UPHELD', 'REJECTED', 'WITHDRAWN'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

export const OBJECTION_EVENTS = ['START_REVIEW', 'UPHOLD', 'REJECT', 'WITHDRAW'] as const;
export type ObjectionEventType = (typeof OBJECTION_EVENTS)[number];

/** Local policy: days from filing to the decision's deadline. */
export interface ObjectionPolicy {
  decisionDays: number;
}

export interface Objection {
  state: ObjectionState;
  filedOn: IsoDate;
  /** Last day (inclusive) for the decision: filedOn + decisionDays. */
  decisionDue: IsoDate;
  decidedOn: IsoDate | null;
  /** The decision's reasons; null until decided. */
  reasons: string | null;
}

export type ObjectionEvent =
  { type: 'START_REVIEW' } | { type: 'UPHOLD'; today: IsoDate; reasons: string } | { type: 'REJECT'; today: IsoDate; reasons: string } | { type: 'WITHDRAW' };

export const OBJECTION_MACHINE: StateMachine<ObjectionState, ObjectionEventType> = {
  subject: { en: 'an objection', nl: 'een reclamatie' },
  statesNl: { OPEN: 'open', UNDER_REVIEW: 'in behandeling', UPHELD: 'gegrond', REJECTED: 'ongegrond', WITHDRAWN: 'ingetrokken' },
  events: OBJECTION_EVENTS,
  table: {
    OPEN: { START_REVIEW: 'UNDER_REVIEW', WITHDRAW: 'WITHDRAWN' },
    UNDER_REVIEW: { UPHOLD: 'UPHELD', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN' },
    UPHELD: {},
    REJECTED: {},
    WITHDRAWN: {},
  },
};

const WORDS: Phrasebook<{ needsReasons: (event: string) => string; notADate: (event: string, value: string) => string }> = {
  en: {
    needsReasons: (event) => `${event} needs the decision's reasons.`,
    notADate: (event, value) => `${event} needs today as a date YYYY-MM-DD; "${value}" is not one.`,
  },
  nl: {
    needsReasons: (event) => `${event} vraagt de motivering van de beslissing.`,
    notADate: (event, value) => `${event} vraagt de datum van vandaag als JJJJ-MM-DD; "${value}" is dat niet.`,
  },
};

/** A new objection filed on `filedOn`, due for a decision `decisionDays` later. */
export function fileObjection(filedOn: IsoDate, policy: ObjectionPolicy): Objection {
  return { state: 'OPEN', filedOn, decisionDue: addDays(filedOn, policy.decisionDays), decidedOn: null, reasons: null };
}

/** The objection after `event`, or why it is refused. */
export function objectionTransition(o: Objection, event: ObjectionEvent, language: Language = 'en'): Transition<ObjectionState, { objection: Objection }> {
  const to = nextState(OBJECTION_MACHINE, o.state, event.type);
  if (to === null) return wrongState(OBJECTION_MACHINE, o.state, event.type, language);
  const say = WORDS[language];
  switch (event.type) {
    case 'UPHOLD':
    case 'REJECT':
      // a decision states its reasons (issue 17: "a decision with reasons")
      if (!present(event.reasons)) return refused('MISSING_INPUT', say.needsReasons(event.type));
      if (!isIsoDate(event.today)) return refused('INVALID_INPUT', say.notADate(event.type, event.today));
      return { ok: true, state: to, objection: { ...o, state: to, decidedOn: event.today, reasons: event.reasons } };
    case 'START_REVIEW':
    case 'WITHDRAW':
      return { ok: true, state: to, objection: { ...o, state: to } };
  }
}

/** Undecided (OPEN or UNDER_REVIEW) after its decision's last day. */
export function objectionOverdue(o: Pick<Objection, 'state' | 'decisionDue'>, today: IsoDate): boolean {
  return (o.state === 'OPEN' || o.state === 'UNDER_REVIEW') && today > o.decisionDue;
}
