import { createHash } from 'node:crypto';
import { rateLimit } from 'express-rate-limit';

export interface RateLimitConfig {
  /** Requests per minute per bearer token (per client address without one). */
  perMinute: number;
}

export const RATE_LIMITED = 'RATE_LIMITED';

/** What the key needs of a request (express's, without depending on its types). */
interface KeyedRequest {
  headers: { authorization?: string | string[] };
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * Whose budget a request spends: its bearer token (a hash, never the token itself), else the client
 * address. Per token, so one runaway script cannot starve the officers at the same office address.
 */
export function rateLimitKey(req: KeyedRequest): string {
  const header = req.headers.authorization;
  const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : null;
  if (token) return `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
  return `address:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
}

/**
 * Rate limit per token (issue 7), in a fixed window of one minute, in this instance's memory: with
 * several instances behind a balancer each counts its own share. Refused requests get HTTP 429, a
 * Retry-After header and a GraphQL-shaped error naming the limit. Health checks are never limited.
 */
export function rateLimitMiddleware(config: RateLimitConfig): ReturnType<typeof rateLimit> {
  return rateLimit({
    windowMs: 60_000,
    limit: config.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => rateLimitKey(req),
    skip: (req) => req.path === '/health' || req.path.startsWith('/health/'),
    handler: (req, res, _next, options) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(((req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000);
      res.setHeader('Retry-After', String(retryAfterSeconds));
      res.status(429).json({
        errors: [{
          message: `Too many requests: at most ${config.perMinute} a minute per token; retry after ${retryAfterSeconds} s`,
          extensions: { code: RATE_LIMITED, limitPerMinute: config.perMinute, retryAfterSeconds },
        }],
      });
    },
  });
}
