import { expect, type Page, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type OidcTestProvider, TestBrowser, startOidcTestProvider } from '../helpers/oidc-test-provider';
import { freePort } from '../helpers/service-process';
import { expectAccessible, screenshot } from './helpers';

/**
 * Production sign-in in the browser: a service of its own (NODE_ENV=production, so no demo roles)
 * with the association's identity provider configured, the test's OpenID Connect provider
 * (oidc-provider) beside it. The person clicks "Aanmelden via …", the provider signs them in, and
 * they land where they were going, signed in; a completion address this tab did not start signs no
 * one in (login CSRF); signing out ends the session on the server and at the provider.
 */
const ROOT = resolve(__dirname, '..', '..');

let idp: OidcTestProvider;
let service: ChildProcess;
let base: string;
let dataDir: string;

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startOidcTestProvider(`${base}/auth/oidc/callback`);
  dataDir = mkdtempSync(join(tmpdir(), 'woonmix-oidc-browser-'));
  service = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PGLITE_DIR: join(dataDir, 'db'),
      AUDIT_CHECKPOINT_DIR: join(dataDir, 'checkpoints'),
      SEED_DEMO: 'false',
      AUTH_SECRET: 'browser-oidc-test-secret-0123456789abcdef',
      PUBLIC_URL: base,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_SCOPES: 'openid roles',
      OIDC_ROLE_MAP: 'woonmix-officer=OFFICER,woonmix-manager=MANAGER,woonmix-auditor=AUDITOR',
      OIDC_PROVIDER_NAME: 'Test-IdP',
    },
  });
  let errors = '';
  service.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (service.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start: ${errors}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (service && service.exitCode === null) {
    const exited = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await exited;
  }
  await idp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const SESSION_KEY = 'woonmix.session';
const storedSession = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY);
const api = (page: Page, token: string) =>
  page.request.post(`${base}/graphql`, { headers: { authorization: `Bearer ${token}` }, data: { query: '{ complexes(first: 1) { totalCount } }' } });

/** Signs in through the provider as `account`, from the sign-in page to `path`; the session's token. */
async function signInAtProvider(page: Page, account: string, path = '/worklist'): Promise<string> {
  idp.loginAs = account;
  await page.goto(`${base}${path}`);
  await page.getByRole('link', { name: 'Aanmelden via Test-IdP' }).click();
  await expect(page).toHaveURL(`${base}${path}`);
  await expect(page.getByTestId('signed-in-as')).toContainText(account);
  return page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)!).token as string, SESSION_KEY);
}

test('an officer signs in with the identity provider and lands where they were going', async ({ page }) => {
  idp.loginAs = 'anna.officer';
  await page.goto(`${base}/worklist`);
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
  const button = page.getByRole('link', { name: 'Aanmelden via Test-IdP' });
  await expect(button).toBeVisible();
  // production: no demo roles
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expectAccessible(page, 'sign-in-oidc');
  await screenshot(page, 'sign-in-oidc');

  await button.click();
  await expect(page).toHaveURL(`${base}/worklist`);
  await expect(page.getByTestId('signed-in-as')).toContainText('anna.officer (Woonconsulent)');
  // the token does not stay in the address bar or the history, and the tab's nonce is used up
  expect(await page.evaluate(() => window.location.hash)).toBe('');
  expect(await page.evaluate(() => sessionStorage.getItem('woonmix.signInNonce'))).toBeNull();
  const token = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)!).token as string, SESSION_KEY);
  expect((await api(page, token)).status()).toBe(200);
});

