import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsIsoDate } from '../common/validators.js';
import { ComplexFieldsInput } from '../complexes/graphql/complex.type.js';
import { DwellingFieldsInput } from '../dwellings/graphql/dwelling.type.js';
import { HouseholdFieldsInput } from '../households/graphql/household.type.js';
import { NeighbourhoodFieldsInput } from '../neighbourhoods/graphql/neighbourhood.type.js';
import { ALLOCATION_ROUTES, VACANCY_STATUSES } from '../engine/model.js';

/** Import rows reuse the mutation inputs' validation and add business-key references. */
export class NeighbourhoodImportRow extends NeighbourhoodFieldsInput {}
export class ComplexImportRow extends ComplexFieldsInput {}

export class DwellingImportRow extends DwellingFieldsInput {
  @IsString() @Matches(/^\S{1,40}$/, { message: 'complexCode must be the code of a complex' }) complexCode: string;
}

export class HouseholdImportRow extends HouseholdFieldsInput {}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export class TenancyImportRow {
  @Matches(KEY, { message: 'householdReference must be a household reference' }) householdReference: string;
  @Matches(KEY, { message: 'dwellingCode must be a dwelling code' }) dwellingCode: string;
  @IsIsoDate() startDate: string;
  @IsOptional() @IsIsoDate() endDate?: string | null;
  @IsOptional() @IsIn(ALLOCATION_ROUTES) allocationRoute?: (typeof ALLOCATION_ROUTES)[number] | null;
}

export class VacancyImportRow {
  @Matches(KEY, { message: 'reference must be 1-40 letters, digits, _, . or -' }) reference: string;
  @Matches(KEY, { message: 'dwellingCode must be a dwelling code' }) dwellingCode: string;
  @IsIsoDate() availableFrom: string;
  @IsIn(ALLOCATION_ROUTES) route: (typeof ALLOCATION_ROUTES)[number];
  @IsOptional() @IsIn(VACANCY_STATUSES) status?: (typeof VACANCY_STATUSES)[number];
  @IsOptional() @IsBoolean() labelFallbackActive?: boolean;
  @IsOptional() @IsBoolean() localTiesPriority?: boolean;
  @IsArray()
  @Matches(KEY, { each: true, message: 'respondents must each be a household reference' })
  @Type(() => String)
  respondents: string[] = [];
}
