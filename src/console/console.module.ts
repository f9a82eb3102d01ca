import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';

/** The console feature: its providers; exports only what other features use. */
@Module({
  controllers: [ConsoleController],
  providers: [],
})
export class ConsoleModule {}
