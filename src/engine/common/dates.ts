import { IsoDate } from '../model.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

// Fixed positions of YYYY-MM-DD; rules run these for every candidate, so no split/map allocations.
const yearPart = (d: IsoDate) => +d.slice(0, 4);
const monthPart = (d: IsoDate) => +d.slice(5, 7);
const dayPart = (d: IsoDate) => +d.slice(8, 10);

/** Completed years of age on `onDate` (a birthday on 29 February counts from 1 March in other years). */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const bm = monthPart(birthDate);
  const om = monthPart(onDate);
  let age = yearPart(onDate) - yearPart(birthDate);
  if (om < bm || (om === bm && dayPart(onDate) < dayPart(birthDate))) age -= 1;
  return age;
}

/** Completed months of age on `onDate`. */
export function ageInMonthsOn(birthDate: IsoDate, onDate: IsoDate): number {
  let months = (yearPart(onDate) - yearPart(birthDate)) * 12 + (monthPart(onDate) - monthPart(birthDate));
  if (dayPart(onDate) < dayPart(birthDate)) months -= 1;
  return months;
}

/** Adds whole years to an ISO date; 29 February becomes 28 February in a non-leap year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = y + years;
  const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** ISO date plus whole days (UTC calendar arithmetic, no clock). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function firstOfJanuary(year: number): IsoDate {
  return `${year}-01-01`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); UTC arithmetic, no clock. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (d: IsoDate) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
