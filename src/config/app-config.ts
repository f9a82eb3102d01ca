import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROLES, type Role } from '../auth/roles.js';
import { projectRoot } from './project-root.js';

/** Typed configuration, validated once at boot: the only place that reads the environment. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  /** Load the demo municipality when the database has no complexes yet. */
  seedDemoOnEmpty: boolean;
  demoSeed: number;
  /** 'demo' (Demostad, about 2,000 homes) or 'large' (a region of about 50,000 homes and 150,000 seekers, issue 18). */
  demoScale: 'demo' | 'large';
  logSql: boolean;
  /** Imports by path may only read files inside this directory. */
  importDir: string;
  /** Worker threads for allocation solves (piscina). */
  planThreads: number;
  /** Allocation rounds this instance works on at once; 0 = this instance only serves the API. */
  roundWorkers: number;
  /** Job queue (pg-boss): how often an idle worker polls, how long a round may stay active before it is presumed lost and retried, retries, and how often expired jobs are swept. */
  jobs: { pollSeconds: number; expireSeconds: number; retryLimit: number; maintenanceSeconds: number };
  /** Bearer tokens (JWT, HS256): the signing secret and how long a minted token lives. */
  auth: { secret: string; tokenTtlSeconds: number; secretSource: 'AUTH_SECRET' | 'DEV_FILE' | 'TEST_RANDOM' };
  /**
   * Four-eyes (README, "Audit log, explanations, reports, four-eyes"): a proposal that passes over the
   * plain-order candidate by at least this many places needs a second officer's approval before its
   * offer goes out; an override always does.
   */
  fourEyesMinDisplacement: number;
  /** GraphQL protection: deepest nesting and highest complexity (fields x page sizes) an operation may have. */
  queryLimits: {
    maxDepth: number;
    maxComplexity: number;
    /** Lexical tokens of an operation: refused while parsing, before anything is built for it. */
    maxTokens: number;
    /** Field selections (aliases each count) in an operation. */
    maxFields: number;
    /** Expensive fields (complexity of at least EXPENSIVE_FIELD_COST: proposals, replays, verdicts of a whole pool) in one operation. */
    maxExpensiveFields: number;
  };
  /**
   * Signed checkpoints of the audit log's head, written outside the database (a file in this
   * directory) every `intervalSeconds` and on demand, so rewriting or truncating the log in the
   * database is caught (verifyAuditChain). Keep the directory on other storage than the database.
   */
  auditCheckpoints: { dir: string; intervalSeconds: number };
  /** How often each instance expires offers past their stage's due date (OFFER_DEADLINE_SECONDS; 0: never, for tests). */
  offerDeadlineSeconds: number;
  /** Requests: at once per signed-in subject, time a request may take before its remaining work is refused, body of any request but an import. */
  requests: { maxConcurrentPerSubject: number; timeoutMs: number; maxBodyBytesNonImport: number };
  /** Requests per minute per bearer token (per client address without one); 0 = no limit. */
  rateLimit: { perMinute: number };
  /** The built web application served at `/` (WEB_APP_DIR; default dist/web, written by `npm run build`). */
  webAppDir: string;
  /** Sign-in with the association's OpenID Connect provider (README, "Signing in with your identity provider"); null: not offered. */
  oidc: OidcConfig | null;
}

