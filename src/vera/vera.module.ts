import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { VeraExportService } from './vera-export.service.js';
import { VeraImportService } from './vera-import.service.js';
import { VeraValidators } from './vera-validators.js';
import { VeraResolver } from './vera.resolver.js';

/** VERA-WRV interchange (issue 19): the sector's documents into and out of Woonmix. */
@Module({
  imports: [AuditModule, ImportsModule],
  providers: [VeraValidators, VeraExportService, VeraImportService, VeraResolver],
})
export class VeraModule {}
