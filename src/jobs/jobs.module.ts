import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';

/** The jobs feature: its providers; exports only what other features use. */
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}
