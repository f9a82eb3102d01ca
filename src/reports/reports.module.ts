import { Module } from '@nestjs/common';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { ParametersModule } from '../parameters/parameters.module.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';

/** The reports feature: its providers; exports only what other features use. */
@Module({
  imports: [EligibilityModule, HouseholdsModule, ParametersModule],
  providers: [ReportsService, ReportsResolver],
})
export class ReportsModule {}
