import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../config/app-config.js';
import { AuthSessions, type SignedIn } from './auth-sessions.service.js';
import { judgeClaims } from './oidc-claims.js';
import { openSignInState, safeNext, sealSignInState } from './sign-in-state.js';

/** How long a browser may take at the provider (login, consent) before the attempt is void. */
export const SIGN_IN_ATTEMPT_SECONDS = 600;

/**
 * Why a return from the provider did not sign anyone in (the sign-in page says it in words):
 * - state: no sign-in was started in this browser, it took too long, or the answer is for another attempt
 * - provider: the provider refused (the user cancelled, or the provider's own error)
 * - token: the provider's answer did not verify (code, PKCE, ID token signature, issuer, audience, nonce, expiry)
 * - no-role: the account carries no role that Woonmix knows
 * - subject: the account's identifier does not fit Woonmix's rule for subjects
 * - unavailable: the provider could not be reached
 */
export type SignInProblem = 'state' | 'provider' | 'token' | 'no-role' | 'subject' | 'unavailable';

export type SignInOutcome = { kind: 'signed-in'; session: SignedIn; next: string; tabNonce: string } | { kind: 'refused'; problem: SignInProblem };

/**
 * Sign-in with the association's OpenID Connect provider, as the backend of the web application:
 * authorization code flow with PKCE (S256), state and nonce; the code is exchanged here, and the ID
 * token verified against the provider's JWKS (signature, issuer, audience = client id, nonce,
 * expiry) before its claims are read. The browser receives only a Woonmix token of a new session.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger('Sign-in');
  private client: Promise<oidc.Configuration> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: AuthSessions,
  ) {}

  /** Whether sign-in with a provider is configured, and the provider's name for the sign-in page. */
  get provider(): { enabled: boolean; providerName?: string } {
    const oidcConfig = this.config.oidc;
    return oidcConfig ? { enabled: true, providerName: oidcConfig.providerName } : { enabled: false };
  }

  /**
   * Where to send the browser (the provider's authorization endpoint) and the sealed state for the
   * cookie, which carries the tab's nonce (checked by the caller: isTabNonce) to hand back with the
   * token; null when the provider cannot be reached.
   */
  async start(next: unknown, tabNonce: string): Promise<{ redirectTo: string; sealedState: string } | null> {
    const settings = this.settings();
    let client: oidc.Configuration;
    try {
      client = await this.discovered();
    } catch (error) {
      this.logger.warn(`provider ${settings.issuer} unreachable: ${describe(error)}`);
      return null;
    }
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const redirectTo = oidc.buildAuthorizationUrl(client, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealedState = sealSignInState(this.config.auth.secret, {
      codeVerifier,
      state,
      nonce,
      tabNonce,
      next: safeNext(next),
      expiresAt: Math.floor(Date.now() / 1000) + SIGN_IN_ATTEMPT_SECONDS,
    });
    return { redirectTo: redirectTo.href, sealedState };
  }

  /**
   * The browser's return from the provider (`search`: the callback's query string) with the sealed
   * state of its cookie: a new session, or why not.
   */
  async finish(search: string, sealedState: string | undefined): Promise<SignInOutcome> {
    const settings = this.settings();
    const attempt = openSignInState(this.config.auth.secret, sealedState, Math.floor(Date.now() / 1000));
    const params = new URLSearchParams(search);
    if (!attempt || params.get('state') !== attempt.state)
      return this.refused('state', attempt ? 'state does not match this attempt' : 'no sign-in attempt open');
    // the address the provider was told, not the Host header of this request
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = params.toString();
    let claims: Record<string, unknown> | undefined;
    try {
      const client = await this.discovered();
      const tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) return this.refused('provider', `${error.error}: ${error.error_description ?? ''}`);
      if (isUnreachable(error)) return this.refused('unavailable', describe(error));
      return this.refused('token', describe(error));
    }
    if (!claims) return this.refused('token', 'no ID token');
    const verdict = judgeClaims(claims, settings);
    if (verdict.kind === 'bad-subject') return this.refused('subject', verdict.reason);
    if (verdict.kind === 'no-role') {
      return this.refused('no-role', `${verdict.subject}: ${settings.rolesClaim} = [${verdict.values.join(', ')}] names no Woonmix role`);
    }
    const session = await this.sessions.signIn({ subject: verdict.subject, roles: verdict.roles }, 'OIDC');
    this.logger.log(`${verdict.subject} signed in via ${settings.providerName} as ${verdict.roles.join(', ')}`);
    return { kind: 'signed-in', session, next: attempt.next, tabNonce: attempt.tabNonce };
  }

  /**
   * Where to send the browser to end its session at the provider too (OpenID Connect RP-Initiated
   * Logout 1.0): the provider's end_session_endpoint with client_id (the ID token is not kept, so no
   * id_token_hint) and post_logout_redirect_uri, the sign-in page. Null when the provider announces
   * no such endpoint or cannot be reached: signing out then ends the Woonmix session only.
   */
  async endSessionUrl(): Promise<string | null> {
    const settings = this.settings();
    let client: oidc.Configuration;
    try {
      client = await this.discovered();
    } catch (error) {
      this.logger.warn(`provider ${settings.issuer} unreachable at sign-out: ${describe(error)}`);
      return null;
    }
    if (!client.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(client, { client_id: settings.clientId, post_logout_redirect_uri: postLogoutRedirectUri(settings) }).href;
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new Error('OpenID Connect sign-in is not configured (OIDC_ISSUER)');
    return this.config.oidc;
  }

  /** The provider's metadata (discovery), read once; a failed read is tried again on the next sign-in. */
  private discovered(): Promise<oidc.Configuration> {
    const settings = this.settings();
    this.client ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        // no secret: a public client, PKCE only
        settings.clientSecret ? undefined : oidc.None(),
        {
          execute: [
            // verify the ID token's signature against the provider's JWKS too (openid-client
            // otherwise relies on TLS to the token endpoint alone)
            oidc.enableNonRepudiationChecks,
            // plain http only for an issuer on the loopback address (config: allowInsecureRequests),
            // where the traffic never leaves the machine: the tests' provider, a local Keycloak
            ...(settings.allowInsecureRequests ? [oidc.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        this.client = null;
        throw error;
      });
    return this.client;
  }

  private refused(problem: SignInProblem, detail: string): SignInOutcome {
    this.logger.warn(`refused (${problem}): ${detail}`);
    return { kind: 'refused', problem };
  }
}

/**
 * Where the provider sends the browser after signing out: the sign-in page beside the callback
 * (same origin and path prefix), saying "signed out". Register it at the provider (README).
 */
export function postLogoutRedirectUri(settings: Pick<OidcConfig, 'redirectUri'>): string {
  const uri = new URL(settings.redirectUri);
  // config guarantees the path ends in /auth/oidc/callback and has no query or fragment
  uri.pathname = uri.pathname.replace(/\/auth\/oidc\/callback$/, '/sign-in');
  uri.search = '?reason=signed-out';
  return uri.href;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, error: oauthError, error_description: oauthDescription } = error as { code?: unknown; error?: unknown; error_description?: unknown };
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  // the provider's own words (ResponseBodyError: invalid_grant and why)
  const said = typeof oauthError === 'string' ? ` [${oauthError}${typeof oauthDescription === 'string' ? `: ${oauthDescription}` : ''}]` : '';
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}${said}`;
}

/** fetch's own failures (connection refused, DNS, timeout), not an answer of the provider. */
function isUnreachable(error: unknown): boolean {
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}
