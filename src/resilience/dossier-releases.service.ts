import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CompositionPolicyService } from '../allocation/composition-policy.service.js';
import type { LoaderScope } from '../common/request-context.js';
import { CompositionService } from '../composition/composition.service.js';
import { targetStanding, targetsForComplex } from '../engine/allocation/composition-policy.js';
import type { CompositionPolicy } from '../engine/allocation/composition-policy.js';
import type { Composition } from '../engine/composition/compute-composition.js';
import { addYears, daysBetween } from '../engine/common/dates.js';
import type { IsoDate } from '../engine/model.js';
import { EarlierRelease, heldCounts, hiddenByDifference, movePeriods, releaseDecision, releaseReferenceDate } from '../engine/privacy/partner-release.js';
import { isHiddenPart, isSmallCell } from '../engine/privacy/small-cells.js';
import { suppressedBreakdown, suppressedTotal } from '../engine/resilience/dossier.js';

/** Years of inflow, turnover, deviations and priority inflow a complex's figures count (as the priorities' inflow window). */
export const WINDOW_YEARS = 3;

/** A complex as its figures need it. */
export interface ComplexRef {
  id: number;
  code: string;
  name: string;
  dwellings: number;
  resilienceClass: number;
}

/** A breakdown of households with its small cells hidden, by key (labels are the reader's language, added when shown). */
interface KeyedBreakdown {
  total: number | null;
  cells: { key: string; count: number | null; suppressed: boolean }[];
}

/**
 * What the dossier and the priorities show of one complex on a date, in no reader's language: the
 * dossier's figures (small cells already hidden) and the complex's part in its buurt's priority (its
 * inflow over the window and whether a shown target is missed). Stored as it is in a release.
 */
export interface ComplexFigures {
  code: string;
  name: string;
  dwellings: number;
  households: number | null;
  targets: { dimension: string; category: string; bound: 'MAX' | 'MIN'; limit: number; share: number | null; withinTarget: boolean | null }[];
  inflowByRoute: KeyedBreakdown;
  endedByReason: KeyedBreakdown;
  turnoverPer100: number | null;
  deviations: number | null;
  allocations: number | null;
  priority: { inflow: { count: number; vulnerableCount: number; urgentCount: number }; outsideTargets: boolean };
  /** The counts behind the shown figures, by cell (partner-release.ts, ReleaseCounts): kept with a release, never shown. */
  counts: Record<string, number>;
}

/** A target's cells: its count and its total. */
const targetCell = (t: { dimension: string; category: string; bound: string }, part: 'count' | 'total') =>
  `target:${t.dimension}:${t.category}:${t.bound}:${part}`;

/** The cells of `f` not shown (null), whether small or hidden by difference: a later release compares with the last shown value. */
export function hiddenCells(f: ComplexFigures): string[] {
  const hidden = new Set<string>();
  if (f.households === null) hidden.add('households');
  if (f.allocations === null) hidden.add('allocations');
  if (f.deviations === null) hidden.add('deviations');
  for (const t of f.targets) if (t.share === null) hidden.add(targetCell(t, 'count')).add(targetCell(t, 'total'));
  for (const [name, b] of [
    ['inflow', f.inflowByRoute],
    ['ended', f.endedByReason],
  ] as const) {
    if (b.total === null) hidden.add(`${name}:total`);
    for (const c of b.cells) if (c.count === null) hidden.add(`${name}:${c.key}`);
  }
  return [...hidden].filter((cell) => cell in f.counts).sort();
}

/**
 * The figures with `cells` hidden as well (partner-release.ts, hiddenByDifference). A breakdown with
 * a cell hidden so hides its total too: the total's change less the shown cells' changes would give
 * the hidden one's.
 */
export function withCellsHidden(f: ComplexFigures, cells: readonly string[]): ComplexFigures {
  if (cells.length === 0) return f;
  const hide = new Set(cells);
  const breakdown = (name: 'inflow' | 'ended', b: KeyedBreakdown): KeyedBreakdown => {
    const hiddenHere = b.cells.some((c) => hide.has(`${name}:${c.key}`));
    return {
      total: hiddenHere || hide.has(`${name}:total`) ? null : b.total,
      cells: b.cells.map((c) => (hide.has(`${name}:${c.key}`) ? { ...c, count: null, suppressed: true } : c)),
    };
  };
  const endedByReason = breakdown('ended', f.endedByReason);
  return {
    ...f,
    households: hide.has('households') ? null : f.households,
    allocations: hide.has('allocations') ? null : f.allocations,
    deviations: hide.has('deviations') ? null : f.deviations,
    targets: f.targets.map((t) => (hide.has(targetCell(t, 'count')) || hide.has(targetCell(t, 'total')) ? { ...t, share: null, withinTarget: null } : t)),
    inflowByRoute: breakdown('inflow', f.inflowByRoute),
    endedByReason,
    // tenancies ended per 100 homes gives their number
    turnoverPer100: endedByReason.total === null ? null : f.turnoverPer100,
  };
}

