import type { IndicatorBasis } from './programme-evaluation.js';

/**
 * What an outcome observation must say, whether entered one by one or imported (issue 16): one scope
 * (a complex or a buurt), a period that runs forward, an indicator that is counted (a class is read
 * from the buurt readings), and a share no larger than what it is a share of.
 */
export interface ObservationFacts {
  indicatorCode: string;
  complexCode?: string | null;
  buurtCode?: string | null;
  periodStart: string;
  periodEnd: string;
  count: number;
  denominator: number;
}

export interface IndicatorKind {
  code: string;
  kind: 'COUNT' | 'CLASS';
  basis: IndicatorBasis | null;
}

export interface ObservationProblem {
  field: string;
  reason: string;
}

export function observationShapeProblems(o: Pick<ObservationFacts, 'complexCode' | 'buurtCode' | 'periodStart' | 'periodEnd'>): ObservationProblem[] {
  const problems: ObservationProblem[] = [];
  if (!o.complexCode === !o.buurtCode) problems.push({ field: 'complexCode', reason: 'give exactly one of complexCode and buurtCode' });
  if (o.periodEnd < o.periodStart) problems.push({ field: 'periodEnd', reason: `must not be before periodStart (${o.periodStart})` });
  return problems;
}

export function observationCountProblems(
  indicator: IndicatorKind | undefined,
  o: Pick<ObservationFacts, 'indicatorCode' | 'count' | 'denominator'>,
): ObservationProblem[] {
  if (!indicator) return [{ field: 'indicatorCode', reason: `is not a known indicator (${o.indicatorCode}; see outcomeIndicators)` }];
  if (indicator.kind !== 'COUNT')
    return [{ field: 'indicatorCode', reason: `${indicator.code} is read from the buurt readings, not observed (import readings instead)` }];
  if (indicator.basis !== 'DWELLINGS' && o.count > o.denominator)
    return [{ field: 'count', reason: `must not exceed denominator (${o.denominator}): ${indicator.code} counts a part of the households or respondents` }];
  return [];
}
