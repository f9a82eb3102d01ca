import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { mintToken } from '../../src/auth/tokens.js';
import { type TestApp, createTestApp } from '../helpers/test-app.js';

const QUERY = '{ complexes(first: 1) { totalCount } }';

/**
 * Sessions (README, "Signing in"): a sign-in starts a session kept in the database; its token counts
 * only while the session is open. Signing out ends it for every instance of the service; static API
 * tokens (npm run token) have no session and keep working.
 */
describe('sign-in sessions and sign-out', () => {
  let sut: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    sut = await createTestApp();
    http = request(sut.app.getHttpServer());
  });
  afterAll(() => sut?.close());

  const devSignIn = async (subject = 'sign-out-tester') => {
    const res = await http.post('/auth/dev-sign-in').send({ role: 'AUDITOR', subject });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  const api = (token: string) => http.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: QUERY });
  const signOut = (token?: string) => {
    const req = http.post('/auth/sign-out');
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const sessionIdOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sid as string;

  it('refuses the token of a signed-out session with 401 UNAUTHENTICATED', async () => {
    const token = await devSignIn();
    expect((await api(token)).body).toEqual({ data: { complexes: { totalCount: 0 } } });

    const out = await signOut(token);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });
    const [row] = await sut.dataSource.query('SELECT method, subject, roles, ended_at FROM auth_session WHERE id = $1', [sessionIdOf(token)]);
    expect(row).toMatchObject({ method: 'DEV', subject: 'sign-out-tester', roles: ['AUDITOR'] });
    expect(row.ended_at).not.toBeNull();

    const after = await api(token);
    expect(after.status).toBe(401);
    expect(after.body.errors[0]).toMatchObject({ message: 'Not signed in: session ended (signed out)', extensions: { code: 'UNAUTHENTICATED' } });
    // and on the plain HTTP routes too (the guard): signing out again is refused in the API's error shape
    const again = await signOut(token);
    expect(again.status).toBe(401);
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('ends only the session signed out of: another sign-in of the same person keeps working', async () => {
    const first = await devSignIn('two-tabs');
    const second = await devSignIn('two-tabs');
    expect((await signOut(first)).body).toEqual({ signedOut: true });
    expect((await api(first)).status).toBe(401);
    expect((await api(second)).status).toBe(200);
  });

  it('refuses a session ended by another instance (the state is in the database, not in this process)', async () => {
    const token = await devSignIn();
    expect((await api(token)).status).toBe(200);
    // what POST /auth/sign-out on another instance writes
    await sut.dataSource.query('UPDATE auth_session SET ended_at = now() WHERE id = $1', [sessionIdOf(token)]);
    expect((await api(token)).status).toBe(401);
  });

  it('refuses the token of an expired session, even while the token itself has not expired', async () => {
    const token = await devSignIn();
    await sut.dataSource.query(`UPDATE auth_session SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE id = $1`, [
      sessionIdOf(token),
    ]);
    const res = await api(token);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toBe('Not signed in: session expired');
  });

  it('refuses a token naming a session the service never started, though it is signed with the secret', async () => {
    const token = mintToken(sut.config.auth.secret, { subject: 'mallory', roles: ['ADMIN'] }, 3600, { sessionId: randomUUID() });
    const res = await api(token);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toBe('Not signed in: session unknown (sign in again)');
  });

  it('refuses a token whose claims were altered (another session id)', async () => {
    const token = await devSignIn();
    const other = await devSignIn('someone-else');
    const [head, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sid: sessionIdOf(other) })).toString('base64url')}.${signature}`;
    expect((await api(forged)).status).toBe(401);
  });

  it('keeps static API tokens (no session) working; signing out with one ends nothing', async () => {
    const token = mintToken(sut.config.auth.secret, { subject: 'api-client', roles: ['AUDITOR'] }, 3600);
    expect((await api(token)).status).toBe(200);
    const out = await signOut(token);
    expect(out.status).toBe(200);
    expect(out.body.signedOut).toBe(false);
    expect((await api(token)).status).toBe(200);
  });

  it('asks for a token to sign out', async () => {
    const res = await signOut();
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

/** Another instance of the service on the same database (a restart stands in for it on the embedded one). */
describe('sign-out seen by another instance', () => {
  it('refuses, on a second instance, the token of a session ended on the first', async () => {
    const first = await createTestApp();
    let second: TestApp | undefined;
    try {
      const signedIn = await request(first.app.getHttpServer()).post('/auth/dev-sign-in').send({ role: 'OFFICER' });
      const token = signedIn.body.token as string;
      const out = await request(first.app.getHttpServer()).post('/auth/sign-out').set('authorization', `Bearer ${token}`);
      expect(out.body).toEqual({ signedOut: true });
      await first.close({ keepData: true });
      second = await createTestApp({}, { reopen: { pgliteDir: first.pgliteDir } });
      const res = await request(second.app.getHttpServer()).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: QUERY });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].message).toBe('Not signed in: session ended (signed out)');
    } finally {
      await second?.close();
      if (!second) await first.close().catch(() => undefined);
    }
  });
});
