import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIsoDate } from '../engine/common/dates.js';

/** A real calendar date written YYYY-MM-DD. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a calendar date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

export const BUURT_CODE = /^BU\d{8}$/;
export const MUNICIPALITY_CODE = /^GM\d{4}$/;
export const POSTCODE = /^[1-9]\d{3}[A-Z]{2}$/;
/** Largest amount the API carries: GraphQL Int and the int4 rent columns are 32-bit (about €21.4 million). */
export const MAX_CENTS = 2_147_483_647;
