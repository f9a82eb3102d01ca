import { DomainError } from './domain-error.js';

/** GraphQL IDs are strings; our keys are positive integers. */
export function parseId(value: string | number, field: string): number {
  const text = String(value);
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) {
    throw DomainError.invalid([{ field, reason: `must be the id of an existing record (got "${text}")` }]);
  }
  return Number(text);
}
