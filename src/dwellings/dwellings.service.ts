import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { Page, PageArgs, decodeCursor, toPage } from '../common/pagination.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { stripUndefined } from '../common/objects.js';
import { DwellingEntity } from './dwelling.entity.js';
import { toDwelling } from './dwelling.mapper.js';
import { AccessibilityEnum, CreateDwellingInput, Dwelling, DwellingFieldsInput, DwellingFilter, UpdateDwellingInput } from './graphql/dwelling.type.js';

/** Defaults of optional dwelling fields, applied on create and import (never on update). */
export function withDwellingDefaults<T extends Pick<DwellingFieldsInput, 'serviceCostsCents' | 'accessibility' | 'labels'>>(fields: T) {
  return {
    ...fields,
    serviceCostsCents: fields.serviceCostsCents ?? 0,
    accessibility: fields.accessibility ?? AccessibilityEnum.NONE,
    labels: fields.labels ?? [],
  };
}

@Injectable()
export class DwellingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: DwellingFilter = {}, page: PageArgs): Promise<Page<Dwelling>> {
    const qb = this.dataSource.manager.createQueryBuilder(DwellingEntity, 'd');
    if (filter.complexId) qb.andWhere('d.complex_id = :cid', { cid: parseId(filter.complexId, 'filter.complexId') });
    if (filter.isDaeb !== undefined) qb.andWhere('d.is_daeb = :daeb', { daeb: filter.isDaeb });
    if (filter.minRooms) qb.andWhere('d.rooms >= :minRooms', { minRooms: filter.minRooms });
    if (filter.maxNetRentCents !== undefined) qb.andWhere('d.net_rent_cents <= :maxRent', { maxRent: filter.maxNetRentCents });
    if (filter.accessibility) qb.andWhere('d.accessibility = :acc', { acc: filter.accessibility });
    if (filter.label) qb.andWhere(':label = ANY(d.labels)', { label: filter.label });
    if (filter.vacant !== undefined) {
      qb.andWhere(`${filter.vacant ? 'NOT ' : ''}EXISTS (SELECT 1 FROM tenancy t WHERE t.dwelling_id = d.id AND t.end_date IS NULL)`);
    }
    const totalCount = await qb.getCount();
    const rows = await qb
      .andWhere('d.id > :after', { after: decodeCursor(page.after) })
      .orderBy('d.id', 'ASC')
      .take(page.first + 1)
      .getMany();
    return toPage(rows, page.first, totalCount, toDwelling);
  }

  async get(id: string): Promise<Dwelling> {
    const row = await this.dataSource.manager.findOneBy(DwellingEntity, { id: parseId(id, 'id') });
    if (!row) throw DomainError.notFound('Dwelling', id);
    return toDwelling(row);
  }

  async create(input: CreateDwellingInput): Promise<Dwelling> {
    const complexId = parseId(input.complexId, 'complexId');
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(ComplexEntity, { id: complexId })))
        throw DomainError.invalid([{ field: 'complexId', reason: `is not a known complex (${input.complexId})` }]);
      if (await m.existsBy(DwellingEntity, { code: input.code }))
        throw DomainError.invalid([{ field: 'code', reason: `is already used by another dwelling (${input.code})` }]);
      const { complexId: _ignored, ...fields } = input;
      return toDwelling(await m.save(DwellingEntity, m.create(DwellingEntity, { ...withDwellingDefaults(fields), complexId })));
    });
  }

  async update(id: string, input: UpdateDwellingInput): Promise<Dwelling> {
    assertNoNulls(input);
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(DwellingEntity, { where: { id: parseId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('Dwelling', id);
      if (input.code !== undefined && input.code !== row.code && (await m.existsBy(DwellingEntity, { code: input.code }))) {
        throw DomainError.invalid([{ field: 'code', reason: `is already used by another dwelling (${input.code})` }]);
      }
      Object.assign(row, stripUndefined(input));
      return toDwelling(await m.save(DwellingEntity, row));
    });
  }
}
