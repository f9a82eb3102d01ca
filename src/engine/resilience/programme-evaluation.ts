import type { IsoDate } from '../model.js';
import type { Language, Phrasebook } from '../common/language.js';
import { addDays, addYears, daysBetween } from '../common/dates.js';
import { isSmallCell } from '../privacy/small-cells.js';

/**
 * Did a programme help (issue 16; shared/domain/case.md: the ~40-home complex recovered once new
 * residents were allocated differentiated)? Each outcome indicator per 100 homes (or per 100
 * households or respondents) before and after the programme's start, in the programme's complexes
 * and in comparable complexes without a programme, as a difference-in-differences:
 *
 *   DiD = (programme after - programme before) - (comparison after - comparison before)
 *
 * The comparison takes out what changed everywhere (a city-wide rise in reports, a new way of
 * registering them). The band is a 95% interval from the counts' own noise (Poisson for events,
 * binomial for shares; normal approximation, the four cells independent): it says how sure the
 * numbers are, not whether the programme caused the change (the complexes were not chosen at random).
 * Pure and deterministic.
 */

/** What an indicator counts per: events per home and year, or a share of households or respondents. */
export type IndicatorBasis = 'DWELLINGS' | 'HOUSEHOLDS' | 'RESPONDENTS';

export interface IndicatorDefinition {
  code: string;
  basis: IndicatorBasis;
  /** Fewer is better (nuisance reports, arrears) or more is better (satisfaction). */
  lowerIsBetter: boolean;
}

/** One observation: a count over a period with its denominator (homes, households or respondents); never a fact about a person. */
export interface IndicatorObservation {
  indicatorCode: string;
  complexId: number;
  periodStart: IsoDate;
  /** Inclusive. */
  periodEnd: IsoDate;
  count: number;
  denominator: number;
}

export interface EvaluationInput {
  start: IsoDate;
  asOf: IsoDate;
  /** Length of each window: before = [start - years, start), after = [start, min(start + years, asOf)). */
  windowYears: number;
  indicators: readonly IndicatorDefinition[];
  programmeComplexIds: readonly number[];
  comparisonComplexIds: readonly number[];
  /** Observations of the programme's and the comparison complexes (others are ignored). */
  observations: readonly IndicatorObservation[];
}

/** A window's total: the count, its exposure (home-years, households or respondents) and the rate per 100. */
export interface EvaluationCell {
  count: number | null;
  /** Null when the cell is suppressed and counts households or respondents: their number could be 1-4 too. */
  exposure: number | null;
  /** Per 100 homes per year (DWELLINGS), or per 100 households / respondents; null without data or when suppressed. */
  rate: number | null;
  observations: number;
}

export type EvaluationWarningCode =
  'NO_COMPARISON' | 'FEW_COMPARISON_COMPLEXES' | 'NO_DATA_BEFORE' | 'NO_DATA_AFTER' | 'SHORT_AFTER' | 'SMALL_COUNTS' | 'SUPPRESSED' | 'STRADDLING';

export interface EvaluationWarning {
  code: EvaluationWarningCode;
  text: string;
}

export type EvaluationVerdict = 'IMPROVED' | 'WORSENED' | 'NO_CLEAR_CHANGE' | 'UNKNOWN';

export interface IndicatorEvaluation {
  indicatorCode: string;
  basis: IndicatorBasis;
  programme: { before: EvaluationCell; after: EvaluationCell; change: number | null };
  comparison: { complexes: number; before: EvaluationCell; after: EvaluationCell; change: number | null };
  differenceInDifferences: number | null;
  /** 95% interval of the difference-in-differences. */
  band: { low: number; high: number } | null;
  verdict: EvaluationVerdict;
  verdictText: string;
  warnings: EvaluationWarning[];
}

