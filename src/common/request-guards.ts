import type { Actor } from '../auth/roles.js';
import { TokenError, verifyTokenClaims } from '../auth/tokens.js';

/**
 * What every HTTP request passes before anything is parsed for it (src/bootstrap.ts): the token is
 * verified once, the rate limit and the concurrency limit are kept per verified subject, and a
 * GraphQL request without a valid token ends here with 401. So a flood of junk tokens, or of aliases
 * that each would have failed authorisation, costs one signature check each, not a parse.
 */

export interface GuardedRequest {
  actor?: Actor;
  /** The token's sign-in session, whose state src/auth/session-check.middleware.ts checks next (null: a static API token). */
  sessionId?: string | null;
  /** Why the token did not verify (for the 401). */
  authProblem?: string;
  /** When the request's remaining work is refused (RequestDeadlineInterceptor). */
  deadline?: number;
}

/** What these guards need of express's request and response (without depending on its types). */
type Req = GuardedRequest & { path: string; headers: Record<string, string | string[] | undefined>; body?: unknown };
interface Res {
  status(code: number): Res;
  json(body: unknown): void;
  setHeader(name: string, value: string): void;
  on(event: 'finish' | 'close', listener: () => void): void;
}
type Response = Res;
type NextFunction = () => void;

const GRAPHQL_PATH = '/graphql';

function graphqlError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** Verifies the bearer token once and sets the actor, or notes why not; starts the request's clock. */
export function authenticateRequests(secret: string, timeoutMs: number) {
  return (req: Req, _res: Response, next: NextFunction): void => {
    req.deadline = Date.now() + timeoutMs;
    const header = req.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value || !/^Bearer\s+\S+$/i.test(value)) {
      req.authProblem = 'Sign in: send Authorization: Bearer <token> (npm run token -- --role OFFICER mints one locally)';
    } else {
      try {
        ({ actor: req.actor, sessionId: req.sessionId } = verifyTokenClaims(secret, value.replace(/^Bearer\s+/i, '')));
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        req.authProblem = `Not signed in: ${error.message}`;
      }
    }
    next();
  };
}

/** GraphQL is for signed-in callers only: 401 before the body is read. */
export function requireSignedInForGraphql() {
  return (req: Req, res: Response, next: NextFunction): void => {
    if (req.path !== GRAPHQL_PATH || req.actor) return next();
    res.setHeader('WWW-Authenticate', 'Bearer');
    graphqlError(res, 401, 'UNAUTHENTICATED', req.authProblem ?? 'Sign in');
  };
}

/** At most `max` GraphQL requests of one subject at once; more get 429 with Retry-After. */
export function limitConcurrencyPerSubject(max: number) {
  const inFlight = new Map<string, number>();
  return (req: Req, res: Response, next: NextFunction): void => {
    if (req.path !== GRAPHQL_PATH || !req.actor) return next();
    const subject = req.actor.subject;
    const now = inFlight.get(subject) ?? 0;
    if (now >= max) {
      res.setHeader('Retry-After', '1');
      graphqlError(res, 429, 'RATE_LIMITED', `Too many requests at once: at most ${max} per user; retry after 1 s`, {
        maxConcurrent: max,
        retryAfterSeconds: 1,
      });
      return;
    }
    inFlight.set(subject, now + 1);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      const left = (inFlight.get(subject) ?? 1) - 1;
      if (left <= 0) inFlight.delete(subject);
      else inFlight.set(subject, left);
    };
    res.on('finish', release);
    res.on('close', release);
    next();
  };
}

/**
 * Bodies above `maxBytes` are for imports by content only (importData, veraImport); any other
 * operation that large is refused with 413 before GraphQL parses it.
 */
export function limitNonImportBody(maxBytes: number) {
  return (req: Req, res: Response, next: NextFunction): void => {
    if (req.path !== GRAPHQL_PATH) return next();
    const length = Number(req.headers['content-length'] ?? 0);
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (length > maxBytes && !(typeof query === 'string' && /^\s*mutation\b[^{]*\{\s*(\w+\s*:\s*)?(importData|veraImport)\b/.test(query))) {
      graphqlError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request body of ${length} bytes is above the limit of ${maxBytes} for anything but an import (importData, veraImport)`,
        {
          maxBytes,
        },
      );
      return;
    }
    next();
  };
}
