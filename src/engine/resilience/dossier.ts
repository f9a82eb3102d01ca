import type { IsoDate } from '../model.js';
import { daysBetween } from '../common/dates.js';
import { cellsToSuppress, isSmallCell } from '../privacy/small-cells.js';
import type { IndicatorBasis } from './programme-evaluation.js';

/**
 * The pure parts of a buurt's dossier for the deep-dive sessions with welfare, care, the municipality
 * and the police (issue 16; shared/domain/case.md): observations as they stand after corrections,
 * indicators per year and per 100 homes, and breakdowns (inflow by route, tenancies ended by reason).
 * Aggregates only: a cell of 1-4 households is never shown, and where one hidden cell could be
 * worked out from a shown total, a second one is hidden too (src/engine/privacy/small-cells.ts).
 */

/** A stored observation row: corrections are new rows naming the row they correct (append-only). */
export interface StoredObservation {
  id: number;
  correctsId: number | null;
}

/** The observations that stand: every row no later row corrects (a correction of a correction wins). */
export function standingObservations<T extends StoredObservation>(rows: readonly T[]): T[] {
  const corrected = new Set(rows.flatMap((r) => (r.correctsId === null ? [] : [r.correctsId])));
  return rows.filter((r) => !corrected.has(r.id));
}

export interface YearObservation {
  indicatorCode: string;
  /** The complex or buurt it is about, as the dossier names it. */
  scope: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  count: number;
  denominator: number;
}

export interface IndicatorYear {
  indicatorCode: string;
  scope: string;
  year: number;
  /** Null when 1-4 (or, for a share, all but 1-4): it could point at a household. */
  count: number | null;
  /**
   * The homes (events) or households / respondents (shares) counted over. Null for a share over 1-4
   * households or respondents: that number is itself a small cell of households.
   */
  denominator: number | null;
  /** Per 100 homes per year (DWELLINGS), or per 100 households / respondents; null when hidden. */
  ratePer100: number | null;
  suppressed: boolean;
}

/**
 * Indicators per year and scope (a year is the calendar year an observation starts in; observations
 * of one year add up). Event indicators are per 100 homes per year (the homes the observation gives,
 * times the share of the year it covers), shares per 100 households or respondents.
 */
export function indicatorYears(observations: readonly YearObservation[], basisOf: (code: string) => IndicatorBasis): IndicatorYear[] {
  const groups = new Map<string, { indicatorCode: string; scope: string; year: number; count: number; denominator: number; exposure: number }>();
  for (const o of observations) {
    const year = Number(o.periodStart.slice(0, 4));
    const key = `${o.indicatorCode}\u0000${o.scope}\u0000${year}`;
    const g = groups.get(key) ?? { indicatorCode: o.indicatorCode, scope: o.scope, year, count: 0, denominator: 0, exposure: 0 };
    const basis = basisOf(o.indicatorCode);
    g.count += o.count;
    g.denominator = Math.max(g.denominator, o.denominator);
    // the share of its calendar year the observation covers: four quarters of a year make one home-year per home
    const daysInYear = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
    g.exposure += basis === 'DWELLINGS' ? (o.denominator * (daysBetween(o.periodStart, o.periodEnd) + 1)) / daysInYear : o.denominator;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => cmp(a.indicatorCode, b.indicatorCode) || cmp(a.scope, b.scope) || a.year - b.year)
    .map((g) => {
      const share = basisOf(g.indicatorCode) !== 'DWELLINGS';
      const suppressed = isSmallCell(g.count) || (share && isSmallCell(Math.round(g.exposure) - g.count));
      return {
        indicatorCode: g.indicatorCode,
        scope: g.scope,
        year: g.year,
        count: suppressed ? null : g.count,
        denominator: share && isSmallCell(g.denominator) ? null : g.denominator,
        ratePer100: suppressed || g.exposure <= 0 ? null : Math.round((10_000 * g.count) / g.exposure) / 100,
        suppressed,
      };
    });
}

export interface BreakdownCell {
  key: string;
  count: number | null;
  suppressed: boolean;
}

/** A breakdown whose counts add up to a shown total, with small cells (and their complement) hidden. */
export function suppressedBreakdown(cells: readonly { key: string; count: number }[]): { total: number | null; cells: BreakdownCell[] } {
  const hidden = cellsToSuppress(cells.map((c) => c.count));
  return {
    total: suppressedTotal(cells.reduce((s, c) => s + c.count, 0)),
    cells: cells.map((c, i) => ({ key: c.key, count: hidden[i] ? null : c.count, suppressed: hidden[i] })),
  };
}

/** A total of households that is itself small is not shown either (with all its parts). */
export function suppressedTotal(total: number): number | null {
  return isSmallCell(total) ? null : total;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
