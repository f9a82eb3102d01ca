import { addDays, isIsoDate } from '../common/dates.js';
import { formatDateNl } from '../common/format.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { IsoDate } from '../model.js';
import { StateMachine, Transition, nextState, present, refused, wrongState } from './transition.js';

/**
 * A vacancy's publication and reaction window (issue 17, "Publication of a vacancy"): drafted,
 * published with a letting model and a window, closed once the window has ended, then turned into
 * the candidate list (candidates.ts takes over) or withdrawn. Seekers react only inside the window.
 */
export const PUBLICATION_STATES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'LISTED', 'WITHDRAWN'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const PUBLICATION_EVENTS = ['PUBLISH', 'CLOSE', 'MAKE_LIST', 'WITHDRAW'] as const;
export type PublicationEventType = (typeof PUBLICATION_EVENTS)[number];

/** How the candidates are ordered (issue 17: regular, lottery, direct, urgency, points). */
export const LETTING_MODELS = ['REGULAR', 'LOTTERY', 'DIRECT', 'URGENCY', 'POINTS'] as const;
export type LettingModel = (typeof LETTING_MODELS)[number];

export interface Publication {
  state: PublicationState;
  model: LettingModel | null;
  /** First and last day seekers may react (both inclusive); null until published. */
  opensAt: IsoDate | null;
  closesAt: IsoDate | null;
}

export type PublicationEvent =
  | { type: 'PUBLISH'; model: LettingModel; opensAt: IsoDate; closesAt: IsoDate }
  /** `today` is the caller's date: the engine has no clock. */
  | { type: 'CLOSE'; today: IsoDate }
  | { type: 'MAKE_LIST' }
  | { type: 'WITHDRAW' };

export const PUBLICATION_MACHINE: StateMachine<PublicationState, PublicationEventType> = {
  subject: { en: 'a publication', nl: 'een publicatie' },
  statesNl: { DRAFT: 'concept', PUBLISHED: 'gepubliceerd', CLOSED: 'gesloten', LISTED: 'kandidatenlijst gemaakt', WITHDRAWN: 'ingetrokken' },
  events: PUBLICATION_EVENTS,
  table: {
    DRAFT: { PUBLISH: 'PUBLISHED', WITHDRAW: 'WITHDRAWN' },
    PUBLISHED: { CLOSE: 'CLOSED', WITHDRAW: 'WITHDRAWN' },
    CLOSED: { MAKE_LIST: 'LISTED', WITHDRAW: 'WITHDRAWN' },
    LISTED: {},
    WITHDRAWN: {},
  },
};

const WORDS: Phrasebook<{
  noModel: string;
  unknownModel: (model: string) => string;
  notADate: (event: string, field: string, value: string) => string;
  windowBackwards: (opensAt: IsoDate, closesAt: IsoDate) => string;
  notClosedYet: (closesAt: IsoDate) => string;
  notPublished: (state: PublicationState) => string;
  opensOn: (opensAt: IsoDate) => string;
  closedOn: (closesAt: IsoDate) => string;
  reactionRefused: (why: string) => string;
  withdrawalRefused: (why: string) => string;
}> = {
  en: {
    noModel: 'PUBLISH needs a letting model.',
    unknownModel: (model) => `PUBLISH needs a letting model of ${LETTING_MODELS.join(', ')}; ${model} is none of them.`,
    notADate: (event, field, value) => `${event} needs ${field} as a date YYYY-MM-DD; "${value}" is not one.`,
    windowBackwards: (opensAt, closesAt) => `PUBLISH needs a reaction window that opens before it closes; it opens on ${opensAt} and closes on ${closesAt}.`,
    notClosedYet: (closesAt) =>
      `CLOSE is not allowed yet for a publication in state PUBLISHED: seekers may react until the end of ${closesAt}, so the window is closed from ${addDays(closesAt, 1)}.`,
    notPublished: (state) => `the vacancy is not published (its publication is ${state})`,
    opensOn: (opensAt) => `the reaction window opens on ${opensAt}`,
    closedOn: (closesAt) => `the reaction window closed on ${closesAt}`,
    reactionRefused: (why) => `A reaction is not possible: ${why}.`,
    withdrawalRefused: (why) => `A reaction can not be withdrawn: ${why}.`,
  },
  nl: {
    noModel: 'PUBLISH vraagt een toewijzingsmodel.',
    unknownModel: (model) => `PUBLISH vraagt een toewijzingsmodel uit ${LETTING_MODELS.join(', ')}; ${model} is daar geen van.`,
    notADate: (event, field, value) => `${event} vraagt ${field} als datum JJJJ-MM-DD; "${value}" is dat niet.`,
    windowBackwards: (opensAt, closesAt) =>
      `PUBLISH vraagt een reactietermijn die opent voordat hij sluit; hij opent op ${formatDateNl(opensAt)} en sluit op ${formatDateNl(closesAt)}.`,
    notClosedYet: (closesAt) =>
      `CLOSE is nog niet toegestaan voor een publicatie met status PUBLISHED (gepubliceerd): reageren kan tot en met ${formatDateNl(closesAt)}, dus de reactietermijn wordt gesloten vanaf ${formatDateNl(addDays(closesAt, 1))}.`,
    notPublished: (state) => `de woning is niet gepubliceerd (de publicatie heeft status ${state} (${PUBLICATION_MACHINE.statesNl[state]}))`,
    opensOn: (opensAt) => `de reactietermijn opent op ${formatDateNl(opensAt)}`,
    closedOn: (closesAt) => `de reactietermijn is gesloten op ${formatDateNl(closesAt)}`,
    reactionRefused: (why) => `Reageren is niet mogelijk: ${why}.`,
    withdrawalRefused: (why) => `Een reactie intrekken is niet mogelijk: ${why}.`,
  },
};

