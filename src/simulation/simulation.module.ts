import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ParametersModule } from '../parameters/parameters.module.js';
import { SimulationChartsController } from './simulation-charts.controller.js';
import { SimulationInputBuilder } from './simulation-input.builder.js';
import { SimulationRunner } from './simulation-runner.service.js';
import { SimulationsResolver } from './simulations.resolver.js';
import { SimulationsService } from './simulations.service.js';

/** The simulation feature: its providers; exports only what other features use. */
@Module({
  imports: [AllocationModule, AuditModule, ComplexesModule, EligibilityModule, HouseholdsModule, JobsModule, ParametersModule],
  controllers: [SimulationChartsController],
  providers: [SimulationInputBuilder, SimulationRunner, SimulationsService, SimulationsResolver],
})
export class SimulationModule {}
