import { IsoDate } from '../model.js';
import type { Language } from './language.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Integer cents as euros for people: 5691000 -> "€56,910", 93293 -> "€932.93" (integer arithmetic only). */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.floor(abs / 100)));
  const rest = abs % 100;
  return `${sign}€${euros}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** "56910" -> "56,910" (a loop: this runs for every rule of every candidate). */
function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** Basis points as a percentage: 750 -> "7.5%", 9500 -> "95%", 9333 -> "93.33%". */
export function formatBasisPoints(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${fraction ? `.${fraction}` : ''}%`;
}

/** ISO date for people: "2026-01-01" -> "1 January 2026". */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The word for n things: pluralWord(1, 'place', 'places') = 'place', pluralWord(3, ...) = 'places'. */
export function pluralWord(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** n and its word: countOf(1, 'vacancy', 'vacancies') = '1 vacancy', countOf(2, ...) = '2 vacancies'. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${pluralWord(n, one, many)}`;
}

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const;

/** Integer cents as euros in Dutch notation: 5691000 -> "€ 56.910", 93293 -> "€ 932,93". */
export function formatEurosNl(cents: number): string {
  return formatEuros(cents)
    .replace(/[.,]/g, (c) => (c === ',' ? '.' : ','))
    .replace('€', '€ ');
}

/** Basis points as a Dutch percentage: 750 -> "7,5%". */
export function formatBasisPointsNl(basisPoints: number): string {
  return formatBasisPoints(basisPoints).replace('.', ',');
}

/** ISO date in Dutch: "2026-03-01" -> "1 maart 2026". */
export function formatDateNl(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS_NL[m - 1]} ${y}`;
}

/** Money, shares and dates as each language writes them. */
export const FORMATS: Readonly<
  Record<Language, { euros: (cents: number) => string; percent: (basisPoints: number) => string; date: (date: IsoDate) => string }>
> = {
  en: { euros: formatEuros, percent: formatBasisPoints, date: formatDate },
  nl: { euros: formatEurosNl, percent: formatBasisPointsNl, date: formatDateNl },
};