/** The publication after `event`, or why it is refused. */
export function publicationTransition(
  p: Publication,
  event: PublicationEvent,
  language: Language = 'en',
): Transition<PublicationState, { publication: Publication }> {
  const to = nextState(PUBLICATION_MACHINE, p.state, event.type);
  if (to === null) return wrongState(PUBLICATION_MACHINE, p.state, event.type, language);
  const say = WORDS[language];
  switch (event.type) {
    case 'PUBLISH': {
      if (!present(event.model)) return refused('MISSING_INPUT', say.noModel);
      if (!(LETTING_MODELS as readonly string[]).includes(event.model)) return refused('INVALID_INPUT', say.unknownModel(event.model));
      if (!isIsoDate(event.opensAt)) return refused('INVALID_INPUT', say.notADate('PUBLISH', 'opensAt', event.opensAt));
      if (!isIsoDate(event.closesAt)) return refused('INVALID_INPUT', say.notADate('PUBLISH', 'closesAt', event.closesAt));
      // ISO dates compare as text; a window of one day would open and close at once: opensAt < closesAt
      if (!(event.opensAt < event.closesAt)) return refused('INVALID_INPUT', say.windowBackwards(event.opensAt, event.closesAt));
      return { ok: true, state: to, publication: { state: to, model: event.model, opensAt: event.opensAt, closesAt: event.closesAt } };
    }
    case 'CLOSE':
      if (!isIsoDate(event.today)) return refused('INVALID_INPUT', say.notADate('CLOSE', 'today', event.today));
      // seekers react until the end of closesAt (responseAllowed, both ends inclusive): closing is
      // allowed from the next day, or it would cut off the reactions of the last day
      if (p.closesAt !== null && event.today <= p.closesAt) return refused('TOO_EARLY', say.notClosedYet(p.closesAt));
      return { ok: true, state: to, publication: { ...p, state: to } };
    case 'MAKE_LIST':
    case 'WITHDRAW':
      return { ok: true, state: to, publication: { ...p, state: to } };
  }
}

/**
 * Why a vacancy of this letting model may not be advertised with a window that closes on `closesAt`,
 * seen on `today` (publishVacancy and a VERA Publicatie both ask); null when it may. A direct
 * allocation is made by an officer, not advertised (docs/domain.md, letting models); a window that
 * closed before today could take no reaction.
 */
export function advertisingRefusal(model: LettingModel, closesAt: IsoDate, today: IsoDate): { field: 'model' | 'closesAt'; reason: string } | null {
  if (model === 'DIRECT') return { field: 'model', reason: 'is a direct allocation (route DIRECT): it is not advertised' };
  if (closesAt < today) return { field: 'closesAt', reason: `must be today (${today}) or later: a window cannot close in the past` };
  return null;
}

export type WindowCheck = { ok: true } | { ok: false; code: 'WRONG_STATE' | 'TOO_EARLY' | 'TOO_LATE'; reason: string };

/** Whether `today` lies in a published window, or why not (shared by reacting and withdrawing a reaction). */
function windowCheck(
  p: Pick<Publication, 'state' | 'opensAt' | 'closesAt'>,
  today: IsoDate,
  language: Language,
  sentence: (why: string) => string,
): WindowCheck {
  const say = WORDS[language];
  if (p.state !== 'PUBLISHED' || p.opensAt === null || p.closesAt === null)
    return { ok: false, code: 'WRONG_STATE', reason: sentence(say.notPublished(p.state)) };
  if (today < p.opensAt) return { ok: false, code: 'TOO_EARLY', reason: sentence(say.opensOn(p.opensAt)) };
  if (today > p.closesAt) return { ok: false, code: 'TOO_LATE', reason: sentence(say.closedOn(p.closesAt)) };
  return { ok: true };
}

/** A seeker may react while the publication is PUBLISHED and opensAt <= today <= closesAt (issue 17). */
export function responseAllowed(p: Pick<Publication, 'state' | 'opensAt' | 'closesAt'>, today: IsoDate, language: Language = 'en'): WindowCheck {
  return windowCheck(p, today, language, WORDS[language].reactionRefused);
}

/** A seeker may withdraw a reaction under the same condition: before the window has closed (issue 17). */
export function responseWithdrawalAllowed(p: Pick<Publication, 'state' | 'opensAt' | 'closesAt'>, today: IsoDate, language: Language = 'en'): WindowCheck {
  return windowCheck(p, today, language, WORDS[language].withdrawalRefused);
}
