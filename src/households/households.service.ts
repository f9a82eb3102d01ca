import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoNulls } from '../common/validation.js';
import { parseId } from '../common/ids.js';
import { Page, PageArgs, decodeCursor, toPage } from '../common/pagination.js';
import { escapeLike } from '../common/objects.js';
import { CreateHouseholdInput, Household, HouseholdFieldsInput, UpdateHouseholdInput } from './graphql/household.type.js';
import { HouseholdFilter } from './graphql/household-filter.type.js';
import { householdConsistencyProblems } from './household-consistency.js';
import { HouseholdEntity, HouseholdMemberEntity } from './household.entity.js';
import { toHousehold, toHouseholdRow } from './household.mapper.js';

@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(filter: HouseholdFilter = {}, page: PageArgs): Promise<Page<Household>> {
    const qb = this.dataSource.manager.createQueryBuilder(HouseholdEntity, 'h');
    if (filter.onWaitingList !== undefined) qb.andWhere('h.on_waiting_list = :owl', { owl: filter.onWaitingList });
    if (filter.urgent !== undefined) qb.andWhere(filter.urgent ? 'h.urgency_category IS NOT NULL' : 'h.urgency_category IS NULL');
    if (filter.incomeSource) qb.andWhere('h.income_source = :src', { src: filter.incomeSource });
    if (filter.registeredBefore) qb.andWhere('h.registration_date < :rb', { rb: filter.registeredBefore });
    if (filter.referencePrefix) qb.andWhere('h.reference LIKE :rp', { rp: `${escapeLike(filter.referencePrefix)}%` });
    if (filter.minSize || filter.maxSize) {
      qb.andWhere('(SELECT count(*) FROM household_member hm WHERE hm.household_id = h.id) BETWEEN :mn AND :mx', {
        mn: filter.minSize ?? 1,
        mx: filter.maxSize ?? 1000,
      });
    }
    const totalCount = await qb.getCount();
    const ids = (
      await qb
        .select('h.id', 'id')
        .andWhere('h.id > :after', { after: decodeCursor(page.after) })
        .orderBy('h.id', 'ASC')
        .limit(page.first + 1)
        .getRawMany<{ id: number }>()
    ).map((r) => Number(r.id));
    const rows = ids.length
      ? await this.dataSource.manager.find(HouseholdEntity, { where: ids.map((id) => ({ id })), relations: { members: true }, order: { id: 'ASC' } })
      : [];
    return toPage(rows, page.first, totalCount, toHousehold);
  }

  async get(id: string): Promise<Household> {
    const row = await this.dataSource.manager.findOne(HouseholdEntity, { where: { id: parseId(id, 'id') }, relations: { members: true } });
    if (!row) throw DomainError.notFound('Household', id);
    return toHousehold(row);
  }

  async create(input: CreateHouseholdInput): Promise<Household> {
    this.assertConsistent(input);
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(HouseholdEntity, { reference: input.reference })) {
        throw DomainError.invalid([{ field: 'reference', reason: `is already used by another household (${input.reference})` }]);
      }
      return toHousehold(await insertHousehold(m, input));
    });
  }

  async update(id: string, input: UpdateHouseholdInput): Promise<Household> {
    assertNoNulls(input, [
      'box3AssetsCents',
      'rankingPoints',
      'urgencyCategory',
      'urgencyGranted',
      'urgencyExpires',
      'localTiesMunicipalityCode',
      'localTiesYears',
      'indicationKind',
      'indicationAccessibility',
    ]);
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(HouseholdEntity, {
        where: { id: parseId(id, 'id') },
        relations: { members: true },
        lock: { mode: 'pessimistic_write', tables: ['household'] },
      });
      if (!row) throw DomainError.notFound('Household', id);
      const current = toHousehold(row);
      const merged: HouseholdFieldsInput = {
        reference: current.reference,
        members: current.members,
        taxableIncomeCents: current.taxableIncomeCents,
        incomeYear: current.incomeYear,
        incomeSource: current.incomeSource,
        box3AssetsCents: current.box3AssetsCents,
        rankingPoints: current.rankingPoints,
        registrationDate: current.registrationDate,
        urgencyCategory: current.urgency?.category ?? null,
        urgencyGranted: current.urgency?.granted ?? null,
        urgencyExpires: current.urgency?.expires ?? null,
        supportNeeds: current.supportNeeds,
        localTiesMunicipalityCode: current.localTies?.municipalityCode ?? null,
        localTiesYears: current.localTies?.years ?? null,
        indicationKind: current.indication?.kind ?? null,
        indicationAccessibility: current.indication?.accessibility ?? null,
        preferences: {
          minRooms: current.preferences.minRooms ?? undefined,
          maxNetRentCents: current.preferences.maxNetRentCents ?? undefined,
          buurtCodes: current.preferences.buurtCodes,
        },
        onWaitingList: current.onWaitingList,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      };
      this.assertConsistent(merged);
      if (merged.reference !== row.reference && (await m.existsBy(HouseholdEntity, { reference: merged.reference }))) {
        throw DomainError.invalid([{ field: 'reference', reason: `is already used by another household (${merged.reference})` }]);
      }
      await m.update(HouseholdEntity, { id: row.id }, toHouseholdRow(merged));
      if (input.members) {
        await m.delete(HouseholdMemberEntity, { householdId: row.id });
        await m.insert(HouseholdMemberEntity, memberRows(row.id, input.members));
      }
      return toHousehold((await m.findOne(HouseholdEntity, { where: { id: row.id }, relations: { members: true } }))!);
    });
  }

  /** Takes the household off the waiting list (history and tenancies stay). */
  async withdraw(id: string): Promise<Household> {
    return this.dataSource.transaction(async (m) => {
      const householdId = parseId(id, 'id');
      const result = await m.update(HouseholdEntity, { id: householdId }, { onWaitingList: false });
      if (!result.affected) throw DomainError.notFound('Household', id);
      // an offer out to the household lapses; its vacancy waits for a new proposal
      const lapsed: { vacancy_id: number }[] = await m.query(
        `UPDATE offer SET status = 'WITHDRAWN', stage = NULL, responded_at = now() WHERE household_id = $1 AND status IN ('OPEN', 'PENDING_APPROVAL') RETURNING vacancy_id`,
        [householdId],
      );
      if (lapsed.length) await m.query(`UPDATE vacancy SET status = 'OPEN' WHERE id = ANY($1) AND status = 'OFFERED'`, [lapsed.map((r) => r.vacancy_id)]);
      await m.query(`UPDATE proposal SET status = 'SUPERSEDED' WHERE chosen_household_id = $1 AND status = 'PROPOSED'`, [householdId]);
      return toHousehold((await m.findOne(HouseholdEntity, { where: { id: householdId }, relations: { members: true } }))!);
    });
  }

  private assertConsistent(input: HouseholdFieldsInput): void {
    const problems = householdConsistencyProblems(input, this.clock.today());
    if (problems.length) throw DomainError.invalid(problems);
  }
}

export function memberRows(householdId: number, members: HouseholdFieldsInput['members']) {
  return members.map((member, position) => ({ householdId, position, role: member.role, birthDate: member.birthDate }));
}

export async function insertHousehold(m: EntityManager, input: HouseholdFieldsInput): Promise<HouseholdEntity> {
  const { identifiers } = await m.insert(HouseholdEntity, toHouseholdRow(input));
  const id = Number(identifiers[0].id);
  await m.insert(HouseholdMemberEntity, memberRows(id, input.members));
  return (await m.findOne(HouseholdEntity, { where: { id }, relations: { members: true } }))!;
}
