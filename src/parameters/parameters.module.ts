import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RuleParametersService } from './rule-parameters.service.js';

/** The parameters feature: its providers; exports only what other features use. */
@Module({
  imports: [AuditModule],
  providers: [RuleParametersService],
  exports: [RuleParametersService],
})
export class ParametersModule {}