export interface DatedFigures {
  /** The date the figures are as of: today for staff, the release date for a partner. */
  asOf: IsoDate;
  figures: ComplexFigures;
}

/** A complex's part in its buurt's priority, from its mix: its inflow over the window, and whether it misses a target whose share is shown. */
export function priorityPart(policy: CompositionPolicy, complex: Pick<ComplexRef, 'id' | 'resilienceClass'>, mix: Composition): ComplexFigures['priority'] {
  // only a target whose share is shown counts as missed: a hidden one would be given away by the count (small-cells.ts)
  const outsideTargets = targetsForComplex(policy, complex).some((t) => {
    const standing = targetStanding(t, mix.dimensions);
    return !isHiddenPart(standing.count, standing.total) && !standing.withinTarget;
  });
  return { inflow: { count: mix.inflow.count, vulnerableCount: mix.inflow.vulnerableCount, urgentCount: mix.inflow.urgentCount }, outsideTargets };
}

/**
 * Figures of complexes on a date, live (staff) or as released to partners (src/engine/privacy/partner-release.ts):
 * a partner sees each complex as of its latest release, made on a month's end once at least five
 * households moved since the one before, and stored, so what partners read never changes afterwards.
 */
@Injectable()
export class DossierReleasesService {
  constructor(
    private readonly compositionPolicies: CompositionPolicyService,
    private readonly compositions: CompositionService,
  ) {}

  /** The complexes' figures on `asOf`, computed now (batched: one query per kind for all of them). */
  async figuresOn(m: EntityManager, complexes: readonly ComplexRef[], asOf: IsoDate, loaders: LoaderScope): Promise<Map<number, ComplexFigures>> {
    const figures = new Map<number, ComplexFigures>();
    if (complexes.length === 0) return figures;
    const windowFrom = addYears(asOf, -WINDOW_YEARS);
    const ids = complexes.map((c) => c.id);
    const [{ policy }, started, ended, allocations] = await Promise.all([
      this.compositionPolicies.inForce(m, asOf),
      m.query(
        `SELECT d.complex_id, coalesce(t.allocation_route, 'UNKNOWN') AS key, count(*)::int AS count FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
          WHERE d.complex_id = ANY($1) AND t.start_date > $2 AND t.start_date <= $3 GROUP BY 1, 2 ORDER BY 1, 2`,
        [ids, windowFrom, asOf],
      ) as Promise<{ complex_id: number; key: string; count: number }[]>,
      m.query(
        `SELECT d.complex_id, coalesce(t.end_reason, 'NOT_RECORDED') AS key, count(*)::int AS count FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
          WHERE d.complex_id = ANY($1) AND t.end_date > $2 AND t.end_date <= $3 GROUP BY 1, 2 ORDER BY 1, 2`,
        [ids, windowFrom, asOf],
      ) as Promise<{ complex_id: number; key: string; count: number }[]>,
      m.query(
        `SELECT d.complex_id, count(*)::int AS allocations,
                count(*) FILTER (WHERE p.plain_order_household_id IS NOT NULL AND p.plain_order_household_id <> a.household_id)::int AS deviations
           FROM allocation a JOIN dwelling d ON d.id = a.dwelling_id
           LEFT JOIN LATERAL (SELECT plain_order_household_id FROM proposal WHERE vacancy_id = a.vacancy_id AND status = 'DECIDED' ORDER BY id DESC LIMIT 1) p ON true
          WHERE d.complex_id = ANY($1) AND a.allocation_date > $2 AND a.allocation_date <= $3 GROUP BY 1`,
        [ids, windowFrom, asOf],
      ) as Promise<{ complex_id: number; allocations: number; deviations: number }[]>,
    ]);
    const windowYears = daysBetween(windowFrom, asOf) / 365.25;
    for (const c of complexes) {
      const mix = await this.compositions.composition(c.id, loaders, asOf, WINDOW_YEARS);
      const counts: Record<string, number> = { households: mix.occupiedCount };
      const targets = targetsForComplex(policy, c).map((t) => {
        const standing = targetStanding(t, mix.dimensions);
        const hidden = isHiddenPart(standing.count, standing.total);
        const cell = { dimension: t.dimension, category: t.categories.join('+'), bound: t.bound };
        counts[targetCell(cell, 'count')] = standing.count;
        counts[targetCell(cell, 'total')] = standing.total;
        return {
          dimension: t.dimension,
          category: t.categories.join('+'),
          bound: t.bound,
          limit: t.basisPoints / 10_000,
          share: hidden || standing.total === 0 ? null : Math.round((standing.count / standing.total) * 1e4) / 1e4,
          withinTarget: hidden ? null : standing.withinTarget,
        };
      });
      const endedHere = ended.filter((e) => e.complex_id === c.id);
      const endedCount = endedHere.reduce((s, e) => s + e.count, 0);
      const allocated = allocations.find((a) => a.complex_id === c.id) ?? { allocations: 0, deviations: 0 };
      const startedHere = started.filter((s) => s.complex_id === c.id);
      for (const [name, rows] of [
        ['inflow', startedHere],
        ['ended', endedHere],
      ] as const) {
        counts[`${name}:total`] = rows.reduce((n, r) => n + r.count, 0);
        for (const r of rows) counts[`${name}:${r.key}`] = r.count;
      }
      counts.allocations = allocated.allocations;
      counts.deviations = allocated.deviations;
      figures.set(c.id, {
        code: c.code,
        name: c.name,
        dwellings: c.dwellings,
        households: suppressedTotal(mix.occupiedCount),
        targets,
        inflowByRoute: suppressedBreakdown(startedHere),
        endedByReason: suppressedBreakdown(endedHere),
        turnoverPer100: isSmallCell(endedCount) || c.dwellings === 0 ? null : Math.round((10_000 * endedCount) / (c.dwellings * windowYears)) / 100,
        deviations: isHiddenPart(allocated.deviations, allocated.allocations) ? null : allocated.deviations,
        allocations: suppressedTotal(allocated.allocations),
        priority: priorityPart(policy, c, mix),
        counts,
      });
    }
    return figures;
  }

