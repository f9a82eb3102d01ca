import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { RequestDeadlineInterceptor } from './common/request-deadline.interceptor.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock, systemClock } from './common/clock.js';
import { GraphqlErrorFilter } from './common/graphql-error.filter.js';
import { queryLimitsPlugin } from './common/query-limits.plugin.js';
import { AppConfig } from './config/app-config.js';
import { projectRoot } from './config/project-root.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { LoaderScope, RequestContext } from './common/request-context.js';
import { HouseholdDisclosure } from './privacy/household-disclosure.service.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { disclosurePlugin } from './privacy/disclosure.plugin.js';
import { CoreModule } from './config/core.module.js';
import { AuditModule } from './audit/audit.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ParametersModule } from './parameters/parameters.module.js';
import { NeighbourhoodsModule } from './neighbourhoods/neighbourhoods.module.js';
import { ComplexesModule } from './complexes/complexes.module.js';
import { DwellingsModule } from './dwellings/dwellings.module.js';
import { HouseholdsModule } from './households/households.module.js';
import { TenanciesModule } from './tenancies/tenancies.module.js';
import { VacanciesModule } from './vacancies/vacancies.module.js';
import { CompositionModule } from './composition/composition.module.js';
import { EligibilityModule } from './eligibility/eligibility.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { VeraModule } from './vera/vera.module.js';
import { AllocationModule } from './allocation/allocation.module.js';
import { LettingModule } from './letting/letting.module.js';
import { ResilienceModule } from './resilience/resilience.module.js';
import { SimulationModule } from './simulation/simulation.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { WebModule } from './web/web.module.js';

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
        CoreModule.forRoot(config, clock),
        PrivacyModule,
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
            plugins: [
              ApolloServerPluginLandingPageDisabled() as never,
              queryLimitsPlugin(config.queryLimits) as never,
              disclosurePlugin(dataSource, disclosure) as never,
            ],
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
        // sign-in sessions, OpenID Connect sign-in, sign-out (used by the global AuthGuard)
        AuthModule,
        // the features, each a module with a small public surface (docs/architecture.md)
        AuditModule,
        JobsModule,
        ParametersModule,
        NeighbourhoodsModule,
        ComplexesModule,
        DwellingsModule,
        HouseholdsModule,
        TenanciesModule,
        VacanciesModule,
        CompositionModule,
        EligibilityModule,
        ImportsModule,
        VeraModule,
        AllocationModule,
        ResilienceModule,
        LettingModule,
        SimulationModule,
        ReportsModule,
        DemoModule,
        HealthModule,
        WebModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestDeadlineInterceptor },
      ],
    };
  }
}
