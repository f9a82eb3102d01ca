import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from './domain-error.js';

/**
 * class-validator messages start with the property name ("householdSize must not be less than 1");
 * nested properties are prefixed with their path ("members.0.birthDate must be ...").
 */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      const reason = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
      problems.push({ field: path, reason });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, path));
  }
  return problems;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => DomainError.invalid(flattenValidationErrors(errors)),
  });
}

/**
 * Update inputs make every field optional, and GraphQL lets a client send an explicit null. Null
 * clears a field only where the field may be empty; elsewhere it is refused, naming the field.
 */
export function assertNoNulls(input: object, clearable: readonly string[] = []): void {
  const problems: FieldProblem[] = Object.entries(input)
    .filter(([field, value]) => value === null && !clearable.includes(field))
    .map(([field]) => ({ field, reason: 'must not be null (leave it out to keep the current value)' }));
  if (problems.length) throw DomainError.invalid(problems);
}

/** A JSON text input parsed, or BAD_USER_INPUT naming the field ("is not valid JSON (…)"). */
export function parseJsonInput(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([{ field, reason: `is not valid JSON (${(e as Error).message})` }]);
  }
}
