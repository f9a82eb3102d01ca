import request from 'supertest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '../../src/auth/tokens.js';
import { isServicePath } from '../../src/web/web-app.middleware.js';

interface Layer {
  route?: { path: string; methods?: Record<string, boolean> };
}
import { TestApp, createTestApp } from '../helpers/test-app.js';

/** The workplace as the service serves it: its files, the page for every client route, its policy, its sign-in. */
describe('web application served by the service', () => {
  let sut: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'woonmix-webapp-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Woonmix</title><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("app")');
    sut = await createTestApp({ webAppDir: dir });
    http = request(sut.app.getHttpServer());
  });
  afterAll(() => sut.close());

  it.each(['/', '/worklist', '/vacancies/12', '/approvals?x=1'])('serves the page for %s, with a policy that allows only its own origin', async (path) => {
    const res = await http.get(path).set('accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>Woonmix</title>');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('serves hashed files for good, and a missing one as 404, not as the page', async () => {
    const file = await http.get('/assets/app-1234.js');
    expect(file.status).toBe(200);
    expect(file.headers['cache-control']).toContain('immutable');
    expect((await http.get('/assets/missing.js')).status).toBe(404);
  });

  it("leaves every GET route of the service's controllers to them (none is served the page instead)", () => {
    const router = sut.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
    const stack = (router.router ?? router._router)!.stack;
    // '/{*path}' is the application's own middleware (WebModule), registered on every GET
    const routes = stack
      .filter((layer) => layer.route?.methods?.get)
      .map((layer) => layer.route!.path)
      .filter((path) => path !== '/{*path}');
    expect(routes).toEqual(expect.arrayContaining(['/health', '/simulations/:id/charts/:complex/:series', '/auth/options']));
    for (const route of routes) expect([route, isServicePath(route.replace(/:[a-z]+/gi, 'x'))]).toEqual([route, true]);
  });

  it('leaves the API and health to the service', async () => {
    expect((await http.get('/health')).body).toEqual({ status: 'ok' });
    const graphql = await http.post('/graphql').send({ query: '{ __typename }' });
    expect(graphql.status).toBe(401);
  });

  it('offers development sign-in outside production, minting a token for the chosen role and subject', async () => {
    const options = await http.get('/auth/options');
    expect(options.body.development.roles).toEqual(['OFFICER', 'MANAGER', 'AUDITOR', 'ADMIN', 'PARTNER']);
    const res = await http.post('/auth/dev-sign-in').send({ role: 'AUDITOR', subject: 'a.jansen' });
    expect(res.status).toBe(200);
    expect(verifyToken(sut.config.auth.secret, res.body.token)).toEqual({ subject: 'a.jansen', roles: ['AUDITOR'] });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const asDefault = await http.post('/auth/dev-sign-in').send({ role: 'OFFICER' });
    expect(asDefault.body.subject).toBe('dev-officer');
    // the token works on the API
    const me = await http.post('/graphql').set('authorization', `Bearer ${asDefault.body.token}`).send({ query: '{ __typename }' });
    expect(me.body).toEqual({ data: { __typename: 'Query' } });
  });

  it.each([
    [{ role: 'KING' }, 'role'],
    [{ role: 'OFFICER', subject: 'has spaces' }, 'subject'],
  ])('refuses %j naming the field', async (body, field) => {
    const res = await http.post('/auth/dev-sign-in').send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
  });
});

describe('web application in production', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp({ nodeEnv: 'production' });
  });
  afterAll(() => sut.close());

  it('has no development sign-in', async () => {
    const http = request(sut.app.getHttpServer());
    expect((await http.get('/auth/options')).body).toEqual({ development: null, oidc: { enabled: false } });
    expect((await http.post('/auth/dev-sign-in').send({ role: 'ADMIN' })).status).toBe(404);
  });
});
