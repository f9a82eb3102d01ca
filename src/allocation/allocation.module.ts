import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ComplexesModule } from '../complexes/complexes.module.js';
import { CompositionModule } from '../composition/composition.module.js';
import { OfferDeadlinesJob } from './offer-deadlines.job.js';
import { ObjectionsResolver } from './objections.resolver.js';
import { ObjectionsService } from './objections.service.js';
import { LettingModule } from '../letting/letting.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { TenanciesModule } from '../tenancies/tenancies.module.js';
import { VacanciesModule } from '../vacancies/vacancies.module.js';
import { AllocationInputLoader } from './allocation-input.loader.js';
import { OfferResolver, PendingApprovalResolver, ProposalCandidateResolver, ProposalsResolver } from './allocation.resolver.js';
import { CompositionPolicyResolver } from './composition-policy.resolver.js';
import { CompositionPolicyService } from './composition-policy.service.js';
import { ComplexTargetsResolver } from './complex-targets.resolver.js';
import { LettingReplayService } from './letting-replay.service.js';
import { OffersService } from './offers.service.js';
import { OverrideReasonsResolver } from './override-reasons.resolver.js';
import { OverrideReasonsService } from './override-reasons.service.js';
import { PlanRunner } from './plan-runner.service.js';
import { ProposalPresenter } from './proposal-presenter.js';
import { ProposalStore } from './proposal-store.js';
import { ProposalsService } from './proposals.service.js';
import { RationaleResolver } from './rationale.resolver.js';
import { RationaleService } from './rationale.service.js';
import { ReplayResolver } from './replay.resolver.js';
import { ReplayService } from './replay.service.js';
import { RoundsResolver } from './rounds.resolver.js';
import { RoundsService } from './rounds.service.js';

/** The allocation feature: its providers; exports only what other features use. */
@Module({
  imports: [AuditModule, ComplexesModule, CompositionModule, EligibilityModule, HouseholdsModule, JobsModule, LettingModule, TenanciesModule, VacanciesModule],
  providers: [
    OfferDeadlinesJob,
    ObjectionsService,
    ObjectionsResolver,
    ReplayService,
    ReplayResolver,
    RationaleService,
    RationaleResolver,
    PlanRunner,
    AllocationInputLoader,
    CompositionPolicyService,
    ComplexTargetsResolver,
    CompositionPolicyResolver,
    ProposalsService,
    OffersService,
    LettingReplayService,
    ProposalsResolver,
    ProposalCandidateResolver,
    OfferResolver,
    PendingApprovalResolver,
    RoundsService,
    RoundsResolver,
    ProposalStore,
    ProposalPresenter,
    OverrideReasonsService,
    OverrideReasonsResolver,
  ],
  // the demo plays its letting history through the live flow (src/demo)
  exports: [CompositionPolicyService, RoundsService, LettingReplayService],
})
export class AllocationModule {}
