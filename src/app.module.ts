import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { RequestDeadlineInterceptor } from './common/request-deadline.interceptor.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { AuditService } from './audit/audit.service.js';
import { AuditCheckpoints } from './audit/audit-checkpoints.service.js';
import { ReplayService } from './audit/replay.service.js';
import { RationaleResolver } from './audit/rationale.resolver.js';
import { RationaleService } from './audit/rationale.service.js';
import { ReportsResolver } from './reports/reports.resolver.js';
import { ReportsService } from './reports/reports.service.js';
import { SimulationChartsController } from './simulation/simulation-charts.controller.js';
import { SimulationInputBuilder } from './simulation/simulation-input.builder.js';
import { SimulationRunner } from './simulation/simulation-runner.service.js';
import { SimulationsResolver } from './simulation/simulations.resolver.js';
import { SimulationsService } from './simulation/simulations.service.js';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { OfferResolver, PendingApprovalResolver, ProposalCandidateResolver, ProposalsResolver } from './allocation/allocation.resolver.js';
import { CompositionPolicyResolver } from './allocation/composition-policy.resolver.js';
import { CompositionPolicyService } from './allocation/composition-policy.service.js';
import { OffersService } from './allocation/offers.service.js';
import { ProposalsService } from './allocation/proposals.service.js';
import { AllocationInputLoader } from './allocation/allocation-input.loader.js';
import { PlanRunner } from './allocation/plan-runner.service.js';
import { RoundsResolver } from './allocation/rounds.resolver.js';
import { RoundsService } from './allocation/rounds.service.js';
import { ProposalPresenter } from './allocation/proposal-presenter.js';
import { ProposalStore } from './allocation/proposal-store.js';
import { OverrideReasonsService } from './allocation/override-reasons.service.js';
import { OverrideReasonsResolver } from './allocation/override-reasons.resolver.js';
import { JobQueue } from './jobs/job-queue.service.js';
import { CLOCK, Clock, systemClock } from './common/clock.js';
import { GraphqlErrorFilter } from './common/graphql-error.filter.js';
import { queryLimitsPlugin } from './common/query-limits.plugin.js';
import { ComplexesResolver } from './complexes/complexes.resolver.js';
import { ComplexesService } from './complexes/complexes.service.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { projectRoot } from './config/project-root.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { LoaderScope, RequestContext } from './common/request-context.js';
import { DemoSeederService } from './demo/demo-seeder.service.js';
import { DwellingsResolver } from './dwellings/dwellings.resolver.js';
import { DwellingsService } from './dwellings/dwellings.service.js';
import { EligibilityResolver, EligibilityVerdictResolver, EligibleCandidateResolver } from './eligibility/eligibility.resolver.js';
import { EligibilityService } from './eligibility/eligibility.service.js';
import { LocalPolicyService } from './eligibility/local-policy.service.js';
import { QuotaLedgerService } from './eligibility/quota-ledger.service.js';
import { RuleParametersService } from './eligibility/rule-parameters.service.js';
import { ConsoleController } from './console/console.controller.js';
import { HealthController } from './health/health.controller.js';
import { HouseholdsResolver } from './households/households.resolver.js';
import { HouseholdsService } from './households/households.service.js';
import { HouseholdDisclosure } from './privacy/household-disclosure.service.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { disclosurePlugin } from './privacy/disclosure.plugin.js';
import { AssignmentsResolver, SpecialCategoryAccessResolver } from './privacy/assignments.resolver.js';
import { AssignmentsService } from './privacy/assignments.service.js';
import { ImportsResolver } from './imports/imports.resolver.js';
import { ImportsService } from './imports/imports.service.js';
import { NeighbourhoodsResolver } from './neighbourhoods/neighbourhoods.resolver.js';
import { NeighbourhoodsService } from './neighbourhoods/neighbourhoods.service.js';
import { TenanciesResolver } from './tenancies/tenancies.resolver.js';
import { TenanciesService } from './tenancies/tenancies.service.js';
import { VacanciesResolver, VacancyResponseResolver } from './vacancies/vacancies.resolver.js';
import { VacanciesService } from './vacancies/vacancies.service.js';

/** The committed schema file: `npm run schema` writes it, a test checks it is current. */
export const SCHEMA_FILE = join(projectRoot(), 'schema.gql');

export interface AppModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot({ config, clock = systemClock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PrivacyModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), retryAttempts: 0 }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [DataSource, HouseholdDisclosure],
          useFactory: (dataSource: DataSource, disclosure: HouseholdDisclosure) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // without this, errors thrown in @ResolveField bypass the error filter and reach clients unmapped
            fieldResolverEnhancers: ['filters'],
            playground: false,
            // no CDN-hosted landing page: associations run Woonmix on closed networks
            plugins: [ApolloServerPluginLandingPageDisabled() as never, queryLimitsPlugin(config.queryLimits) as never, disclosurePlugin(dataSource, disclosure) as never],
            // an operation longer than this is refused while it is parsed, before any work is built for it
            parseOptions: { maxTokens: config.queryLimits.maxTokens },
            // no "Did you mean …" field suggestions for strangers to the schema in production
            hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
            // CSRF: only JSON POSTs or requests with a preflight-forcing header are executed (Apollo's csrfPrevention)
            csrfPrevention: true,
            introspection: config.nodeEnv !== 'production',
            includeStacktraceInErrorResponses: config.nodeEnv === 'development',
            // req.actor: verified once per HTTP request before parsing (src/common/request-guards.ts)
            context: ({ req }: { req: RequestContext['req'] }): RequestContext => ({ req, loaders: new LoaderScope(dataSource.manager) }),
          }),
        }),
      ],
      controllers: [HealthController, ConsoleController, SimulationChartsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestDeadlineInterceptor },
        AuditService, AuditCheckpoints, ReplayService, AuditResolver, RationaleService, RationaleResolver, ReportsService, ReportsResolver,
        SimulationInputBuilder, SimulationRunner, SimulationsService, SimulationsResolver,
        RuleParametersService, LocalPolicyService, QuotaLedgerService,
        EligibilityService, EligibilityResolver, EligibilityVerdictResolver, EligibleCandidateResolver,
        NeighbourhoodsService, NeighbourhoodsResolver,
        ComplexesService, ComplexesResolver,
        DwellingsService, DwellingsResolver,
        HouseholdsService, HouseholdsResolver,
        TenanciesService, TenanciesResolver,
        VacanciesService, VacanciesResolver, VacancyResponseResolver,
        ImportsService, ImportsResolver,
        JobQueue, PlanRunner, AllocationInputLoader,
        CompositionPolicyService, CompositionPolicyResolver, ProposalsService, OffersService, ProposalsResolver, ProposalCandidateResolver, OfferResolver, PendingApprovalResolver,
        RoundsService, RoundsResolver, ProposalStore, ProposalPresenter, OverrideReasonsService, OverrideReasonsResolver,
        DemoSeederService,
        AssignmentsService, AssignmentsResolver, SpecialCategoryAccessResolver,
      ],
    };
  }
}
