import { INestApplication } from '@nestjs/common';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { Clock } from '../../src/common/clock.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { QueryCountingLogger } from '../../src/database/query-counter.js';
import { DATA_TABLES } from '../../src/demo/demo-seeder.service.js';
import { JOB_SCHEMA } from '../../src/jobs/job-queue.service.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { Actor, Role } from '../../src/auth/roles.js';
import { mintToken } from '../../src/auth/tokens.js';

/** Fixed "today" for tests: results must not depend on the day the suite runs. */
export const TEST_TODAY = '2026-03-02';
export const fixedClock: Clock = { now: () => new Date(`${TEST_TODAY}T09:00:00Z`), today: () => TEST_TODAY };

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  /** GraphQL over HTTP as `as` (default: DEFAULT_TEST_ACTOR; null: no token at all). */
  gql: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Actor | null,
    headers?: Record<string, string>,
  ) => Promise<{ data: T; errors?: any[] }>;
  /** A bearer token for an actor, signed with the app's secret. */
  tokenFor: (actor: Actor) => string;
  queryCount: () => number;
  /** The embedded database's directory (undefined on PostgreSQL). */
  pgliteDir: string | undefined;
  /** Stops the app; `keepData` leaves the embedded database for a reopen. */
  close: (options?: { keepData?: boolean }) => Promise<void>;
}

/**
 * Boots the whole application on the embedded database (a fresh copy of the global PGlite template)
 * or, when DATABASE_URL is set, on the real server after emptying its data tables.
 */
/**
 * The suite's default caller: an officer who is also manager and admin, so tests of one capability
 * need not switch tokens. Role-by-role access is tested with single-role actors (test/e2e/access).
 */
export const DEFAULT_TEST_ACTOR: Actor = { subject: 'test-officer', roles: ['OFFICER', 'MANAGER', 'ADMIN'] };
export const asRole = (role: Role, subject = `test-${role.toLowerCase()}`): Actor => ({ subject, roles: [role] });

export interface TestAppOptions {
  /**
   * Reopen the database of an earlier (closed) test app instead of a fresh one: a restart. On the
   * embedded database pass that app's `pgliteDir`; on PostgreSQL the data is simply kept.
   */
  reopen?: { pgliteDir: string | undefined; checkpointDir?: string };
  /** Another "today" than TEST_TODAY (e.g. late in a year). */
  clock?: Clock;
}

/** What each test file starts from on the shared server: the migrations' rows only. */
async function emptyDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DELETE FROM ${JOB_SCHEMA}.job`);
  await dataSource.query(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
  // keep only what the migrations loaded
  await dataSource.query(`DELETE FROM rule_parameter_year WHERE year NOT IN (2024, 2025, 2026)`);
  await dataSource.query(`DELETE FROM local_policy WHERE NOT (code = 'DEFAULT' AND version = 1)`);
  await dataSource.query(`DELETE FROM composition_policy WHERE NOT (code = 'DEFAULT' AND version = 1)`);
  await dataSource.query(`DELETE FROM override_reason_policy WHERE version <> 1`);
  await dataSource.query(`DELETE FROM priority_policy WHERE version <> 1`);
  await dataSource.query(`DELETE FROM letting_policy WHERE version <> 1`);
  await dataSource.query(`DELETE FROM offer_letter_template WHERE version <> 1`);
}

export async function createTestApp(overrides: Partial<AppConfig> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  let pgliteDir: string | undefined;
  // the rate limiter runs in every test, with a budget no test reaches (test/e2e/protection sets its own)
  const env: NodeJS.ProcessEnv = { RATE_LIMIT_PER_MINUTE: '10000000', ...process.env, NODE_ENV: 'test', SEED_DEMO: 'false', JOB_POLL_SECONDS: '1' };
  if (!process.env.DATABASE_URL) {
    if (options.reopen?.pgliteDir) pgliteDir = options.reopen.pgliteDir;
    else {
      pgliteDir = mkdtempSync(join(tmpdir(), 'woonmix-test-'));
      if (process.env.PGLITE_TEMPLATE_DIR) cpSync(process.env.PGLITE_TEMPLATE_DIR, pgliteDir, { recursive: true });
    }
    env.PGLITE_DIR = pgliteDir;
  }
  // checkpoints of the audit log outside the database: one directory per test app (on a reopen, the same)
  const checkpointDir = options.reopen?.checkpointDir ?? mkdtempSync(join(tmpdir(), 'woonmix-checkpoints-'));
  env.AUDIT_CHECKPOINT_DIR = checkpointDir;
  env.AUDIT_CHECKPOINT_SECONDS = '0';
  env.OFFER_DEADLINE_SECONDS = '0'; // tests expire offers by calling OffersService.expireOverdue
  const config = { ...loadConfig(env), ...overrides };
  const app = await createApp({ config, clock: options.clock ?? fixedClock }, false);
  await app.init();
  const dataSource = app.get(DataSource);
  if (process.env.DATABASE_URL && !options.reopen) {
    // the shared server is emptied for this file; work still under way there (the app's own start, what
    // the previous file left running) can deadlock with the TRUNCATE, which PostgreSQL then cancels: try
    // again, and close the app when it cannot be emptied, so that none of its workers outlives the file
    for (let attempt = 1; ; attempt += 1) {
      try {
        await emptyDatabase(dataSource);
        break;
      } catch (error) {
        const failed = error as { code?: string; driverError?: { code?: string } };
        if ((failed.code ?? failed.driverError?.code) !== '40P01' || attempt === 5) {
          await app.close();
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
  if (!options.reopen) await assignOfficers({ dataSource }, TEST_OFFICERS);
  const server = app.getHttpServer();
  const tokenFor = (actor: Actor) => mintToken(config.auth.secret, actor, 3600);
  return {
    app,
    dataSource,
    config,
    tokenFor,
    gql: async (query, variables, as = DEFAULT_TEST_ACTOR, headers = {}) => {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (as) req.set('authorization', `Bearer ${tokenFor(as)}`);
      for (const [name, value] of Object.entries(headers)) req.set(name, value);
      const res = await req.send({ query, variables });
      if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${res.text}`);
      return res.body;
    },
    queryCount: () => (dataSource.logger as QueryCountingLogger).queryCount,
    pgliteDir,
    close: async (closeOptions = {}) => {
      await app.close();
      if (closeOptions.keepData) return;
      // each run of the suite made about a hundred of these and left them in the temporary directory
      rmSync(checkpointDir, { recursive: true, force: true });
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    },
  };
}

