import { IsoDate } from '../engine/model.js';

/** A tenancy period: end is the last day (inclusive), null = still running. `line` is null for stored rows. */
export interface TenancyPeriod {
  start: IsoDate;
  end: IsoDate | null;
  line: number | null;
}

export interface Overlap {
  line: number;
  other: TenancyPeriod;
}

/**
 * Periods of one dwelling (or one household) must not overlap: a new tenancy starts after the last
 * day of the previous one. Returns each imported line that overlaps another period.
 */
export function overlaps(periods: readonly TenancyPeriod[]): Overlap[] {
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start) || (a.line ?? -1) - (b.line ?? -1));
  const found: Overlap[] = [];
  let latest: TenancyPeriod | null = null; // the period seen so far that ends last
  for (const period of sorted) {
    if (latest && (latest.end === null || latest.end >= period.start)) {
      if (period.line !== null) found.push({ line: period.line, other: latest });
      else if (latest.line !== null) found.push({ line: latest.line, other: period });
    }
    if (!latest || (latest.end !== null && (period.end === null || period.end > latest.end))) latest = period;
  }
  return found;
}

export function describePeriod(p: TenancyPeriod): string {
  return `${p.start} to ${p.end ?? 'now'}${p.line === null ? '' : ` (line ${p.line})`}`;
}
