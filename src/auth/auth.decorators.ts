import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor, Role } from './roles.js';

export const ROLES_KEY = 'woonmix:roles';
export const PUBLIC_KEY = 'woonmix:public';

/** The roles allowed to call an operation. An operation without it is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Served without a token (health, the console page). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Every role of the association's staff (reads that any of them may make; field-level rules still
 * apply). Not PARTNER: a partner reads only what names it (neighbourhoodDossier, neighbourhoodPriorities).
 */
export const ANY_ROLE: Role[] = ['OFFICER', 'MANAGER', 'AUDITOR', 'ADMIN'];

/** What authentication notes on a request (src/common/request-guards.ts, src/auth/session-check.middleware.ts, AuthGuard). */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
  /** The sign-in session of the bearer token (null or absent: a static API token). */
  sessionId?: string | null;
  /** Why the bearer token was refused (set before the guards run). */
  authProblem?: string;
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The signed-in actor of the request (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new Error('CurrentActor used on an operation without authentication');
  return actor;
});
