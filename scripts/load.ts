import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { Agent, createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Role } from '../src/auth/roles.js';
import { mintToken } from '../src/auth/tokens.js';
import { amsterdamDate } from '../src/common/clock.js';
import { projectRoot } from '../src/config/project-root.js';

/**
 * `npm run load`: throughput and latency of the GraphQL API under concurrent users, on loopback.
 * Starts the built service (`node dist/src/main.js`) as a child process on a fresh embedded database
 * (or DATABASE_URL when set), which loads the demo municipality, then drives two mixes with autocannon
 * at increasing concurrency: READ (what officers and managers look at) and PROPOSAL (officers asking
 * proposals for the open vacancies, round-robin, between reads). Every connection is its own user
 * (own token subject). A 200 whose body holds `errors` is an error. Beside the load, GET /health is
 * timed every 500 ms (the event loop, as a liveness probe sees it). Prints a markdown table, writes it
 * as JSON, and exits 1 when any request failed.
 *
 * LOAD_CONCURRENCY (default 1,4,16,64), LOAD_SECONDS per level (10), LOAD_WARMUP_SECONDS per mix (2),
 * LOAD_TIMEOUT_SECONDS per request (30), LOAD_START_SECONDS for the service to become ready (300),
 * LOAD_TRACE=1 to add every answer (arrival, operation, latency, status) to the JSON.
 * LOAD_INSTANCES=N (with DATABASE_URL): N service processes on that one server, behind a round-robin
 * balancer (class Fleet): the way past one Node main thread (issue 18; README "Several instances").
 */

interface Settings {
  levels: number[];
  seconds: number;
  warmupSeconds: number;
  timeoutSeconds: number;
  startSeconds: number;
  /** Service instances on one PostgreSQL server, behind the round-robin balancer (LOAD_INSTANCES). */
  instances: number;
}

type MixName = 'read' | 'proposal';

/** Ids read from the running service before the load starts. */
interface Ids {
  vacancies: string[];
  households: string[];
  complexes: string[];
  municipalityCode: string;
  year: number;
}

/** One connection = one user; state it carries from one request to the next. */
interface ClientState {
  op: string;
  proposalId: string | null;
  /** When the request in flight was sent; null between an answer and the next request. */
  sentAt: bigint | null;
}

interface Operation {
  name: string;
  role: Extract<Role, 'OFFICER' | 'MANAGER'>;
  query: string;
  variables: (state: ClientState) => Record<string, unknown>;
  /** Reads what a later request of the same user needs (the proposal just made). */
  onData?: (data: Record<string, unknown>, state: ClientState) => void;
}

interface OpStats {
  count: number;
  errors: number;
  latencies: number[];
  bytes: number;
}

interface RunStats {
  ops: Map<string, OpStats>;
  graphqlErrors: number;
  samples: Map<string, number>;
  /** LOAD_TRACE=1: every answer as [ms since the level started when it arrived, operation, latency ms, HTTP status]. */
  trace: [number, string, number, number][] | null;
}

interface OpRow {
  name: string;
  count: number;
  errors: number;
  p50_ms: number;
  p99_ms: number;
  mean_response_bytes: number;
}

interface Row {
  mix: MixName;
  connections: number;
  seconds: number;
  requests: number;
  requests_per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  non_2xx: number;
  graphql_errors: number;
  connection_errors: number;
  timeouts: number;
  /** Requests sent but not answered when the level ended (one per connection, closed loop): their latency is in no percentile. */
  unanswered_at_end: number;
  /** How long the oldest of them had waited, ms: above p99 when the service starves some requests. */
  oldest_unanswered_ms: number;
  /** GET /health (no database) every 500 ms during the level: the slowest answer, ms (how a liveness probe fares). */
  health_max_ms: number;
  service_cpu_pct: number | null;
  loader_cpu_pct: number;
  /** 1-minute load average at the end of the level: other work on the machine shows here. */
  load_average_1m: number;
  operations: OpRow[];
  error_samples: Record<string, number>;
  trace?: [number, string, number, number][];
}

const ROOT = projectRoot();
const ERROR_SAMPLES = 20;

function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return Number(raw);
  };
  const rawLevels = env.LOAD_CONCURRENCY?.trim() || '1,4,16,64';
  const levels = rawLevels.split(',').map((s) => s.trim());
  if (!levels.every((l) => /^\d+$/.test(l) && Number(l) >= 1 && Number(l) <= 1000))
    fail(`LOAD_CONCURRENCY must list connection counts 1..1000, e.g. "1,4,16,64" (got "${rawLevels}")`);
  return {
    levels: levels.map(Number),
    seconds: int('LOAD_SECONDS', 10, 1, 3600),
    warmupSeconds: int('LOAD_WARMUP_SECONDS', 2, 0, 600),
    timeoutSeconds: int('LOAD_TIMEOUT_SECONDS', 30, 1, 600),
    startSeconds: int('LOAD_START_SECONDS', 300, 10, 3600),
    instances: int('LOAD_INSTANCES', 1, 1, 8),
  };
}

