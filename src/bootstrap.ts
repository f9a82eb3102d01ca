import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, AppModuleOptions } from './app.module.js';
import { AuthSessions } from './auth/auth-sessions.service.js';
import { refuseClosedSessions } from './auth/session-check.middleware.js';
import { rateLimitMiddleware } from './common/rate-limit.js';
import { authenticateRequests, limitConcurrencyPerSubject, limitNonImportBody, requireSignedInForGraphql } from './common/request-guards.js';
import { createValidationPipe } from './common/validation.js';

/** Request bodies above this are refused before parsing (imports by content stay below it). */
export const MAX_BODY = '25mb';

/** Creates the Nest application with the settings every entry point shares (server, tests, scripts). */
export async function createApp(options: AppModuleOptions, logger: false | undefined = undefined): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: logger ?? ['error', 'warn'],
    bodyParser: false,
    abortOnError: false,
  });
  const { config } = options;
  // before the body parser, in this order: who is asking (one signature check), their budget, a
  // GraphQL request without a valid token refused (401), their requests in flight
  app.use(authenticateRequests(config.auth.secret, config.requests.timeoutMs));
  // a token of a signed-out or expired sign-in session counts as none (one key lookup)
  app.use(refuseClosedSessions(app.get(AuthSessions)));
  if (config.rateLimit.perMinute > 0) app.use(rateLimitMiddleware(config.rateLimit));
  app.use(requireSignedInForGraphql());
  app.use(limitConcurrencyPerSubject(config.requests.maxConcurrentPerSubject));
  app.useBodyParser('json', { limit: MAX_BODY });
  app.use(limitNonImportBody(config.requests.maxBodyBytesNonImport));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
