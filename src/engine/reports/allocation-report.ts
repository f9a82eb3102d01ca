import { COMPOSITION_CATEGORIES, CompositionDimension } from '../composition/compute-composition.js';

/** One officer's decision on a proposal (an offer), for the deviation counts. */
export interface DecisionRow {
  officer: string | null;
  complexCode: string;
  decision: 'PROPOSED' | 'OVERRIDE';
  /** Override reason code; null for an accepted proposal. */
  reasonCode: string | null;
  /** Rank of the proposal's household in the plain order (1 = no deviation); null when unknown. */
  proposedRank: number | null;
}

export type DeviationDimension = 'OFFICER' | 'REASON_CODE' | 'COMPLEX';

export interface DeviationCount {
  dimension: DeviationDimension;
  key: string;
  decisions: number;
  /** Accepted proposals that passed over the plain-order candidate. */
  passedOver: number;
  overrides: number;
}

/** One applicant (a respondent to a vacancy let in the period) and whether it was housed. */
export interface ApplicantRow {
  categories: Readonly<Record<CompositionDimension, string>>;
  urgent: boolean;
  allocated: boolean;
}

export type GroupDimension = CompositionDimension | 'URGENCY';

export interface GroupRate {
  dimension: GroupDimension;
  category: string;
  applicants: number;
  allocated: number;
  /** allocated / applicants in basis points (10000 = 100%); null without applicants. */
  rateBasisPoints: number | null;
}

const key = (k: string | null, none: string) => k ?? none;

/**
 * Deviations from the plain order and overrides, per officer, per override reason code and per
 * complex (auditors and managers watch these: README, "Reports"). Sorted by dimension, then key.
 */
export function deviationCounts(rows: readonly DecisionRow[]): DeviationCount[] {
  const table = new Map<string, DeviationCount>();
  const add = (dimension: DeviationDimension, k: string, r: DecisionRow) => {
    const id = `${dimension}\u0000${k}`;
    const c = table.get(id) ?? { dimension, key: k, decisions: 0, passedOver: 0, overrides: 0 };
    c.decisions += 1;
    if (r.decision === 'OVERRIDE') c.overrides += 1;
    else if ((r.proposedRank ?? 1) > 1) c.passedOver += 1;
    table.set(id, c);
  };
  for (const r of rows) {
    add('OFFICER', key(r.officer, '(unknown)'), r);
    add('COMPLEX', r.complexCode, r);
    if (r.decision === 'OVERRIDE') add('REASON_CODE', key(r.reasonCode, '(none)'), r);
  }
  const order: DeviationDimension[] = ['OFFICER', 'REASON_CODE', 'COMPLEX'];
  return [...table.values()].sort((a, b) => order.indexOf(a.dimension) - order.indexOf(b.dimension) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Allocation rates by group (household type, age band, income band and source, vulnerability,
 * urgency): of the applicants in a group, the share that was housed. Every category is listed, also
 * at zero, so a group that is never housed shows up (disparities).
 */
export function allocationRates(rows: readonly ApplicantRow[]): GroupRate[] {
  const dimensions: [GroupDimension, readonly string[], (r: ApplicantRow) => string][] = [
    ...(Object.keys(COMPOSITION_CATEGORIES) as CompositionDimension[]).map(
      (d) => [d, COMPOSITION_CATEGORIES[d], (r: ApplicantRow) => r.categories[d]] as [GroupDimension, readonly string[], (r: ApplicantRow) => string],
    ),
    ['URGENCY', ['URGENT', 'NOT_URGENT'], (r) => (r.urgent ? 'URGENT' : 'NOT_URGENT')],
  ];
  return dimensions.flatMap(([dimension, categories, of]) =>
    categories.map((category) => {
      const inGroup = rows.filter((r) => of(r) === category);
      const allocated = inGroup.filter((r) => r.allocated).length;
      return {
        dimension,
        category,
        applicants: inGroup.length,
        allocated,
        rateBasisPoints: inGroup.length ? Math.round((allocated * 10_000) / inGroup.length) : null,
      };
    }),
  );
}
