import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { toCsv } from '../common/csv.js';
import { DomainError } from '../common/domain-error.js';
import type { LoaderScope } from '../common/request-context.js';
import { addYears } from '../engine/common/dates.js';
import type { Language, Phrasebook } from '../engine/common/language.js';
import { releaseReferenceDate } from '../engine/privacy/partner-release.js';
import { cellsToSuppress } from '../engine/privacy/small-cells.js';
import { indicatorYears, standingObservations } from '../engine/resilience/dossier.js';
import { NeighbourhoodReadingEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { BuurtPrioritiesService } from './buurt-priorities.service.js';
import { ComplexFigures, DossierReleasesService, WINDOW_YEARS, withCellsHidden } from './dossier-releases.service.js';
import { DossierBreakdown, DossierComplex, NeighbourhoodDossier } from './graphql/dossier.type.js';
import { OutcomesService, indicatorName } from './outcomes.service.js';
import { PartnerGrantsService } from './partner-grants.service.js';
import { ProgrammesService } from './programmes.service.js';

const WORDS: Phrasebook<{
  routes: Record<string, string>;
  notRecorded: string;
  at: { MAX: string; MIN: string };
  notes: string[];
  csvHeader: string[];
  section: Record<'READING' | 'FIGURES_AS_OF' | 'TARGET' | 'INFLOW' | 'ENDED' | 'TURNOVER' | 'DEVIATIONS' | 'INDICATOR' | 'PROGRAMME', string>;
}> = {
  en: {
    routes: {
      REGULAR: 'regular (registration time)',
      URGENCY: 'urgency',
      DIRECT: 'direct allocation',
      LOTTERY: 'lottery',
      POINTS: 'points',
      UNKNOWN: 'route not recorded',
    },
    notRecorded: 'reason not recorded',
    at: { MAX: 'at most', MIN: 'at least' },
    notes: [
      'Aggregates only: no household, no person.',
      'A count of 1 to 4 households (or all but 1 to 4) is not shown, and where one hidden count could be worked out from a total, a second one is hidden too.',
      'Inflow, tenancies ended and deviations from plain order cover the last three years.',
      "The complexes' inflow adds up to the buurt's, which its priority gives: where one complex's hidden inflow could be worked out from it, another complex's inflow (and its allocations) is hidden too.",
      'Partners see each complex as of its release (figures as of): the end of a month, followed by the next only once at least 5 households have moved; a figure that moved by 1 to 4 since a release last showed it is hidden, so that no single move shows between two looks.',
    ],
    csvHeader: ['section', 'scope', 'key', 'year', 'count', 'denominator', 'value', 'note'],
    section: {
      READING: 'reading',
      FIGURES_AS_OF: 'figures as of',
      TARGET: 'composition target',
      INFLOW: 'inflow by route',
      ENDED: 'tenancies ended by reason',
      TURNOVER: 'turnover per 100 homes per year',
      DEVIATIONS: 'allocations passing over plain order',
      INDICATOR: 'indicator',
      PROGRAMME: 'programme',
    },
  },
  nl: {
    routes: {
      REGULAR: 'regulier (inschrijfduur)',
      URGENCY: 'urgentie',
      DIRECT: 'directe bemiddeling',
      LOTTERY: 'loting',
      POINTS: 'punten',
      UNKNOWN: 'route niet vastgelegd',
    },
    notRecorded: 'reden niet vastgelegd',
    at: { MAX: 'hoogstens', MIN: 'minstens' },
    notes: [
      'Alleen totalen: geen huishouden, geen persoon.',
      'Een aantal van 1 tot 4 huishoudens (of op 1 tot 4 na alle) staat er niet in; waar een verborgen aantal uit een totaal af te leiden is, is een tweede ook verborgen.',
      'Instroom, beëindigde huurovereenkomsten en afwijkingen van de volgorde gaan over de laatste drie jaar.',
      'De instroom van de complexen telt op tot die van de buurt, die haar prioriteit geeft: waar de verborgen instroom van één complex daaruit af te leiden is, is die van een ander complex (en zijn toewijzingen) ook verborgen.',
      'Partners zien elk complex zoals bij zijn vrijgave (cijfers per): het einde van een maand, en pas een volgende zodra ten minste 5 huishoudens zijn verhuisd; een cijfer dat sinds het laatst getoond werd 1 tot 4 veranderde, staat er niet in, zodat geen enkele verhuizing tussen twee keer kijken zichtbaar wordt.',
    ],
    csvHeader: ['onderdeel', 'bereik', 'sleutel', 'jaar', 'aantal', 'noemer', 'waarde', 'toelichting'],
    section: {
      READING: 'meting',
      FIGURES_AS_OF: 'cijfers per',
      TARGET: 'samenstellingsdoel',
      INFLOW: 'instroom per route',
      ENDED: 'beëindigd per reden',
      TURNOVER: 'mutaties per 100 woningen per jaar',
      DEVIATIONS: 'toewijzingen buiten volgorde',
      INDICATOR: 'indicator',
      PROGRAMME: 'programma',
    },
  },
};

/**
 * A buurt's dossier for its deep-dive session with welfare, care, the municipality and the police
 * (issue 16; shared/domain/case.md): readings over the years, every complex with its mix against its
 * targets, inflow by route, turnover and why tenancies ended, deviations from plain order, outcome
 * indicators and the active programmes. Aggregates only, small cells hidden by the engine
 * (src/engine/resilience/dossier.ts). Every view is audited: who read which buurt, when.
 */
@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly grants: PartnerGrantsService,
    private readonly priorities: BuurtPrioritiesService,
    private readonly releases: DossierReleasesService,
    private readonly outcomes: OutcomesService,
    private readonly programmes: ProgrammesService,
  ) {}

  async dossier(buurtCode: string, actor: Actor, loaders: LoaderScope, language: Language, format: 'SCREEN' | 'CSV' = 'SCREEN'): Promise<NeighbourhoodDossier> {
    await this.grants.assertMayRead(actor, buurtCode);
    const m = this.dataSource.manager;
    const say = WORDS[language];
    const today = this.clock.today();
    const [buurt]: { id: number; buurt_code: string; name: string; municipality_code: string; municipality_name: string; resilience_class: number }[] =
      await m.query(`SELECT id, buurt_code, name, municipality_code, municipality_name, resilience_class FROM neighbourhood WHERE buurt_code = $1`, [
        buurtCode,
      ]);
    if (!buurt) throw DomainError.notFound('Neighbourhood', buurtCode);

    const live = this.grants.seesLiveFigures(actor);
    // staff see today; a partner each complex as of its release, made on the month's end before today at the latest (dossier-releases.service.ts)
    const asOf = live ? today : releaseReferenceDate(today);
    const [readings, complexRows, ranking, endReasons, observationRows, indicatorRows] = await Promise.all([
      m.find(NeighbourhoodReadingEntity, { where: { neighbourhoodId: buurt.id }, order: { year: 'ASC', source: 'ASC' } }),
      m.query(
        `SELECT c.id, c.code, c.name, count(d.id)::int AS dwellings FROM complex c LEFT JOIN dwelling d ON d.complex_id = c.id
          WHERE c.neighbourhood_id = $1 GROUP BY c.id ORDER BY c.code`,
        [buurt.id],
      ) as Promise<{ id: number; code: string; name: string; dwellings: number }[]>,
      this.priorities.priorities(buurt.municipality_code, loaders, language, live ? 'LIVE' : 'RELEASED'),
      m.query(`SELECT code, name_nl, name_en FROM tenancy_end_reason`) as Promise<{ code: string; name_nl: string; name_en: string }[]>,
      m.query(
        `SELECT o.id, o.corrects_id, o.indicator_code, coalesce(c.code, $2) AS scope, to_char(o.period_start, 'YYYY-MM-DD') AS period_start,
                to_char(o.period_end, 'YYYY-MM-DD') AS period_end, o.count, o.denominator
           FROM outcome_observation o LEFT JOIN complex c ON c.id = o.complex_id
          WHERE o.complex_id IN (SELECT id FROM complex WHERE neighbourhood_id = $1) OR o.neighbourhood_id = $1 ORDER BY o.id`,
        [buurt.id, buurt.buurt_code],
      ) as Promise<
        {
          id: number;
          corrects_id: number | null;
          indicator_code: string;
          scope: string;
          period_start: string;
          period_end: string;
          count: number;
          denominator: number;
        }[]
      >,
      this.outcomes.indicatorRows(m),
    ]);
    const refs = complexRows.map((c) => ({ ...c, resilienceClass: buurt.resilience_class }));
    const dated = live ? await this.releases.live(m, refs, today, loaders) : await this.releases.released(m, refs, today, loaders);
    // a complex's inflow is a part of the buurt's, which the priority gives (buurt-priority.ts: the number
    // below its floor, the shares above it): where a hidden one could be worked out from it and the shown
    // ones, more are hidden, as in any breakdown with a shown total (cellsToSuppress, across the complexes)
    const shown = complexRows.map((c) => dated.get(c.id)!.figures);
    const inflowHidden = cellsToSuppress(
      shown.map((f) => f.counts['inflow:total'] ?? 0),
      shown.map((f) => f.inflowByRoute.total === null),
    );
    const complexes: DossierComplex[] = complexRows.map((c, i) => {
      const { asOf: figuresAsOf } = dated.get(c.id)!;
      const f =
        inflowHidden[i] && shown[i].inflowByRoute.total !== null
          ? withCellsHidden(shown[i], ['inflow:total', ...shown[i].inflowByRoute.cells.map((cell) => `inflow:${cell.key}`), 'allocations', 'deviations'])
          : shown[i];
      return {
        code: f.code,
        name: f.name,
        dwellings: f.dwellings,
        figuresAsOf,
        households: f.households,
        targets: f.targets.map((t) => ({ ...t, bound: say.at[t.bound] })),
        inflowByRoute: labelled(f.inflowByRoute, (k) => say.routes[k] ?? k),
        endedByReason: labelled(f.endedByReason, (k) => {
          const reason = endReasons.find((r) => r.code === k);
          return reason ? `${indicatorName(reason, language)} (${k})` : say.notRecorded;
        }),
        turnoverPer100: f.turnoverPer100,
        deviations: f.deviations,
        allocations: f.allocations,
      };
    });

    const basis = new Map(indicatorRows.map((r) => [r.code, r]));
    const standingRows = standingObservations(observationRows.map((r) => ({ ...r, correctsId: r.corrects_id })));
    const indicators = indicatorYears(
      standingRows.map((r) => ({
        indicatorCode: r.indicator_code,
        scope: r.scope,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        count: Number(r.count),
        denominator: Number(r.denominator),
      })),
      (code) => basis.get(code)?.basis ?? 'DWELLINGS',
    ).map((y) => ({ ...y, indicatorName: indicatorName(basis.get(y.indicatorCode)!, language) }));
    const ranked = ranking.buurten.find((b) => b.buurtCode === buurtCode) ?? null;
    const programmes = (await this.programmes.list(new Set([buurtCode]), language, m)).filter((p) => p.active);

    // the view is recorded before the answer leaves: who read which buurt's dossier, how
    await this.dataSource.transaction((tx) =>
      this.audit.append(
        tx,
        actor,
        'DOSSIER_VIEWED',
        { buurtCode },
        { format, asOf, figuresAsOf: Object.fromEntries(complexes.map((c) => [c.code, c.figuresAsOf])) },
      ),
    );
    return {
      buurtCode: buurt.buurt_code,
      name: buurt.name,
      municipalityCode: buurt.municipality_code,
      municipalityName: buurt.municipality_name,
      asOf,
      windowFrom: addYears(asOf, -WINDOW_YEARS),
      priorityRank: ranked?.rank ?? null,
      priorityScore: ranked?.score ?? null,
      readings: readings.map(({ id: _id, neighbourhoodId: _n, ...r }) => r),
      complexes,
      indicators,
      programmes,
      notes: say.notes,
    };
  }

  /** The dossier as CSV for a spreadsheet: one row per figure, UTF-8 with a BOM; Dutch locale when decimalComma. */
  async csv(buurtCode: string, decimalComma: boolean, actor: Actor, loaders: LoaderScope, language: Language): Promise<string> {
    const d = await this.dossier(buurtCode, actor, loaders, language, 'CSV');
    const say = WORDS[language];
    type Cell = string | number | null;
    const rows: Cell[][] = [say.csvHeader];
    for (const r of d.readings)
      for (const [key, value] of Object.entries(r).filter(([k]) => k !== 'year' && k !== 'source'))
        if (value !== null) rows.push([say.section.READING, d.buurtCode, key, r.year, null, null, value as number, r.source]);
    for (const c of d.complexes) {
      rows.push([say.section.FIGURES_AS_OF, c.code, 'FIGURES_AS_OF', null, null, null, null, c.figuresAsOf]);
      for (const t of c.targets) rows.push([say.section.TARGET, c.code, `${t.dimension}:${t.category} ${t.bound} ${t.limit}`, null, null, null, t.share, null]);
      for (const cell of c.inflowByRoute.cells) rows.push([say.section.INFLOW, c.code, cell.label, null, cell.count, c.inflowByRoute.total, null, null]);
      for (const cell of c.endedByReason.cells) rows.push([say.section.ENDED, c.code, cell.label, null, cell.count, c.endedByReason.total, null, null]);
      rows.push([say.section.TURNOVER, c.code, 'TURNOVER', null, null, c.dwellings, c.turnoverPer100, null]);
      rows.push([say.section.DEVIATIONS, c.code, 'PLAIN_ORDER_PASSED_OVER', null, c.deviations, c.allocations, null, null]);
    }
    for (const y of d.indicators) rows.push([say.section.INDICATOR, y.scope, y.indicatorName, y.year, y.count, y.denominator, y.ratePer100, null]);
    for (const p of d.programmes) rows.push([say.section.PROGRAMME, d.buurtCode, p.name, null, null, null, null, `${p.startDate}..${p.reviewDate}`]);
    return toCsv(rows, { decimalComma, bom: true });
  }
}

function labelled(b: ComplexFigures['inflowByRoute'], label: (key: string) => string): DossierBreakdown {
  return { total: b.total, cells: b.cells.map((c) => ({ ...c, label: label(c.key) })) };
}
