import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import type { LoaderScope } from '../common/request-context.js';
import { complexLoaders } from '../complexes/complex.loaders.js';
import { addYears, yearOf } from '../engine/common/dates.js';
import { Composition as EngineComposition, computeComposition } from '../engine/composition/compute-composition.js';
import { householdLoaders } from '../households/household.loaders.js';
import { ruleParameterLoaders } from '../parameters/rule-parameters.loaders.js';
import { toRuleParameters } from '../parameters/rule-parameters.mapper.js';
import { missingYear } from '../parameters/rule-parameters.service.js';
import { tenancyLoaders } from '../tenancies/tenancy.loaders.js';

/**
 * Who lives in a complex on a date, from its tenancies and their households: a feature above
 * complexes, tenancies and households, since it reads all three.
 */
@Injectable()
export class CompositionService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Composition on `asOf` from the complex's tenancies, batched across complexes via the loaders. */
  /**
   * `parameterYear`: whose income limits define the income bands (default: the year of asOf). A
   * proposal made in December for a move-in in January judges incomes by the limits of the decision.
   */
  async composition(
    complexId: number,
    loaders: LoaderScope,
    asOf: string | undefined,
    inflowYears: number,
    parameterYear?: number,
  ): Promise<EngineComposition> {
    const date = asOf ?? this.clock.today();
    const year = parameterYear ?? yearOf(date);
    const row = await loaders.of(ruleParameterLoaders).ruleParameters.load(year); // one query for all complexes of the page
    if (!row) throw missingYear(year, 'asOf');
    const params = toRuleParameters(row);
    const [tenancies, dwellingCount] = await Promise.all([
      loaders.of(tenancyLoaders).tenanciesByComplex.load(complexId),
      loaders.of(complexLoaders).dwellingCountByComplex.load(complexId),
    ]);
    const households = await loaders.of(householdLoaders).householdFacts.loadMany(tenancies.map((t) => t.householdId));
    return computeComposition({
      asOf: date,
      inflowSince: addYears(date, -inflowYears),
      dwellingCount,
      params,
      tenancies: tenancies.map((t, i) => {
        const household = households[i];
        if (household instanceof Error) throw household; // the load failed (e.g. the database went away): say so, not "missing"
        if (!household) throw new Error(`Tenancy ${t.id} refers to missing household ${t.householdId}`);
        return { household, dwellingId: t.dwellingId, startDate: t.startDate, endDate: t.endDate, allocationRoute: t.allocationRoute };
      }),
    });
  }
}