function fail(message: string): never {
  console.error(`load: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The service, as a child process

class Service {
  readonly tail: string[] = [];
  errorLines = 0;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitedPromise: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly log: WriteStream,
  ) {
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
    });
    let partial = '';
    const onChunk = (chunk: Buffer) => {
      log.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        // Nest's logger: "[Nest] <pid>  - <time>   ERROR [ExceptionsHandler] ..."
        if (/\bERROR\b/.test(line)) this.errorLines += 1;
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
      }
    };
    child.stdout?.on('data', onChunk);
    child.stderr?.on('data', onChunk);
  }

  static start(env: NodeJS.ProcessEnv, port: number, logPath: string): Service {
    const log = createWriteStream(logPath);
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new Service(child, `http://127.0.0.1:${port}`, log);
  }

  get running(): boolean {
    return this.exited === null;
  }

  async waitReady(seconds: number, interrupted: () => boolean): Promise<number> {
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      if (!this.running) throw new Error(`the service exited (${this.exited?.code ?? this.exited?.signal}) before it was ready:\n${this.tail.join('\n')}`);
      if (interrupted()) throw new Interrupted();
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return (Date.now() - t0) / 1000;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the service was not ready after ${seconds} s (LOAD_START_SECONDS):\n${this.tail.join('\n')}`);
  }

  /** SIGTERM (the service closes its database cleanly), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const killed = await Promise.race([this.exitedPromise.then(() => false), sleep(15_000).then(() => true)]);
      if (killed && this.running) {
        this.child.kill('SIGKILL');
        await this.exitedPromise;
      }
    }
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  /** CPU seconds the service used so far (Linux /proc, USER_HZ = 100); null elsewhere. */
  cpuSeconds(): number | null {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  }
}

/**
 * The service instances of a run (LOAD_INSTANCES), as one: several processes on one PostgreSQL server
 * (they share the database, its job queue and its session rows; each holds its own rate-limit counts
 * and caches, README "Several instances"), reached through a round-robin balancer in this process, as
 * nginx's upstream or a cloud load balancer would spread requests. With one instance, no balancer.
 */
class Fleet {
  readonly instances: Service[];
  private balancer: Server | null = null;
  private balancerUrl: string | null = null;

  constructor(first: Service) {
    this.instances = [first];
  }

  add(instance: Service): void {
    this.instances.push(instance);
  }

  /** Where the load goes: the balancer, or the only instance. */
  get baseUrl(): string {
    return this.balancerUrl ?? this.instances[0].baseUrl;
  }

  get child(): ChildProcess {
    return this.instances[0].child;
  }

  get running(): boolean {
    return this.instances.every((s) => s.running);
  }

  /** The first instance that stopped, for the error message. */
  private get stopped(): Service {
    return this.instances.find((s) => !s.running) ?? this.instances[0];
  }

  get exited(): Service['exited'] {
    return this.stopped.exited;
  }

  get tail(): string[] {
    return this.stopped.tail;
  }

  get errorLines(): number {
    return this.instances.reduce((n, s) => n + s.errorLines, 0);
  }

  /** CPU seconds of all instances together (above 100% a second when more than one core works). */
  cpuSeconds(): number | null {
    const each = this.instances.map((s) => s.cpuSeconds());
    return each.some((c) => c === null) ? null : each.reduce((n, c) => n! + c!, 0);
  }

  /** Round-robin per request over keep-alive connections to the instances. */
  async balance(port: number): Promise<void> {
    // idle sockets closed before the service's keep-alive timeout (Node's 5 s) closes them under a reused request (ECONNRESET)
    const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });
    let next = 0;
    this.balancer = createHttpServer((req, res) => {
      const target = new URL(this.instances[next++ % this.instances.length].baseUrl);
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`balancer: ${e.message}`);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.balancer!.listen(port, '127.0.0.1', resolve));
    this.balancerUrl = `http://127.0.0.1:${port}`;
  }

  killNow(): void {
    for (const s of this.instances) s.killNow();
  }

  async stop(): Promise<void> {
    this.balancer?.closeAllConnections();
    await new Promise<void>((resolve) => (this.balancer ? this.balancer.close(() => resolve()) : resolve()));
    await Promise.all(this.instances.map((s) => s.stop()));
  }
}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Requests a finished level left in flight still run in the service (autocannon only closes the
 * sockets): wait until a database round trip (GET /health/ready) is quick again, at most 60 s.
 */
async function drain(fleet: Fleet): Promise<void> {
  for (const service of fleet.instances) await drainOne(service);
}