export interface ProgrammeEvaluationResult {
  before: { from: IsoDate; to: IsoDate };
  after: { from: IsoDate; to: IsoDate };
  indicators: IndicatorEvaluation[];
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;
/** Fewer events than this in a cell: the normal approximation is rough, the band is wide (say so). */
export const SMALL_COUNT = 20;
/** Fewer comparison complexes than this: one complex's year can move the comparison. */
export const FEW_COMPARISON_COMPLEXES = 3;
const DAYS_PER_YEAR = 365.25;

const round2 = (x: number) => Math.round(x * 100) / 100;

const WORDS: Phrasebook<{
  warning: Record<EvaluationWarningCode, (n: number) => string>;
  verdict: Record<EvaluationVerdict, string>;
}> = {
  en: {
    warning: {
      NO_COMPARISON: () => 'no comparable complex (same resilience class, no programme): no difference-in-differences',
      FEW_COMPARISON_COMPLEXES: (n) => `only ${n} comparable complex${n === 1 ? '' : 'es'}: one complex can move the comparison`,
      NO_DATA_BEFORE: () => 'no observations before the start',
      NO_DATA_AFTER: () => 'no observations since the start',
      SHORT_AFTER: () => 'less than a year since the start: too early to judge',
      SMALL_COUNTS: (n) => `a window counts fewer than ${n}: small numbers, the band is wide`,
      SUPPRESSED: () => 'a window, or a year in it, counts 1 to 4 (or all but 1 to 4): not shown, it could point at a household',
      STRADDLING: (n) => `${n} observation${n === 1 ? '' : 's'} spanning the start left out`,
    },
    verdict: {
      IMPROVED: 'better than the comparison, beyond the noise',
      WORSENED: 'worse than the comparison, beyond the noise',
      NO_CLEAR_CHANGE: 'no change beyond the noise',
      UNKNOWN: 'cannot be judged',
    },
  },
  nl: {
    warning: {
      NO_COMPARISON: () => 'geen vergelijkbaar complex (zelfde veerkrachtklasse, geen programma): geen verschil-in-verschillen',
      FEW_COMPARISON_COMPLEXES: (n) => `maar ${n} vergelijkbare complex${n === 1 ? '' : 'en'}: één complex kan de vergelijking verschuiven`,
      NO_DATA_BEFORE: () => 'geen waarnemingen vóór de start',
      NO_DATA_AFTER: () => 'geen waarnemingen sinds de start',
      SHORT_AFTER: () => 'minder dan een jaar sinds de start: te vroeg om te oordelen',
      SMALL_COUNTS: (n) => `een periode telt minder dan ${n}: kleine aantallen, de band is breed`,
      SUPPRESSED: () => 'een periode, of een jaar ervan, telt 1 tot 4 (of op 1 tot 4 na alle): niet getoond, dat kan naar een huishouden wijzen',
      STRADDLING: (n) => `${n} waarneming${n === 1 ? '' : 'en'} over de start heen weggelaten`,
    },
    verdict: {
      IMPROVED: 'beter dan de vergelijking, meer dan de ruis',
      WORSENED: 'slechter dan de vergelijking, meer dan de ruis',
      NO_CLEAR_CHANGE: 'geen verandering boven de ruis',
      UNKNOWN: 'niet te beoordelen',
    },
  },
};

interface Accumulated {
  count: number;
  exposure: number;
  observations: number;
  /** The same per year of the window (summed over the group's complexes): a longer window minus a shorter one gives them. */
  periods: Map<string, { count: number; exposure: number }>;
}

/** Exposure of one observation: home-years for events per home, else the households or respondents counted. */
function exposureOf(o: IndicatorObservation, basis: IndicatorBasis): number {
  if (basis !== 'DWELLINGS') return o.denominator;
  return (o.denominator * (daysBetween(o.periodStart, o.periodEnd) + 1)) / DAYS_PER_YEAR;
}

function rateOf(a: Accumulated): number | null {
  return a.exposure > 0 && a.observations > 0 ? (100 * a.count) / a.exposure : null;
}

/** Variance of the rate per 100: Poisson for events (var count = count), binomial for a share. */
function varianceOf(a: Accumulated, basis: IndicatorBasis): number {
  if (a.exposure <= 0) return Number.NaN;
  if (basis === 'DWELLINGS') return (100 * 100 * a.count) / (a.exposure * a.exposure);
  const p = a.count / a.exposure;
  return (100 * 100 * p * (1 - p)) / a.exposure;
}

/** Which year of its window a day falls in: 1 for the year just before (or from) the start, 2 for the one before (or after) that. */
function yearOfWindow(start: IsoDate, day: IsoDate, before: boolean): number {
  let year = 1;
  if (before) while (day < addYears(start, -year)) year++;
  else while (day >= addYears(start, year)) year++;
  return year;
}

function cellOf(a: Accumulated, suppressed: boolean, basis: IndicatorBasis): EvaluationCell {
  const rate = rateOf(a);
  return {
    count: suppressed ? null : a.count,
    // home-years are not households; a number of households or respondents is (a window's may be 1-4)
    exposure: suppressed && basis !== 'DWELLINGS' ? null : round2(a.exposure),
    rate: suppressed || rate === null ? null : round2(rate),
    observations: a.observations,
  };
}

export function evaluateProgramme(input: EvaluationInput, language: Language = 'en'): ProgrammeEvaluationResult {
  const say = WORDS[language];
  const beforeFrom = addYears(input.start, -input.windowYears);
  const afterEndExclusive = [addYears(input.start, input.windowYears), input.asOf].sort()[0];
  const programme = new Set(input.programmeComplexIds);
  const comparison = new Set(input.comparisonComplexIds.filter((id) => !programme.has(id)));

  const indicators = input.indicators.map((indicator): IndicatorEvaluation => {
    const zero = (): Accumulated => ({ count: 0, exposure: 0, observations: 0, periods: new Map() });
    const cells = { programme: { before: zero(), after: zero() }, comparison: { before: zero(), after: zero() } };
    let straddling = 0;
    for (const o of input.observations) {
      if (o.indicatorCode !== indicator.code) continue;
      const group = programme.has(o.complexId) ? cells.programme : comparison.has(o.complexId) ? cells.comparison : null;
      if (group === null) continue;
      let window: Accumulated | null = null;
      if (o.periodStart >= beforeFrom && o.periodEnd < input.start) window = group.before;
      else if (o.periodStart >= input.start && o.periodEnd < afterEndExclusive) window = group.after;
      else if (o.periodStart < input.start && o.periodEnd >= input.start) straddling++;
      if (window === null) continue;
      window.count += o.count;
      window.exposure += exposureOf(o, indicator.basis);
      window.observations++;
      // the year of the window it falls in, counted from the start, by the end that decides whether a
      // window holds it (its start before, its end after): a window of k years minus one of k - 1 gives one such year
      const before = window === group.before;
      const key = String(yearOfWindow(input.start, before ? o.periodStart : o.periodEnd, before));
      const period = window.periods.get(key) ?? { count: 0, exposure: 0 };
      period.count += o.count;
      period.exposure += exposureOf(o, indicator.basis);
      window.periods.set(key, period);
    }

    const warnings: EvaluationWarningCode[] = [];
    const extra: Partial<Record<EvaluationWarningCode, number>> = {};
    const comparisonComplexes = comparison.size;
    if (comparisonComplexes === 0) warnings.push('NO_COMPARISON');
    else if (comparisonComplexes < FEW_COMPARISON_COMPLEXES) {
      warnings.push('FEW_COMPARISON_COMPLEXES');
      extra.FEW_COMPARISON_COMPLEXES = comparisonComplexes;
    }
    if (cells.programme.before.observations === 0) warnings.push('NO_DATA_BEFORE');
    if (cells.programme.after.observations === 0) warnings.push('NO_DATA_AFTER');
    if (daysBetween(input.start, afterEndExclusive) < 365) warnings.push('SHORT_AFTER');
    if (straddling > 0) {
      warnings.push('STRADDLING');
      extra.STRADDLING = straddling;
    }
    // a programme of one or two complexes: 1-4 households in arrears (or all but 1-4 satisfied) would
    // point at them (src/engine/privacy/small-cells.ts); so would one year of a window, which windows
    // of different lengths give by their difference, and a comparison of one or two complexes
    const small = (a: { count: number; exposure: number }) =>
      isSmallCell(a.count) || (indicator.basis !== 'DWELLINGS' && isSmallCell(Math.round(a.exposure) - a.count));
    const hidden = (a: Accumulated) => small(a) || [...a.periods.values()].some(small);
    const suppressed = hidden(cells.programme.before) || hidden(cells.programme.after);
    const comparisonSuppressed = hidden(cells.comparison.before) || hidden(cells.comparison.after);
    if (suppressed || comparisonSuppressed) warnings.push('SUPPRESSED');
    const used = [cells.programme.before, cells.programme.after, ...(comparisonComplexes > 0 ? [cells.comparison.before, cells.comparison.after] : [])];
    if (!suppressed && !comparisonSuppressed && used.some((a) => a.observations > 0 && a.count < SMALL_COUNT)) {
      warnings.push('SMALL_COUNTS');
      extra.SMALL_COUNTS = SMALL_COUNT;
    }

    const change = (before: Accumulated, after: Accumulated) => {
      const b = rateOf(before);
      const a = rateOf(after);
      return b === null || a === null ? null : a - b;
    };
    const programmeChange = suppressed ? null : change(cells.programme.before, cells.programme.after);
    const comparisonChange = comparisonSuppressed ? null : change(cells.comparison.before, cells.comparison.after);
    let did: number | null = null;
    let band: { low: number; high: number } | null = null;
    if (programmeChange !== null && comparisonChange !== null) {
      did = programmeChange - comparisonChange;
      const variance = [cells.programme.before, cells.programme.after, cells.comparison.before, cells.comparison.after]
        .map((a) => varianceOf(a, indicator.basis))
        .reduce((s, v) => s + v, 0);
      const half = Z95 * Math.sqrt(variance);
      band = { low: round2(did - half), high: round2(did + half) };
    }
    let verdict: EvaluationVerdict = 'UNKNOWN';
    if (did !== null && band !== null && !warnings.includes('SHORT_AFTER')) {
      const better = indicator.lowerIsBetter ? band.high < 0 : band.low > 0;
      const worse = indicator.lowerIsBetter ? band.low > 0 : band.high < 0;
      verdict = better ? 'IMPROVED' : worse ? 'WORSENED' : 'NO_CLEAR_CHANGE';
    }
    return {
      indicatorCode: indicator.code,
      basis: indicator.basis,
      programme: {
        before: cellOf(cells.programme.before, suppressed, indicator.basis),
        after: cellOf(cells.programme.after, suppressed, indicator.basis),
        change: programmeChange === null ? null : round2(programmeChange),
      },
      comparison: {
        complexes: comparisonComplexes,
        before: cellOf(cells.comparison.before, comparisonSuppressed, indicator.basis),
        after: cellOf(cells.comparison.after, comparisonSuppressed, indicator.basis),
        change: comparisonChange === null ? null : round2(comparisonChange),
      },
      differenceInDifferences: did === null ? null : round2(did),
      band,
      verdict,
      verdictText: say.verdict[verdict],
      warnings: warnings.map((code) => ({ code, text: say.warning[code](extra[code] ?? 0) })),
    };
  });
  return { before: { from: beforeFrom, to: addDays(input.start, -1) }, after: { from: input.start, to: addDays(afterEndExclusive, -1) }, indicators };
}

/** Allocations in the programme's scope since its start: how many deviated from plain order and the registration time given up. */
export interface AllocationSinceStart {
  deviated: boolean;
  /** Days the first household in plain order had been registered longer than the household chosen (deviations only; 0 or more). */
  registrationDaysGivenUp: number | null;
}

export interface DeviationSummary {
  /** Null when 1-4: so few lettings in a programme of one or two complexes point at the households that moved in. */
  allocations: number | null;
  deviated: number | null;
  /** 0..1, or null when hidden. */
  deviatedShare: number | null;
  /** Median days of registration given up per deviation; null when there are fewer than 5 deviations. */
  medianRegistrationDaysGivenUp: number | null;
  totalRegistrationYearsGivenUp: number | null;
}

/** The deviations, aggregated: 1-4 deviations (or all but 1-4) are not shown, they could point at a household. */
export function summariseDeviations(allocations: readonly AllocationSinceStart[]): DeviationSummary {
  const deviations = allocations.filter((a) => a.deviated);
  const hidden = isSmallCell(deviations.length) || isSmallCell(allocations.length - deviations.length);
  const days = deviations.flatMap((a) => (a.registrationDaysGivenUp === null ? [] : [Math.max(0, a.registrationDaysGivenUp)])).sort((a, b) => a - b);
  const median = days.length === 0 ? null : days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
  return {
    allocations: isSmallCell(allocations.length) ? null : allocations.length,
    deviated: hidden ? null : deviations.length,
    deviatedShare: hidden || allocations.length === 0 ? null : Math.round((deviations.length / allocations.length) * 1e4) / 1e4,
    medianRegistrationDaysGivenUp: hidden || days.length < 5 ? null : median,
    totalRegistrationYearsGivenUp: hidden ? null : round2(days.reduce((s, d) => s + d, 0) / DAYS_PER_YEAR),
  };
}
