import { Module } from '@nestjs/common';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { DwellingsModule } from '../dwellings/dwellings.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { NeighbourhoodsModule } from '../neighbourhoods/neighbourhoods.module.js';
import { VacanciesResolver, VacancyResponseResolver } from './vacancies.resolver.js';
import { VacanciesService } from './vacancies.service.js';

/** The vacancies feature: its providers; exports only what other features use. */
@Module({
  imports: [ComplexesModule, DwellingsModule, HouseholdsModule, NeighbourhoodsModule],
  providers: [VacanciesService, VacanciesResolver, VacancyResponseResolver],
  // a letting played back that cannot be let is withdrawn the way an officer withdraws one (src/allocation/letting-replay.service.ts)
  exports: [VacanciesService],
})
export class VacanciesModule {}