/** OpenID Connect sign-in: authorization code flow with PKCE, the ID token verified against the provider's JWKS. */
export interface OidcConfig {
  /** OIDC_ISSUER: the provider's issuer identifier (its discovery document is read from it). */
  issuer: string;
  clientId: string;
  /** OIDC_CLIENT_SECRET; null: a public client (PKCE only). */
  clientSecret: string | null;
  /** The address the provider sends users back to (OIDC_REDIRECT_URI, or PUBLIC_URL + /auth/oidc/callback): register it at the provider. */
  redirectUri: string;
  scopes: string;
  /** ID token claim that carries the roles: a claim name, or a dotted path into nested claims (realm_access.roles). */
  rolesClaim: string;
  /** Provider values to Woonmix roles (OIDC_ROLE_MAP); null: the values must be the role names themselves (any case). */
  roleMap: Record<string, Role[]> | null;
  /** ID token claim that becomes the Woonmix subject (audit log, officer assignments). */
  subjectClaim: string;
  /** Shown on the sign-in page: "Aanmelden via <name>". */
  providerName: string;
  /**
   * Plain http to the provider: only for an issuer on this machine's loopback address (the tests'
   * provider, a local Keycloak), where nothing crosses a network; anything else must be https.
   */
  allowInsecureRequests: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one line naming the variable and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${env.NODE_ENV}")`);
  }
  const port = parseIntVar(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  let database: AppConfig['database'];
  if (env.DATABASE_URL) {
    let url: URL;
    try {
      url = new URL(env.DATABASE_URL);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//")`);
    }
    if (!url.pathname || url.pathname === '/') {
      throw new ConfigError('DATABASE_URL must name a database (postgres://user@host:port/database)');
    }
    database = { kind: 'postgres', url: env.DATABASE_URL };
  } else {
    const dir = env.PGLITE_DIR ?? './data/pglite';
    database = { kind: 'pglite', dataDir: dir.includes('://') ? dir : resolve(dir) };
  }
  const seedDemoOnEmpty = parseBoolVar(env, 'SEED_DEMO', nodeEnv !== 'test');
  const demoSeed = parseIntVar(env, 'DEMO_SEED', 20261125, 0, 2 ** 31 - 1);
  const demoScale = (env.DEMO_SCALE ?? 'demo') as AppConfig['demoScale'];
  if (demoScale !== 'demo' && demoScale !== 'large') throw new ConfigError(`DEMO_SCALE must be demo or large (got "${env.DEMO_SCALE}")`);
  // imports by path read only here: not the working directory, which holds the data and configuration
  const importDir = resolve(env.IMPORT_DIR ?? './imports');
  const planThreads = parseIntVar(env, 'PLAN_THREADS', 1, 1, 16);
  const roundWorkers = parseIntVar(env, 'ROUND_WORKERS', 1, 0, 16);
  const jobs = {
    pollSeconds: parseIntVar(env, 'JOB_POLL_SECONDS', 2, 1, 3600),
    // longer than the longest round (time limit 60 s by default, plus loading and storing)
    expireSeconds: parseIntVar(env, 'ROUND_EXPIRE_SECONDS', 900, 1, 86_400),
    retryLimit: parseIntVar(env, 'ROUND_RETRY_LIMIT', 2, 0, 10),
    maintenanceSeconds: parseIntVar(env, 'JOB_MAINTENANCE_SECONDS', 60, 1, 86_400),
  };
  const auth = { ...authSecret(env, nodeEnv), tokenTtlSeconds: parseIntVar(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600) };
  const fourEyesMinDisplacement = parseIntVar(env, 'FOUR_EYES_MIN_DISPLACEMENT', 1, 1, 1000);
  const queryLimits = {
    maxDepth: parseIntVar(env, 'QUERY_MAX_DEPTH', 15, 2, 100),
    maxComplexity: parseIntVar(env, 'QUERY_MAX_COMPLEXITY', 50_000, 100, 10_000_000),
    maxTokens: parseIntVar(env, 'QUERY_MAX_TOKENS', 20_000, 100, 10_000_000),
    maxFields: parseIntVar(env, 'QUERY_MAX_FIELDS', 5_000, 10, 10_000_000),
    maxExpensiveFields: parseIntVar(env, 'QUERY_MAX_EXPENSIVE_FIELDS', 5, 1, 10_000),
  };
  const requests = {
    maxConcurrentPerSubject: parseIntVar(env, 'MAX_CONCURRENT_PER_SUBJECT', 16, 1, 10_000),
    timeoutMs: parseIntVar(env, 'REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
    maxBodyBytesNonImport: parseIntVar(env, 'MAX_BODY_BYTES', 1_000_000, 1_000, 100_000_000),
  };
  // by default beside the database it guards, one directory per database (a checkpoint of another database would not match)
  const defaultCheckpointDir =
    database.kind === 'pglite'
      ? database.dataDir.includes('://')
        ? resolve('./data/audit-checkpoints/memory')
        : `${database.dataDir}-audit-checkpoints`
      : resolve(
          './data/audit-checkpoints',
          createHash('sha256')
            .update(database.url.replace(/\/\/[^@/]*@/, '//'))
            .digest('hex')
            .slice(0, 16),
        );
  const auditCheckpoints = {
    dir: resolve(env.AUDIT_CHECKPOINT_DIR ?? defaultCheckpointDir),
    intervalSeconds: parseIntVar(env, 'AUDIT_CHECKPOINT_SECONDS', 60, 0, 86_400),
  };
  const rateLimit = { perMinute: parseIntVar(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000) };
  return {
    nodeEnv,
    port,
    host,
    database,
    seedDemoOnEmpty,
    demoSeed,
    demoScale,
    logSql: parseBoolVar(env, 'DB_LOG', false),
    importDir,
    planThreads,
    roundWorkers,
    jobs,
    auth,
    fourEyesMinDisplacement,
    queryLimits,
    rateLimit,
    requests,
    auditCheckpoints,
    offerDeadlineSeconds: parseIntVar(env, 'OFFER_DEADLINE_SECONDS', 300, 0, 86_400),
    webAppDir: resolve(env.WEB_APP_DIR ?? join(projectRoot(), 'dist', 'web')),
    oidc: oidcConfig(env, nodeEnv),
  };
}

const OIDC_VARIABLES = [
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_ROLES_CLAIM',
  'OIDC_ROLE_MAP',
  'OIDC_SUBJECT_CLAIM',
  'OIDC_SCOPES',
  'OIDC_PROVIDER_NAME',
] as const;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const CLAIM_PATH = /^[^\s]{1,200}$/;

/** OIDC_* variables: all absent (no provider sign-in), or an issuer, a client id and a redirect address. */
function oidcConfig(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['nodeEnv']): OidcConfig | null {
  const value = (name: string) => (env[name] ?? '').trim() || null;
  const issuerText = value('OIDC_ISSUER');
  if (!issuerText) {
    const stray = OIDC_VARIABLES.find((name) => value(name));
    if (stray) throw new ConfigError(`OIDC_ISSUER must be set when ${stray} is (the provider's issuer, e.g. https://login.example.nl/realms/woonmix)`);
    return null;
  }
  const issuer = parseUrlVar('OIDC_ISSUER', issuerText);
  if (issuer.search || issuer.hash) throw new ConfigError('OIDC_ISSUER must be the issuer identifier, without ?query or #fragment');
  const loopback = LOOPBACK_HOSTS.has(issuer.hostname);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && loopback)) {
    throw new ConfigError(`OIDC_ISSUER must use https:// (plain http only on localhost; got "${issuerText}")`);
  }
  const clientId = value('OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID must be set when OIDC_ISSUER is (the client id registered for Woonmix at the provider)');
  const redirectText = value('OIDC_REDIRECT_URI') ?? (value('PUBLIC_URL') ? `${value('PUBLIC_URL')!.replace(/\/+$/, '')}/auth/oidc/callback` : null);
  if (!redirectText) {
    throw new ConfigError(
      'OIDC_REDIRECT_URI or PUBLIC_URL must be set when OIDC_ISSUER is (the address users reach Woonmix at, e.g. https://woonmix.example.nl)',
    );
  }
  const redirectName = value('OIDC_REDIRECT_URI') ? 'OIDC_REDIRECT_URI' : 'PUBLIC_URL';
  const redirect = parseUrlVar(redirectName, redirectText);
  if (!redirect.pathname.endsWith('/auth/oidc/callback') || redirect.search || redirect.hash) {
    throw new ConfigError(`${redirectName} must lead to Woonmix's /auth/oidc/callback (got "${redirectText}")`);
  }
  if (nodeEnv === 'production' && redirect.protocol !== 'https:' && !LOOPBACK_HOSTS.has(redirect.hostname)) {
    throw new ConfigError(`${redirectName} must use https:// in production (got "${redirectText}")`);
  }
  const scopes = value('OIDC_SCOPES') ?? 'openid profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError(`OIDC_SCOPES must include openid (got "${scopes}")`);
  const rolesClaim = value('OIDC_ROLES_CLAIM') ?? 'roles';
  if (!CLAIM_PATH.test(rolesClaim)) throw new ConfigError(`OIDC_ROLES_CLAIM must be a claim name or dotted path without spaces (got "${rolesClaim}")`);
  const subjectClaim = value('OIDC_SUBJECT_CLAIM') ?? 'sub';
  if (!CLAIM_PATH.test(subjectClaim)) throw new ConfigError(`OIDC_SUBJECT_CLAIM must be a claim name without spaces (got "${subjectClaim}")`);
  return {
    issuer: issuerText,
    clientId,
    clientSecret: value('OIDC_CLIENT_SECRET'),
    redirectUri: redirect.href,
    scopes,
    rolesClaim,
    roleMap: parseRoleMap(value('OIDC_ROLE_MAP')),
    subjectClaim,
    providerName: value('OIDC_PROVIDER_NAME') ?? issuer.host,
    allowInsecureRequests: issuer.protocol === 'http:',
  };
}

