import { Module } from '@nestjs/common';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** The audit feature: its providers; exports only what other features use. */
@Module({
  providers: [AuditService, AuditCheckpoints, AuditResolver],
  exports: [AuditService],
})
export class AuditModule {}
