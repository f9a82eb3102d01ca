import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { escapeLike } from '../common/objects.js';
import { Page, PageArgs, decodeCursor, toPage } from '../common/pagination.js';
import type { LoaderScope } from '../common/request-context.js';
import { toRuleParameters } from '../eligibility/rule-parameters.mapper.js';
import { missingYear } from '../eligibility/rule-parameters.service.js';
import { addYears, yearOf } from '../engine/common/dates.js';
import { Composition as EngineComposition, computeComposition } from '../engine/composition/compute-composition.js';
import { NeighbourhoodEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { ComplexEntity } from './complex.entity.js';
import { toComplex } from './complex.mapper.js';
import { Complex, ComplexFilter, CreateComplexInput, UpdateComplexInput } from './graphql/complex.type.js';
import { complexLoaders } from './complex.loaders.js';
import { householdLoaders } from '../households/household.loaders.js';
import { ruleParameterLoaders } from '../eligibility/rule-parameters.loaders.js';
import { tenancyLoaders } from '../tenancies/tenancy.loaders.js';

@Injectable()
export class ComplexesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(filter: ComplexFilter = {}, page: PageArgs): Promise<Page<Complex>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(ComplexEntity, 'c')
      .innerJoin(NeighbourhoodEntity, 'n', 'n.id = c.neighbourhood_id');
    if (filter.buurtCode) qb.andWhere('n.buurt_code = :buurtCode', { buurtCode: filter.buurtCode });
    if (filter.municipalityCode) qb.andWhere('n.municipality_code = :mc', { mc: filter.municipalityCode });
    if (filter.maxResilienceClass) qb.andWhere('n.resilience_class <= :maxRc', { maxRc: filter.maxResilienceClass });
    if (filter.search) qb.andWhere('(c.code ILIKE :s OR c.name ILIKE :s)', { s: `%${escapeLike(filter.search)}%` });
    const totalCount = await qb.getCount();
    const rows = await qb
      .andWhere('c.id > :after', { after: decodeCursor(page.after) })
      .orderBy('c.id', 'ASC')
      .take(page.first + 1)
      .getMany();
    return toPage(rows, page.first, totalCount, toComplex);
  }

  async get(id: string): Promise<Complex> {
    const row = await this.dataSource.manager.findOneBy(ComplexEntity, { id: parseId(id, 'id') });
    if (!row) throw DomainError.notFound('Complex', id);
    return toComplex(row);
  }

  async create(input: CreateComplexInput): Promise<Complex> {
    return this.dataSource.transaction(async (m) => {
      const neighbourhood = await m.findOneBy(NeighbourhoodEntity, { buurtCode: input.buurtCode });
      if (!neighbourhood) throw DomainError.invalid([{ field: 'buurtCode', reason: `is not a known neighbourhood (${input.buurtCode})` }]);
      if (await m.existsBy(ComplexEntity, { code: input.code })) {
        throw DomainError.invalid([{ field: 'code', reason: `is already used by another complex (${input.code})` }]);
      }
      const saved = await m.save(ComplexEntity, m.create(ComplexEntity, { code: input.code, name: input.name, neighbourhoodId: neighbourhood.id }));
      return toComplex(saved);
    });
  }

  async update(id: string, input: UpdateComplexInput): Promise<Complex> {
    assertNoNulls(input);
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(ComplexEntity, { where: { id: parseId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('Complex', id);
      if (input.buurtCode !== undefined) {
        const neighbourhood = await m.findOneBy(NeighbourhoodEntity, { buurtCode: input.buurtCode });
        if (!neighbourhood) throw DomainError.invalid([{ field: 'buurtCode', reason: `is not a known neighbourhood (${input.buurtCode})` }]);
        row.neighbourhoodId = neighbourhood.id;
      }
      if (input.code !== undefined && input.code !== row.code) {
        if (await m.existsBy(ComplexEntity, { code: input.code })) {
          throw DomainError.invalid([{ field: 'code', reason: `is already used by another complex (${input.code})` }]);
        }
        row.code = input.code;
      }
      if (input.name !== undefined) row.name = input.name;
      return toComplex(await m.save(ComplexEntity, row));
    });
  }

  /** Composition on `asOf` from the complex's tenancies, batched across complexes via the loaders. */
  /**
   * `parameterYear`: whose income limits define the income bands (default: the year of asOf). A
   * proposal made in December for a move-in in January judges incomes by the limits of the decision.
   */
  async composition(complexId: number, loaders: LoaderScope, asOf: string | undefined, inflowYears: number, parameterYear?: number): Promise<EngineComposition> {
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