  /** Staff: every complex as it stands today. */
  async live(m: EntityManager, complexes: readonly ComplexRef[], today: IsoDate, loaders: LoaderScope): Promise<Map<number, DatedFigures>> {
    const figures = await this.figuresOn(m, complexes, today, loaders);
    return new Map(complexes.map((c) => [c.id, { asOf: today, figures: figures.get(c.id)! }]));
  }

  /**
   * A partner: every complex as of its latest release, making the releases that are due on the
   * reference date (the month's end before `today`) first. Two readers at once make the same release
   * once (the first stored wins, and both show it).
   */
  async released(m: EntityManager, complexes: readonly ComplexRef[], today: IsoDate, loaders: LoaderScope): Promise<Map<number, DatedFigures>> {
    if (complexes.length === 0) return new Map();
    const reference = releaseReferenceDate(today);
    const ids = complexes.map((c) => c.id);
    const latest = new Map(
      (
        (await m.query(
          `SELECT DISTINCT ON (complex_id) complex_id, to_char(release_date, 'YYYY-MM-DD') AS release_date FROM dossier_release
            WHERE complex_id = ANY($1) AND release_date <= $2 ORDER BY complex_id, release_date DESC`,
          [ids, reference],
        )) as { complex_id: number; release_date: string }[]
      ).map((r) => [r.complex_id, r.release_date]),
    );
    const moved = await this.householdsMoved(
      m,
      ids.flatMap((id) => (latest.has(id) && latest.get(id)! < reference ? [{ id, since: latest.get(id)! }] : [])),
      reference,
    );
    const due = complexes.flatMap((c) => {
      const decision = releaseDecision(latest.get(c.id) ?? null, reference, moved.get(c.id) ?? 0);
      return decision.kind === 'KEEP' ? [] : [{ complex: c, householdsMoved: decision.kind === 'NEW' ? decision.householdsMoved : null }];
    });
    if (due.length > 0) {
      const computed = await this.figuresOn(
        m,
        due.map((d) => d.complex),
        reference,
        loaders,
      );
      // what partners saw before: a cell that moved by 1-4 since it was last shown stays hidden (hiddenByDifference)
      const earlierRows: { complex_id: number; figures: ComplexFigures | string }[] = await m.query(
        `SELECT complex_id, figures FROM dossier_release WHERE complex_id = ANY($1) AND release_date < $2 ORDER BY complex_id, release_date`,
        [due.map((d) => d.complex.id), reference],
      );
      const earlier = new Map<number, EarlierRelease[]>();
      const passedOn = new Map<number, ComplexFigures['priority']['inflow']>();
      for (const row of earlierRows) {
        const f = typeof row.figures === 'string' ? (JSON.parse(row.figures) as ComplexFigures) : row.figures;
        earlier.set(row.complex_id, [...(earlier.get(row.complex_id) ?? []), { counts: f.counts, hidden: hiddenCells(f) }]);
        passedOn.set(row.complex_id, f.priority.inflow);
      }
      const figures = new Map(
        due.map(({ complex }) => {
          const computedFigures = computed.get(complex.id)!;
          const f = withCellsHidden(computedFigures, hiddenByDifference(computedFigures.counts, earlier.get(complex.id) ?? []));
          // the buurt's priority is built from what the release shows: a target missed only where its share shows,
          // an inflow that moved by 1-4 held where it was (heldCounts)
          const priority = {
            inflow: heldCounts(f.priority.inflow, passedOn.get(complex.id) ?? null),
            outsideTargets: f.targets.some((t) => t.share !== null && t.withinTarget === false),
          };
          return [complex.id, { ...f, priority }];
        }),
      );
      await m.query(
        `INSERT INTO dossier_release (complex_id, release_date, households_moved, figures)
         SELECT r.complex_id, $1::date, r.households_moved, r.figures FROM jsonb_to_recordset($2::jsonb) AS r(complex_id integer, households_moved integer, figures jsonb)
         ON CONFLICT (complex_id, release_date) DO NOTHING`,
        [reference, JSON.stringify(due.map((d) => ({ complex_id: d.complex.id, households_moved: d.householdsMoved, figures: figures.get(d.complex.id) })))],
      );
    }
    const rows: { complex_id: number; release_date: string; figures: ComplexFigures }[] = await m.query(
      `SELECT DISTINCT ON (complex_id) complex_id, to_char(release_date, 'YYYY-MM-DD') AS release_date, figures FROM dossier_release
        WHERE complex_id = ANY($1) AND release_date <= $2 ORDER BY complex_id, release_date DESC`,
      [ids, reference],
    );
    return new Map(rows.map((r) => [r.complex_id, { asOf: r.release_date, figures: typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures }]));
  }

