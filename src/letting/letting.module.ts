import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EligibilityModule } from '../eligibility/eligibility.module.js';
import { AccountabilityService } from './accountability.service.js';
import { CandidateResolver, LettingResolver } from './letting.resolver.js';
import { LettingService } from './letting.service.js';
import { OfferLettersResolver } from './offer-letters.resolver.js';
import { OfferLettersService } from './offer-letters.service.js';
import { OfferStageSupport } from './offer-stage-support.service.js';
import { SanctionsResolver } from './sanctions.resolver.js';
import { SanctionsService } from './sanctions.service.js';

/**
 * The letting process around the decision (issue 17): publication and reaction window, the candidate
 * list, coded reasons, and the public accountability of lettings.
 */
@Module({
  imports: [AuditModule, EligibilityModule],
  providers: [
    LettingService,
    AccountabilityService,
    OfferStageSupport,
    SanctionsService,
    LettingResolver,
    CandidateResolver,
    SanctionsResolver,
    OfferLettersService,
    OfferLettersResolver,
  ],
  // offers keep their stages and the candidate list in step through it (src/allocation/offers.service.ts);
  // a letting played back goes through publication and the candidate list (src/allocation/letting-replay.service.ts)
  exports: [OfferStageSupport, SanctionsService, LettingService],
})
export class LettingModule {}
