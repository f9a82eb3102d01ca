import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { AuthSessions } from './auth-sessions.service.js';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY, requestOf } from './auth.decorators.js';
import { Role } from './roles.js';
import { TokenError, verifyTokenClaims } from './tokens.js';

const SIGN_IN_HINT = 'Sign in: send Authorization: Bearer <token> (npm run token -- --role OFFICER mints one locally)';

/**
 * Every operation needs a valid bearer token, except those marked @Public; then one of the roles
 * named by @Roles. An operation that names no roles is refused (deny by default). A token of a
 * sign-in session is valid only while the session is open (not signed out, not expired).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: AuthSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const http = context.getType<string>() === 'http';
    // usually verified before the guards, once per request (src/bootstrap.ts); here for any route that was not
    if (!request.actor) {
      const problem = request.authProblem ?? (await this.authenticate(request));
      if (problem) throw refusal(http, ErrorCode.UNAUTHENTICATED, problem);
    }
    const actor = request.actor!;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!actor.roles.some((r) => allowed.includes(r))) {
      const name = context.getHandler().name;
      throw refusal(
        http,
        ErrorCode.FORBIDDEN,
        allowed.length ? `${name} is for ${allowed.join(' or ')}; you are ${actor.roles.join(', ')}` : `${name} is not open to any role`,
      );
    }
    return true;
  }

  /** Sets the request's actor and session from its bearer token, or says why not. */
  private async authenticate(request: AuthenticatedRequest): Promise<string | null> {
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value || !/^Bearer\s+\S+$/i.test(value)) return SIGN_IN_HINT;
    try {
      const { actor, sessionId } = verifyTokenClaims(this.config.auth.secret, value.replace(/^Bearer\s+/i, ''));
      const sessionProblem = sessionId ? await this.sessions.problemWith(sessionId) : null;
      if (sessionProblem) return `Not signed in: ${sessionProblem}`;
      request.actor = actor;
      request.sessionId = sessionId;
      return null;
    } catch (error) {
      if (error instanceof TokenError) return `Not signed in: ${error.message}`;
      throw error;
    }
  }
}

/** GraphQL: the API's error (mapped by GraphqlErrorFilter); plain HTTP routes: 401/403 in the same shape. */
function refusal(http: boolean, code: ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN, message: string): Error {
  if (!http) return new DomainError(code, message);
  return new HttpException(
    { errors: [{ message, extensions: { code } }] },
    code === ErrorCode.UNAUTHENTICATED ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
  );
}
