import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BUURT_CODE, IsIsoDate, IsNumberWithDecimals } from '../common/validators.js';
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
  /** Why it ended: a code of table tenancy_end_reason (VERA-aligned; checked against the table). */
  @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'endReason must be a tenancy end reason code' }) endReason?: string | null;
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

/** Leefbaarometer 3.0 class: 1 Zeer onvoldoende ... 9 Uitstekend (shared/domain/rules-nl.md §9). */
const LbmClass = () => (target: object, key: string | symbol) => {
  IsOptional()(target, key);
  IsInt({ message: `${String(key)} must be a Leefbaarometer class, a whole number from 1 to 9` })(target, key);
  Min(1, { message: `${String(key)} must be a Leefbaarometer class from 1 (zeer onvoldoende) to 9 (uitstekend)` })(target, key);
  Max(9, { message: `${String(key)} must be a Leefbaarometer class from 1 (zeer onvoldoende) to 9 (uitstekend)` })(target, key);
};

/**
 * A buurt's reading in one year from one source (issue 16): the association's resilience class (its
 * own scale, 1-5, table resilience_class) and score, Leefbaarometer classes (total and dimensions) and
 * total score. Scores are stored as given; their bounds here only catch a misplaced column.
 */
export class NeighbourhoodReadingImportRow {
  @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
  @IsInt() @Min(2000) @Max(2100) year: number;
  @IsString() @MinLength(1) @MaxLength(500) source: string;
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'resilienceClass must be 1 (very low) to 5 (high)' })
  @Max(5, { message: 'resilienceClass must be 1 (very low) to 5 (high)' })
  resilienceClass?: number | null;
  @IsOptional() @IsNumberWithDecimals(2) @Min(-9999) @Max(9999) resilienceScore?: number | null;
  @LbmClass() leefbaarometerClass?: number | null;
  @IsOptional() @IsNumberWithDecimals(4) @Min(-9999) @Max(9999) leefbaarometerScore?: number | null;
  @LbmClass() dwellingsClass?: number | null;
  @LbmClass() physicalEnvironmentClass?: number | null;
  @LbmClass() amenitiesClass?: number | null;
  @LbmClass() socialCohesionClass?: number | null;
  @LbmClass() nuisanceClass?: number | null;
  /** Homes in the buurt (CBS kerncijfers wijken en buurten). */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) dwellingStock?: number | null;
}

/**
 * An outcome observation: a count with its denominator for a complex or a buurt over a period (never
 * a fact about a person). Exactly one of complexCode and buurtCode; checked against the indicators.
 */
export class OutcomeObservationImportRow {
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'indicatorCode must be an indicator code (see outcomeIndicators)' }) indicatorCode: string;
  @IsOptional() @IsString() @Matches(/^\S{1,40}$/, { message: 'complexCode must be the code of a complex' }) complexCode?: string | null;
  @IsOptional() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode?: string | null;
  @IsIsoDate() periodStart: string;
  @IsIsoDate() periodEnd: string;
  @IsInt() @Min(0) @Max(1_000_000) count: number;
  @IsInt() @Min(1, { message: 'denominator must be at least 1 (the homes, households or respondents counted over)' }) @Max(1_000_000) denominator: number;
  @IsString() @MinLength(1) @MaxLength(500) source: string;
}
