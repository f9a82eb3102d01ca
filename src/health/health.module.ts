import { Module } from '@nestjs/common';
import { ParametersModule } from '../parameters/parameters.module.js';
import { HealthController } from './health.controller.js';

/** The health feature: its providers; exports only what other features use. */
@Module({
  imports: [ParametersModule],
  controllers: [HealthController],
  providers: [],
})
export class HealthModule {}
