import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { Roles } from '../auth/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { AUDIT_EVENT_TYPES, AuditService } from './audit.service.js';
import { AuditChainVerification, AuditCheckpoint, AuditEvent } from './graphql/audit.type.js';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly auditService: AuditService,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  @Roles('AUDITOR')
  @Query(() => [AuditEvent], { description: 'The audit log in order, after a sequence number (at most 200 per page)' })
  async auditEvents(
    @Args('afterSeq', { type: () => Int, defaultValue: 0 }) afterSeq: number,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('type', { type: () => String, nullable: true }) type?: string | null,
    @Args('actor', { type: () => String, nullable: true, description: 'Only events of this subject (who acted)' }) actor?: string | null,
    @Args('vacancyId', { type: () => ID, nullable: true, description: 'Only events about this vacancy' }) vacancyId?: string | null,
    @Args('from', { type: () => String, nullable: true, description: 'Only events on or after this day (YYYY-MM-DD, UTC)' }) from?: string | null,
    @Args('to', { type: () => String, nullable: true, description: 'Only events on or before this day (YYYY-MM-DD, UTC)' }) to?: string | null,
  ) {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    const problems = [
      ...(from && !(day.test(from) && isRealDate(from)) ? [{ field: 'from', reason: 'must be a date YYYY-MM-DD' }] : []),
      ...(to && !(day.test(to) && isRealDate(to)) ? [{ field: 'to', reason: 'must be a date YYYY-MM-DD' }] : []),
      ...(from && to && from > to ? [{ field: 'to', reason: 'must not be before from' }] : []),
      ...(actor !== null && actor !== undefined && (actor.length < 1 || actor.length > 100) ? [{ field: 'actor', reason: 'must be 1-100 characters' }] : []),
      ...(afterSeq < 0 ? [{ field: 'afterSeq', reason: 'must be 0 or more' }] : []),
      ...(limit < 1 || limit > 200 ? [{ field: 'limit', reason: 'must be from 1 to 200' }] : []),
      ...(type && !(AUDIT_EVENT_TYPES as readonly string[]).includes(type)
        ? [{ field: 'type', reason: `must be one of ${AUDIT_EVENT_TYPES.join(', ')}` }]
        : []),
    ];
    if (problems.length) throw DomainError.invalid(problems);
    const events = await this.auditService.page(afterSeq, limit, {
      type: type ?? undefined,
      actor: actor ?? undefined,
      vacancyId: vacancyId ? parseId(vacancyId, 'vacancyId') : undefined,
      from: from ?? undefined,
      to: to ?? undefined,
    });
    return events.map((e) => ({ ...e, subject: JSON.stringify(e.subject) }));
  }

  @Roles('AUDITOR')
  @Query(() => AuditChainVerification, { complexity: 500, description: 'Checks the hash chain from one event to another (default: the whole log)' })
  async verifyAuditChain(
    @Args('fromSeq', { type: () => Int, defaultValue: 1 }) fromSeq: number,
    @Args('toSeq', { type: () => Int, nullable: true }) toSeq?: number | null,
  ) {
    return this.auditService.verify(fromSeq, toSeq ?? undefined);
  }

  @Roles('AUDITOR', 'ADMIN')
  @Mutation(() => AuditCheckpoint, {
    nullable: true,
    description: "Writes a signed checkpoint of the log's head outside the database now (also done every AUDIT_CHECKPOINT_SECONDS); null on an empty log",
  })
  async writeAuditCheckpoint() {
    const c = await this.checkpoints.write();
    return c && { seq: c.seq, hash: c.hash, at: c.at };
  }
}

function isRealDate(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
