import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ANY_ROLE, Roles } from './auth.decorators.js';
import { AuthSessions } from './auth-sessions.service.js';
import { OidcSignIn } from './oidc-sign-in.service.js';

export interface SignedOut {
  signedOut: boolean;
  reason?: string;
  /**
   * A session that began at the identity provider: where the browser goes next to end the
   * provider's session too (its end_session_endpoint, which returns to the sign-in page). Absent
   * when the provider has no such endpoint: then only the Woonmix session ended.
   */
  endSessionUrl?: string;
}

/**
 * Sign-out: ends the session of the token sent (Authorization: Bearer). From then on that token is
 * refused with 401 by every instance of the service. A static API token (npm run token) has no
 * session to end; it stays valid until it expires.
 */
@Controller('auth')
export class SignOutController {
  constructor(
    private readonly sessions: AuthSessions,
    private readonly oidcSignIn: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-out')
  @HttpCode(200)
  // a partner signs out too
  @Roles(...ANY_ROLE, 'PARTNER')
  async signOut(@Req() req: { sessionId?: string | null }): Promise<SignedOut> {
    if (!req.sessionId) return { signedOut: false, reason: 'a static API token has no session to end; it stays valid until it expires' };
    const method = await this.sessions.end(req.sessionId);
    if (method !== 'OIDC' || !this.config.oidc) return { signedOut: method !== null };
    const endSessionUrl = await this.oidcSignIn.endSessionUrl();
    return endSessionUrl ? { signedOut: true, endSessionUrl } : { signedOut: true };
  }
}
