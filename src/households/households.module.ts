import { Module } from '@nestjs/common';
import { HouseholdsResolver } from './households.resolver.js';
import { HouseholdsService } from './households.service.js';

/** The households feature: its providers; exports only what other features use. */
@Module({
  providers: [HouseholdsService, HouseholdsResolver],
})
export class HouseholdsModule {}