/** "woonmix-officer=OFFICER,woonmix-beheer=ADMIN": a provider value may be named more than once for more roles. */
function parseRoleMap(text: string | null): Record<string, Role[]> | null {
  if (text === null) return null;
  // no prototype: a provider value such as "__proto__" or "constructor" is only a value
  const map = Object.create(null) as Record<string, Role[]>;
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const from = entry.slice(0, at).trim();
    const to = entry
      .slice(at + 1)
      .trim()
      .toUpperCase();
    if (at <= 0 || !from || !(ROLES as readonly string[]).includes(to)) {
      throw new ConfigError(`OIDC_ROLE_MAP entries must read providerValue=ROLE with ROLE one of ${ROLES.join(', ')} (got "${entry}")`);
    }
    map[from] = [...new Set([...(map[from] ?? []), to as Role])];
  }
  if (Object.keys(map).length === 0) throw new ConfigError('OIDC_ROLE_MAP must name at least one providerValue=ROLE');
  return map;
}

function parseUrlVar(name: string, text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL (got "${text}")`);
  }
}

/**
 * Without AUTH_SECRET, NODE_ENV=test signs with a random secret made once per process: tests mint
 * their tokens from the loaded config, and a service started with NODE_ENV=test by mistake accepts
 * no token anyone could know in advance.
 */
const TEST_PROCESS_SECRET = randomBytes(32).toString('hex');
const MIN_SECRET_LENGTH = 32;

/**
 * AUTH_SECRET (at least 32 characters) is required in production. In development the secret is kept
 * in data/.auth-secret (made once), so `npm run token` and the running service agree; tests use
 * one made per process.
 */
function authSecret(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['nodeEnv']): Pick<AppConfig['auth'], 'secret' | 'secretSource'> {
  const given = env.AUTH_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < MIN_SECRET_LENGTH) throw new ConfigError(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return { secret: given, secretSource: 'AUTH_SECRET' };
  }
  if (nodeEnv === 'production') throw new ConfigError(`AUTH_SECRET must be set in production (at least ${MIN_SECRET_LENGTH} random characters)`);
  if (nodeEnv === 'test') return { secret: TEST_PROCESS_SECRET, secretSource: 'TEST_RANDOM' };
  const file = resolve(env.AUTH_SECRET_FILE ?? './data/.auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return { secret: readFileSync(file, 'utf8').trim(), secretSource: 'DEV_FILE' };
}

function parseIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function parseBoolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** For entry points: the configuration, or one line naming the problem and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
