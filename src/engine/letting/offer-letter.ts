import { addDays } from '../common/dates.js';
import { formatDateNl } from '../common/format.js';
import type { IsoDate } from '../model.js';
import { ACTIVE_STAGES, ActiveStage, OfferDocuments, StageDeadlines } from './offer-stages.js';

/**
 * Offer letters (issue 17: "printable letters from templates, per local policy, with the dwelling,
 * the stages, the deadlines and the documents to bring; in Dutch"). A template is the association's
 * own text (policy data, table offer_letter_template) with placeholders {{name}}; the facts come from
 * the offer, its dwelling and the letting policy. Pure: the same template and facts give the same letter.
 */

/** Every placeholder a template may use; anything else in {{ }} is refused, by name. */
export const OFFER_LETTER_PLACEHOLDERS = [
  'aanhef',
  'adres',
  'woningtype',
  'huurprijs',
  'stadia',
  'documenten',
  'bezichtiging',
  'reactietermijn',
  'organisatie',
  'datum',
] as const;
export type OfferLetterPlaceholder = (typeof OFFER_LETTER_PLACEHOLDERS)[number];

export interface OfferLetterTemplate {
  version: number;
  subject: string;
  body: string;
}

export interface OfferLetterFacts {
  /** The letter's date (the caller's today). */
  date: IsoDate;
  /** How the household is named (the service passes a mention, rendered per reader). */
  household: string;
  dwelling: {
    address: string;
    postcode: string;
    rooms: number;
    floorAreaM2: number;
    accessibility: 'NONE' | 'ZERO_STEP' | 'WHEELCHAIR';
    complexName: string;
    netRentCents: number;
    serviceCostsCents: number;
  };
  offer: {
    stage: ActiveStage;
    /** Last day of the current stage (inclusive). */
    dueDate: IsoDate;
    /** Documents already received and checked. */
    documents: Partial<OfferDocuments>;
  };
  /** Days per stage of the letting policy in force (to say when later stages are due at the latest). */
  deadlines: StageDeadlines;
  /** The viewing date of the publication, if any. */
  viewingOn: IsoDate | null;
  organisation: string;
}

export type LetterBlock = { kind: 'PARAGRAPH'; text: string } | { kind: 'LIST'; items: string[] };

export interface OfferLetter {
  templateVersion: number;
  subject: string;
  blocks: LetterBlock[];
}

export interface TemplateProblem {
  field: 'subject' | 'body';
  reason: string;
}

export type OfferLetterResult = { ok: true; letter: OfferLetter } | { ok: false; problems: TemplateProblem[] };

/** What the household hears the stages called (the letter speaks to the household, not the officer). */
export const STAGE_NAMES_NL: Readonly<Record<ActiveStage, string>> = {
  INTEREST_CHECK: 'U laat weten of u interesse hebt',
  VIEWING: 'Bezichtiging van de woning',
  PROVISIONAL_ACCEPTANCE: 'Voorlopige acceptatie',
  DOCUMENTS_CHECK: 'Controle van uw documenten',
  FINAL_ACCEPTANCE: 'Definitieve acceptatie en huurcontract',
};

/** The documents checked in DOCUMENTS_CHECK (offer-stages.ts: income statement and identity), as the household brings them. */
export const DOCUMENTS_NL: Readonly<Record<keyof OfferDocuments, string>> = {
  incomeStatement: 'een inkomensverklaring van de Belastingdienst van iedere volwassene die meeverhuist',
  identity: 'een geldig legitimatiebewijs (paspoort, identiteitskaart of verblijfsdocument) van iedere volwassene die meeverhuist',
};

const ACCESSIBILITY_NL: Readonly<Record<OfferLetterFacts['dwelling']['accessibility'], string>> = {
  NONE: '',
  ZERO_STEP: ', nultredenwoning',
  WHEELCHAIR: ', rolstoelwoning',
};

const WEEKDAYS_NL = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A date for a letter: "2026-03-04" -> "woensdag 4 maart 2026" (UTC calendar arithmetic, no clock). */
export function letterDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${WEEKDAYS_NL[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${formatDateNl(date)}`;
}

/** Integer cents as a Dutch amount with cents always written: 123456 -> "€ 1.234,56", 65000 -> "€ 650,00". */
export function letterEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${euros},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The stages from the current one on, each with its last day: the current stage's due date as stored,
 * a later one's as if every stage before it took all its days (an earlier step moves it forward).
 */
export function stageSchedule(
  offer: OfferLetterFacts['offer'],
  deadlines: StageDeadlines,
): { stage: ActiveStage; state: 'DONE' | 'NOW' | 'LATER'; dueDate: IsoDate | null }[] {
  const current = ACTIVE_STAGES.indexOf(offer.stage);
  let due = offer.dueDate;
  return ACTIVE_STAGES.map((stage, i) => {
    if (i < current) return { stage, state: 'DONE' as const, dueDate: null };
    if (i > current) due = addDays(due, deadlines[stage]);
    return { stage, state: i === current ? ('NOW' as const) : ('LATER' as const), dueDate: due };
  });
}

/** Problems of a template (empty: usable): every {{ }} names a known placeholder, and no brace is left open. */
export function templateProblems(template: Pick<OfferLetterTemplate, 'subject' | 'body'>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const text = template[field];
    if (text.trim() === '') problems.push({ field, reason: 'must not be empty' });
    const unknown = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !isPlaceholder(name)))];
    for (const name of unknown)
      problems.push({ field, reason: `uses the unknown placeholder {{${name}}}; known are ${OFFER_LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ field, reason: 'has a {{ or }} that does not close a placeholder' });
    if (field === 'subject' && /\{\{\s*(stadia|documenten)\s*\}\}/.test(text))
      problems.push({ field, reason: 'cannot hold a list ({{stadia}}, {{documenten}})' });
  }
  return problems;
}

