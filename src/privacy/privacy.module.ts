import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AssignmentsResolver, SpecialCategoryAccessResolver } from './assignments.resolver.js';
import { AssignmentsService } from './assignments.service.js';
import { HouseholdDisclosure } from './household-disclosure.service.js';

/**
 * Need-to-know: what each reader may see of households, and the officers' assignments it rests on.
 * Global, because every feature that answers with household facts asks it, and the GraphQL layer
 * applies it to every answer.
 */
@Global()
@Module({
  imports: [AuditModule],
  providers: [HouseholdDisclosure, AssignmentsService, AssignmentsResolver, SpecialCategoryAccessResolver],
  exports: [HouseholdDisclosure, AssignmentsService],
})
export class PrivacyModule {}
