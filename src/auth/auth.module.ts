import { Global, Module } from '@nestjs/common';
import { AuthSessions } from './auth-sessions.service.js';
import { OidcSignInController } from './oidc-sign-in.controller.js';
import { OidcSignIn } from './oidc-sign-in.service.js';
import { SignOutController } from './sign-out.controller.js';

/**
 * Sign-in sessions, sign-in with the association's OpenID Connect provider, and sign-out. Global:
 * the global AuthGuard and the development sign-in (src/web) use the sessions.
 */
@Global()
@Module({
  controllers: [OidcSignInController, SignOutController],
  providers: [AuthSessions, OidcSignIn],
  exports: [AuthSessions, OidcSignIn],
})
export class AuthModule {}
