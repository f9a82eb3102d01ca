import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { requestOf } from '../auth/auth.decorators.js';
import { DomainError, ErrorCode } from './domain-error.js';
import type { GuardedRequest } from './request-guards.js';

/**
 * A request past its time limit (REQUEST_TIMEOUT_MS, set when it arrived) starts no more resolvers:
 * the rest of an operation with thousands of aliased fields is refused instead of done, so the work
 * ends, not only the answer. A query already running on PostgreSQL is ended by its statement_timeout.
 */
@Injectable()
export class RequestDeadlineInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const deadline = (requestOf(context) as GuardedRequest | undefined)?.deadline;
    if (deadline !== undefined && Date.now() > deadline) {
      throw new DomainError(ErrorCode.REQUEST_TIMEOUT, 'The request ran past its time limit; the rest of it was not done (ask for less at once)');
    }
    return next.handle();
  }
}
