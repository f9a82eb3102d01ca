import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { LocalPolicy } from '../engine/eligibility/local-policy.js';
import { IsoDate } from '../engine/model.js';
import { LocalPolicyEntity } from './local-policy.entity.js';
import { designatedComplexCodes, toLocalPolicy } from './local-policy.mapper.js';

export interface PolicyInForce {
  entity: LocalPolicyEntity;
  policy: LocalPolicy;
}

/** Picks the policy version in force for a municipality on a date: its own region's, else the default. */
@Injectable()
export class LocalPolicyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `municipalityCode` null: the fallback policy (no region), used for the association as a whole. */
  async inForce(municipalityCode: string | null, onDate: IsoDate, m: EntityManager = this.dataSource.manager): Promise<PolicyInForce> {
    const qb = m.createQueryBuilder(LocalPolicyEntity, 'p').where('p.effective_from <= :onDate', { onDate });
    if (municipalityCode === null) qb.andWhere("p.municipality_codes = '{}'");
    else qb.andWhere("(:mc = ANY(p.municipality_codes) OR p.municipality_codes = '{}')", { mc: municipalityCode });
    const entity = await qb
      // a region's own policy beats the fallback; then the newest effective date, then the newest version
      .orderBy("cardinality(p.municipality_codes) = 0", 'ASC')
      .addOrderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .getOne();
    if (!entity) throw new Error(`No local policy in force for ${municipalityCode ?? 'the association'} on ${onDate}; the DEFAULT policy is missing`);
    const codes = designatedComplexCodes(entity);
    const complexes = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
    return { entity, policy: toLocalPolicy(entity, new Map(complexes.map((c) => [c.code, c.id]))) };
  }
}
