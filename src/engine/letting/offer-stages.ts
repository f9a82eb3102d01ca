import { addDays, isIsoDate } from '../common/dates.js';
import { formatDateNl } from '../common/format.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { IsoDate } from '../model.js';
import { StateMachine, Transition, nextState, present, refused, wrongState } from './transition.js';

/**
 * An offer's lifecycle (issue 17, "Offers as a lifecycle"): interest check, viewing, provisional
 * acceptance, documents checked (income statement, identity), final acceptance; each stage has a due
 * date from local policy. An overdue stage may be expired (by the job); the candidate then counts as
 * not having accepted (candidates.ts EXPIRE).
 */
export const ACTIVE_STAGES = ['INTEREST_CHECK', 'VIEWING', 'PROVISIONAL_ACCEPTANCE', 'DOCUMENTS_CHECK', 'FINAL_ACCEPTANCE'] as const;
export type ActiveStage = (typeof ACTIVE_STAGES)[number];

export const FINAL_STAGES = ['ACCEPTED', 'REFUSED', 'EXPIRED', 'WITHDRAWN'] as const;
export type FinalStage = (typeof FINAL_STAGES)[number];

export const OFFER_STAGES = [...ACTIVE_STAGES, ...FINAL_STAGES] as const;
export type OfferStage = (typeof OFFER_STAGES)[number];

export const OFFER_EVENTS = ['ADVANCE', 'REFUSE', 'EXPIRE', 'WITHDRAW'] as const;
export type OfferEventType = (typeof OFFER_EVENTS)[number];

/** Days allowed per stage: local policy data (no legal numbers; issue 17). */
export type StageDeadlines = Readonly<Record<ActiveStage, number>>;

/** The documents checked in DOCUMENTS_CHECK (issue 17: income statement, identity). */
export interface OfferDocuments {
  incomeStatement: boolean;
  identity: boolean;
}

export interface Offer {
  stage: OfferStage;
  /** The day the current stage was entered. */
  enteredOn: IsoDate;
  /** Last day of the current stage (inclusive); null once the offer has ended. */
  dueDate: IsoDate | null;
  /** The refusal reason once REFUSED; null otherwise. */
  reasonCode: string | null;
}

/** `today` is the caller's date (the engine has no clock); ADVANCE also uses it to date the next stage. */
export type OfferEvent =
  | { type: 'ADVANCE'; today: IsoDate; documents?: OfferDocuments }
  | { type: 'REFUSE'; today: IsoDate; reasonCode: string }
  | { type: 'EXPIRE'; today: IsoDate }
  | { type: 'WITHDRAW'; today: IsoDate };

const active = (next: OfferStage) => ({ ADVANCE: next, REFUSE: 'REFUSED', EXPIRE: 'EXPIRED', WITHDRAW: 'WITHDRAWN' }) as const;

export const OFFER_MACHINE: StateMachine<OfferStage, OfferEventType> = {
  subject: { en: 'an offer', nl: 'een aanbieding' },
  statesNl: {
    INTEREST_CHECK: 'interesse peilen',
    VIEWING: 'bezichtiging',
    PROVISIONAL_ACCEPTANCE: 'voorlopige acceptatie',
    DOCUMENTS_CHECK: 'documentencontrole',
    FINAL_ACCEPTANCE: 'definitieve acceptatie',
    ACCEPTED: 'geaccepteerd',
    REFUSED: 'geweigerd',
    EXPIRED: 'verlopen',
    WITHDRAWN: 'ingetrokken',
  },
  events: OFFER_EVENTS,
  table: {
    INTEREST_CHECK: active('VIEWING'),
    VIEWING: active('PROVISIONAL_ACCEPTANCE'),
    PROVISIONAL_ACCEPTANCE: active('DOCUMENTS_CHECK'),
    DOCUMENTS_CHECK: active('FINAL_ACCEPTANCE'),
    FINAL_ACCEPTANCE: active('ACCEPTED'),
    ACCEPTED: {},
    REFUSED: {},
    EXPIRED: {},
    WITHDRAWN: {},
  },
};

export function isActiveStage(stage: OfferStage): stage is ActiveStage {
  return (ACTIVE_STAGES as readonly OfferStage[]).includes(stage);
}

const WORDS: Phrasebook<{
  notADate: (event: string, value: string) => string;
  missingDocuments: (documents: string[]) => string;
  acceptanceNeeds: (documents: string[]) => string;
  document: Record<keyof OfferDocuments, string>;
  needsReasonCode: string;
  notDueYet: (stage: OfferStage, dueDate: IsoDate) => string;
}> = {
  en: {
    notADate: (event, value) => `${event} needs today as a date YYYY-MM-DD; "${value}" is not one.`,
    missingDocuments: (documents) => `ADVANCE from DOCUMENTS_CHECK to FINAL_ACCEPTANCE needs ${documents.join(' and ')} checked.`,
    acceptanceNeeds: (documents) =>
      `must have ${documents.join(' and ')} checked: an offer is accepted only with the income statement and the proof of identity checked`,
    document: { incomeStatement: 'the income statement', identity: 'the proof of identity' },
    needsReasonCode: 'REFUSE needs a refusal reason code.',
    notDueYet: (stage, dueDate) => `EXPIRE is not allowed yet for an offer in stage ${stage}: it is due on ${dueDate} and expires after that day.`,
  },
  nl: {
    notADate: (event, value) => `${event} vraagt de datum van vandaag als JJJJ-MM-DD; "${value}" is dat niet.`,
    missingDocuments: (documents) => `ADVANCE van DOCUMENTS_CHECK naar FINAL_ACCEPTANCE vraagt dat ${documents.join(' en ')} gecontroleerd is.`,
    acceptanceNeeds: (documents) =>
      `${documents.join(' en ')} moet gecontroleerd zijn: een aanbod wordt alleen geaccepteerd met de inkomensverklaring en het identiteitsbewijs gecontroleerd`,
    document: { incomeStatement: 'de inkomensverklaring', identity: 'het identiteitsbewijs' },
    needsReasonCode: 'REFUSE vraagt een redencode voor de weigering.',
    notDueYet: (stage, dueDate) =>
      `EXPIRE is nog niet toegestaan voor een aanbieding in fase ${stage} (${OFFER_MACHINE.statesNl[stage]}): de termijn loopt tot en met ${formatDateNl(dueDate)}.`,
  },
};

