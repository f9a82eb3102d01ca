import { Module } from '@nestjs/common';
import { NeighbourhoodsModule } from '../neighbourhoods/neighbourhoods.module.js';
import { ComplexesResolver } from './complexes.resolver.js';
import { ComplexesService } from './complexes.service.js';

/** The complexes feature: its providers; exports only what other features use. */
@Module({
  imports: [NeighbourhoodsModule],
  providers: [ComplexesService, ComplexesResolver],
})
export class ComplexesModule {}
