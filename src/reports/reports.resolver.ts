import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { audienceOf } from '../privacy/audience.js';
import { AllocationReport } from './graphql/report.type.js';
import { ReportsService } from './reports.service.js';

@Resolver()
export class ReportsResolver {
  constructor(private readonly reportService: ReportsService) {}

  @Roles('MANAGER', 'AUDITOR')
  @Query(() => AllocationReport, {
    complexity: 200,
    description: 'Per year (and municipality): quotas, deviations from plain order and overrides, allocation rates by group; csv holds it all',
  })
  allocationReport(
    @CurrentActor() actor: Actor,
    @Args('year', { type: () => Int }) year: number,
    @Args('municipalityCode', { type: () => String, nullable: true }) municipalityCode?: string | null,
  ) {
    return this.reportService.allocationReport(year, municipalityCode ?? null, audienceOf(actor) === 'AGGREGATE');
  }
}
