import { rateLimit } from 'express-rate-limit';

export interface RateLimitConfig {
  /** Requests per minute per signed-in subject (per client address without one). */
  perMinute: number;
}

export const RATE_LIMITED = 'RATE_LIMITED';

/** What the key needs of a request (express's, without depending on its types). */
interface KeyedRequest {
  actor?: { subject: string };
  ip?: string;
  socket?: { remoteAddress?: string };
}

/**
 * Whose budget a request spends: the verified subject of its token (src/common/request-guards.ts
 * verifies it first), else the client address. Not the raw token: junk tokens would each get a
 * fresh budget.
 */
export function rateLimitKey(req: KeyedRequest): string {
  if (req.actor) return `subject:${req.actor.subject}`;
  return `address:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
}

/**
 * Rate limit per signed-in subject (per address without one), in a fixed window of one minute, in this instance's memory: with
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
      // whole seconds (RFC 9110 delay-seconds), rounded up so a client that waits is let in
      const resetAt = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + options.windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfterSeconds));
      res.status(429).json({
        errors: [
          {
            message: `Too many requests: at most ${config.perMinute} a minute per user; retry after ${retryAfterSeconds} s`,
            extensions: { code: RATE_LIMITED, limitPerMinute: config.perMinute, retryAfterSeconds },
          },
        ],
      });
    },
  });
}
