import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Actor } from '../../src/auth/roles.js';
import { mintToken } from '../../src/auth/tokens.js';

/**
 * The real service as a child process (`node dist/src/main.js`, production mode) for fault-injection
 * tests (test/faults/*.pg-spec.ts): it can be killed with any signal and restarted on the same
 * database. Build first (`npm run build`): the child and its worker threads run the compiled files.
 */

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'dist', 'src', 'main.js');
const PG_BIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/** Signing secret of the child (production requires AUTH_SECRET of at least 32 characters). */
export const FAULT_TEST_SECRET = 'woonmix-fault-injection-secret-0123456789abcdef';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
  });
}

/** What an HTTP call gave: a response (any status), or no response at all (refused, reset, timed out). */
export type HttpOutcome = { kind: 'response'; status: number; body: any; text: string; ms: number } | { kind: 'network'; error: string; ms: number };

/** One HTTP request on a fresh connection (no keep-alive: a killed server cannot leave a stale socket). */
export function httpCall(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpOutcome> {
  const started = Date.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((ok) => {
    let settled = false;
    const done = (o: HttpOutcome) => {
      if (!settled) {
        settled = true;
        ok(o);
      }
    };
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => done({ kind: 'network', error: e.message, ms: Date.now() - started }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any;
          try {
            body = JSON.parse(text);
          } catch {
            body = null;
          }
          done({ kind: 'response', status: res.statusCode ?? 0, body, text, ms: Date.now() - started });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 15_000, () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 15_000} ms`)));
    req.on('error', (e) => done({ kind: 'network', error: e.message, ms: Date.now() - started }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** A GraphQL answer the service acknowledged: HTTP 200, data, no errors. */
export function acknowledged(o: HttpOutcome, field: string): any | null {
  if (o.kind !== 'response' || o.status !== 200 || !o.body || o.body.errors || !o.body.data?.[field]) return null;
  return o.body.data[field];
}

export interface ServiceStartOptions {
  databaseUrl: string;
  /** Extra or overriding environment for the child (e.g. SEED_DEMO, ROUND_WORKERS). */
  env?: Record<string, string>;
  /** How long to wait for /health/ready (the first start on an empty database loads the demo municipality). */
  readyTimeoutMs?: number;
}

/** The service running as a child process, on its own port. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  private exited = false;
  private readonly log: string[] = [];

  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly readyTimeoutMs: number,
  ) {}

  /** Starts the service and waits until /health/ready answers 200. */
  static async start(options: ServiceStartOptions): Promise<ServiceProcess> {
    const port = await freePort();
    // a clean environment: nothing of the test runner's own configuration leaks in
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: FAULT_TEST_SECRET,
      SEED_DEMO: 'true',
      JOB_POLL_SECONDS: '1',
      // these tests send far more than an officer would; the rate limit is not what they test
      RATE_LIMIT_PER_MINUTE: '1000000',
      // the audit log's checkpoints outside the database: one directory per service (kept across its restarts)
      AUDIT_CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'woonmix-fault-checkpoints-')),
      ...options.env,
    };
    const service = new ServiceProcess(port, env, options.readyTimeoutMs ?? 60_000);
    await service.spawn();
    return service;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the child process has not exited. */
  get running(): boolean {
    return this.child !== null && !this.exited;
  }

  /** The last lines the service wrote (stdout and stderr), for failure messages. */
  output(lines = 60): string {
    return this.log.slice(-lines).join('\n');
  }

  /** Everything the service wrote since it was first started. */
  fullOutput(): string {
    return this.log.join('\n');
  }

  token(actor: Actor): string {
    return mintToken(FAULT_TEST_SECRET, actor, 3600);
  }

  /** POST /graphql as `actor`; never throws (a missing answer is a 'network' outcome). */
  gql(query: string, variables: Record<string, unknown> | undefined, actor: Actor, timeoutMs = 15_000): Promise<HttpOutcome> {
    return httpCall(this.port, 'POST', '/graphql', { body: { query, variables }, headers: { authorization: `Bearer ${this.token(actor)}` }, timeoutMs });
  }

  /** Like gql, but the data of an answer without errors, or an Error naming what came back. */
  /** Assigns officers to a municipality through the API, as an admin does: officers act only inside an assignment. */
  async assignOfficers(subjects: readonly string[], municipalityCode: string): Promise<void> {
    const admin: Actor = { subject: 'fault-test-admin', roles: ['ADMIN'] };
    for (const subject of subjects) {
      await this.gqlOk(
        `mutation($s: String!, $m: String) { assignOfficer(input: { subject: $s, municipalityCode: $m }) { id } }`,
        { s: subject, m: municipalityCode },
        admin,
      );
    }
  }

  async gqlOk<T = any>(query: string, variables: Record<string, unknown> | undefined, actor: Actor, timeoutMs = 15_000): Promise<T> {
    const o = await this.gql(query, variables, actor, timeoutMs);
    if (o.kind !== 'response') throw new Error(`no answer: ${o.error}`);
    if (o.status !== 200 || o.body?.errors || !o.body?.data) throw new Error(`HTTP ${o.status}: ${o.text.slice(0, 2000)}`);
    return o.body.data as T;
  }

  get(path: string, timeoutMs = 5000): Promise<HttpOutcome> {
    return httpCall(this.port, 'GET', path, { timeoutMs });
  }

  /** Sends a signal and waits until the process has exited (SIGKILL after `graceMs` if it has not). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.child || !this.exit) throw new Error('the service was never started');
    if (this.exited) return this.exit;
    this.child.kill(signal);
    const timer = setTimeout(() => {
      if (!this.exited) this.child?.kill('SIGKILL');
    }, graceMs);
    try {
      return await this.exit;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the service if it runs (SIGTERM) and starts it again on the same port and database. */
  async restart(): Promise<void> {
    if (this.running) await this.kill('SIGTERM');
    await this.spawn();
  }

  /** Stops the service (SIGTERM, then SIGKILL); safe to call twice. */
  async stop(): Promise<void> {
    if (this.running) await this.kill('SIGTERM');
  }

  private async spawn(): Promise<void> {
    this.exited = false;
    const child = spawn(process.execPath, [ENTRY], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exit = new Promise((ok) =>
      child.once('exit', (code, signal) => {
        this.exited = true;
        this.log.push(`[service pid ${child.pid} exited: code ${code}, signal ${signal}]`);
        ok({ code, signal });
      }),
    );
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.log.push(line);
      if (this.log.length > 2000) this.log.splice(0, this.log.length - 2000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.log.push(`[service pid ${child.pid} started on port ${this.port}]`);
    await this.waitReady();
  }

  /** Polls /health/ready until 200; fails early when the process exits. */
  async waitReady(timeoutMs = this.readyTimeoutMs): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (this.exited) throw new Error(`the service exited before it was ready:\n${this.output()}`);
      const o = await this.get('/health/ready', 2000);
      if (o.kind === 'response' && o.status === 200) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`the service was not ready within ${timeoutMs} ms:\n${this.output()}`);
      await sleep(100);
    }
  }
}

/** A database of its own on a server (created with CREATE DATABASE; dropped afterwards). */
export interface TestDatabase {
  url: string;
  name: string;
  /** A pg client on the database (connected; end it before drop). */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

export async function createDatabase(serverUrl: string, prefix = 'woonmix_fault'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    client: async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return c;
    },
    drop: async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * A PostgreSQL server of its own (scripts/pg-start.sh in a fresh directory, on a free port), for a
 * test that stops and restarts the server without disturbing the rest of the suite.
 */
export class DedicatedPostgres {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    /** postgres://… of the server's default test database. */
    readonly url: string,
  ) {}

  static async start(): Promise<DedicatedPostgres> {
    const dataDir = mkdtempSync(join(tmpdir(), 'woonmix-pgfault-'));
    const port = await freePort();
    const { stdout } = await run('bash', [join(ROOT, 'scripts', 'pg-start.sh')], {
      env: { ...process.env, PGDATA_DIR: dataDir, PGPORT: String(port), PGDB: 'woonmix_fault' },
    });
    const url = stdout
      .trim()
      .split('\n')
      .at(-1)!
      .replace(/^DATABASE_URL=/, '');
    return new DedicatedPostgres(dataDir, port, url);
  }

  /** Fast shutdown: open sessions are terminated, as in a failover or an operator's restart. */
  async stopServer(): Promise<void> {
    await run(...asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']));
  }

  /** Starts the stopped server again (same directory, port and settings). */
  async startServer(): Promise<void> {
    await run('bash', [join(ROOT, 'scripts', 'pg-start.sh')], {
      env: { ...process.env, PGDATA_DIR: this.dataDir, PGPORT: String(this.port), PGDB: 'woonmix_fault' },
    });
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    try {
      await run('bash', [join(ROOT, 'scripts', 'pg-stop.sh')], { env: { ...process.env, PGDATA_DIR: this.dataDir } });
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/** initdb and postgres refuse to run as root: as root, run them as the 'postgres' user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}
