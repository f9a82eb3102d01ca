import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompositionPolicyService } from '../allocation/composition-policy.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { Language } from '../engine/common/language.js';
import { addYears } from '../engine/common/dates.js';
import type { LoaderScope } from '../common/request-context.js';
import { CompositionService } from '../composition/composition.service.js';
import { BuurtFacts, BuurtReading, rankBuurten } from '../engine/resilience/buurt-priority.js';
import { NeighbourhoodPriorities } from './graphql/resilience.type.js';
import { PriorityPolicyService } from './priority-policy.service.js';
import { ComplexRef, DossierReleasesService, WINDOW_YEARS, priorityPart } from './dossier-releases.service.js';
import { releaseReferenceDate } from '../engine/privacy/partner-release.js';

/** Years of moves-in counted as a buurt's recent inflow (as on the complexes page and in the dossier). */
const INFLOW_YEARS = WINDOW_YEARS;

interface BuurtRow {
  id: number;
  buurt_code: string;
  name: string;
  resilience_class: number;
}

/**
 * The buurten where the association has homes, ranked through the resilience lens (engine:
 * src/engine/resilience/buurt-priority.ts): their readings over the years, the association's share of
 * the homes, its complexes outside their composition targets today, and the recent inflow. Aggregates
 * only: counts and shares per buurt, inflow shares of small numbers left out by the engine.
 */
@Injectable()
export class BuurtPrioritiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: PriorityPolicyService,
    private readonly compositionPolicies: CompositionPolicyService,
    private readonly compositions: CompositionService,
    private readonly releases: DossierReleasesService,
  ) {}

  /**
   * LIVE (staff): as the buurten stand today. RELEASED (a partner): each complex's part as of its
   * release (dossier-releases.service.ts), ranked under the policy in force on the month's end the
   * releases are made on, so a partner's look between releases shows nothing new.
   */
  async priorities(
    municipalityCode: string | null,
    loaders: LoaderScope,
    language: Language = 'en',
    mode: 'LIVE' | 'RELEASED' = 'LIVE',
  ): Promise<NeighbourhoodPriorities> {
    const today = this.clock.today();
    const asOf = mode === 'LIVE' ? today : releaseReferenceDate(today);
    const m = this.dataSource.manager;
    const [policy, { policy: composition }] = await Promise.all([this.policies.inForce(asOf), this.compositionPolicies.inForce(m, asOf)]);
    const buurten: BuurtRow[] = await m.query(
      `SELECT DISTINCT n.id, n.buurt_code, n.name, n.resilience_class FROM neighbourhood n JOIN complex c ON c.neighbourhood_id = n.id
        WHERE $1::text IS NULL OR n.municipality_code = $1 ORDER BY n.buurt_code`,
      [municipalityCode],
    );
    const ids = buurten.map((b) => b.id);
    const [complexes, readings]: [
      { id: number; code: string; name: string; neighbourhood_id: number; dwellings: number }[],
      (BuurtReading & { neighbourhoodId: number; dwellingStock: number | null })[],
    ] = await Promise.all([
      m.query(
        `SELECT c.id, c.code, c.name, c.neighbourhood_id, count(d.id)::int AS dwellings FROM complex c LEFT JOIN dwelling d ON d.complex_id = c.id
            WHERE c.neighbourhood_id = ANY($1) GROUP BY c.id ORDER BY c.id`,
        [ids],
      ),
      m.query(
        `SELECT neighbourhood_id AS "neighbourhoodId", year, source, resilience_class AS "resilienceClass", leefbaarometer_class AS "leefbaarometerClass",
                  nuisance_class AS "nuisanceClass", dwelling_stock AS "dwellingStock"
             FROM neighbourhood_reading WHERE neighbourhood_id = ANY($1) ORDER BY neighbourhood_id, year, source`,
        [ids],
      ),
    ]);
    const refs: ComplexRef[] = complexes.map((c) => ({ ...c, resilienceClass: buurten.find((b) => b.id === c.neighbourhood_id)!.resilience_class }));
    const standing =
      mode === 'LIVE'
        ? await Promise.all(
            complexes.map(async (c, i) => {
              const part = priorityPart(composition, refs[i], await this.compositions.composition(c.id, loaders, asOf, INFLOW_YEARS));
              return { complex: c, outside: part.outsideTargets, inflow: part.inflow };
            }),
          )
        : await this.releasedStanding(complexes, refs, loaders);
    const facts: BuurtFacts[] = buurten.map((b) => {
      const own = standing.filter((s) => s.complex.neighbourhood_id === b.id);
      const mine = readings.filter((r) => r.neighbourhoodId === b.id);
      // the homes of the buurt: from its newest reading that gives them
      const stock = [...mine].reverse().find((r) => r.dwellingStock !== null)?.dwellingStock ?? null;
      return {
        buurtCode: b.buurt_code,
        name: b.name,
        readings: mine.map((r) => ({
          year: Number(r.year),
          source: r.source,
          resilienceClass: r.resilienceClass,
          leefbaarometerClass: r.leefbaarometerClass,
          nuisanceClass: r.nuisanceClass,
        })),
        associationDwellings: own.reduce((n, s) => n + s.complex.dwellings, 0),
        allDwellings: stock,
        complexes: own.length,
        complexesOutsideTargets: own.filter((s) => s.outside).length,
        inflow: {
          households: own.reduce((n, s) => n + s.inflow.count, 0),
          vulnerable: own.reduce((n, s) => n + s.inflow.vulnerableCount, 0),
          urgent: own.reduce((n, s) => n + s.inflow.urgentCount, 0),
        },
      };
    });
    const ranked = rankBuurten(facts, policy.document, language);
    return {
      municipalityCode,
      asOf,
      inflowSince: addYears(asOf, -INFLOW_YEARS),
      policyVersion: policy.version,
      policyName: policy.name,
      buurten: ranked.map((p) => {
        const f = facts.find((x) => x.buurtCode === p.buurtCode)!;
        return { ...p, complexes: f.complexes, associationDwellings: f.associationDwellings };
      }),
    };
  }

  /** Each complex's part in its buurt's priority as released to partners. */
  private async releasedStanding<C extends { id: number }>(complexes: C[], refs: ComplexRef[], loaders: LoaderScope) {
    const released = await this.releases.released(this.dataSource.manager, refs, this.clock.today(), loaders);
    return complexes.map((c) => {
      const { priority } = released.get(c.id)!.figures;
      return { complex: c, outside: priority.outsideTargets, inflow: priority.inflow };
    });
  }
}