/** Replays every proposal in the database (as an auditor) and expects each to be IDENTICAL. */
export async function expectEveryProposalReplaysIdentical(sut: TestApp): Promise<number> {
  const ids: { id: number }[] = await sut.dataSource.query('SELECT id FROM proposal ORDER BY id');
  const results = [];
  for (const { id } of ids) {
    const { data, errors } = await sut.gql(
      `query($p: ID!) { replayProposal(proposalId: $p) { proposalId result message differences { path } } }`,
      { p: String(id) },
      asRole('AUDITOR'),
    );
    if (errors) throw new Error(JSON.stringify(errors));
    results.push(data.replayProposal);
  }
  const notIdentical = results.filter((r) => r.result !== 'IDENTICAL');
  if (notIdentical.length) throw new Error(`Proposals that do not replay IDENTICAL: ${JSON.stringify(notIdentical)}`);
  return results.length;
}

/** Database ids of the households and vacancies, by reference (fixtures name them by reference). */
export async function idsByReference(sut: TestApp): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const row of await sut.dataSource.query(`SELECT id, reference AS key FROM household UNION ALL SELECT id, reference FROM vacancy`))
    ids[row.key] = String(row.id);
  return ids;
}

/** Municipalities of the fixtures and the demo (test/fixtures, src/demo). */
export const TEST_MUNICIPALITIES = ['GM9001', 'GM9002', 'GM9003', 'GM9004'];

/**
 * Assigns officers (token subjects) to the test municipalities, as an admin would with
 * assignOfficer: officers act only inside an assignment (src/privacy/household-disclosure.service.ts).
 */
export async function assignOfficers(
  sut: Pick<TestApp, 'dataSource'>,
  subjects: readonly string[],
  municipalities: readonly string[] = TEST_MUNICIPALITIES,
): Promise<void> {
  await sut.dataSource.query(
    `INSERT INTO officer_assignment (subject, municipality_code, assigned_by)
     SELECT s, m, 'test-setup' FROM unnest($1::text[]) AS s, unnest($2::text[]) AS m
     ON CONFLICT DO NOTHING`,
    [[...subjects], [...municipalities]],
  );
}

/** Officers the suites act as besides the default actor: every test app assigns them to the test municipalities. */
export const TEST_OFFICERS = ['test-officer', 'second-officer', 'officer-a', 'officer-b'];

/** A test app loaded with the case dataset (test/fixtures/case-dataset.ts), and its ids by reference. */
export async function createCaseApp(overrides: Partial<AppConfig> = {}): Promise<{ sut: TestApp; ids: Record<string, string> }> {
  const sut = await createTestApp(overrides);
  const { errors } = await sut.app.get(ImportsService).importDataset(caseDataset());
  if (errors.length) throw new Error(`case dataset did not import: ${JSON.stringify(errors)}`);
  return { sut, ids: await idsByReference(sut) };
}
