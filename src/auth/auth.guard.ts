import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { PUBLIC_KEY, ROLES_KEY, requestOf } from './auth.decorators.js';
import { Role } from './roles.js';
import { TokenError, verifyToken } from './tokens.js';

/**
 * Every operation needs a valid bearer token, except those marked @Public; then one of the roles
 * named by @Roles. An operation that names no roles is refused (deny by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value || !/^Bearer\s+\S+$/i.test(value)) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in: send Authorization: Bearer <token> (npm run token -- --role OFFICER mints one locally)');
    }
    try {
      request.actor ??= verifyToken(this.config.auth.secret, value.replace(/^Bearer\s+/i, ''));
    } catch (error) {
      if (error instanceof TokenError) throw new DomainError(ErrorCode.UNAUTHENTICATED, `Not signed in: ${error.message}`);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!request.actor.roles.some((r) => allowed.includes(r))) {
      const name = context.getHandler().name;
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        allowed.length ? `${name} is for ${allowed.join(' or ')}; you are ${request.actor.roles.join(', ')}` : `${name} is not open to any role`,
      );
    }
    return true;
  }
}