function isPlaceholder(name: string): name is OfferLetterPlaceholder {
  return (OFFER_LETTER_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Each placeholder's value: a sentence part, or a list (stages, documents). */
function values(facts: OfferLetterFacts): Record<OfferLetterPlaceholder, string | string[]> {
  const d = facts.dwelling;
  const rent =
    d.serviceCostsCents > 0
      ? `${letterEuros(d.netRentCents)} kale huur per maand, plus ${letterEuros(d.serviceCostsCents)} servicekosten (samen ${letterEuros(d.netRentCents + d.serviceCostsCents)})`
      : `${letterEuros(d.netRentCents)} kale huur per maand`;
  return {
    aanhef: `Beste woningzoekende (inschrijving ${facts.household})`,
    adres: `${d.address}, ${d.postcode.slice(0, 4)} ${d.postcode.slice(4)}`,
    woningtype: `${d.rooms}-kamerwoning van ${d.floorAreaM2} m²${ACCESSIBILITY_NL[d.accessibility]}, complex ${d.complexName}`,
    huurprijs: rent,
    stadia: stageSchedule(facts.offer, facts.deadlines).map((s) =>
      s.state === 'DONE'
        ? `${STAGE_NAMES_NL[s.stage]}: afgerond`
        : `${STAGE_NAMES_NL[s.stage]}: uiterlijk ${letterDate(s.dueDate!)}${s.state === 'NOW' ? ' (deze stap loopt nu)' : ''}`,
    ),
    documenten: (Object.keys(DOCUMENTS_NL) as (keyof OfferDocuments)[]).map(
      (doc) => `${DOCUMENTS_NL[doc]}${facts.offer.documents[doc] === true ? ' (hebben wij al ontvangen)' : ''}`,
    ),
    bezichtiging: facts.viewingOn ? letterDate(facts.viewingOn) : 'op een moment dat wij met u afspreken',
    reactietermijn: letterDate(facts.offer.dueDate),
    organisatie: facts.organisation,
    datum: letterDate(facts.date),
  };
}

/**
 * The letter: the subject and the body's paragraphs (separated by a blank line) with every placeholder
 * filled in. A paragraph that is only a list placeholder becomes a list; a list inside a sentence is
 * written as "a; b; c". An unknown placeholder gives the problems, naming it, and no letter.
 */
export function renderOfferLetter(template: OfferLetterTemplate, facts: OfferLetterFacts): OfferLetterResult {
  const problems = templateProblems(template);
  if (problems.length) return { ok: false, problems };
  const value = values(facts);
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_all, name: OfferLetterPlaceholder) => {
      const v = value[name];
      return Array.isArray(v) ? v.join('; ') : v;
    });
  const blocks = template.body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p): LetterBlock => {
      const only = /^\{\{\s*([a-z]+)\s*\}\}$/.exec(p);
      const v = only ? value[only[1] as OfferLetterPlaceholder] : undefined;
      return Array.isArray(v) ? { kind: 'LIST', items: v } : { kind: 'PARAGRAPH', text: fill(p) };
    });
  return { ok: true, letter: { templateVersion: template.version, subject: fill(template.subject).trim(), blocks } };
}

/** The letter as plain text: the subject, then each paragraph, lists as "- " lines. */
export function letterText(letter: Pick<OfferLetter, 'subject' | 'blocks'>): string {
  const blocks = letter.blocks.map((b) => (b.kind === 'LIST' ? b.items.map((i) => `- ${i}`).join('\n') : b.text));
  return [letter.subject, ...blocks].join('\n\n');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The letter as an HTML fragment: every text escaped (template and facts alike), line breaks kept. */
export function letterHtml(letter: Pick<OfferLetter, 'subject' | 'blocks'>): string {
  const text = (t: string) => escapeHtml(t).replace(/\n/g, '<br>');
  const blocks = letter.blocks.map((b) => (b.kind === 'LIST' ? `<ul>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>` : `<p>${text(b.text)}</p>`));
  return [`<h1>${text(letter.subject)}</h1>`, ...blocks].join('\n');
}
