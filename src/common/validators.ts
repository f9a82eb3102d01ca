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

/**
 * A finite number with at most `places` decimals. class-validator's IsNumber({ maxDecimalPlaces })
 * throws on numbers JavaScript prints in exponent form (-4e-323): found by test/e2e/fuzz.e2e-spec.ts.
 */
export function IsNumberWithDecimals(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNumberWithDecimals',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a number with at most ${places} decimals`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Math.abs(Math.round(value * 10 ** places) - value * 10 ** places) < 1e-6,
      },
    });
}

/** A CBS buurtcode (BU + gemeente 4 digits + wijk 2 + buurt 2) belongs to the municipality its digits name. */
export function buurtInMunicipality(buurtCode: string, municipalityCode: string): boolean {
  return buurtCode.slice(2, 6) === municipalityCode.slice(2);
}

/** On buurtCode: when the object also names its municipalityCode, the two must agree (CBS coding). */
export function IsBuurtOfMunicipality(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBuurtOfMunicipality',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (a) =>
          `${String(propertyName)} ${String(a.value)} is not a buurt of municipality ${String((a.object as { municipalityCode?: unknown }).municipalityCode)} (a CBS buurtcode starts with BU and the gemeente's 4 digits)`,
        ...options,
      },
      validator: {
        validate: (value: unknown, args) => {
          const municipality = (args?.object as { municipalityCode?: unknown }).municipalityCode;
          if (typeof value !== 'string' || typeof municipality !== 'string' || !BUURT_CODE.test(value) || !MUNICIPALITY_CODE.test(municipality)) return true; // the format checks speak for themselves
          return buurtInMunicipality(value, municipality);
        },
      },
    });
}
