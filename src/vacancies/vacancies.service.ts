import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PublicationState, responseAllowed, responseWithdrawalAllowed } from '../engine/letting/publication.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { Page, PageArgs, decodeCursor, toPage } from '../common/pagination.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { HouseholdEntity } from '../households/household.entity.js';
import { NeighbourhoodEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { stripUndefined } from '../common/objects.js';
import { CreateVacancyInput, UpdateVacancyInput, Vacancy, VacancyFilter } from './graphql/vacancy.type.js';
import { VacancyEntity, VacancyResponseEntity } from './vacancy.entity.js';
import { toVacancy } from './vacancy.mapper.js';

/** Statuses in which a vacancy is still being let. */
export const ACTIVE_VACANCY_STATUSES = ['OPEN', 'PROPOSED', 'OFFERED'] as const;

@Injectable()
export class VacanciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(filter: VacancyFilter = {}, page: PageArgs): Promise<Page<Vacancy>> {
    const qb = this.dataSource.manager.createQueryBuilder(VacancyEntity, 'v');
    if (filter.status) qb.andWhere('v.status = :status', { status: filter.status });
    if (filter.route) qb.andWhere('v.route = :route', { route: filter.route });
    if (filter.statusIn) qb.andWhere('v.status = ANY(:statusIn)', { statusIn: filter.statusIn });
    // LIKE's own characters are taken literally: a search for "VAC_1" finds only that text
    if (filter.referenceContains) qb.andWhere(`v.reference ILIKE :ref ESCAPE '\\'`, { ref: `%${filter.referenceContains.replace(/[\\%_]/g, '\\$&')}%` });
    if (filter.complexId || filter.complexCode || filter.buurtCode) {
      qb.innerJoin(DwellingEntity, 'd', 'd.id = v.dwelling_id');
      if (filter.complexId) qb.andWhere('d.complex_id = :cid', { cid: parseId(filter.complexId, 'filter.complexId') });
      if (filter.complexCode || filter.buurtCode) qb.innerJoin(ComplexEntity, 'c', 'c.id = d.complex_id');
      if (filter.complexCode) qb.andWhere('c.code = :code', { code: filter.complexCode });
      if (filter.buurtCode) qb.innerJoin(NeighbourhoodEntity, 'n', 'n.id = c.neighbourhood_id').andWhere('n.buurt_code = :bc', { bc: filter.buurtCode });
    }
    const totalCount = await qb.getCount();
    const rows = await qb
      .andWhere('v.id > :after', { after: decodeCursor(page.after) })
      .orderBy('v.id', 'ASC')
      .take(page.first + 1)
      .getMany();
    return toPage(rows, page.first, totalCount, toVacancy);
  }

  /** By id, or by the business reference people use (VAC-…): exactly one. */
  async get(id: string | undefined, reference?: string): Promise<Vacancy> {
    if ((id === undefined) === (reference === undefined)) throw DomainError.invalid([{ field: 'id', reason: 'give exactly one of id or reference' }]);
    const row =
      id !== undefined
        ? await this.dataSource.manager.findOneBy(VacancyEntity, { id: parseId(id, 'id') })
        : await this.dataSource.manager.findOneBy(VacancyEntity, { reference });
    if (!row) throw DomainError.notFound('Vacancy', (id ?? reference)!);
    return toVacancy(row);
  }

  async create(input: CreateVacancyInput): Promise<Vacancy> {
    const dwellingId = parseId(input.dwellingId, 'dwellingId');
    return this.dataSource.transaction(async (m) => {
      const dwelling = await m.findOne(DwellingEntity, { where: { id: dwellingId }, lock: { mode: 'pessimistic_write' } });
      if (!dwelling) throw DomainError.invalid([{ field: 'dwellingId', reason: `is not a known dwelling (${input.dwellingId})` }]);
      if (await m.existsBy(VacancyEntity, { dwellingId, status: In([...ACTIVE_VACANCY_STATUSES]) })) {
        throw new DomainError(ErrorCode.CONFLICT, `Dwelling ${dwelling.code} already has a vacancy in progress`);
      }
      const reference = input.reference ?? `VAC-${dwelling.code}-${input.availableFrom}`;
      if (await m.existsBy(VacancyEntity, { reference })) throw DomainError.invalid([{ field: 'reference', reason: `is already used (${reference})` }]);
      const saved = await m.save(
        VacancyEntity,
        m.create(VacancyEntity, {
          reference,
          dwellingId,
          availableFrom: input.availableFrom,
          route: input.route,
          status: 'OPEN',
          labelFallbackActive: input.labelFallbackActive ?? false,
          localTiesPriority: input.localTiesPriority ?? false,
        }),
      );
      return toVacancy(saved);
    });
  }

  async update(id: string, input: UpdateVacancyInput): Promise<Vacancy> {
    assertNoNulls(input);
    return this.dataSource.transaction(async (m) => {
      const row = await lockVacancy(m, id);
      if (row.status !== 'OPEN') throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${row.reference} is ${row.status}; only OPEN vacancies can be changed`);
      if (input.reference !== undefined && input.reference !== row.reference && (await m.existsBy(VacancyEntity, { reference: input.reference }))) {
        throw DomainError.invalid([{ field: 'reference', reason: `is already used (${input.reference})` }]);
      }
      Object.assign(row, stripUndefined(input));
      return toVacancy(await m.save(VacancyEntity, row));
    });
  }

  async withdraw(id: string): Promise<Vacancy> {
    return this.dataSource.transaction(async (m) => {
      const row = await lockVacancy(m, id);
      if (!(ACTIVE_VACANCY_STATUSES as readonly string[]).includes(row.status)) {
        throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${row.reference} is ${row.status} and can no longer be withdrawn`);
      }
      row.status = 'WITHDRAWN';
      await m.query(`UPDATE vacancy_publication SET state = 'WITHDRAWN' WHERE vacancy_id = $1 AND state IN ('PUBLISHED', 'CLOSED')`, [row.id]);
      // an offer out for a withdrawn vacancy can no longer be accepted, and its proposals are void
      await m.query(
        `UPDATE offer SET status = 'WITHDRAWN', stage = NULL, responded_at = now() WHERE vacancy_id = $1 AND status IN ('OPEN', 'PENDING_APPROVAL')`,
        [row.id],
      );
      await m.query(`UPDATE proposal SET status = 'SUPERSEDED' WHERE vacancy_id = $1 AND status = 'PROPOSED'`, [row.id]);
      return toVacancy(await m.save(VacancyEntity, row));
    });
  }

  /** Records that a household responded to the advertisement (choice-based letting). */
  async respond(vacancyId: string, householdId: string): Promise<Vacancy> {
    const hid = parseId(householdId, 'householdId');
    return this.dataSource.transaction(async (m) => {
      const row = await lockVacancy(m, vacancyId, 'vacancyId');
      if (row.status !== 'OPEN') throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${row.reference} is ${row.status}; responses are closed`);
      await this.assertInsideWindow(m, row, 'respond');
      const household = await m.findOneBy(HouseholdEntity, { id: hid });
      if (!household) throw DomainError.invalid([{ field: 'householdId', reason: `is not a known household (${householdId})` }]);
      if (!household.onWaitingList)
        throw DomainError.invalid([{ field: 'householdId', reason: `household ${household.reference} is not on the waiting list` }]);
      if (await m.existsBy(VacancyResponseEntity, { vacancyId: row.id, householdId: hid })) {
        throw new DomainError(ErrorCode.CONFLICT, `Household ${household.reference} already responded to ${row.reference}`);
      }
      await m.insert(VacancyResponseEntity, { vacancyId: row.id, householdId: hid });
      return toVacancy(row);
    });
  }

  /** Responses (and their withdrawal) only inside an advertised vacancy's reaction window (issue 17). */
  private async assertInsideWindow(m: EntityManager, vacancy: VacancyEntity, what: 'respond' | 'withdraw'): Promise<void> {
    const window = await windowOf(m, vacancy.id);
    if (!window) return;
    const check = (what === 'respond' ? responseAllowed : responseWithdrawalAllowed)(window, this.clock.today());
    if (!check.ok) throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference}: ${check.reason}`);
  }

  async withdrawResponse(vacancyId: string, householdId: string): Promise<Vacancy> {
    return this.dataSource.transaction(async (m) => {
      const row = await lockVacancy(m, vacancyId, 'vacancyId');
      await this.assertInsideWindow(m, row, 'withdraw');
      const result = await m.delete(VacancyResponseEntity, { vacancyId: row.id, householdId: parseId(householdId, 'householdId') });
      if (!result.affected) throw DomainError.notFound(`Response of household ${householdId} to vacancy`, vacancyId);
      return toVacancy(row);
    });
  }
}

/** The reaction window of an advertised vacancy (src/engine/letting/publication.ts); one not advertised through Woonmix takes what the officer records. */
async function windowOf(m: EntityManager, vacancyId: number) {
  const [p]: { state: PublicationState; opens_on: string; closes_on: string }[] = await m.query(
    `SELECT state, to_char(opens_on, 'YYYY-MM-DD') AS opens_on, to_char(closes_on, 'YYYY-MM-DD') AS closes_on FROM vacancy_publication WHERE vacancy_id = $1`,
    [vacancyId],
  );
  return p ? { state: p.state, opensAt: p.opens_on, closesAt: p.closes_on } : null;
}

async function lockVacancy(m: EntityManager, id: string, field = 'id'): Promise<VacancyEntity> {
  const row = await m.findOne(VacancyEntity, { where: { id: parseId(id, field) }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw DomainError.notFound('Vacancy', id);
  return row;
}
