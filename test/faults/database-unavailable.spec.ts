import { HttpException, HttpStatus } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ErrorCode } from '../../src/common/domain-error.js';
import { GraphqlErrorFilter, toDomainError } from '../../src/common/graphql-error.filter.js';
import { noteConnectionLost } from '../../src/database/connection-loss.js';

/**
 * The error shapes seen while PostgreSQL restarts under load (test/faults/pg-restart.pg-spec.ts), each
 * mapped to the retryable SERVICE_UNAVAILABLE; other failures keep their own mapping. No database.
 */

function pgError(message: string, code: string): DatabaseError {
  const e = new DatabaseError(message, message.length, 'error');
  e.code = code;
  return e;
}

const socketError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('database failures as SERVICE_UNAVAILABLE', () => {
  it.each<[string, unknown]>([
    ["connect while the server shuts down (57P03, the driver's own error)", pgError('the database system is shutting down', '57P03')],
    ['connect while the server starts up (57P03)', pgError('the database system is starting up', '57P03')],
    [
      'a query cut off by a fast shutdown (57P01, in a QueryFailedError)',
      new QueryFailedError('SELECT 1', [], pgError('terminating connection due to administrator command', '57P01')),
    ],
    ['a connection exception (class 08)', new QueryFailedError('SELECT 1', [], pgError('connection failure', '08006'))],
    ['a reset socket', socketError('read ECONNRESET', 'ECONNRESET')],
    ['a refused connection', socketError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a host name with several addresses, all refused',
      new AggregateError(
        [socketError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), socketError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
        '',
      ),
    ],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['a client whose connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ['too many connections (53300)', pgError('sorry, too many clients already', '53300')],
  ])('%s', (_what, error) => {
    expect(toDomainError(error)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'Database unavailable, retry shortly' });
  });

  it('maps a transaction whose query runner was released by a lost connection, but not one released without a loss (a bug)', () => {
    noteConnectionLost(Date.now() - 5 * 60_000);
    expect(toDomainError(new QueryRunnerAlreadyReleasedError())).toBeNull();
    noteConnectionLost();
    expect(toDomainError(new QueryRunnerAlreadyReleasedError())).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
  });

  it.each<[string, unknown, ErrorCode | null]>([
    ['a unique violation', new QueryFailedError('INSERT', [], Object.assign(pgError('duplicate key', '23505'), { constraint: 'x_key' })), ErrorCode.CONFLICT],
    ['a syntax error (a bug)', new QueryFailedError('SELEC', [], pgError('syntax error at or near "SELEC"', '42601')), null],
    ['a plain programming error', new TypeError('Cannot read properties of undefined'), null],
  ])('keeps %s as it was', (_what, error, code) => {
    const mapped = toDomainError(error);
    expect(mapped === null ? null : mapped.code).toBe(code);
  });

  it('answers SERVICE_UNAVAILABLE with retryable: true on GraphQL, and leaves HTTP exceptions of plain routes to Nest, unlogged', () => {
    const sut = new GraphqlErrorFilter();
    const graphql = { getType: () => 'graphql' } as unknown as ArgumentsHost;
    const http = { getType: () => 'http' } as unknown as ArgumentsHost;
    const error = sut.catch(socketError('read ECONNRESET', 'ECONNRESET'), graphql);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const notReady = new HttpException({ status: 'unavailable' }, HttpStatus.SERVICE_UNAVAILABLE);
    const logged = jest.spyOn((sut as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
    expect(sut.catch(notReady, http)).toBe(notReady);
    expect(logged).not.toHaveBeenCalled();
  });
});
