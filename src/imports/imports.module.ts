import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { DwellingsModule } from '../dwellings/dwellings.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { NeighbourhoodsModule } from '../neighbourhoods/neighbourhoods.module.js';
import { TenanciesModule } from '../tenancies/tenancies.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { ImportsResolver } from './imports.resolver.js';
import { ImportsService } from './imports.service.js';

/** The imports feature: its providers; exports only what other features use. */
@Module({
  imports: [AuditModule, ComplexesModule, DwellingsModule, HouseholdsModule, NeighbourhoodsModule, TenanciesModule, VacanciesModule],
  providers: [ImportsService, ImportsResolver],
  exports: [ImportsService],
})
export class ImportsModule {}
