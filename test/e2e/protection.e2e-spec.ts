import request from 'supertest';
import { DEFAULT_TEST_ACTOR, TestApp, createTestApp } from '../helpers/test-app.js';

describe('GraphQL protection: depth and complexity limits, CSRF prevention', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('refuses a query nested deeper than the limit before running it', async () => {
    let selection = 'reference';
    for (let i = 0; i < 8; i += 1) selection = `currentTenancy { household { ${selection} } }`;
    const res = await request(sut.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${sut.tokenFor(DEFAULT_TEST_ACTOR)}`)
      .send({ query: `{ households(first: 1) { nodes { ${selection} } } }` });
    // refused before execution: a 400 and no data key (the disclosure plugin must not add one, or the status turns 200)
    expect(res.status).toBe(400);
    const { errors, data } = res.body;
    expect('data' in res.body).toBe(false);
    expect(data).toBeUndefined();
    expect(errors![0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_DEEP', maxDepth: 15 },
      message: expect.stringMatching(/nested 19 levels deep; at most 15/),
    });
  });

  it('refuses a query whose fields times page sizes exceed the complexity limit', async () => {
    const page = `households(first: 500) { nodes { reference members { role birthDate } currentTenancy { startDate dwelling { code complex { code name } } } } }`;
    const aliases = Array.from({ length: 12 }, (_, i) => `a${i}: ${page}`).join(' ');
    const { errors } = await sut.gql(`{ ${aliases} }`);
    expect(errors![0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', maxComplexity: 50_000 } });
    expect(errors![0].extensions.complexity).toBeGreaterThan(50_000);
    // one such page is fine
    expect((await sut.gql(`{ ${page} }`)).errors).toBeUndefined();
  });

  it('counts an unpaged list of respondents as a hundred households: hundreds of vacancies with all their respondents are refused', async () => {
    const respondents = (first: number) =>
      `{ vacancies(first: ${first}) { nodes { reference respondents { respondedAt household { reference size registrationDate } } } } }`;
    const { errors } = await sut.gql(respondents(500));
    expect(errors![0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', maxComplexity: 50_000 } });
    expect((await sut.gql(respondents(10))).errors).toBeUndefined();
  });

  it('refuses a simple GET that a browser could send cross-site (CSRF)', async () => {
    // a browser sends cookies, not our bearer token, cross-site; with a token the CSRF check still holds
    const res = await request(sut.app.getHttpServer())
      .get('/graphql')
      .set('authorization', `Bearer ${sut.tokenFor(DEFAULT_TEST_ACTOR)}`)
      .query({ query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('GraphQL protection: page sizes, batching, body size', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('refuses a page larger than 500 rows, naming the argument', async () => {
    const { errors } = await sut.gql('{ households(first: 501) { totalCount } }');
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors![0])).toMatch(/first/);
    expect((await sut.gql('{ households(first: 500) { totalCount } }')).errors).toBeUndefined();
  });

  it('refuses batched operations (an array of operations in one request)', async () => {
    const res = await request(sut.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${sut.tokenFor(DEFAULT_TEST_ACTOR)}`)
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/batch/i);
  });

  it('refuses a request body above 25 MB before parsing it', async () => {
    const huge = JSON.stringify({
      query: 'mutation($c: String!) { importData(input: { kind: HOUSEHOLDS, format: CSV, content: $c, dryRun: true }) { ok } }',
      variables: { c: 'x'.repeat(26 * 1024 * 1024) },
    });
    const res = await request(sut.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${sut.tokenFor(DEFAULT_TEST_ACTOR)}`)
      .send(huge);
    expect(res.status).toBe(413);
  });
});

describe('GraphQL protection in production: no introspection, no stack traces', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp({ nodeEnv: 'production' });
  });
  afterAll(() => sut.close());

  it('refuses introspection', async () => {
    const { errors } = await sut.gql('{ __schema { types { name } } }');
    expect(errors![0].message).toMatch(/introspection/i);
  });

  it('sends errors without stack traces', async () => {
    const { errors } = await sut.gql('{ household(id: "999999") { reference } }');
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions.stacktrace).toBeUndefined();
    expect(JSON.stringify(errors)).not.toMatch(/\.ts:\d+|\.js:\d+|at \w+ \(/);
  });
});

describe('Rate limiting per signed-in user', () => {
  let sut: TestApp;
  const LIMIT = 5;
  beforeAll(async () => {
    sut = await createTestApp({ rateLimit: { perMinute: LIMIT } });
  });
  afterAll(() => sut.close());

  const post = (token: string | null, query = '{ __typename }') => {
    const req = request(sut.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send({ query });
  };

  it('refuses a user over their budget with 429, Retry-After and a clear error; other tokens, addresses and health checks go on', async () => {
    const first = sut.tokenFor({ subject: 'officer-a', roles: ['OFFICER'] });
    const second = sut.tokenFor({ subject: 'officer-b', roles: ['OFFICER'] });
    for (let i = 0; i < LIMIT; i += 1) expect((await post(first)).status).toBe(200);
    const refused = await post(
      first,
      'mutation { addCompositionPolicyVersion(input: { effectiveFrom: "2030-01-01", name: "Plan test", document: "{}" }) { id } }',
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.errors[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', limitPerMinute: LIMIT },
      message: expect.stringMatching(/at most 5 a minute per user/),
    });
    // the refused request did not run
    expect(Number((await sut.dataSource.query('SELECT count(*)::int AS n FROM composition_policy'))[0].n)).toBe(1);
    expect((await post(second)).status).toBe(200);
    expect((await post(null)).status).toBe(401); // keyed by address without a token, and refused: GraphQL is for signed-in callers
    for (let i = 0; i < LIMIT + 2; i += 1) expect((await request(sut.app.getHttpServer()).get('/health')).status).toBe(200);
  });
});
