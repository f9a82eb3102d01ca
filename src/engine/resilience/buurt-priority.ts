import type { Language, Phrasebook } from '../common/language.js';
import { MIN_CELL_SIZE, isSmallCell } from '../privacy/small-cells.js';

/**
 * Buurten ranked through the resilience lens (issue 16; shared/domain/case.md: "prioritise everything
 * through the resilience lens"): from each buurt's readings and their trend, the association's share of
 * the homes, its complexes above their composition caps and the recent vulnerable and urgent inflow.
 * Every component is shown with its value, its weight and the points it gives; the weights are policy
 * data (a versioned document, `PriorityWeights`), not law: the veerkrachtkaarten are signalling maps
 * without published class boundaries (shared/domain/rules-nl.md §9), so nothing here is a legal number.
 * Pure and deterministic: the same buurten and weights give the same list.
 */

/** The association's resilience scale (table resilience_class): 1 = very low ... 5 = high. */
export const RESILIENCE_CLASSES = { lowest: 1, highest: 5 } as const;
/** Leefbaarometer 3.0 classes: 1 Zeer onvoldoende ... 9 Uitstekend (shared/domain/rules-nl.md §9), for the total and each dimension. */
export const LEEFBAAROMETER_CLASSES = { lowest: 1, highest: 9 } as const;

/** One reading of a buurt in one year, from one source (a veerkracht reading, the Leefbaarometer). */
export interface BuurtReading {
  year: number;
  source: string;
  /** The association's resilience class (1-5), when the source gives one. */
  resilienceClass: number | null;
  /** Leefbaarometer total class (1-9). */
  leefbaarometerClass: number | null;
  /** Leefbaarometer dimension "overlast en onveiligheid" class (1-9). */
  nuisanceClass: number | null;
}

export interface BuurtFacts {
  buurtCode: string;
  name: string;
  readings: readonly BuurtReading[];
  /** The association's homes in the buurt, and all homes there when known (for its share of the stock). */
  associationDwellings: number;
  allDwellings: number | null;
  complexes: number;
  /** Complexes of the buurt with at least one composition target outside its bound. */
  complexesOutsideTargets: number;
  /** Households that moved into the association's homes of the buurt in the inflow window. */
  inflow: { households: number; vulnerable: number; urgent: number };
}

/** Points per component (policy document; managers author versions): all zero or more. */
export interface PriorityWeights {
  /** For the lowest resilience class; the highest gives 0, classes between in equal steps. */
  resilience: number;
  /** For the lowest Leefbaarometer class; the highest gives 0. */
  leefbaarometer: number;
  /** For the lowest class of the nuisance dimension; the highest gives 0. */
  nuisance: number;
  /** Per Leefbaarometer class lost over `trendYears` (a buurt that improved gets 0). */
  trendPerClass: number;
  trendYears: number;
  /** For a buurt where all homes are the association's (a share of them gives its share). */
  associationShare: number;
  /** Per complex outside its composition targets. */
  complexOutsideTargets: number;
  /** For an inflow that is all vulnerable (resp. urgent) households. */
  vulnerableInflow: number;
  urgentInflow: number;
  /** Inflow shares of fewer households than this are not used (small numbers say little and could single out a household). */
  minInflowHouseholds: number;
}

export type PriorityComponentId =
  'RESILIENCE' | 'LEEFBAAROMETER' | 'NUISANCE' | 'TREND' | 'ASSOCIATION_SHARE' | 'COMPLEXES_OUTSIDE_TARGETS' | 'VULNERABLE_INFLOW' | 'URGENT_INFLOW';

export interface PriorityComponent {
  id: PriorityComponentId;
  /** The measured value (a class, a share 0..1, a count, classes lost), or null when there is none. */
  value: number | null;
  /** The policy's weight for it. */
  weight: number;
  /** weight x how far the value is from the best (0..1), or per unit for counts and trends. */
  points: number;
  /** Why the value is null or not used, in words. */
  note: string | null;
}