test('a completion address with a token this tab did not start signing in for signs no one in (login CSRF)', async ({ page }) => {
  // the attacker signs in to their own account outside any browser, with a tab nonce of their own,
  // and stops at the completion address, to have the victim open it
  idp.loginAs = 'bert.manager';
  const attackerNonce = 'the-attackers-own-nonce_0123456789abcdefghi';
  const completion = new URL(
    await new TestBrowser().followUntil(`${base}/auth/oidc/start?next=/worklist&tabNonce=${attackerNonce}`, (url) =>
      url.startsWith(`${base}/sign-in/complete`),
    ),
  );
  const fragment = new URLSearchParams(completion.hash.slice(1));
  expect(fragment.get('subject')).toBe('bert.manager');
  expect(fragment.get('tabNonce')).toBe(attackerNonce);
  // a real, working token: what stops it below is the tab nonce alone
  expect((await api(page, fragment.get('token')!)).status()).toBe(200);

  const expectRefused = async () => {
    await expect(page.getByRole('alert')).toContainText('Deze aanmelding is niet in dit tabblad begonnen');
    await expect(page.getByRole('link', { name: 'Opnieuw aanmelden' })).toBeVisible();
    await expect(page).toHaveURL(`${base}/sign-in/complete`);
    expect(await storedSession(page)).toBeNull();
  };

  // 1. a tab that started no sign-in
  await page.goto(completion.href);
  await expectRefused();
  await expectAccessible(page, 'sign-in-other-tab');
  await screenshot(page, 'sign-in-other-tab');

  // 2. a tab that started one (it was cancelled at the provider, so the tab's nonce is still waiting),
  // with the attacker's nonce, with a wrong one, and with none
  for (const tabNonce of [attackerNonce, 'wrong', null]) {
    idp.loginAs = null;
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Aanmelden via Test-IdP' }).click();
    await expect(page).toHaveURL(`${base}/sign-in?error=provider`);
    expect(await page.evaluate(() => sessionStorage.getItem('woonmix.signInNonce'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const forged = new URLSearchParams(fragment);
    if (tabNonce === null) forged.delete('tabNonce');
    else forged.set('tabNonce', tabNonce);
    await page.goto(`${base}/sign-in/complete#${forged.toString()}`);
    await expectRefused();
    // the tab's own attempt is used up too: nothing is left to match later
    expect(await page.evaluate(() => sessionStorage.getItem('woonmix.signInNonce'))).toBeNull();
  }

  await page.goto(`${base}/worklist`);
  await expect(page.getByRole('heading', { name: 'Aanmelden bij Woonmix' })).toBeVisible();
});

test('signing out ends the session on the server and at the identity provider (its end-session endpoint), and returns to the sign-in page', async ({
  page,
}) => {
  const token = await signInAtProvider(page, 'anna.officer');
  expect((await api(page, token)).status()).toBe(200);

  await page.getByRole('button', { name: 'Afmelden' }).click();
  // the provider's own sign-out page (RP-initiated logout, no ID token kept: client_id names Woonmix)
  await expect(page.getByRole('heading', { name: 'Sign out of the Test-IdP?' })).toBeVisible();
  const atProvider = new URL(page.url());
  expect(atProvider.origin + atProvider.pathname).toBe(`${idp.issuer}/session/end`);
  expect(Object.fromEntries(atProvider.searchParams)).toEqual({ client_id: 'woonmix', post_logout_redirect_uri: `${base}/sign-in?reason=signed-out` });
  // the Woonmix session ended before the browser left
  expect((await api(page, token)).status()).toBe(401);
  expect(await storedSession(page)).toBeNull();

  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${base}/sign-in?reason=signed-out`);
  await expect(page.getByRole('status')).toContainText('U bent afgemeld');

  // the provider forgot anna: the next sign-in in this browser asks again who it is
  await signInAtProvider(page, 'bert.manager', '/complexes');
  await expect(page.getByTestId('signed-in-as')).not.toContainText('anna.officer');
});

test('someone whose account has no Woonmix role reads why, and gets no session', async ({ page }) => {
  idp.loginAs = 'carla.visitor';
  await page.goto(`${base}/sign-in`);
  await page.getByRole('link', { name: 'Aanmelden via Test-IdP' }).click();
  await expect(page.getByRole('alert')).toContainText('uw account heeft geen rol in Woonmix');
  await expect(page).toHaveURL(`${base}/sign-in?error=no-role`);
  expect(await page.evaluate(() => sessionStorage.getItem('woonmix.session'))).toBeNull();
  await expectAccessible(page, 'sign-in-no-role');
});
