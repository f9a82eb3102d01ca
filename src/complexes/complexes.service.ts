import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { escapeLike } from '../common/objects.js';
import { Page, PageArgs, decodeCursor, toPage } from '../common/pagination.js';
import { NeighbourhoodEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { ComplexEntity } from './complex.entity.js';
import { toComplex } from './complex.mapper.js';
import { Complex, ComplexFilter, CreateComplexInput, UpdateComplexInput } from './graphql/complex.type.js';

@Injectable()
export class ComplexesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: ComplexFilter = {}, page: PageArgs): Promise<Page<Complex>> {
    const qb = this.dataSource.manager.createQueryBuilder(ComplexEntity, 'c').innerJoin(NeighbourhoodEntity, 'n', 'n.id = c.neighbourhood_id');
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
}
