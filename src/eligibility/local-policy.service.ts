import { parseJsonInput } from '../common/validation.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { localPolicyDocumentProblems } from '../engine/eligibility/local-policy-document.validation.js';
import { AddLocalPolicyVersionInput } from './graphql/local-policy.type.js';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** `municipalityCode` null: the fallback policy (no region), used for the association as a whole. */
  async inForce(municipalityCode: string | null, onDate: IsoDate, m: EntityManager = this.dataSource.manager): Promise<PolicyInForce> {
    const qb = m.createQueryBuilder(LocalPolicyEntity, 'p').where('p.effective_from <= :onDate', { onDate });
    if (municipalityCode === null) qb.andWhere("p.municipality_codes = '{}'");
    else qb.andWhere("(:mc = ANY(p.municipality_codes) OR p.municipality_codes = '{}')", { mc: municipalityCode });
    const entity = await qb
      // a region's own policy beats the fallback; then the newest effective date, then the newest version
      .orderBy('cardinality(p.municipality_codes) = 0', 'ASC')
      .addOrderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .getOne();
    if (!entity) throw new Error(`No local policy in force for ${municipalityCode ?? 'the association'} on ${onDate}; the DEFAULT policy is missing`);
    const codes = designatedComplexCodes(entity);
    const complexes = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
    return { entity, policy: toLocalPolicy(entity, new Map(complexes.map((c) => [c.code, c.id]))) };
  }

  async versions(code?: string): Promise<LocalPolicyEntity[]> {
    return this.dataSource.manager.find(LocalPolicyEntity, { where: code ? { code } : {}, order: { code: 'ASC', version: 'ASC' } });
  }

  /** Adds the next version of a policy (admin); the document is validated field by field first. */
  async addVersion(input: AddLocalPolicyVersionInput, actor: Actor): Promise<LocalPolicyEntity> {
    const document = parseJsonInput(input.document, 'document');
    const problems = localPolicyDocumentProblems(document);
    if (problems.length)
      throw DomainError.invalid(problems.map((p) => ({ field: p.field === 'document' ? 'document' : `document.${p.field}`, reason: p.reason })));
    return this.dataSource.transaction(async (m) => {
      const codes = (document as { rotterdamwet: { designatedComplexCodes: string[] } }).rotterdamwet.designatedComplexCodes;
      const known = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
      const unknown = codes.filter((c) => !known.some((k) => k.code === c));
      if (unknown.length)
        throw DomainError.invalid([{ field: 'document.rotterdamwet.designatedComplexCodes', reason: `names unknown complexes (${unknown.join(', ')})` }]);
      // lock the policy's versions so two admins cannot both add the same next version
      const previous = await m.find(LocalPolicyEntity, { where: { code: input.code }, order: { version: 'DESC' }, lock: { mode: 'pessimistic_write' } });
      if (input.code === 'DEFAULT' && input.municipalityCodes.length > 0) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The DEFAULT policy covers every municipality: municipalityCodes must be empty', [
          { field: 'municipalityCodes', reason: 'must be empty for DEFAULT' },
        ]);
      }
      const saved = await m.save(
        LocalPolicyEntity,
        m.create(LocalPolicyEntity, {
          code: input.code,
          version: (previous[0]?.version ?? 0) + 1,
          name: input.name,
          municipalityCodes: [...input.municipalityCodes].sort(),
          effectiveFrom: input.effectiveFrom,
          document: document as Record<string, unknown>,
        }),
      );
      await this.audit.append(
        m,
        actor,
        'LOCAL_POLICY_ADDED',
        { localPolicyId: saved.id },
        {
          code: saved.code,
          version: saved.version,
          name: saved.name,
          municipalityCodes: saved.municipalityCodes,
          effectiveFrom: saved.effectiveFrom,
          document,
        },
      );
      return saved;
    });
  }
}