async function drainOne(service: Service): Promise<void> {
  const t0 = Date.now();
  let quick = 0;
  while (quick < 3 && Date.now() - t0 < 60_000 && service.running && !interrupted) {
    const s = Date.now();
    try {
      const res = await fetch(`${service.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
      quick = res.status === 200 && Date.now() - s < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// GraphQL operations of the two mixes

const COMPLEXES = `query Complexes($m: String) { complexes(first: 10, filter: { maxResilienceClass: 2, municipalityCode: $m }) { totalCount
  nodes { id code name dwellingCount neighbourhood { buurtCode name resilienceClass }
    composition { asOf occupiedCount vacantCount dimensions { dimension total categories { category count share } }
      inflow { periodStart periodEnd count urgentShare vulnerableShare } } } } }`;

const COMPLEX = `query Complex($c: ID!) { complex(id: $c) { code name dwellingCount neighbourhood { name resilienceClass }
  composition { asOf occupiedCount vacantCount dimensions { dimension total categories { category count share } }
    inflow { periodStart periodEnd count urgentCount urgentShare vulnerableCount vulnerableShare } } } }`;

const OPEN_VACANCIES = `query OpenVacancies { vacancies(first: 10, filter: { status: OPEN }) { totalCount pageInfo { hasNextPage endCursor }
  nodes { id reference route availableFrom respondentCount dwelling { code rooms netRentCents complex { code name } }
    respondents { respondedAt household { reference size registrationDate urgency { category } } } } } }`;

const VACANCY_CANDIDATES = `query VacancyCandidates($v: ID!) {
  vacancy(id: $v) { reference route status respondentCount availableFrom
    dwelling { code address rooms netRentCents complex { code name neighbourhood { name resilienceClass } } } }
  eligibleCandidates(vacancyId: $v, first: 10) { evaluatedCount eligibleCount excludedCount excludedByRule { ruleId count examples }
    candidates { priorityTier summary household { reference size registrationDate urgency { category } } quotaExceptions { quota } } } }`;

const HOUSEHOLD = `query Household($h: ID!) { household(id: $h) { id reference size householdType taxableIncomeCents incomeSource incomeYear
  registrationDate onWaitingList rankingPoints specialCategoryVisible supportNeeds members { role birthDate }
  urgency { category granted expires } currentTenancy { startDate dwelling { code complex { code } } } } }`;

const WAITING_LIST = `query WaitingList { households(first: 50, filter: { onWaitingList: true, urgent: true }) { totalCount pageInfo { hasNextPage endCursor }
  nodes { reference size householdType taxableIncomeCents incomeSource registrationDate } } }`;

const QUOTA_STATUS = `query QuotaStatus($y: Int!, $m: String) { quotaStatus(year: $y, municipalityCode: $m) { allocations
  shares { quota numerator denominator basisPoints normComparison normBasisPoints meetsNorm } } }`;

const ALLOCATION_REPORT = `query AllocationReport($y: Int!, $m: String) { allocationReport(year: $y, municipalityCode: $m) { year scope allocations
  quotas { quota numerator denominator basisPoints meetsNorm } deviations { dimension key decisions passedOver overrides }
  groups { dimension category applicants allocated rateBasisPoints } } }`;

const PROPOSE = `mutation Propose($v: ID!) { proposeAllocation(vacancyId: $v) { id solveStatus summary candidateCount
  chosen { rank score household { reference registrationDate } } plainOrderCandidate { rank household { reference } }
  passedOverSummary alternatives { rank score costVersusChosen household { reference } }
  composition { targetId bound basisPoints before { count total basisPoints } afterThis { count total basisPoints violation } text } } }`;

const RATIONALE = `query Rationale($p: ID!) { proposalRationale(proposalId: $p) { vacancyReference allocationDate sentences displacement
  bindingTargets { targetId bound basisPoints text } exclusions { respondents eligible byRule { ruleId count examples } }
  decisions { decision decidedBy approvedBy } basis { inputHash planHash compositionPolicy parameterYear solver } } }`;

/** The operations, with ids taken round-robin (shared by all connections, so every id is used). */
function operations(ids: Ids): Record<string, Operation> {
  const counters = new Map<string, number>();
  const next = (key: string, list: string[]) => {
    const i = counters.get(key) ?? 0;
    counters.set(key, i + 1);
    return list[i % list.length];
  };
  let lastProposalId: string | null = null;
  const m = ids.municipalityCode;
  const ops: Operation[] = [
    { name: 'complexes', role: 'OFFICER', query: COMPLEXES, variables: () => ({ m }) },
    { name: 'complex', role: 'MANAGER', query: COMPLEX, variables: () => ({ c: next('complex', ids.complexes) }) },
    { name: 'openVacancies', role: 'OFFICER', query: OPEN_VACANCIES, variables: () => ({}) },
    { name: 'vacancyCandidates', role: 'OFFICER', query: VACANCY_CANDIDATES, variables: () => ({ v: next('vacancy-read', ids.vacancies) }) },
    { name: 'household', role: 'OFFICER', query: HOUSEHOLD, variables: () => ({ h: next('household', ids.households) }) },
    { name: 'waitingList', role: 'OFFICER', query: WAITING_LIST, variables: () => ({}) },
    { name: 'quotaStatus', role: 'OFFICER', query: QUOTA_STATUS, variables: () => ({ y: ids.year, m }) },
    { name: 'allocationReport', role: 'MANAGER', query: ALLOCATION_REPORT, variables: () => ({ y: ids.year, m }) },
    {
      name: 'proposeAllocation',
      role: 'OFFICER',
      query: PROPOSE,
      variables: () => ({ v: next('vacancy-propose', ids.vacancies) }),
      onData: (data, state) => {
        const id = (data.proposeAllocation as { id?: string } | null)?.id ?? null;
        state.proposalId = id;
        lastProposalId = id ?? lastProposalId;
      },
    },
    // the officer reads why the proposal just made chose whom it chose
    { name: 'proposalRationale', role: 'OFFICER', query: RATIONALE, variables: (state) => ({ p: state.proposalId ?? lastProposalId ?? '1' }) },
  ];
  return Object.fromEntries(ops.map((o) => [o.name, o]));
}

/** Per connection, repeated: a workday's mix of screens. Each connection starts at another place in it. */
const MIXES: Record<MixName, string[]> = {
  read: ['vacancyCandidates', 'complexes', 'household', 'openVacancies', 'vacancyCandidates', 'waitingList', 'allocationReport', 'quotaStatus', 'complex'],
  // a quarter of the requests are proposals; each is followed by its rationale (the officer checks it)
  proposal: ['proposeAllocation', 'proposalRationale', 'vacancyCandidates', 'household', 'proposeAllocation', 'proposalRationale', 'waitingList', 'complexes'],
};

// ---------------------------------------------------------------------------------------------
// Running one mix at one concurrency

let current: autocannon.Instance | null = null;
let interrupted = false;

function newStats(): RunStats {
  return { ops: new Map(), graphqlErrors: 0, samples: new Map(), trace: process.env.LOAD_TRACE === '1' ? [] : null };
}

function opStats(stats: RunStats, name: string): OpStats {
  let s = stats.ops.get(name);
  if (!s) stats.ops.set(name, (s = { count: 0, errors: 0, latencies: [], bytes: 0 }));
  return s;
}

function noteError(stats: RunStats, key: string): void {
  stats.samples.set(key, (stats.samples.get(key) ?? 0) + 1);
}

/** Inspects one answer: HTTP status, then the body's `errors` (a 200 with errors is an error). */
function recordAnswer(stats: RunStats, op: Operation, state: ClientState, status: number, body: string): void {
  const s = opStats(stats, op.name);
  s.count += 1;
  let parsed: { data?: Record<string, unknown> | null; errors?: { message?: string; extensions?: { code?: string } }[] } | null = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: counted below
  }
  const first = parsed?.errors?.[0];
  const what = first
    ? `${first.extensions?.code ?? 'NO_CODE'}: ${String(first.message).slice(0, 240)}`
    : parsed
      ? 'no data'
      : `body not JSON: ${body.slice(0, 120)}`;
  if (status < 200 || status > 299) {
    s.errors += 1; // autocannon counts it as non-2xx
    noteError(stats, `${op.name} HTTP ${status} ${what}`);
    return;
  }
  if (!parsed || parsed.errors?.length || !parsed.data) {
    s.errors += 1;
    stats.graphqlErrors += 1;
    noteError(stats, `${op.name} HTTP ${status} ${what}`);
    return;
  }
  op.onData?.(parsed.data, state);
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function runLevel(
  mix: MixName,
  connections: number,
  seconds: number,
  label: string,
  ctx: { url: string; secret: string; ops: Record<string, Operation>; timeoutSeconds: number; service: Fleet },
): Promise<Row> {
  const stats = newStats();
  const sequence = MIXES[mix];
  const t0 = process.hrtime.bigint();
  let clientIndex = 0;
  const states: ClientState[] = [];
  const setupClient = (client: autocannon.Client) => {
    const i = clientIndex++;
    const state: ClientState = { op: '', proposalId: null, sentAt: null };
    states.push(state);
    // one user per connection: its own token subject for each role it plays
    const tokens = new Map<string, string>();
    const tokenFor = (role: Role) => {
      if (!tokens.has(role))
        tokens.set(role, mintToken(ctx.secret, { subject: `load-${label}-c${connections}-${i}-${role.toLowerCase()}`, roles: [role] }, 4 * 3600));
      return tokens.get(role)!;
    };
    const rotated = [...sequence.slice(i % sequence.length), ...sequence.slice(0, i % sequence.length)];
    client.setRequests(
      rotated.map((name): autocannon.Request => {
        const op = ctx.ops[name];
        return {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(op.role)}` },
          // called just before the request is sent (one request in flight per connection)
          setupRequest: (request) => {
            state.op = name;
            state.sentAt = process.hrtime.bigint();
            return { ...request, body: JSON.stringify({ query: op.query, variables: op.variables(state) }) };
          },
          onResponse: (status, body) => recordAnswer(stats, op, state, status, body),
        };
      }),
    );
    client.on('response', (status: number, bytes: number, ms: number) => {
      state.sentAt = null;
      const s = opStats(stats, state.op);
      s.latencies.push(ms);
      s.bytes += bytes;
      stats.trace?.push([Math.round(Number(process.hrtime.bigint() - t0) / 1e6), state.op, round1(ms), status]);
    });
  };
  const health = probeHealth(ctx.service.baseUrl);
  const cpu0 = ctx.service.cpuSeconds();
  const own0 = process.cpuUsage();
  let endedAt = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    current = autocannon(
      {
        url: `${ctx.url}/graphql`,
        method: 'POST',
        connections,
        duration: seconds,
        timeout: ctx.timeoutSeconds,
        pipelining: 1,
        setupClient,
        title: `${mix} c=${connections}`,
      },
      (err, res) => {
        endedAt = process.hrtime.bigint();
        if (err) reject(err);
        else resolve(res);
      },
    );
    if (interrupted) current.stop();
  });
  current = null;
  const healthMax = await health.stop();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = ctx.service.cpuSeconds();
  const own = process.cpuUsage(own0);
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const operations = [...stats.ops.entries()]
    .map(([name, s]): OpRow => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      return {
        name,
        count: s.count,
        errors: s.errors,
        p50_ms: round1(percentile(sorted, 0.5)),
        p99_ms: round1(percentile(sorted, 0.99)),
        mean_response_bytes: sorted.length ? Math.round(s.bytes / sorted.length) : 0,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    mix,
    connections,
    seconds: round1(result.duration),
    requests: responses,
    requests_per_s: round1(responses / result.duration),
    p50_ms: result.latency.p50,
    p90_ms: result.latency.p90,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    non_2xx: result.non2xx,
    graphql_errors: stats.graphqlErrors,
    connection_errors: result.errors,
    timeouts: result.timeouts,
    unanswered_at_end: Math.max(0, result.requests.sent - responses - result.timeouts),
    oldest_unanswered_ms: Math.round(Math.max(0, ...states.map((st) => (st.sentAt === null ? 0 : Number(endedAt - st.sentAt) / 1e6)))),
    health_max_ms: healthMax,
    service_cpu_pct: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) / wall) * 100),
    loader_cpu_pct: Math.round(((own.user + own.system) / 1e6 / wall) * 100),
    load_average_1m: round1(loadavg()[0]),
    operations,
    error_samples: Object.fromEntries([...stats.samples.entries()].sort((a, b) => b[1] - a[1]).slice(0, ERROR_SAMPLES)),
    ...(stats.trace ? { trace: stats.trace } : {}),
  };
}

