import { addDays } from '../common/dates.js';
import type { IsoDate } from '../model.js';

/**
 * Which years of legal parameters the work ahead needs (every limit is set per calendar year and
 * indexed from 1 January: docs/domain.md §2), so a missing year is seen before 1 January instead of
 * on it: today's year, every year the next HORIZON_DAYS reach, and the year each vacancy in progress
 * becomes available within them. A missing year is warned about from WARN_DAYS before the first day
 * it is needed.
 */
export const COVERAGE_HORIZON_DAYS = 90;
export const COVERAGE_WARN_DAYS = 60;

export interface NeededYear {
  year: number;
  /** The first day within the horizon that needs this year. */
  neededFrom: IsoDate;
  present: boolean;
  /** Why it is needed, e.g. "dates from 2027-01-01 (the next 90 days)", "vacancy VAC-12 available from 2027-01-10". */
  reasons: string[];
}

export interface ParameterCoverage {
  today: IsoDate;
  years: number[];
  needed: NeededYear[];
  /** Set from WARN_DAYS before a missing year is first needed. */
  warning: string | null;
}

export function parameterCoverage(
  today: IsoDate,
  years: readonly number[],
  inProgress: readonly { reference: string; availableFrom: IsoDate }[],
): ParameterCoverage {
  const horizonEnd = addDays(today, COVERAGE_HORIZON_DAYS);
  const needs = new Map<number, { from: IsoDate; reasons: string[] }>();
  const need = (year: number, from: IsoDate, reason: string) => {
    const n = needs.get(year) ?? { from, reasons: [] };
    if (from < n.from) n.from = from;
    n.reasons.push(reason);
    needs.set(year, n);
  };
  const first = Number(today.slice(0, 4));
  for (let year = first; year <= Number(horizonEnd.slice(0, 4)); year++) {
    const from = year === first ? today : `${year}-01-01`;
    need(year, from, `dates from ${from} (the next ${COVERAGE_HORIZON_DAYS} days)`);
  }
  for (const v of inProgress) {
    if (v.availableFrom > horizonEnd) continue;
    const on = v.availableFrom > today ? v.availableFrom : today;
    need(Number(on.slice(0, 4)), on, `vacancy ${v.reference} available from ${v.availableFrom}`);
  }
  const needed = [...needs].sort(([a], [b]) => a - b).map(([year, n]) => ({ year, neededFrom: n.from, present: years.includes(year), reasons: n.reasons }));
  const warnBy = addDays(today, COVERAGE_WARN_DAYS);
  const urgent = needed.filter((n) => !n.present && n.neededFrom <= warnBy);
  const warning = urgent.length
    ? `No rule parameters for ${urgent.map((n) => `${n.year} (needed from ${n.neededFrom})`).join(', ')}: an admin adds the published limits with addRuleParameterYear before then`
    : null;
  return { today, years: [...years].sort((a, b) => a - b), needed, warning };
}
