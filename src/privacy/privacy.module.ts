import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { HouseholdDisclosure } from './household-disclosure.service.js';

/**
 * Need-to-know: what each reader may see of households. Global, because every feature that
 * answers with household facts asks it, and the GraphQL layer applies it to every answer.
 */
@Global()
@Module({})
export class PrivacyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PrivacyModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, HouseholdDisclosure],
      exports: [HouseholdDisclosure],
    };
  }
}