export interface BuurtPriority {
  rank: number;
  buurtCode: string;
  name: string;
  score: number;
  /** The year of the latest reading used, or null without readings. */
  latestYear: number | null;
  components: PriorityComponent[];
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** The notes of the components, in each language (src/engine/common/language.ts). */
const NOTES: Phrasebook<{
  noReading: string;
  since: (year: number) => string;
  noReadingBetween: (from: number, to: number) => string;
  stockUnknown: string;
  /** Never the number when it is 1-4: that is itself a small cell (the dossier hides it too). */
  smallInflow: (households: number, min: number) => string;
  smallGroup: string;
}> = {
  en: {
    noReading: 'no reading',
    since: (year) => `since ${year}`,
    noReadingBetween: (from, to) => `no reading between ${from} and ${to}`,
    stockUnknown: 'the number of homes in the buurt is not known',
    smallInflow: (households, min) =>
      isSmallCell(households)
        ? `inflow of fewer than ${MIN_CELL_SIZE} households: not used`
        : `inflow of ${households} households: fewer than ${min}, not used`,
    smallGroup: 'a group of fewer than 5 households (or all but fewer than 5): not shown',
  },
  nl: {
    noReading: 'geen meting',
    since: (year) => `sinds ${year}`,
    noReadingBetween: (from, to) => `geen meting tussen ${from} en ${to}`,
    stockUnknown: 'het aantal woningen in de buurt is niet bekend',
    smallInflow: (households, min) =>
      isSmallCell(households)
        ? `instroom van minder dan ${MIN_CELL_SIZE} huishoudens: niet gebruikt`
        : `instroom van ${households} huishoudens: minder dan ${min}, niet gebruikt`,
    smallGroup: 'een groep van minder dan 5 huishoudens (of op minder dan 5 na alle): niet getoond',
  },
};

/** Problems of a weights document, field by field (empty: valid). */
export function priorityWeightsProblems(doc: unknown): { field: string; reason: string }[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [{ field: 'document', reason: 'must be a JSON object' }];
  const d = doc as Record<string, unknown>;
  const keys: (keyof PriorityWeights)[] = [
    'resilience',
    'leefbaarometer',
    'nuisance',
    'trendPerClass',
    'trendYears',
    'associationShare',
    'complexOutsideTargets',
    'vulnerableInflow',
    'urgentInflow',
    'minInflowHouseholds',
  ];
  const problems: { field: string; reason: string }[] = [];
  for (const key of Object.keys(d)) if (!(keys as string[]).includes(key)) problems.push({ field: key, reason: 'is not a weight of the priority policy' });
  for (const key of keys) {
    const v = d[key];
    if (v === undefined) problems.push({ field: key, reason: 'is required' });
    else if (key === 'trendYears' || key === 'minInflowHouseholds') {
      const [min, max] = key === 'trendYears' ? [1, 20] : [0, 1000];
      if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max)
        problems.push({ field: key, reason: `must be a whole number from ${min} to ${max}` });
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000) problems.push({ field: key, reason: 'must be a number from 0 to 1000' });
  }
  return problems;
}

/** The latest reading giving `pick`, and the year it is from. */
function latest(readings: readonly BuurtReading[], pick: (r: BuurtReading) => number | null): { year: number; value: number } | null {
  let best: { year: number; value: number } | null = null;
  for (const r of readings) {
    const value = pick(r);
    if (value === null) continue;
    if (best === null || r.year > best.year) best = { year: r.year, value };
  }
  return best;
}

/** Points for a class on a scale where the lowest class is worst: weight at the lowest, 0 at the highest. */
function classPoints(weight: number, value: number, scale: { lowest: number; highest: number }): number {
  return (weight * (scale.highest - value)) / (scale.highest - scale.lowest);
}