/**
 * GET /health every 500 ms while a level runs: it touches no database, so its latency is the
 * service's event loop (what a liveness probe sees). stop() answers the slowest, counting one still
 * pending as its time so far.
 */
function probeHealth(baseUrl: string): { stop: () => Promise<number> } {
  let running = true;
  let worst = 0;
  const abort = new AbortController();
  const loop = (async () => {
    while (running) {
      const t0 = Date.now();
      try {
        await (await fetch(`${baseUrl}/health`, { signal: abort.signal })).text();
      } catch {
        // aborted at the end of the level: its time so far counts
      }
      worst = Math.max(worst, Date.now() - t0);
      if (running) await sleep(500);
    }
  })();
  return {
    stop: async () => {
      running = false;
      abort.abort();
      await loop;
      return worst;
    },
  };
}

const errorsOf = (r: Row) => r.non_2xx + r.graphql_errors + r.connection_errors;

function line(r: Row): string {
  return (
    `  ${r.mix.padEnd(8)} c=${String(r.connections).padEnd(3)} ${String(r.requests).padStart(6)} req  ${String(r.requests_per_s).padStart(7)} req/s  p50 ${String(r.p50_ms).padStart(5)} ms  p99 ${String(r.p99_ms).padStart(5)} ms  oldest unanswered ${r.oldest_unanswered_ms} ms` +
    `  non-2xx ${r.non_2xx}  GraphQL errors ${r.graphql_errors}  conn errors ${r.connection_errors}  /health max ${r.health_max_ms} ms  service CPU ${r.service_cpu_pct ?? '?'}%  load avg ${r.load_average_1m}`
  );
}

