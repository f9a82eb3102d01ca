import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { AssignmentsResolver, SpecialCategoryAccessResolver } from './assignments.resolver.js';
import { AssignmentsService } from './assignments.service.js';
import { HouseholdDisclosure } from './household-disclosure.service.js';

/**
 * Need-to-know: what each reader may see of households, and the officers' assignments it rests on.
 * Global, because every feature that answers with household facts asks it, and the GraphQL layer
 * applies it to every answer.
 */
@Global()
@Module({})
export class PrivacyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PrivacyModule,
      imports: [AuditModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, HouseholdDisclosure, AssignmentsService, AssignmentsResolver, SpecialCategoryAccessResolver],
      exports: [HouseholdDisclosure, AssignmentsService],
    };
  }
}
