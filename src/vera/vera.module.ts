import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { VeraExportService } from './vera-export.service.js';
import { VeraResolver } from './vera.resolver.js';

/** VERA-WRV interchange (issue 19): the sector's documents out of (and, next, into) Woonmix. */
@Module({
  imports: [AuditModule],
  providers: [VeraExportService, VeraResolver],
})
export class VeraModule {}
