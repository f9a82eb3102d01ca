import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { ComplexTargetOverride, CompositionPolicy } from '../engine/allocation/composition-policy.js';
import { IsoDate } from '../engine/model.js';
import { CompositionPolicyEntity } from './allocation.entities.js';

type CompositionDocument = Omit<CompositionPolicy, 'id' | 'version' | 'effectiveFrom' | 'complexOverrides'> & {
  complexOverridesByCode: Record<string, ComplexTargetOverride>;
};

export interface CompositionPolicyInForce {
  entity: CompositionPolicyEntity;
  policy: CompositionPolicy;
}

/** The composition policy version in force on a date, with per-complex overrides resolved to ids. */
@Injectable()
export class CompositionPolicyService {
  async inForce(m: EntityManager, onDate: IsoDate): Promise<CompositionPolicyInForce> {
    const entity = await m
      .createQueryBuilder(CompositionPolicyEntity, 'p')
      .where('p.effective_from <= :onDate', { onDate })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .getOne();
    if (!entity) throw new Error(`No composition policy in force on ${onDate}; the DEFAULT policy is missing`);
    const { complexOverridesByCode, ...rest } = entity.document as unknown as CompositionDocument;
    const codes = Object.keys(complexOverridesByCode);
    const complexes = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
    const complexOverrides = Object.fromEntries(complexes.map((c) => [c.id, complexOverridesByCode[c.code]]));
    return { entity, policy: { ...rest, id: entity.code, version: entity.version, effectiveFrom: entity.effectiveFrom, complexOverrides } };
  }
}
