import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, AppModuleOptions } from './app.module.js';
import { rateLimitMiddleware } from './common/rate-limit.js';
import { createValidationPipe } from './common/validation.js';

/** Request bodies above this are refused before parsing (imports by content stay below it). */
export const MAX_BODY = '25mb';

/** Creates the Nest application with the settings every entry point shares (server, tests, scripts). */
export async function createApp(options: AppModuleOptions, logger: false | undefined = undefined): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), { logger: logger ?? ['error', 'warn'], bodyParser: false, abortOnError: false });
  // before the body parser: a client over its budget is refused without reading its request
  if (options.config.rateLimit.perMinute > 0) app.use(rateLimitMiddleware(options.config.rateLimit));
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