export function priorityOf(b: BuurtFacts, w: PriorityWeights, language: Language = 'en'): Omit<BuurtPriority, 'rank'> {
  const say = NOTES[language];
  const components: PriorityComponent[] = [];
  const fromClass = (id: PriorityComponentId, weight: number, pick: (r: BuurtReading) => number | null, scale: { lowest: number; highest: number }) => {
    const found = latest(b.readings, pick);
    components.push(
      found === null
        ? { id, value: null, weight, points: 0, note: say.noReading }
        : { id, value: found.value, weight, points: round4(classPoints(weight, found.value, scale)), note: null },
    );
    return found;
  };
  const resilience = fromClass('RESILIENCE', w.resilience, (r) => r.resilienceClass, RESILIENCE_CLASSES);
  const lbm = fromClass('LEEFBAAROMETER', w.leefbaarometer, (r) => r.leefbaarometerClass, LEEFBAAROMETER_CLASSES);
  const nuisance = fromClass('NUISANCE', w.nuisance, (r) => r.nuisanceClass, LEEFBAAROMETER_CLASSES);

  // trend: Leefbaarometer classes lost since the reading `trendYears` before the latest (or the oldest one after it)
  if (lbm === null) components.push({ id: 'TREND', value: null, weight: w.trendPerClass, points: 0, note: say.noReading });
  else {
    const since = lbm.year - w.trendYears;
    const earlier = b.readings.filter((r) => r.leefbaarometerClass !== null && r.year >= since && r.year < lbm.year).sort((x, y) => x.year - y.year)[0];
    if (!earlier) components.push({ id: 'TREND', value: null, weight: w.trendPerClass, points: 0, note: say.noReadingBetween(since, lbm.year) });
    else {
      const lost = earlier.leefbaarometerClass! - lbm.value;
      components.push({
        id: 'TREND',
        value: lost,
        weight: w.trendPerClass,
        points: round4(w.trendPerClass * Math.max(0, lost)),
        note: say.since(earlier.year),
      });
    }
  }

  if (b.allDwellings === null || b.allDwellings <= 0)
    components.push({ id: 'ASSOCIATION_SHARE', value: null, weight: w.associationShare, points: 0, note: say.stockUnknown });
  else {
    const share = Math.min(1, b.associationDwellings / b.allDwellings);
    components.push({ id: 'ASSOCIATION_SHARE', value: round4(share), weight: w.associationShare, points: round4(w.associationShare * share), note: null });
  }
  components.push({
    id: 'COMPLEXES_OUTSIDE_TARGETS',
    value: b.complexesOutsideTargets,
    weight: w.complexOutsideTargets,
    points: round4(w.complexOutsideTargets * b.complexesOutsideTargets),
    note: null,
  });
  for (const [id, count, weight] of [
    ['VULNERABLE_INFLOW', b.inflow.vulnerable, w.vulnerableInflow],
    ['URGENT_INFLOW', b.inflow.urgent, w.urgentInflow],
  ] as const) {
    // never fewer than the small-cell floor (src/engine/privacy/small-cells.ts), whatever the policy says
    const floor = Math.max(MIN_CELL_SIZE, w.minInflowHouseholds);
    if (b.inflow.households < floor) components.push({ id, value: null, weight, points: 0, note: say.smallInflow(b.inflow.households, floor) });
    // a group of 1-4 (or all but 1-4) would state something of single households (vulnerability: AVG art. 9)
    else if (isSmallCell(count) || isSmallCell(b.inflow.households - count)) components.push({ id, value: null, weight, points: 0, note: say.smallGroup });
    else {
      const share = count / b.inflow.households;
      components.push({ id, value: round4(share), weight, points: round4(weight * share), note: null });
    }
  }
  const years = [resilience, lbm, nuisance].flatMap((f) => (f ? [f.year] : []));
  return {
    buurtCode: b.buurtCode,
    name: b.name,
    score: round4(components.reduce((s, c) => s + c.points, 0)),
    latestYear: years.length ? Math.max(...years) : null,
    components,
  };
}

/** Buurten by priority: highest score first; equal scores by buurt code (a stable, explainable order). */
export function rankBuurten(buurten: readonly BuurtFacts[], weights: PriorityWeights, language: Language = 'en'): BuurtPriority[] {
  return buurten
    .map((b) => priorityOf(b, weights, language))
    .sort((a, b) => b.score - a.score || (a.buurtCode < b.buurtCode ? -1 : a.buurtCode > b.buurtCode ? 1 : 0))
    .map((p, i) => ({ rank: i + 1, ...p }));
}
