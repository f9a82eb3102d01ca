import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, certified like the providers
 * associations use) in this process, on a random loopback port: the tests sign in through it as a
 * browser would. Who signs in is `loginAs` (the login and consent screens are answered by the test,
 * through the provider's own interaction API). `tamperIdToken` rewrites the ID token the token
 * endpoint hands out, as a compromised or misconfigured provider might: the relying party must refuse.
 * Its end_session_endpoint (RP-initiated logout) asks "sign out?" as providers do when no ID token is
 * given as hint, and returns to Woonmix's sign-in page, registered as the post-logout redirect URI.
 */
export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next login is for; null: the user cancels at the provider (access_denied). */
  loginAs: string | null;
  tamperIdToken: ((idToken: string, keys: SigningKeys) => string) | null;
  keys: SigningKeys;
  close(): Promise<void>;
}

export interface SigningKeys {
  /** The provider's signing key (its public half is in the provider's JWKS). */
  provider: KeyObject;
  kid: string;
}

/** Accounts of the test provider, each with the values of its `roles` claim. */
export const OIDC_ACCOUNTS: Record<string, { roles: string[] }> = {
  'anna.officer': { roles: ['woonmix-officer'] },
  'bert.manager': { roles: ['woonmix-manager', 'woonmix-auditor', 'printer-users'] },
  'carla.visitor': { roles: ['printer-users'] },
  'has spaces': { roles: ['woonmix-officer'] },
};

export async function startOidcTestProvider(redirectUri: string): Promise<OidcTestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-signing-key';
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const sut: OidcTestProvider = {
    issuer,
    clientId: 'woonmix',
    clientSecret: 'woonmix-test-client-secret-0123456789',
    loginAs: null,
    tamperIdToken: null,
    keys: { provider: privateKey, kid },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const configuration: Configuration = {
    clients: [
      {
        client_id: sut.clientId,
        client_secret: sut.clientSecret,
        redirect_uris: [redirectUri],
        // what the service sends as post_logout_redirect_uri (src/auth/oidc-sign-in.service.ts)
        post_logout_redirect_uris: [redirectUri.replace(/\/auth\/oidc\/callback$/, '/sign-in?reason=signed-out')],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk as never] },
    // PKCE for every client, not only public ones
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    // the roles travel in the ID token (as Entra ID's app roles do; Keycloak: "add to ID token")
    scopes: ['openid', 'roles'],
    claims: { openid: ['sub'], roles: ['roles'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => (Object.hasOwn(OIDC_ACCOUNTS, id) ? { accountId: id, claims: () => ({ sub: id, roles: OIDC_ACCOUNTS[id].roles }) } : undefined),
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // the default page loads fonts from the internet; this one asks the same, on its own
        logoutSource: (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out of the Test-IdP</title></head><body>
            <h1>Sign out of the Test-IdP?</h1>${form}
            <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
            <button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
  const provider = new Provider(issuer, configuration);
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && sut.tamperIdToken && body?.id_token) ctx.body = { ...body, id_token: sut.tamperIdToken(body.id_token, sut.keys) };
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    interact(provider, sut, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return sut;
}

/** The login and consent screens, answered at once: log in as `loginAs` (or cancel), grant what the client asked. */
async function interact(provider: Provider, sut: OidcTestProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (!sut.loginAs) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled' }, { mergeWithLastSubmission: false });
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: sut.loginAs } }, { mergeWithLastSubmission: false });
    return;
  }
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  const grant = details.grantId
    ? (await provider.Grant.find(details.grantId))!
    : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** A JWT's header and claims, changed by `change`, signed again with `key` (RS256). */
export function resignJwt(jwt: string, key: KeyObject, kid: string, change: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [, payload] = jwt.split('.');
  const claims = change(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>);
  const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** A key the provider never published. */
export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/**
 * A browser, as far as sign-in needs one: follows nothing by itself (each redirect is a step the test
 * can look at) and keeps cookies per host (names and values; paths and flags are not needed here).
 */
export class TestBrowser {
  readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<{ status: number; location: string | null; setCookies: string[]; text: string }> {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(target.host, jar);
    const location = res.headers.get('location');
    return { status: res.status, location: location === null ? null : new URL(location, target).href, setCookies, text: await res.text() };
  }

  /** Follows redirects from `url` until one leads to an address `stop` accepts (returned, not requested); at most 12 steps. */
  async followUntil(url: string, stop: (url: string) => boolean): Promise<string> {
    let next = url;
    for (let step = 0; step < 12; step++) {
      const res = await this.get(next);
      if (!res.location) throw new Error(`${next} answered ${res.status} without a redirect: ${res.text.slice(0, 300)}`);
      if (stop(res.location)) return res.location;
      next = res.location;
    }
    throw new Error(`more than 12 redirects from ${url}`);
  }
}
