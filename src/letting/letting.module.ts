import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { AccountabilityService } from './accountability.service.js';
import { CandidateResolver, LettingResolver } from './letting.resolver.js';
import { LettingService } from './letting.service.js';

/**
 * The letting process around the decision (issue 17): publication and reaction window, the candidate
 * list, coded reasons, and the public accountability of lettings.
 */
@Module({
  imports: [AuditModule, EligibilityModule],
  providers: [LettingService, AccountabilityService, LettingResolver, CandidateResolver],
})
export class LettingModule {}
