import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { stripUndefined } from '../common/objects.js';
import { buurtInMunicipality } from '../common/validators.js';
import { CreateNeighbourhoodInput, Neighbourhood, ResilienceClass, UpdateNeighbourhoodInput } from './graphql/neighbourhood.type.js';
import { NeighbourhoodEntity, ResilienceClassEntity } from './neighbourhood.entity.js';
import { toNeighbourhood, toResilienceClass } from './neighbourhood.mapper.js';

@Injectable()
export class NeighbourhoodsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(municipalityCode?: string): Promise<Neighbourhood[]> {
    const rows = await this.dataSource.manager.find(NeighbourhoodEntity, {
      where: municipalityCode ? { municipalityCode } : {},
      order: { buurtCode: 'ASC' },
    });
    return rows.map(toNeighbourhood);
  }

  async resilienceClasses(): Promise<ResilienceClass[]> {
    return (await this.dataSource.manager.find(ResilienceClassEntity, { order: { class: 'ASC' } })).map(toResilienceClass);
  }

  async create(input: CreateNeighbourhoodInput): Promise<Neighbourhood> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(NeighbourhoodEntity, { buurtCode: input.buurtCode })) {
        throw DomainError.invalid([{ field: 'buurtCode', reason: `is already registered (${input.buurtCode})` }]);
      }
      return toNeighbourhood(await m.save(NeighbourhoodEntity, m.create(NeighbourhoodEntity, { ...input, resilienceScore: input.resilienceScore ?? null })));
    });
  }

  async update(id: string, input: UpdateNeighbourhoodInput): Promise<Neighbourhood> {
    assertNoNulls(input, ['resilienceScore']);
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(NeighbourhoodEntity, { where: { id: parseId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('Neighbourhood', id);
      if (input.buurtCode !== undefined && input.buurtCode !== row.buurtCode && (await m.existsBy(NeighbourhoodEntity, { buurtCode: input.buurtCode }))) {
        throw DomainError.invalid([{ field: 'buurtCode', reason: `is already registered (${input.buurtCode})` }]);
      }
      Object.assign(row, stripUndefined(input));
      if (!buurtInMunicipality(row.buurtCode, row.municipalityCode)) {
        throw DomainError.invalid([
          {
            field: input.buurtCode !== undefined ? 'buurtCode' : 'municipalityCode',
            reason: `buurt ${row.buurtCode} is not in municipality ${row.municipalityCode} (a CBS buurtcode starts with BU and the gemeente's 4 digits)`,
          },
        ]);
      }
      return toNeighbourhood(await m.save(NeighbourhoodEntity, row));
    });
  }
}
