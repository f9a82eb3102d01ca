import { openSignInState, sealSignInState } from '../../src/auth/sign-in-state.js';
import { verifyTokenClaims } from '../../src/auth/tokens.js';
import type { OidcConfig } from '../../src/config/app-config.js';
import { OIDC_ACCOUNTS, type OidcTestProvider, TestBrowser, foreignKey, resignJwt, startOidcTestProvider } from '../helpers/oidc-test-provider.js';
import { freePort } from '../helpers/service-process.js';
import { type TestApp, createTestApp } from '../helpers/test-app.js';

/**
 * Sign-in with the association's OpenID Connect provider, against a real provider (oidc-provider)
 * run in this process: the whole authorization code flow over HTTP as a browser walks it, and what
 * the service must refuse on the way (README, "Signing in with your identity provider").
 */
describe('sign-in with an OpenID Connect provider', () => {
  let idp: OidcTestProvider;
  let sut: TestApp;
  let app: string;
  let redirectUri: string;

  beforeAll(async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    redirectUri = `${app}/auth/oidc/callback`;
    idp = await startOidcTestProvider(redirectUri);
    const oidc: OidcConfig = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri,
      scopes: 'openid roles',
      rolesClaim: 'roles',
      roleMap: { 'woonmix-officer': ['OFFICER'], 'woonmix-manager': ['MANAGER'], 'woonmix-auditor': ['AUDITOR'] },
      subjectClaim: 'sub',
      providerName: 'Test-IdP',
      allowInsecureRequests: true,
    };
    sut = await createTestApp({ oidc });
    await sut.app.listen(port, '127.0.0.1');
  });
  afterAll(async () => {
    await sut?.close();
    await idp?.close();
  });
  beforeEach(() => {
    idp.tamperIdToken = null;
    idp.loginAs = 'anna.officer';
  });

  const isCallback = (url: string) => url.startsWith(redirectUri);
  /** What the sign-in page of a tab passes to /auth/oidc/start (32 random bytes, base64url). */
  const TAB_NONCE = 'this-tabs-nonce_0123456789abcdefghijklmnopq';
  const startUrl = (next = '/worklist') => `${app}/auth/oidc/start?next=${encodeURIComponent(next)}&tabNonce=${TAB_NONCE}`;
  /** Start at the service, walk the provider's screens; the callback address the provider sends the browser to. */
  const atProvider = async (browser: TestBrowser, next = '/worklist') => browser.followUntil(startUrl(next), isCallback);
  /** The service's answer to the callback: where it sends the browser. */
  const callback = async (browser: TestBrowser, url: string) => {
    const res = await browser.get(url);
    expect(res.status).toBe(303);
    return new URL(res.location!);
  };
  const signIn = async (browser = new TestBrowser()) => callback(browser, await atProvider(browser));
  const fragment = (url: URL) => new URLSearchParams(url.hash.slice(1));
  const graphql = (token: string) =>
    fetch(`${app}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ complexes(first: 1) { totalCount } }' }),
    });
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const sessionCount = async () => Number((await sut.dataSource.query(`SELECT count(*)::int AS n FROM auth_session WHERE method = 'OIDC'`))[0].n);

  it('offers the provider on the sign-in page', async () => {
    const options = (await (await fetch(`${app}/auth/options`)).json()) as { oidc: unknown };
    expect(options.oidc).toEqual({ enabled: true, providerName: 'Test-IdP' });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and keeps the verifier sealed in an HttpOnly cookie', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(startUrl());
    expect(start.status).toBe(303);
    const to = new URL(start.location!);
    expect(to.origin).toBe(idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'woonmix',
      redirect_uri: redirectUri,
      scope: 'openid roles',
      code_challenge_method: 'S256',
    });
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const [cookie] = start.setCookies;
    expect(cookie).toMatch(/^woonmix_oidc=[A-Za-z0-9_-]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    // the cookie holds neither the verifier nor the state in readable form
    const sealed = cookie.split(';')[0].split('=')[1];
    const opened = openSignInState(sut.config.auth.secret, sealed, Math.floor(Date.now() / 1000))!;
    expect(opened.state).toBe(to.searchParams.get('state'));
    expect(opened.tabNonce).toBe(TAB_NONCE);
    // the tab nonce is the web application's, not the provider's
    expect([...to.searchParams.values()]).not.toContain(TAB_NONCE);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(opened.codeVerifier);
  });

  it.each([
    ['is missing', '/auth/oidc/start?next=/worklist', 'is missing'],
    ['is too short', '/auth/oidc/start?next=/worklist&tabNonce=short', 'is malformed'],
    ['is given twice', `/auth/oidc/start?next=/worklist&tabNonce=${TAB_NONCE}&tabNonce=${TAB_NONCE}`, 'is malformed'],
  ])('refuses to start when the tab nonce %s: 400 naming it, no state cookie, not sent to the provider', async (_case, path, problem) => {
    const res = await new TestBrowser().get(`${app}${path}`);
    expect(res.status).toBe(400);
    expect(res.setCookies).toEqual([]);
    expect(JSON.parse(res.text)).toMatchObject({
      errors: [
        { message: expect.stringMatching(new RegExp(`^tabNonce ${problem}: `)), extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'tabNonce' }] } },
      ],
    });
  });

  it('signs in through the whole authorization code flow and hands over a Woonmix token that works on the API', async () => {
    const before = await sessionCount();
    const done = await signIn();
    expect(done.pathname).toBe('/sign-in/complete');
    expect(done.search).toBe(''); // the token travels in the fragment, which is never sent to a server
    const given = fragment(done);
    expect(given.get('subject')).toBe('anna.officer');
    expect(given.get('roles')).toBe('OFFICER');
    expect(given.get('next')).toBe('/worklist');
    // for /sign-in/complete: only the tab that started may keep the token
    expect(given.get('tabNonce')).toBe(TAB_NONCE);
    expect(Date.parse(given.get('expiresAt')!)).toBeGreaterThan(Date.now());
    const token = given.get('token')!;
    const { actor, sessionId } = verifyTokenClaims(sut.config.auth.secret, token);
    expect(actor).toEqual({ subject: 'anna.officer', roles: ['OFFICER'] });
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sessionCount()).toBe(before + 1);
    const res = await graphql(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { complexes: { totalCount: 0 } } });
  });

  it('maps several provider values to several roles and ignores values it does not know', async () => {
    idp.loginAs = 'bert.manager';
    const given = fragment(await signIn());
    expect(given.get('roles')).toBe('MANAGER,AUDITOR');
    expect(verifyTokenClaims(sut.config.auth.secret, given.get('token')!).actor.roles).toEqual(['MANAGER', 'AUDITOR']);
  });

  it('refuses an account whose roles claim names no Woonmix role: no token, no session', async () => {
    idp.loginAs = 'carla.visitor';
    expect(OIDC_ACCOUNTS['carla.visitor'].roles).toEqual(['printer-users']);
    const before = await sessionCount();
    const done = await signIn();
    expect(done.pathname + done.search + done.hash).toBe('/sign-in?error=no-role');
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an account whose identifier does not fit a Woonmix subject', async () => {
    idp.loginAs = 'has spaces';
    expect((await signIn()).search).toBe('?error=subject');
  });

  it('says so when the user cancels at the provider', async () => {
    idp.loginAs = null;
    const browser = new TestBrowser();
    const back = await atProvider(browser);
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    expect((await callback(browser, back)).search).toBe('?error=provider');
  });

  it('refuses a return whose state was changed', async () => {
    const browser = new TestBrowser();
    const back = new URL(await atProvider(browser));
    back.searchParams.set('state', 'forged-state-value-0123456789abcdefghijk');
    expect((await callback(browser, back.href)).search).toBe('?error=state');
  });

  it('refuses a return without the sign-in state (another browser: no PKCE verifier, state or nonce)', async () => {
    const back = await atProvider(new TestBrowser());
    expect((await callback(new TestBrowser(), back)).search).toBe('?error=state');
  });

  it('refuses the code of one attempt with the cookie of another (login CSRF)', async () => {
    const victim = new TestBrowser();
    await victim.get(startUrl());
    const attacker = new TestBrowser();
    const attackersCode = await atProvider(attacker);
    expect((await callback(victim, attackersCode)).search).toBe('?error=state');
  });

  it('refuses the code with another PKCE verifier (the provider checks it against the challenge)', async () => {
    const browser = new TestBrowser();
    const back = await atProvider(browser);
    const jar = browser.cookies.get(new URL(app).host)!;
    const attempt = openSignInState(sut.config.auth.secret, jar.get('woonmix_oidc'), Math.floor(Date.now() / 1000))!;
    jar.set('woonmix_oidc', sealSignInState(sut.config.auth.secret, { ...attempt, codeVerifier: 'x'.repeat(43) }));
    expect((await callback(browser, back)).search).toBe('?error=token');
  });

  it('refuses a replayed code, even with a copy of the sign-in cookie', async () => {
    const browser = new TestBrowser();
    const back = await atProvider(browser);
    const sealed = browser.cookies.get(new URL(app).host)!.get('woonmix_oidc')!;
    expect((await callback(browser, back)).pathname).toBe('/sign-in/complete');
    // the service cleared the cookie; an attacker who copied it replays the whole return
    expect(browser.cookies.get(new URL(app).host)!.has('woonmix_oidc')).toBe(false);
    browser.cookies.get(new URL(app).host)!.set('woonmix_oidc', sealed);
    const before = await sessionCount();
    expect((await callback(browser, back)).search).toBe('?error=token');
    expect(await sessionCount()).toBe(before);
  });

  describe('verifies the ID token against the provider (JWKS, issuer, audience, nonce, expiry)', () => {
    const resigned = (change: (c: Record<string, unknown>) => Record<string, unknown>) => (token: string, keys: OidcTestProvider['keys']) =>
      resignJwt(token, keys.provider, keys.kid, change);

    it('accepts the ID token signed again unchanged with the provider key (so the cases below fail for their change alone)', async () => {
      idp.tamperIdToken = resigned((c) => c);
      expect((await signIn()).pathname).toBe('/sign-in/complete');
    });

    it.each([
      ['from another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example' })],
      ['for another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'another-client' })],
      ['for another sign-in (nonce)', (c: Record<string, unknown>) => ({ ...c, nonce: 'another-nonce' })],
      ['expired', (c: Record<string, unknown>) => ({ ...c, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })],
      ['without an expiry', (c: Record<string, unknown>) => ({ ...c, exp: undefined })],
    ])('refuses an ID token %s, signed with the provider key', async (_name, change) => {
      const before = await sessionCount();
      idp.tamperIdToken = resigned(change);
      expect((await signIn()).search).toBe('?error=token');
      expect(await sessionCount()).toBe(before);
    });

    it('refuses an ID token whose claims were changed after signing (tampered)', async () => {
      idp.tamperIdToken = (token) => {
        const [head, , signature] = token.split('.');
        const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
        return `${head}.${Buffer.from(JSON.stringify({ ...claims, roles: ['woonmix-manager'] })).toString('base64url')}.${signature}`;
      };
      expect((await signIn()).search).toBe('?error=token');
    });

    it("refuses an ID token signed with a key that is not in the provider's JWKS", async () => {
      const stranger = foreignKey();
      idp.tamperIdToken = (token, keys) => resignJwt(token, stranger, keys.kid, (c) => ({ ...c, roles: ['woonmix-manager'] }));
      expect((await signIn()).search).toBe('?error=token');
    });
  });

  it('refuses a Woonmix token that was altered, and ends the session on sign-out, and at the provider too', async () => {
    const token = fragment(await signIn()).get('token')!;
    const [head, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const altered = `${head}.${Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url')}.${signature}`;
    const refused = await graphql(altered);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    expect((await graphql(token)).status).toBe(200);
    const out = await fetch(`${app}/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const endSessionUrl = `${idp.issuer}/session/end?${new URLSearchParams({ client_id: 'woonmix', post_logout_redirect_uri: `${app}/sign-in?reason=signed-out` })}`;
    expect(await out.json()).toEqual({ signedOut: true, endSessionUrl });
    // the provider accepts it (registered post-logout address): its "sign out?" page, not an error
    const atIdp = await new TestBrowser().get(endSessionUrl);
    expect(atIdp.status).toBe(200);
    expect(atIdp.text).not.toMatch(/error/i);
    const after = await graphql(token);
    expect(after.status).toBe(401);
    expect(((await after.json()) as any).errors[0]).toMatchObject({
      message: 'Not signed in: session ended (signed out)',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
