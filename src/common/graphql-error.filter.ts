import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { assertUnreachable } from './assert-unreachable.js';
import { DomainError, ErrorCode } from './domain-error.js';

/** PostgreSQL SQLSTATE codes we translate into user-facing errors. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
const PG_NOT_NULL_VIOLATION = '23502';
const PG_NUMERIC_OUT_OF_RANGE = '22003';
const PG_CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

/** One mapper from domain errors (and known database failures) to GraphQL errors. */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown, _host: ArgumentsHost): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    const domain = toDomainError(exception);
    if (domain) return toGraphqlError(domain);
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
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
    if (code && PG_CONNECTION_CODES.has(code)) {
      return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Database unavailable, retry shortly');
    }
  }
  const message = exception instanceof Error ? exception.message : '';
  if (/ECONNREFUSED|Connection terminated|connection timeout|PGlite session busy/i.test(message)) {
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
      return new GraphQLError(error.message, { extensions: { code: error.code, retryable: true } });
    default:
      return assertUnreachable(error.code);
  }
}
