import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { ResilienceModule } from '../resilience/resilience.module.js';
import { DemoSeederService } from './demo-seeder.service.js';

/** The demo feature: its providers; exports only what other features use. */
@Module({
  imports: [AllocationModule, ImportsModule, ResilienceModule],
  providers: [DemoSeederService],
  exports: [DemoSeederService],
})
export class DemoModule {}
