import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DevSignInController } from './dev-sign-in.controller.js';
import { webAppMiddleware } from './web-app.middleware.js';

/**
 * The workplace: the web application for officers, managers and auditors (sources in src/web/client,
 * built into dist/web by `npm run build`), served from the service's own origin, and its development
 * sign-in. The application uses the public GraphQL API only.
 */
@Module({
  controllers: [DevSignInController],
})
export class WebModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webAppMiddleware(this.config.webAppDir)).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
