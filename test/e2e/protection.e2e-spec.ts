import request from 'supertest';
import { TestApp, createTestApp } from '../helpers/test-app.js';

describe('GraphQL protection: depth and complexity limits, CSRF prevention', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('refuses a query nested deeper than the limit before running it', async () => {
    let selection = 'reference';
    for (let i = 0; i < 8; i += 1) selection = `currentTenancy { household { ${selection} } }`;
    const { errors, data } = await sut.gql(`{ households(first: 1) { nodes { ${selection} } } }`);
    expect(data).toBeUndefined();
    expect(errors![0]).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP', maxDepth: 15 }, message: expect.stringMatching(/nested 19 levels deep; at most 15/) });
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

  it('refuses a simple GET that a browser could send cross-site (CSRF)', async () => {
    const res = await request(sut.app.getHttpServer()).get('/graphql').query({ query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Cross-Site Request Forgery/);
  });
});
