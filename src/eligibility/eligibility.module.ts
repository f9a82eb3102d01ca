import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { DwellingsModule } from '../dwellings/dwellings.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { NeighbourhoodsModule } from '../neighbourhoods/neighbourhoods.module.js';
import { ParametersModule } from '../parameters/parameters.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { EligibilityResolver, EligibilityVerdictResolver, EligibleCandidateResolver } from './eligibility.resolver.js';
import { EligibilityService } from './eligibility.service.js';
import { LocalPolicyService } from './local-policy.service.js';
import { QuotaLedgerService } from './quota-ledger.service.js';

/** The eligibility feature: its providers; exports only what other features use. */
@Module({
  imports: [AuditModule, ComplexesModule, DwellingsModule, HouseholdsModule, NeighbourhoodsModule, ParametersModule, VacanciesModule],
  providers: [LocalPolicyService, QuotaLedgerService, EligibilityService, EligibilityResolver, EligibilityVerdictResolver, EligibleCandidateResolver],
  exports: [LocalPolicyService, QuotaLedgerService, EligibilityService],
})
export class EligibilityModule {}
