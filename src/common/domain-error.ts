/** Error codes the API promises to clients (extensions.code). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The request ran past its time limit; the work not yet started was not done. */
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** A failure the caller can act on. Business code throws this, never HTTP exceptions. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }

  static invalid(fields: FieldProblem[]): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, fields.map((f) => `${f.field} ${f.reason}`).join('; '), fields);
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
  }
}
