import pg from 'pg';

/**
 * The database is (for now) out of reach: SQLSTATE class 08 (connection exception), 57P01-57P03
 * (admin or crash shutdown, "the database system is shutting down / starting up"), 53300 (too many
 * connections), and the socket errors of the pg driver. Retryable: the pool reconnects once the
 * server is back (test/faults/pg-restart.pg-spec.ts).
 */
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|connection timeout|timeout exceeded when trying to connect|is not queryable|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to|PGlite session busy/i;

/**
 * Whether an error says the database cannot be reached right now. Not only TypeORM's QueryFailedError:
 * a failed connect (while the server shuts down or starts up) throws the driver's own error, a reset
 * socket a plain Error, and a host name with several addresses an AggregateError.
 */
export function databaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (/^08[0-9A-Z]{3}$/.test(e.code) || PG_UNAVAILABLE_CODES.has(e.code) || SOCKET_ERROR_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => databaseUnavailable(n, depth + 1));
}

/**
 * When a connection to the PostgreSQL server was last lost (the server shut down or restarted, the
 * network broke). TypeORM releases a transaction's query runner when its connection fails between
 * two queries, and the next query then fails with QueryRunnerAlreadyReleasedError, which does not say
 * why; a loss noted just before tells "the database went away" apart from a programming error.
 */
let lastLossAt: number | null = null;

export function noteConnectionLost(at: number = Date.now()): void {
  lastLossAt = at;
}

export function connectionLostWithin(ms: number, now: number = Date.now()): boolean {
  return lastLossAt !== null && now - lastLossAt <= ms;
}

/** pg's Client that notes when its connection is lost; the pool makes its connections with it. */
export class LossNotingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // the pool and TypeORM's query runner keep their own 'error' listeners; this one only notes the time
    this.on('error', () => noteConnectionLost());
  }
}
