import type { AuthenticatedRequest } from './auth.decorators.js';
import type { AuthSessions } from './auth-sessions.service.js';

interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

/**
 * Right after the token's signature is checked (authenticateRequests, src/common/request-guards.ts):
 * a token of a sign-in session counts only while its session is open (one key lookup in
 * auth_session). A signed-out or expired session leaves the request without an actor, so GraphQL
 * answers 401 UNAUTHENTICATED before anything is parsed, and the guard refuses any other route.
 */
export function refuseClosedSessions(sessions: Pick<AuthSessions, 'problemWith'>) {
  return (req: AuthenticatedRequest, res: Res, next: () => void): void => {
    if (!req.actor || !req.sessionId) return next();
    const sessionId = req.sessionId;
    sessions.problemWith(sessionId).then(
      (problem) => {
        if (problem) {
          req.actor = undefined;
          req.authProblem = `Not signed in: ${problem}`;
        }
        next();
      },
      () => {
        res.status(503).json({ errors: [{ message: 'Database unavailable, retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }] });
      },
    );
  };
}
