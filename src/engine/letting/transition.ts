import type { Language, Phrasebook } from '../common/language.js';

/**
 * The common shape of the letting state machines (issue 17: publication, candidates, offer stages,
 * sanctions, objections). A machine is a table (state, event) -> next state, plus guards on the
 * event's data; an event outside the table or failing a guard is refused with a sentence, never thrown.
 */

/** Why a transition was refused, for the service's error mapping. */
export type RefusalCode =
  /** the (state, event) pair is not in the machine's table */
  | 'WRONG_STATE'
  /** the event lacks data it needs (a reason code, reasons text, a person) */
  | 'MISSING_INPUT'
  /** the event's data is malformed (a date that is no date, a window that closes before it opens) */
  | 'INVALID_INPUT'
  /** the event is allowed later (a window not yet closed, a stage not yet due) */
  | 'TOO_EARLY'
  /** a document the stage needs is missing */
  | 'MISSING_DOCUMENT'
  /** the same person may not both request and approve (four eyes) */
  | 'FOUR_EYES';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** In the language asked for (English by default: the record's language). */
  reason: string;
}

/** An allowed transition gives the next state and the machine's extra fields (the updated record). */
export type Transition<S, X extends object = Record<never, never>> = ({ ok: true; state: S } & X) | Refusal;

export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

export interface StateMachine<S extends string, E extends string> {
  /** What the machine is about, with its article: 'a publication' / 'een publicatie'. */
  subject: Phrasebook<string>;
  /** The states' names in Dutch, shown beside the code. */
  statesNl: Readonly<Record<S, string>>;
  /** All events, in the order sentences and screens list them. */
  events: readonly E[];
  table: TransitionTable<S, E>;
}

export function refused(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

/** The state `event` leads to from `state`, or null when the table does not allow it. */
export function nextState<S extends string, E extends string>(machine: StateMachine<S, E>, state: S, event: E): S | null {
  return machine.table[state][event] ?? null;
}

/** The events allowed in `state`, in the machine's event order (for the buttons a screen offers). */
export function allowedEvents<S extends string, E extends string>(machine: StateMachine<S, E>, state: S): E[] {
  return machine.events.filter((event) => machine.table[state][event] !== undefined);
}

const WORDS: Phrasebook<{ notAllowed: (event: string, subject: string, state: string, allowed: string[]) => string }> = {
  en: {
    notAllowed: (event, subject, state, allowed) =>
      `${event} is not allowed for ${subject} in state ${state} ` +
      (allowed.length === 0 ? '(a final state: nothing can follow).' : `(allowed there: ${allowed.join(', ')}).`),
  },
  nl: {
    notAllowed: (event, subject, state, allowed) =>
      `${event} is niet toegestaan voor ${subject} met status ${state} ` +
      (allowed.length === 0 ? '(een eindstatus: er kan niets meer volgen).' : `(daar toegestaan: ${allowed.join(', ')}).`),
  },
};

/** The refusal of a pair outside the table, naming the state, the event and what is allowed instead. */
export function wrongState<S extends string, E extends string>(machine: StateMachine<S, E>, state: S, event: E, language: Language): Refusal {
  const shownState = language === 'nl' ? `${state} (${machine.statesNl[state]})` : state;
  return refused('WRONG_STATE', WORDS[language].notAllowed(event, machine.subject[language], shownState, allowedEvents(machine, state)));
}

/** A text that says something: not empty and not only spaces. */
export function present(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.trim().length > 0;
}
