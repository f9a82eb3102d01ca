import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CompositionModule } from '../composition/composition.module.js';
import { BuurtPrioritiesService } from './buurt-priorities.service.js';
import { DossierResolver } from './dossier.resolver.js';
import { DossierReleasesService } from './dossier-releases.service.js';
import { DossierService } from './dossier.service.js';
import { OutcomesResolver } from './outcomes.resolver.js';
import { OutcomesService } from './outcomes.service.js';
import { PartnerGrantsService } from './partner-grants.service.js';
import { PriorityPolicyService } from './priority-policy.service.js';
import { ProgrammesResolver } from './programmes.resolver.js';
import { ProgrammesService } from './programmes.service.js';
import { ResilienceResolver } from './resilience.resolver.js';

/**
 * The resilience lens (issue 16): buurt readings over the years, buurten by priority and the priority
 * policy; outcome indicators and observations; programmes and whether they worked; a buurt's dossier
 * for its deep-dive session, and the partners' grants to read it.
 */
@Module({
  imports: [AllocationModule, AuditModule, CompositionModule],
  providers: [
    PriorityPolicyService,
    BuurtPrioritiesService,
    OutcomesService,
    ProgrammesService,
    PartnerGrantsService,
    DossierReleasesService,
    DossierService,
    ResilienceResolver,
    OutcomesResolver,
    ProgrammesResolver,
    DossierResolver,
  ],
  // the demo seeds its programme and its partner's grant through the same audited paths
  exports: [ProgrammesService, PartnerGrantsService],
})
export class ResilienceModule {}