function markdown(rows: Row[]): string {
  const head =
    '| mix | connections | requests | req/s | p50 ms | p99 ms | max ms | oldest unanswered at end, ms | non-2xx | GraphQL errors | conn errors (timeouts) | GET /health max ms | service CPU | load avg 1 min |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  return [
    head,
    sep,
    ...rows.map(
      (r) =>
        `| ${r.mix} | ${r.connections} | ${r.requests} | ${r.requests_per_s} | ${r.p50_ms} | ${r.p99_ms} | ${r.max_ms} | ${r.oldest_unanswered_ms} | ${r.non_2xx} | ${r.graphql_errors} | ${r.connection_errors} (${r.timeouts}) | ${r.health_max_ms} | ${r.service_cpu_pct ?? '?'}% | ${r.load_average_1m} |`,
    ),
  ].join('\n');
}

/** Per operation: p50 / p99 ms at each concurrency of a mix. */
function operationsMarkdown(mix: MixName, rows: Row[]): string {
  const levels = rows.filter((r) => r.mix === mix);
  const names = [...new Set(levels.flatMap((r) => r.operations.map((o) => o.name)))].sort();
  const head = `| ${mix} mix: operation | response bytes | ${levels.map((r) => `c=${r.connections} p50 / p99 ms (n)`).join(' | ')} |`;
  const sep = `|---|---:|${levels.map(() => '---:').join('|')}|`;
  const body = names.map(
    (n) =>
      `| ${n} | ${Math.max(...levels.map((r) => r.operations.find((x) => x.name === n)?.mean_response_bytes ?? 0))} | ${levels
        .map((r) => {
          const o = r.operations.find((x) => x.name === n);
          return o ? `${o.p50_ms} / ${o.p99_ms} (${o.count}${o.errors ? `, ${o.errors} errors` : ''})` : '-';
        })
        .join(' | ')} |`,
  );
  return [head, sep, ...body].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: await res.text() };
}