  /** Per complex, the households that moved in the move periods since its latest release (movePeriods), each counted once. */
  private async householdsMoved(m: EntityManager, since: { id: number; since: IsoDate }[], reference: IsoDate): Promise<Map<number, number>> {
    if (since.length === 0) return new Map();
    const periods = since.map((s) => ({ complex_id: s.id, periods: movePeriods(s.since, reference, WINDOW_YEARS) }));
    const rows: { complex_id: number; moved: number }[] = await m.query(
      `WITH p AS (
         SELECT r.complex_id, (r.periods->0->>'after')::date AS a1, (r.periods->0->>'upTo')::date AS u1,
                (r.periods->1->>'after')::date AS a2, (r.periods->1->>'upTo')::date AS u2
           FROM jsonb_to_recordset($1::jsonb) AS r(complex_id integer, periods jsonb))
       SELECT p.complex_id, count(DISTINCT e.household_id)::int AS moved FROM p JOIN LATERAL (
         SELECT t.household_id FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
          WHERE d.complex_id = p.complex_id
            AND ((t.start_date > p.a1 AND t.start_date <= p.u1) OR (t.end_date > p.a1 AND t.end_date <= p.u1)
              OR (t.start_date > p.a2 AND t.start_date <= p.u2) OR (t.end_date > p.a2 AND t.end_date <= p.u2))
         UNION ALL
         SELECT a.household_id FROM allocation a JOIN dwelling d ON d.id = a.dwelling_id
          WHERE d.complex_id = p.complex_id
            AND ((a.allocation_date > p.a1 AND a.allocation_date <= p.u1) OR (a.allocation_date > p.a2 AND a.allocation_date <= p.u2))
       ) e ON true GROUP BY p.complex_id`,
      [JSON.stringify(periods)],
    );
    return new Map(rows.map((r) => [r.complex_id, r.moved]));
  }
}
