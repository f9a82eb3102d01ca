import type { Language, Phrasebook } from '../common/language.js';
import { StateMachine, Transition, nextState, present, refused, wrongState } from './transition.js';

/**
 * A candidate's state on a vacancy's candidate list (issue 17: placed, skipped with a coded reason,
 * invited, offered, accepted, refused, withdrawn; with history and undo where the state allows).
 * A skip is not a refusal: it counts towards no sanction (sanctions.ts reads REFUSED only).
 */
export const CANDIDATE_STATES = ['PLACED', 'SKIPPED', 'INVITED', 'OFFERED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const CANDIDATE_EVENTS = ['SKIP', 'UNDO_SKIP', 'INVITE', 'UNDO_INVITE', 'OFFER', 'ACCEPT', 'REFUSE', 'WITHDRAW', 'EXPIRE'] as const;
export type CandidateEventType = (typeof CANDIDATE_EVENTS)[number];

/** The refusal code of a lapsed offer: not accepted in time counts as not accepted (issue 17). */
export const EXPIRED_REASON_CODE = 'EXPIRED';
/**
 * The refusal code of an offer whose stage lapsed after the interest check (migration 023): whether
 * it counts against the household is the association's policy (letting_reason.justified).
 */
export const STAGE_LAPSED_REASON_CODE = 'STAGE_LAPSED';

/** The refusal code an offer expires with: EXPIRED when the household never answered the offer, else STAGE_LAPSED. */
export function lapseReasonCode(stage: string | null): string {
  return stage === null || stage === 'INTEREST_CHECK' ? EXPIRED_REASON_CODE : STAGE_LAPSED_REASON_CODE;
}

export interface CandidateHistoryEntry {
  from: CandidateState;
  to: CandidateState;
  event: CandidateEventType;
  reasonCode: string | null;
  /** ISO timestamp, given by the caller. */
  at: string;
  by: string;
}

export interface Candidate {
  id: string;
  /** Stable position on the list, by the published order (1 = first). */
  position: number;
  state: CandidateState;
  /** The skip or refusal reason of the current state; null in other states. */
  reasonCode: string | null;
  history: readonly CandidateHistoryEntry[];
}

/** Who did it and when; the system's jobs name themselves (e.g. 'job:offer-expiry'). */
export interface CandidateActor {
  at: string;
  by: string;
}

export type CandidateEvent = CandidateActor &
  (
    | { type: 'SKIP'; reasonCode: string }
    | { type: 'UNDO_SKIP' }
    | { type: 'INVITE' }
    | { type: 'UNDO_INVITE' }
    | { type: 'OFFER' }
    | { type: 'ACCEPT' }
    | { type: 'REFUSE'; reasonCode: string }
    | { type: 'WITHDRAW' }
    /** The code the lapse is recorded with (lapseReasonCode); EXPIRED when not given. */
    | { type: 'EXPIRE'; reasonCode?: string }
  );

export const CANDIDATE_MACHINE: StateMachine<CandidateState, CandidateEventType> = {
  subject: { en: 'a candidate', nl: 'een kandidaat' },
  statesNl: {
    PLACED: 'geplaatst',
    SKIPPED: 'overgeslagen',
    INVITED: 'uitgenodigd',
    OFFERED: 'aangeboden',
    ACCEPTED: 'geaccepteerd',
    REFUSED: 'geweigerd',
    WITHDRAWN: 'teruggetrokken',
  },
  events: CANDIDATE_EVENTS,
  table: {
    PLACED: { SKIP: 'SKIPPED', INVITE: 'INVITED', OFFER: 'OFFERED', WITHDRAW: 'WITHDRAWN' },
    SKIPPED: { UNDO_SKIP: 'PLACED' },
    INVITED: { SKIP: 'SKIPPED', UNDO_INVITE: 'PLACED', OFFER: 'OFFERED', WITHDRAW: 'WITHDRAWN' },
    OFFERED: { ACCEPT: 'ACCEPTED', REFUSE: 'REFUSED', WITHDRAW: 'WITHDRAWN', EXPIRE: 'REFUSED' },
    ACCEPTED: {},
    REFUSED: {},
    WITHDRAWN: {},
  },
};

const WORDS: Phrasebook<{ needsReasonCode: (event: string) => string; needsActor: (event: string) => string }> = {
  en: {
    needsReasonCode: (event) => `${event} needs a reason code.`,
    needsActor: (event) => `${event} needs who did it (by) and when (at).`,
  },
  nl: {
    needsReasonCode: (event) => `${event} vraagt een redencode.`,
    needsActor: (event) => `${event} vraagt wie het deed (by) en wanneer (at).`,
  },
};

/** The candidate after `event` (with one history entry added), or why it is refused. */
export function candidateTransition(
  c: Candidate,
  event: CandidateEvent,
  language: Language = 'en',
): Transition<CandidateState, { candidate: Candidate; entry: CandidateHistoryEntry }> {
  const to = nextState(CANDIDATE_MACHINE, c.state, event.type);
  if (to === null) return wrongState(CANDIDATE_MACHINE, c.state, event.type, language);
  const say = WORDS[language];
  if (!present(event.by) || !present(event.at)) return refused('MISSING_INPUT', say.needsActor(event.type));
  let reasonCode: string | null = null;
  if (event.type === 'SKIP' || event.type === 'REFUSE') {
    if (!present(event.reasonCode)) return refused('MISSING_INPUT', say.needsReasonCode(event.type));
    reasonCode = event.reasonCode;
  } else if (event.type === 'EXPIRE') {
    reasonCode = event.reasonCode ?? EXPIRED_REASON_CODE;
  }
  const entry: CandidateHistoryEntry = { from: c.state, to, event: event.type, reasonCode, at: event.at, by: event.by };
  return { ok: true, state: to, entry, candidate: { ...c, state: to, reasonCode, history: [...c.history, entry] } };
}

/** The first candidate still in line (PLACED or INVITED) by position, ties by id; null when none is left. */
export function nextCandidate<C extends Pick<Candidate, 'id' | 'position' | 'state'>>(list: readonly C[]): C | null {
  let best: C | null = null;
  for (const c of list) {
    if (c.state !== 'PLACED' && c.state !== 'INVITED') continue;
    if (best === null || c.position < best.position || (c.position === best.position && c.id < best.id)) best = c;
  }
  return best;
}
