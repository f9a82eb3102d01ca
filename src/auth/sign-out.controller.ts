import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ANY_ROLE, Roles } from './auth.decorators.js';
import { AuthSessions } from './auth-sessions.service.js';

/**
 * Sign-out: ends the session of the token sent (Authorization: Bearer). From then on that token is
 * refused with 401 by every instance of the service. A static API token (npm run token) has no
 * session to end; it stays valid until it expires.
 */
@Controller('auth')
export class SignOutController {
  constructor(private readonly sessions: AuthSessions) {}

  @Post('sign-out')
  @HttpCode(200)
  @Roles(...ANY_ROLE)
  async signOut(@Req() req: { sessionId?: string | null }): Promise<{ signedOut: boolean; reason?: string }> {
    if (!req.sessionId) return { signedOut: false, reason: 'a static API token has no session to end; it stays valid until it expires' };
    return { signedOut: await this.sessions.end(req.sessionId) };
  }
}
