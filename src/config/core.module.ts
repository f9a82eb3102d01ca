import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, Clock, WALL_CLOCK, asOfDate } from '../common/clock.js';
import { APP_CONFIG, AppConfig } from './app-config.js';

/** The configuration and the clock, for every feature module (global). */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // history played back (playBackOn) sees its own date; everything else the given clock's
        { provide: CLOCK, useValue: asOfDate(clock) },
        { provide: WALL_CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK, WALL_CLOCK],
    };
  }
}
