import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CompositionModule } from '../composition/composition.module.js';
import { BuurtPrioritiesService } from './buurt-priorities.service.js';
import { PriorityPolicyService } from './priority-policy.service.js';
import { ResilienceResolver } from './resilience.resolver.js';

/** The resilience lens (issue 16): buurt readings over the years, buurten by priority, the priority policy. */
@Module({
  imports: [AllocationModule, AuditModule, CompositionModule],
  providers: [PriorityPolicyService, BuurtPrioritiesService, ResilienceResolver],
})
export class ResilienceModule {}
