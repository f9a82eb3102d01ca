import request from 'supertest';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { SCHEMA_FILE } from '../../src/app.module.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

describe('committed schema file', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('matches the schema the code generates (run `npm run schema` after changing the API)', () => {
    const { schema } = sut.app.get(GraphQLSchemaHost);
    const committed = readFileSync(SCHEMA_FILE, 'utf8')
      .replace(/^(#.*\n)+\n?/, '')
      .trim();
    expect(committed).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });
});

describe('health', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());

  it('answers liveness and readiness', async () => {
    expect((await request(sut.app.getHttpServer()).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(sut.app.getHttpServer()).get('/health/ready')).body).toEqual({ status: 'ok', database: 'ok' });
  });
});
