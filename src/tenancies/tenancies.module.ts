import { Module } from '@nestjs/common';
import { DwellingsModule } from '../dwellings/dwellings.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { DwellingTenancyResolver, HouseholdTenancyResolver } from './current-tenancy.resolver.js';
import { TenanciesResolver } from './tenancies.resolver.js';
import { TenanciesService } from './tenancies.service.js';

/** The tenancies feature: its providers; exports only what other features use. */
@Module({
  imports: [DwellingsModule, EligibilityModule, HouseholdsModule, VacanciesModule],
  providers: [TenanciesService, TenanciesResolver, DwellingTenancyResolver, HouseholdTenancyResolver],
})
export class TenanciesModule {}
