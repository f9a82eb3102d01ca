import { BadRequestException, Controller, Get, Inject, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Public } from './auth.decorators.js';
import { OidcSignIn, SIGN_IN_ATTEMPT_SECONDS } from './oidc-sign-in.service.js';
import { isTabNonce } from './sign-in-state.js';

/** The sealed sign-in state (src/auth/sign-in-state.ts): sent back only to these routes. */
export const SIGN_IN_STATE_COOKIE = 'woonmix_oidc';
const COOKIE_PATH = '/auth/oidc';

interface Req {
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  setHeader(name: string, value: string | string[]): void;
  redirect(status: number, url: string): void;
}

/**
 * Sign-in with the association's identity provider (README, "Signing in with your identity
 * provider"): /auth/oidc/start sends the browser there, /auth/oidc/callback takes it back and hands
 * the web application a Woonmix token in the address's fragment (not sent to servers, not logged).
 * The token comes with the tab nonce the sign-in page passed to /start (sealed in the state cookie
 * meanwhile): /sign-in/complete keeps the token only in the tab that holds that nonce, so a
 * completion address made by someone else signs no one in (login CSRF). 404 when OIDC_ISSUER is not
 * configured.
 */
@Public()
@Controller('auth/oidc')
export class OidcSignInController {
  constructor(
    private readonly signIn: OidcSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('start')
  async start(@Query('next') next: unknown, @Query('tabNonce') tabNonce: unknown, @Res() res: Res): Promise<void> {
    if (!this.config.oidc) throw new NotFoundException();
    noStore(res);
    if (!isTabNonce(tabNonce)) throw invalid('tabNonce', tabNonce === undefined ? 'is missing' : 'is malformed');
    const started = await this.signIn.start(next, tabNonce);
    if (!started) return res.redirect(303, '/sign-in?error=unavailable');
    res.setHeader('Set-Cookie', this.cookie(started.sealedState, SIGN_IN_ATTEMPT_SECONDS));
    res.redirect(303, started.redirectTo);
  }

  @Get('callback')
  async callback(@Req() req: Req, @Res() res: Res): Promise<void> {
    if (!this.config.oidc) throw new NotFoundException();
    noStore(res);
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const outcome = await this.signIn.finish(search, cookieValue(req.headers.cookie, SIGN_IN_STATE_COOKIE));
    // one attempt, one answer: the state is gone whatever the outcome
    res.setHeader('Set-Cookie', this.cookie('', 0));
    if (outcome.kind === 'refused') return res.redirect(303, `/sign-in?error=${outcome.problem}`);
    const { session, next, tabNonce } = outcome;
    const fragment = new URLSearchParams({
      token: session.token,
      subject: session.subject,
      roles: session.roles.join(','),
      expiresAt: session.expiresAt,
      next,
      tabNonce,
    });
    res.redirect(303, `/sign-in/complete#${fragment.toString()}`);
  }

  /** HttpOnly, sent on the provider's top-level redirect back (SameSite=Lax), Secure when the service is reached over https. */
  private cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.config.oidc?.redirectUri.startsWith('https:') ? '; Secure' : '';
    return `${SIGN_IN_STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
  }
}

/** Nothing of a sign-in is cached or passed on as a referrer (the callback's address holds the code). */
function noStore(res: Res): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/** 400 in the API's error shape (as POST /auth/dev-sign-in answers). */
function invalid(field: string, problem: string): BadRequestException {
  const reason = `${problem}: the sign-in page of the tab makes it (43 base64url characters, 32 random bytes); start the sign-in from there`;
  return new BadRequestException({ errors: [{ message: `${field} ${reason}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field, reason }] } }] });
}

function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
