import { Module } from '@nestjs/common';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { ParametersModule } from '../parameters/parameters.module.js';
import { TenanciesModule } from '../tenancies/tenancies.module.js';
import { ComplexCompositionResolver } from './composition.resolver.js';
import { CompositionService } from './composition.service.js';

/** The composition feature: its providers; exports only what other features use. */
@Module({
  imports: [ComplexesModule, HouseholdsModule, ParametersModule, TenanciesModule],
  providers: [CompositionService, ComplexCompositionResolver],
  exports: [CompositionService],
})
export class CompositionModule {}
