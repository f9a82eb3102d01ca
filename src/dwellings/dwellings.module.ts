import { Module } from '@nestjs/common';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { DwellingsResolver } from './dwellings.resolver.js';
import { DwellingsService } from './dwellings.service.js';

/** The dwellings feature: its providers; exports only what other features use. */
@Module({
  imports: [ComplexesModule],
  providers: [DwellingsService, DwellingsResolver],
})
export class DwellingsModule {}
