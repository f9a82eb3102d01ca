import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type OidcTestProvider, startOidcTestProvider } from '../helpers/oidc-test-provider';
import { freePort } from '../helpers/service-process';
import { expectAccessible, screenshot } from './helpers';

/**
 * Production sign-in in the browser: a service of its own (NODE_ENV=production, so no demo roles)
 * with the association's identity provider configured, the test's OpenID Connect provider
 * (oidc-provider) beside it. The person clicks "Aanmelden via …", the provider signs them in, and
 * they land where they were going, signed in; signing out ends the session on the server.
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

test('an officer signs in with the identity provider, lands where they were going, and signs out on the server', async ({ page }) => {
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
  // the token does not stay in the address bar or the history
  expect(await page.evaluate(() => window.location.hash)).toBe('');
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('woonmix.session')!).token as string);
  const api = () =>
    page.request.post(`${base}/graphql`, { headers: { authorization: `Bearer ${token}` }, data: { query: '{ complexes(first: 1) { totalCount } }' } });
  expect((await api()).status()).toBe(200);

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('status')).toContainText('U bent afgemeld');
  await expect.poll(async () => (await api()).status()).toBe(401);
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