/** The documents of DOCUMENTS_CHECK not (yet) checked, named in `language` (empty: both checked). */
function uncheckedDocuments(documents: Partial<OfferDocuments> | null | undefined, language: Language): string[] {
  return (['incomeStatement', 'identity'] as const).filter((d) => documents?.[d] !== true).map((d) => WORDS[language].document[d]);
}

/**
 * Why an offer cannot be accepted with these documents (null: it can). An offer is accepted through
 * its stages or at once when the household accepts straight away (offers.service.ts), but never
 * without the income statement and the identity checked (issue 17: the documents check).
 */
export function acceptanceRefusal(documents: Partial<OfferDocuments> | null | undefined, language: Language = 'en'): string | null {
  const missing = uncheckedDocuments(documents, language);
  return missing.length === 0 ? null : WORDS[language].acceptanceNeeds(missing);
}

/** A new offer at its first stage, entered on `today`. */
export function openOffer(today: IsoDate, deadlines: StageDeadlines): Offer {
  return { stage: 'INTEREST_CHECK', enteredOn: today, dueDate: addDays(today, deadlines.INTEREST_CHECK), reasonCode: null };
}

/** Problems of a deadlines policy (empty: valid): each active stage a whole number of days, 0 or more. */
export function stageDeadlinesProblems(deadlines: Partial<Record<string, unknown>>): { field: string; reason: string }[] {
  return ACTIVE_STAGES.flatMap((stage) => {
    const days = deadlines[stage];
    return typeof days === 'number' && Number.isSafeInteger(days) && days >= 0 ? [] : [{ field: stage, reason: 'must be a whole number of days, 0 or more' }];
  });
}

/** The offer after `event`, or why it is refused. Entering a stage on d makes it due on d + its days. */
export function offerTransition(
  offer: Offer,
  event: OfferEvent,
  deadlines: StageDeadlines,
  language: Language = 'en',
): Transition<OfferStage, { offer: Offer }> {
  const to = nextState(OFFER_MACHINE, offer.stage, event.type);
  if (to === null) return wrongState(OFFER_MACHINE, offer.stage, event.type, language);
  const say = WORDS[language];
  if (!isIsoDate(event.today)) return refused('INVALID_INPUT', say.notADate(event.type, event.today));
  const ended = (reasonCode: string | null = null): Transition<OfferStage, { offer: Offer }> => ({
    ok: true,
    state: to,
    offer: { stage: to, enteredOn: event.today, dueDate: null, reasonCode },
  });
  switch (event.type) {
    case 'ADVANCE': {
      if (offer.stage === 'DOCUMENTS_CHECK') {
        const missing = uncheckedDocuments(event.documents, language);
        if (missing.length > 0) return refused('MISSING_DOCUMENT', say.missingDocuments(missing));
      }
      if (!isActiveStage(to)) return ended();
      return { ok: true, state: to, offer: { stage: to, enteredOn: event.today, dueDate: addDays(event.today, deadlines[to]), reasonCode: null } };
    }
    case 'REFUSE':
      if (!present(event.reasonCode)) return refused('MISSING_INPUT', say.needsReasonCode);
      return ended(event.reasonCode);
    case 'EXPIRE':
      if (!overdue(offer, event.today)) return refused('TOO_EARLY', say.notDueYet(offer.stage, offer.dueDate ?? event.today));
      return ended();
    case 'WITHDRAW':
      return ended();
  }
}

/** Whether the offer's current stage has passed its due date (due on d: overdue from d + 1). */
export function overdue(offer: Pick<Offer, 'stage' | 'dueDate'>, today: IsoDate): boolean {
  return isActiveStage(offer.stage) && offer.dueDate !== null && today > offer.dueDate;
}

export interface DueStage<O> {
  offer: O;
  /** TODAY: its last day; OVERDUE: past it (the job will expire it). */
  due: 'TODAY' | 'OVERDUE';
}

/** The officer's worklist (issue 17: "the officer sees what is due today"): due today or overdue, oldest due date first, ties in input order. */
export function dueStages<O extends Pick<Offer, 'stage' | 'dueDate'>>(offers: readonly O[], today: IsoDate): DueStage<O>[] {
  const due: { offer: O; index: number; dueDate: IsoDate }[] = [];
  offers.forEach((offer, index) => {
    if (isActiveStage(offer.stage) && offer.dueDate !== null && offer.dueDate <= today) due.push({ offer, index, dueDate: offer.dueDate });
  });
  due.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.index - b.index));
  return due.map(({ offer, dueDate }) => ({ offer, due: dueDate === today ? 'TODAY' : 'OVERDUE' }));
}