async function discover(url: string, token: string): Promise<Ids> {
  // proposals are made for OPEN and PROPOSED vacancies (a proposal turns OPEN into PROPOSED: a rerun on the same server finds these)
  // an advertised vacancy waiting for its candidate list is not proposed yet (the demo has one): left out
  const query = `{ vacancies(first: 500, filter: { status: OPEN }) { totalCount nodes { id publication { state } } }
    proposed: vacancies(first: 500, filter: { status: PROPOSED }) { totalCount nodes { id publication { state } } }
    households(first: 200, filter: { onWaitingList: true }) { nodes { id } }
    complexes(first: 100) { nodes { id } }
    neighbourhoods { municipalityCode } }`;
  const { status, body } = await graphql(url, token, query);
  const parsed = JSON.parse(body) as {
    data?: {
      vacancies: { nodes: { id: string; publication: { state: string } | null }[] };
      proposed: { nodes: { id: string; publication: { state: string } | null }[] };
      households: { nodes: { id: string }[] };
      complexes: { nodes: { id: string }[] };
      neighbourhoods: { municipalityCode: string }[];
    };
    errors?: unknown;
  };
  if (status !== 200 || !parsed.data) throw new Error(`could not read ids from the service (HTTP ${status}): ${body.slice(0, 500)}`);
  const d = parsed.data;
  const byCount = new Map<string, number>();
  for (const n of d.neighbourhoods) byCount.set(n.municipalityCode, (byCount.get(n.municipalityCode) ?? 0) + 1);
  const municipalityCode = [...byCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const ids: Ids = {
    vacancies: [...d.vacancies.nodes, ...d.proposed.nodes].filter((n) => !['PUBLISHED', 'CLOSED'].includes(n.publication?.state ?? '')).map((n) => n.id),
    households: d.households.nodes.map((n) => n.id),
    complexes: d.complexes.nodes.map((n) => n.id),
    municipalityCode,
    year: Number(amsterdamDate(new Date()).slice(0, 4)),
  };
  if (!ids.vacancies.length || !ids.households.length || !ids.complexes.length || !municipalityCode) {
    throw new Error(
      `the database has too little to load-test: ${ids.vacancies.length} open or proposed vacancies, ${ids.households.length} households on the waiting list, ${ids.complexes.length} complexes (a fresh database loads the demo municipality)`,
    );
  }
  return ids;
}

/**
 * Officers act only inside an assignment (README, need-to-know): every officer subject this run will
 * use (one per connection, per mix and level, and the preflight's) is assigned to the municipality,
 * through the API as an admin would.
 */
async function assignLoadOfficers(url: string, secret: string, municipalityCode: string, levels: readonly number[], warmupConnections: number): Promise<void> {
  const admin = mintToken(secret, { subject: 'load-admin', roles: ['ADMIN'] }, 3600);
  const subjects = ['load-preflight-officer'];
  for (const mix of Object.keys(MIXES)) {
    for (const [label, connections] of [...levels.map((n) => [mix, n] as const), [`${mix}-warmup`, warmupConnections] as const]) {
      for (let i = 0; i < connections; i++) subjects.push(`load-${label}-c${connections}-${i}-officer`);
    }
  }
  for (const subject of new Set(subjects)) {
    const { status, body } = await graphql(
      url,
      admin,
      `
        mutation ($s: String!, $m: String) {
          assignOfficer(input: { subject: $s, municipalityCode: $m }) {
            id
          }
        }
      `,
      { s: subject, m: municipalityCode },
    );
    // a rerun on the same database finds its officers assigned already (CONFLICT)
    if (status !== 200 || (body.includes('"errors"') && !body.includes('CONFLICT')))
      throw new Error(`could not assign ${subject}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

/** Every operation once, one after another: a wrong query shows here, with its message, before any load. */
async function preflight(url: string, secret: string, ops: Record<string, Operation>): Promise<string[]> {
  const problems: string[] = [];
  const state: ClientState = { op: '', proposalId: null, sentAt: null };
  const order = ['proposeAllocation', ...Object.keys(ops).filter((n) => n !== 'proposeAllocation')];
  for (const name of order) {
    const op = ops[name];
    const token = mintToken(secret, { subject: `load-preflight-${op.role.toLowerCase()}`, roles: [op.role] }, 3600);
    const stats = newStats();
    const { status, body } = await graphql(url, token, op.query, op.variables(state));
    recordAnswer(stats, op, state, status, body);
    problems.push(...stats.samples.keys());
  }
  return problems;
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.env);
  const entry = join(ROOT, 'dist', 'src', 'main.js');
  if (!existsSync(entry)) fail(`${entry} is missing: run "npm run build" first (npm run load does)`);

  const workDir = mkdtempSync(join(tmpdir(), 'woonmix-load-'));
  const resultsDir = mkdtempSync(join(tmpdir(), 'woonmix-load-results-'));
  const secretFile = join(workDir, 'auth-secret');
  const secret = randomBytes(32).toString('hex');
  writeFileSync(secretFile, secret, { mode: 0o600 });
  const port = await freePort();
  const serverUrl = process.env.DATABASE_URL;
  if (settings.instances > 1 && !serverUrl)
    fail('LOAD_INSTANCES above 1 needs DATABASE_URL: the instances share one PostgreSQL server (an embedded database belongs to one process)');
  const database = serverUrl
    ? `PostgreSQL server from DATABASE_URL (${serverUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}), passed through to the service; the demo is loaded only when it is empty, and this run adds proposals and audit events to it`
    : `embedded PGlite ${versionOf('@electric-sql/pglite')} in a fresh directory (${join(workDir, 'pglite')})`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', AUTH_SECRET_FILE: secretFile };
  delete env.AUTH_SECRET; // the file above is the secret, so the tokens minted here are the service's
  delete env.SEED_DEMO; // default: the demo municipality is loaded into an empty database
  if (serverUrl) delete env.PGLITE_DIR;
  else env.PGLITE_DIR = join(workDir, 'pglite');

  const cpuList = cpus();
  const machine = {
    cpus: cpuList.length,
    cpu_model: cpuList[0]?.model.trim() ?? '?',
    total_memory_gib: round1(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    database: serverUrl ? 'postgresql' : 'pglite',
    autocannon: versionOf('autocannon'),
  };
  console.log(`\nWoonmix load test (${new Date().toISOString()})`);
  console.log(
    `  machine:   ${machine.cpus} CPUs (${machine.cpu_model}), ${machine.total_memory_gib} GiB memory, node ${machine.node}, ${machine.os}; load average ${loadavg().map(round1).join(' ')}`,
  );
  console.log(`  database:  ${database}`);
  console.log(
    `  settings:  concurrency ${settings.levels.join(',')} (LOAD_CONCURRENCY), ${settings.seconds} s per level (LOAD_SECONDS), warm-up ${settings.warmupSeconds} s per mix, request timeout ${settings.timeoutSeconds} s, ${settings.instances} instance(s) (LOAD_INSTANCES), autocannon ${machine.autocannon}`,
  );
  console.log(
    `  service:   NODE_ENV=development, rate limit ${process.env.RATE_LIMIT_PER_MINUTE ? `RATE_LIMIT_PER_MINUTE=${process.env.RATE_LIMIT_PER_MINUTE} (passed through)` : 'as configured by default (RATE_LIMIT_PER_MINUTE unset)'}, PLAN_THREADS ${process.env.PLAN_THREADS ?? 'default'}`,
  );
  console.log('  note:      service and load generator share this machine; every connection is its own user (own token subject)');

  const logPath = join(resultsDir, 'service.log');
  const service = new Fleet(Service.start(env, port, logPath));
  let cleaned = false;
  const cleanupNow = () => {
    if (cleaned) return;
    service.killNow();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.on('exit', cleanupNow); // last resort: never leave the service or its database behind
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      console.error(`\n${signal} again: killing the service`);
      cleanupNow();
      process.exit(130);
    }
    interrupted = true;
    console.error(`\n${signal}: stopping the load and the service (again to force)`);
    current?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const rows: Row[] = [];
  const warmups: Row[] = [];
  let preflightProblems: string[] = [];
  let failure: unknown = null;
  try {
    console.log(`\nStarting the service: node dist/src/main.js on ${service.baseUrl} (pid ${service.child.pid}; log ${logPath})`);
    const readyAfter = await service.instances[0].waitReady(settings.startSeconds, () => interrupted);
    console.log(`  ready after ${round1(readyAfter)} s (GET /health/ready = 200)`);
    // more instances on the same server once the first has loaded the demo (each would load it into an empty database)
    for (let i = 2; i <= settings.instances; i += 1) {
      const instancePort = await freePort();
      const instance = Service.start({ ...env, PORT: String(instancePort), SEED_DEMO: 'false' }, instancePort, join(resultsDir, `service-${i}.log`));
      service.add(instance);
      console.log(`Starting instance ${i}: node dist/src/main.js on ${instance.baseUrl} (pid ${instance.child.pid})`);
      console.log(`  ready after ${round1(await instance.waitReady(settings.startSeconds, () => interrupted))} s`);
    }
    if (settings.instances > 1) {
      await service.balance(await freePort());
      console.log(`  balancer: round-robin per request over ${settings.instances} instances at ${service.baseUrl} (in this process)`);
    }
    const officer = mintToken(secret, { subject: 'load-discovery', roles: ['OFFICER'] }, 3600);
    const ids = await discover(service.baseUrl, officer);
    console.log(
      `  ids from the service: ${ids.vacancies.length} open or proposed vacancies (proposals round-robin over them), ${ids.households.length} households on the waiting list, ${ids.complexes.length} complexes, municipality ${ids.municipalityCode}, year ${ids.year}`,
    );
    const ops = operations(ids);
    await assignLoadOfficers(service.baseUrl, secret, ids.municipalityCode, settings.levels, Math.min(4, Math.max(...settings.levels)));
    preflightProblems = await preflight(service.baseUrl, secret, ops);
    console.log(
      preflightProblems.length
        ? `  preflight (each operation once) FAILED:\n${preflightProblems.map((p) => `    ${p}`).join('\n')}`
        : `  preflight: ${Object.keys(ops).length} operations answered without errors`,
    );
    const ctx = { url: service.baseUrl, secret, ops, timeoutSeconds: settings.timeoutSeconds, service };
    for (const mix of Object.keys(MIXES) as MixName[]) {
      console.log(`\n${mix} mix, per connection: ${MIXES[mix].join(' -> ')} (repeated)`);
      if (settings.warmupSeconds > 0) {
        await drain(service);
        const w = await runLevel(mix, Math.min(4, Math.max(...settings.levels)), settings.warmupSeconds, `${mix}-warmup`, ctx);
        warmups.push(w);
        console.log(`  (warm-up ${settings.warmupSeconds} s, not in the table: ${w.requests} requests, ${errorsOf(w)} errors)`);
      }
      for (const connections of settings.levels) {
        if (interrupted) throw new Interrupted();
        if (!service.running)
          throw new Error(`the service exited (${service.exited?.code ?? service.exited?.signal}) during the load:\n${service.tail.join('\n')}`);
        await drain(service); // the previous level's requests still in flight
        const row = await runLevel(mix, connections, settings.seconds, mix, ctx);
        rows.push(row);
        console.log(line(row));
        for (const [k, n] of Object.entries(row.error_samples).slice(0, 5)) console.log(`      ${n} x ${k}`);
        if (Object.keys(row.error_samples).some((k) => k.includes('RATE_LIMITED'))) {
          console.log(
            '      (429 RATE_LIMITED: one connection, a closed loop, asked more than RATE_LIMIT_PER_MINUTE of its token; raise it or set 0 for the run)',
          );
        }
      }
    }
    if (interrupted) throw new Interrupted();
  } catch (e) {
    failure = e;
  } finally {
    console.log('\nStopping the service...');
    await service.stop();
    cleaned = true;
    rmSync(workDir, { recursive: true, force: true });
    console.log(`  stopped (${service.exited?.signal ?? `exit code ${service.exited?.code}`}); removed ${workDir}`);
  }

  if (rows.length) {
    const table = markdown(rows);
    const perOp = (Object.keys(MIXES) as MixName[])
      .filter((m) => rows.some((r) => r.mix === m))
      .map((m) => operationsMarkdown(m, rows))
      .join('\n\n');
    console.log(
      `\n## Woonmix load test: ${machine.cpus} CPUs (${machine.cpu_model}), ${machine.total_memory_gib} GiB, node ${machine.node}, ${machine.database}, ${settings.seconds} s per level\n`,
    );
    console.log(table);
    console.log(
      `\n(load generator: at most ${Math.max(...rows.map((r) => r.loader_cpu_pct))}% of a core; p99 and max cannot exceed the level's ${settings.seconds} s: requests unanswered at its end are in no percentile; the oldest one's wait is shown)`,
    );
    console.log(`\nPer operation (latency measured at the load generator, ms):\n\n${perOp}`);
    const jsonPath = join(resultsDir, 'load-results.json');
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ started_at: new Date().toISOString(), machine, database, settings, mixes: MIXES, preflight_problems: preflightProblems, warmups, results: rows, service_error_log_lines: service.errorLines }, null, 2)}\n`,
    );
    writeFileSync(join(resultsDir, 'load-results.md'), `${table}\n\n${perOp}\n`);
    console.log(`\nwritten ${jsonPath} (and load-results.md, service.log beside it)`);
  }
  const total = rows.reduce((n, r) => n + errorsOf(r), 0) + warmups.reduce((n, r) => n + errorsOf(r), 0) + preflightProblems.length;
  if (service.errorLines) console.log(`the service logged ${service.errorLines} ERROR lines (${logPath})`);
  if (failure) {
    console.error(
      failure instanceof Interrupted
        ? '\ninterrupted: results above are partial'
        : `\nload test failed: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
    process.exit(failure instanceof Interrupted ? 130 : 1);
  }
  if (total > 0) {
    console.error(`\n${total} errors (preflight, warm-up and measured levels together): see the samples above and ${logPath}`);
    process.exit(1);
  }
  console.log('\nno errors');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
