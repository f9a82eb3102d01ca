import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { AuthSessions, type SignedIn } from '../auth/auth-sessions.service.js';
import { OidcSignIn } from '../auth/oidc-sign-in.service.js';
import { ROLES, isRole } from '../auth/roles.js';
import { TokenError } from '../auth/tokens.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Subjects the demo data knows: officers assigned to the demo municipality (src/demo/demo-seeder.service.ts). */
export const DEV_SUBJECTS: Record<(typeof ROLES)[number], string> = {
  OFFICER: 'dev-officer',
  MANAGER: 'dev-manager',
  AUDITOR: 'dev-auditor',
  ADMIN: 'dev-admin',
  PARTNER: 'dev-partner',
};

export interface SignInOptions {
  /** Development sign-in: pick a role and a subject (never with NODE_ENV=production). */
  development: { roles: readonly string[]; subjects: Record<string, string> } | null;
  /** Sign-in with the association's OpenID Connect provider (GET /auth/oidc/start), when configured. */
  oidc: { enabled: boolean; providerName?: string };
}

/**
 * Sign-in for development: the sign-in page offers the demo roles and mints a token here, signed like
 * any other (src/auth/tokens.ts), for a new sign-in session (signing out ends it). With
 * NODE_ENV=production this does not exist (404): tokens there come from the association's identity
 * provider (src/auth/oidc-sign-in.controller.ts) or `npm run token`.
 */
@Public()
@Controller('auth')
export class DevSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: AuthSessions,
    private readonly oidc: OidcSignIn,
  ) {}

  @Get('options')
  options(): SignInOptions {
    return { development: this.enabled ? { roles: ROLES, subjects: DEV_SUBJECTS } : null, oidc: this.oidc.provider };
  }

  @Post('dev-sign-in')
  @HttpCode(200)
  async signIn(@Body() body: { role?: unknown; subject?: unknown }): Promise<SignedIn> {
    if (!this.enabled) throw new NotFoundException();
    if (!isRole(body?.role)) throw invalid('role', `must be one of ${ROLES.join(', ')}`);
    const subject = typeof body.subject === 'string' && body.subject.trim() !== '' ? body.subject.trim() : DEV_SUBJECTS[body.role];
    try {
      return await this.sessions.signIn({ subject, roles: [body.role] }, 'DEV');
    } catch (e) {
      if (e instanceof TokenError) throw invalid('subject', e.message.replace(/^subject /, ''));
      throw e;
    }
  }

  private get enabled(): boolean {
    return this.config.nodeEnv !== 'production';
  }
}

/** 400 in the API's error shape, naming the field (the sign-in page shows it as it shows any API error). */
function invalid(field: string, reason: string): BadRequestException {
  return new BadRequestException({ errors: [{ message: `${field} ${reason}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, reason }] } }] });
}
