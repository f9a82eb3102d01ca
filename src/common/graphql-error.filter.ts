import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { connectionLostWithin, databaseUnavailable, noteConnectionLost } from '../database/connection-loss.js';
import { assertUnreachable } from './assert-unreachable.js';
import { DomainError, ErrorCode } from './domain-error.js';

/** PostgreSQL SQLSTATE codes we translate into user-facing errors. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
const PG_NOT_NULL_VIOLATION = '23502';
const PG_NUMERIC_OUT_OF_RANGE = '22003';
/** A query runner found released this soon after a lost connection was released by that loss. */
const RELEASED_BY_LOSS_MS = 60_000;

/** One mapper from domain errors (and known database failures) to GraphQL errors. */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): Error {
    if (exception instanceof GraphQLError) return exception;
    // plain HTTP routes (health, console, charts): Nest answers an HttpException itself (e.g. /health/ready's
    // 503 while the database is down); an expected answer, not an error to log with a stack trace
    if (host.getType() === 'http' && exception instanceof HttpException) return exception;
    const domain = toDomainError(exception);
    if (domain) return toGraphqlError(domain);
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

export function toDomainError(exception: unknown): DomainError | null {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof QueryFailedError) {
    const driverError = (exception as QueryFailedError & { driverError?: { code?: string; constraint?: string; detail?: string } }).driverError;
    const code = driverError?.code;
    const constraint = driverError?.constraint ?? 'a constraint';
    if (code === PG_UNIQUE_VIOLATION) {
      return new DomainError(ErrorCode.CONFLICT, `Conflicts with existing data (${constraint}): ${driverError?.detail ?? ''}`.trim());
    }
    if (code === PG_FOREIGN_KEY_VIOLATION) {
      return new DomainError(ErrorCode.BAD_USER_INPUT, `Refers to a record that does not exist (${constraint})`);
    }
    if (code === PG_CHECK_VIOLATION) {
      return new DomainError(ErrorCode.BAD_USER_INPUT, `Violates database rule ${constraint}`);
    }
    if (code === PG_NOT_NULL_VIOLATION) {
      const column = (driverError as { column?: string }).column ?? 'a required field';
      return DomainError.invalid([{ field: column, reason: 'is required' }]);
    }
    if (code === PG_NUMERIC_OUT_OF_RANGE) {
      return new DomainError(ErrorCode.BAD_USER_INPUT, 'A number is out of range');
    }
  }
  if (databaseUnavailable(exception)) {
    noteConnectionLost();
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Database unavailable, retry shortly');
  }
  // a transaction whose connection was lost between two queries: TypeORM released its query runner
  if (
    (exception instanceof QueryRunnerAlreadyReleasedError || exception instanceof QueryRunnerProviderAlreadyReleasedError) &&
    connectionLostWithin(RELEASED_BY_LOSS_MS)
  ) {
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Database unavailable, retry shortly');
  }
  return null;
}

function toGraphqlError(error: DomainError): GraphQLError {
  switch (error.code) {
    case ErrorCode.BAD_USER_INPUT:
      return new GraphQLError(error.message, { extensions: { code: error.code, fields: error.fields } });
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
      return new GraphQLError(error.message, { extensions: { code: error.code } });
    case ErrorCode.SERVICE_UNAVAILABLE:
    case ErrorCode.REQUEST_TIMEOUT:
      return new GraphQLError(error.message, { extensions: { code: error.code, retryable: true } });
    default:
      return assertUnreachable(error.code);
  }
}
