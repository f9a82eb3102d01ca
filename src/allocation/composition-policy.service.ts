import { parseJsonInput } from '../common/validation.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { CompositionPolicyDocument, compositionPolicyDocumentProblems, toCompositionPolicy } from '../engine/allocation/composition-policy-document.js';
import { CompositionPolicy } from '../engine/allocation/composition-policy.js';
import { IsoDate } from '../engine/model.js';
import { CompositionPolicyEntity } from './allocation.entities.js';

/** The association's composition policy: one line of versions (per-complex variation lives in its overrides). */
export const COMPOSITION_POLICY_CODE = 'DEFAULT';

export interface CompositionPolicyInForce {
  entity: CompositionPolicyEntity;
  policy: CompositionPolicy;
}

export interface AddCompositionPolicyVersion {
  effectiveFrom: IsoDate;
  name: string;
  document: string;
}

/** Versions of the composition policy: the one in force on a date, the list, and new versions (managers). */
@Injectable()
export class CompositionPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The newest version effective on the date, with per-complex overrides resolved to complex ids. */
  async inForce(m: EntityManager, onDate: IsoDate): Promise<CompositionPolicyInForce> {
    const entity = await m
      .createQueryBuilder(CompositionPolicyEntity, 'p')
      .where('p.code = :code AND p.effective_from <= :onDate', { code: COMPOSITION_POLICY_CODE, onDate })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .getOne();
    if (!entity) throw new Error(`No composition policy in force on ${onDate}; the DEFAULT policy is missing`);
    const doc = entity.document as unknown as CompositionPolicyDocument;
    const codes = Object.keys(doc.complexOverridesByCode);
    const complexes = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
    return {
      entity,
      policy: toCompositionPolicy(
        doc,
        { id: entity.code, version: entity.version, effectiveFrom: entity.effectiveFrom },
        new Map(complexes.map((c) => [c.code, c.id])),
      ),
    };
  }

  async versions(): Promise<CompositionPolicyEntity[]> {
    return this.dataSource.manager.find(CompositionPolicyEntity, { where: { code: COMPOSITION_POLICY_CODE }, order: { version: 'ASC' } });
  }

  /**
   * Adds the next version (a manager). The document is checked field by field; complexes named in
   * overrides must exist; the version takes effect today or later, so what was in force on a past
   * date (and every proposal made under it) stays as it was.
   */
  async addVersion(input: AddCompositionPolicyVersion, actor: Actor): Promise<CompositionPolicyEntity> {
    const document = parseJsonInput(input.document, 'document');
    const problems = compositionPolicyDocumentProblems(document).map((p) => ({
      field: p.field === 'document' ? 'document' : `document.${p.field}`,
      reason: p.reason,
    }));
    const today = this.clock.today();
    if (input.effectiveFrom < today) problems.push({ field: 'effectiveFrom', reason: `must be today (${today}) or later: a policy does not change the past` });
    if (problems.length) throw DomainError.invalid(problems);
    return this.dataSource.transaction(async (m) => {
      const codes = Object.keys((document as CompositionPolicyDocument).complexOverridesByCode);
      const known = codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : [];
      const unknown = codes.filter((c) => !known.some((k) => k.code === c));
      if (unknown.length) throw DomainError.invalid([{ field: 'document.complexOverridesByCode', reason: `names unknown complexes (${unknown.join(', ')})` }]);
      // lock the versions so two admins cannot both add the same next version
      const previous = await m.find(CompositionPolicyEntity, {
        where: { code: COMPOSITION_POLICY_CODE },
        order: { version: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      const saved = await m.save(
        CompositionPolicyEntity,
        m.create(CompositionPolicyEntity, {
          code: COMPOSITION_POLICY_CODE,
          version: (previous[0]?.version ?? 0) + 1,
          effectiveFrom: input.effectiveFrom,
          document: document as Record<string, unknown>,
          name: input.name.trim(),
        }),
      );
      await this.audit.append(
        m,
        actor,
        'COMPOSITION_POLICY_ADDED',
        { compositionPolicyId: saved.id },
        { code: saved.code, version: saved.version, name: saved.name, effectiveFrom: saved.effectiveFrom, document },
      );
      return saved;
    });
  }
}
