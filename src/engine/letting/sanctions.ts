import { isIsoDate } from '../common/dates.js';
import { formatDateNl } from '../common/format.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { IsoDate } from '../model.js';
import { StateMachine, Transition, nextState, present, refused, wrongState } from './transition.js';

/**
 * Refusals and their sanctions (issue 17): refusal reasons are coded local-policy data, each justified
 * or not; a sanction policy turns unjustified refusals into a block, and an urgent household refusing
 * a suitable offer loses its urgency. Lifting a sanction needs four eyes. No number here is law: the
 * policy's values are the association's (e.g. 3 refusals in 12 months give a 6-month block).
 */
export interface RefusalReason {
  code: string;
  justified: boolean;
}

export interface SanctionPolicy {
  unjustifiedRefusalsForBlock: number;
  windowMonths: number;
  blockMonths: number;
  urgentLosesUrgencyOnSuitableRefusal: boolean;
}

/** A refusal of an offer (a skip is no refusal and never appears here). */
export interface RecordedRefusal {
  date: IsoDate;
  reasonCode: string;
  /** The household had an urgency when it refused. */
  urgent: boolean;
  /** The offer was suitable (passend, and matching the urgency's search profile). */
  suitable: boolean;
}

export const SANCTION_KINDS = ['BLOCK', 'LOSE_URGENCY'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const SANCTION_STATES = ['ACTIVE', 'LIFT_REQUESTED', 'LIFTED', 'EXPIRED'] as const;
export type SanctionState = (typeof SANCTION_STATES)[number];

export const SANCTION_EVENTS = ['REQUEST_LIFT', 'APPROVE_LIFT', 'REFUSE_LIFT', 'EXPIRE'] as const;
export type SanctionEventType = (typeof SANCTION_EVENTS)[number];

export interface Sanction {
  kind: SanctionKind;
  state: SanctionState;
  from: IsoDate;
  /** Last day (inclusive) of a block; null for a loss of urgency, which does not expire. */
  until: IsoDate | null;
  /** The pending or approved request to lift it; null when none is pending or it was refused. */
  lift: { requestedBy: string; reason: string; approvedBy: string | null } | null;
}

/** A sanction the policy imposes after a refusal, with why (in the language asked for). */
export interface SanctionToImpose {
  kind: SanctionKind;
  from: IsoDate;
  until: IsoDate | null;
  why: string;
}

export type SanctionDecision =
  { ok: true; sanctions: SanctionToImpose[]; justified: boolean; unjustifiedCounted: number } | { ok: false; code: 'INVALID_INPUT'; reason: string };

export type SanctionEvent =
  | { type: 'REQUEST_LIFT'; by: string; reason: string }
  /** Four eyes: `by` must differ from the one who requested the lift. */
  | { type: 'APPROVE_LIFT'; by: string }
  | { type: 'REFUSE_LIFT'; by: string }
  | { type: 'EXPIRE'; today: IsoDate };

export const SANCTION_MACHINE: StateMachine<SanctionState, SanctionEventType> = {
  subject: { en: 'a sanction', nl: 'een sanctie' },
  statesNl: { ACTIVE: 'actief', LIFT_REQUESTED: 'opheffing aangevraagd', LIFTED: 'opgeheven', EXPIRED: 'verlopen' },
  events: SANCTION_EVENTS,
  table: {
    ACTIVE: { REQUEST_LIFT: 'LIFT_REQUESTED', EXPIRE: 'EXPIRED' },
    // a pending request does not hold up the end of a block
    LIFT_REQUESTED: { APPROVE_LIFT: 'LIFTED', REFUSE_LIFT: 'ACTIVE', EXPIRE: 'EXPIRED' },
    LIFTED: {},
    EXPIRED: {},
  },
};

const WORDS: Phrasebook<{
  unknownReason: (code: string, known: string[]) => string;
  block: (count: number, windowMonths: number, dates: IsoDate[], threshold: number, from: IsoDate, until: IsoDate) => string;
  loseUrgency: (code: string, from: IsoDate) => string;
  needsPerson: (event: string) => string;
  needsReason: string;
  fourEyes: (by: string) => string;
  notADate: (value: string) => string;
  neverExpires: string;
  notOverYet: (state: SanctionState, until: IsoDate) => string;
  blocked: (from: IsoDate, until: IsoDate, liftRequested: boolean) => string;
}> = {
  en: {
    unknownReason: (code, known) => `The refusal reason ${code} is not in the policy's refusal reasons (${known.join(', ')}).`,
    block: (count, windowMonths, dates, threshold, from, until) =>
      `${count} unjustified refusals within ${windowMonths} months (${dates.join(', ')}) reach the policy's threshold of ${threshold}: ` +
      `blocked from ${from} until ${until}.`,
    loseUrgency: (code, from) => `The urgent household refused a suitable offer without a justified reason (${code}): it loses its urgency from ${from}.`,
    needsPerson: (event) => `${event} needs the person who does it (by).`,
    needsReason: 'REQUEST_LIFT needs a reason.',
    fourEyes: (by) => `APPROVE_LIFT needs a second person: ${by} requested the lift and may not approve it too (four eyes).`,
    notADate: (value) => `EXPIRE needs today as a date YYYY-MM-DD; "${value}" is not one.`,
    neverExpires: 'EXPIRE is not allowed for a loss of urgency: it has no end date; only a lift ends it.',
    notOverYet: (state, until) => `EXPIRE is not allowed yet for a sanction in state ${state}: it runs until ${until} inclusive.`,
    blocked: (from, until, liftRequested) =>
      `The household is blocked from ${from} until ${until} after unjustified refusals` + (liftRequested ? ' (a lift has been requested).' : '.'),
  },
  nl: {
    unknownReason: (code, known) => `De weigeringsreden ${code} staat niet in de weigeringsredenen van het beleid (${known.join(', ')}).`,
    block: (count, windowMonths, dates, threshold, from, until) =>
      `${count} onterechte weigeringen binnen ${windowMonths} maanden (${dates.map(formatDateNl).join(', ')}) bereiken de grens van ${threshold} uit het beleid: ` +
      `geblokkeerd van ${formatDateNl(from)} tot en met ${formatDateNl(until)}.`,
    loseUrgency: (code, from) =>
      `Het urgente huishouden weigerde een passend aanbod zonder terechte reden (${code}): het verliest zijn urgentie per ${formatDateNl(from)}.`,
    needsPerson: (event) => `${event} vraagt wie het doet (by).`,
    needsReason: 'REQUEST_LIFT vraagt een reden.',
    fourEyes: (by) => `APPROVE_LIFT vraagt een tweede persoon: ${by} vroeg de opheffing aan en mag die niet ook goedkeuren (vier ogen).`,
    notADate: (value) => `EXPIRE vraagt de datum van vandaag als JJJJ-MM-DD; "${value}" is dat niet.`,
    neverExpires: 'EXPIRE is niet toegestaan voor verlies van urgentie: dat heeft geen einddatum; alleen opheffen beëindigt het.',
    notOverYet: (state, until) =>
      `EXPIRE is nog niet toegestaan voor een sanctie met status ${state} (${SANCTION_MACHINE.statesNl[state]}): die loopt tot en met ${formatDateNl(until)}.`,
    blocked: (from, until, liftRequested) =>
      `Het huishouden is geblokkeerd van ${formatDateNl(from)} tot en met ${formatDateNl(until)} na onterechte weigeringen` +
      (liftRequested ? ' (opheffing is aangevraagd).' : '.'),
  },
};

/** ISO date plus whole months; the 31st becomes the month's last day where it has fewer (31 August + 6 = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0..11
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** A block is in force (ACTIVE, or with a lift only requested) on `date` when from <= date <= until. */
function inForce(s: Pick<Sanction, 'kind' | 'state' | 'from' | 'until'>, date: IsoDate): boolean {
  return s.kind === 'BLOCK' && (s.state === 'ACTIVE' || s.state === 'LIFT_REQUESTED') && s.until !== null && s.from <= date && date <= s.until;
}

/**
 * The sanctions a refusal brings, by the policy:
 * - BLOCK when the unjustified refusals in the window (windowMonths back from the refusal's date,
 *   exclusive of that start day, inclusive of the refusal) reach unjustifiedRefusalsForBlock, unless a
 *   block is already in force on that date. Refusals on or before the start of an earlier block led to
 *   that block and do not count again.
 * - LOSE_URGENCY when the household is urgent, the offer suitable, the refusal unjustified and the
 *   policy says so.
 * `history` holds the household's earlier refusals (not this one). A reason code the policy does not
 * know, in this refusal or in a counted one, is refused: its weight cannot be judged.
 */
export function sanctionsAfterRefusal(
  history: readonly RecordedRefusal[],
  refusal: RecordedRefusal,
  reasons: readonly RefusalReason[],
  policy: SanctionPolicy,
  current: readonly Pick<Sanction, 'kind' | 'state' | 'from' | 'until'>[],
  language: Language = 'en',
): SanctionDecision {
  const say = WORDS[language];
  const justifiedByCode = new Map(reasons.map((r) => [r.code, r.justified]));
  const d = refusal.date;
  const windowStart = addMonths(d, -policy.windowMonths);
  const lastBlockFrom = current
    .filter((s) => s.kind === 'BLOCK' && s.from <= d)
    .reduce<IsoDate | null>((latest, s) => (latest === null || s.from > latest ? s.from : latest), null);
  const counted = [...history, refusal].filter((r) => r.date > windowStart && r.date <= d && (lastBlockFrom === null || r.date > lastBlockFrom));
  for (const r of [refusal, ...counted]) {
    if (!justifiedByCode.has(r.reasonCode)) return { ok: false, code: 'INVALID_INPUT', reason: say.unknownReason(r.reasonCode, [...justifiedByCode.keys()]) };
  }
  const justified = justifiedByCode.get(refusal.reasonCode) === true;
  const unjustified = counted.filter((r) => justifiedByCode.get(r.reasonCode) === false);
  const sanctions: SanctionToImpose[] = [];
  if (!justified && unjustified.length >= policy.unjustifiedRefusalsForBlock && !current.some((s) => inForce(s, d))) {
    const until = addMonths(d, policy.blockMonths);
    const dates = unjustified.map((r) => r.date).sort();
    sanctions.push({
      kind: 'BLOCK',
      from: d,
      until,
      why: say.block(unjustified.length, policy.windowMonths, dates, policy.unjustifiedRefusalsForBlock, d, until),
    });
  }
  if (!justified && refusal.urgent && refusal.suitable && policy.urgentLosesUrgencyOnSuitableRefusal) {
    sanctions.push({ kind: 'LOSE_URGENCY', from: d, until: null, why: say.loseUrgency(refusal.reasonCode, d) });
  }
  return { ok: true, sanctions, justified, unjustifiedCounted: unjustified.length };
}

/** A newly imposed sanction, ACTIVE. */
export function imposeSanction(s: Pick<SanctionToImpose, 'kind' | 'from' | 'until'>): Sanction {
  return { kind: s.kind, state: 'ACTIVE', from: s.from, until: s.until, lift: null };
}

/** The sanction after `event`, or why it is refused. */
export function sanctionTransition(s: Sanction, event: SanctionEvent, language: Language = 'en'): Transition<SanctionState, { sanction: Sanction }> {
  const to = nextState(SANCTION_MACHINE, s.state, event.type);
  if (to === null) return wrongState(SANCTION_MACHINE, s.state, event.type, language);
  const say = WORDS[language];
  switch (event.type) {
    case 'REQUEST_LIFT':
      if (!present(event.by)) return refused('MISSING_INPUT', say.needsPerson(event.type));
      if (!present(event.reason)) return refused('MISSING_INPUT', say.needsReason);
      return { ok: true, state: to, sanction: { ...s, state: to, lift: { requestedBy: event.by, reason: event.reason, approvedBy: null } } };
    case 'APPROVE_LIFT': {
      if (!present(event.by)) return refused('MISSING_INPUT', say.needsPerson(event.type));
      const requestedBy = s.lift?.requestedBy ?? '';
      // four eyes (issue 17: "lifting a sanction needs four eyes"): the approver is not the requester
      if (event.by.trim() === requestedBy.trim()) return refused('FOUR_EYES', say.fourEyes(requestedBy));
      return { ok: true, state: to, sanction: { ...s, state: to, lift: { requestedBy, reason: s.lift?.reason ?? '', approvedBy: event.by } } };
    }
    case 'REFUSE_LIFT':
      if (!present(event.by)) return refused('MISSING_INPUT', say.needsPerson(event.type));
      return { ok: true, state: to, sanction: { ...s, state: to, lift: null } };
    case 'EXPIRE':
      if (!isIsoDate(event.today)) return refused('INVALID_INPUT', say.notADate(event.today));
      if (s.until === null) return refused('WRONG_STATE', say.neverExpires);
      if (!(event.today > s.until)) return refused('TOO_EARLY', say.notOverYet(s.state, s.until));
      return { ok: true, state: to, sanction: { ...s, state: to } };
  }
}

/** The block in force on `date` (the one lasting longest when several overlap), with a sentence why; null when none. */
export function blockedOn<S extends Pick<Sanction, 'kind' | 'state' | 'from' | 'until'>>(
  sanctions: readonly S[],
  date: IsoDate,
  language: Language = 'en',
): { sanction: S; why: string } | null {
  let best: S | null = null;
  for (const s of sanctions) if (inForce(s, date) && (best === null || s.until! > best.until!)) best = s;
  if (best === null) return null;
  return { sanction: best, why: WORDS[language].blocked(best.from, best.until!, best.state === 'LIFT_REQUESTED') };
}
