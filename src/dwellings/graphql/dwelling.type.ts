import { Type } from 'class-transformer';
import { PageArgs } from '../../common/pagination.js';
import { ArgsType, Field, ID, InputType, Int, ObjectType, PartialType, registerEnumType } from '@nestjs/graphql';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, ValidateNested, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_CENTS, POSTCODE } from '../../common/validators.js';
import { ACCESSIBILITY_LEVELS, DWELLING_LABELS } from '../../engine/model.js';

export enum AccessibilityEnum {
  NONE = 'NONE',
  ZERO_STEP = 'ZERO_STEP',
  WHEELCHAIR = 'WHEELCHAIR',
}
export enum DwellingLabelEnum {
  SENIOR_55 = 'SENIOR_55',
  SENIOR_65 = 'SENIOR_65',
  YOUTH = 'YOUTH',
  FAMILY = 'FAMILY',
  WHEELCHAIR = 'WHEELCHAIR',
}
registerEnumType(AccessibilityEnum, { name: 'Accessibility' });
registerEnumType(DwellingLabelEnum, { name: 'DwellingLabel' });

@ObjectType()
export class Dwelling {
  @Field(() => ID) id: string;
  @Field({ description: 'Verhuureenheid (vhe) code' }) code: string;
  complexId: number;
  @Field() address: string;
  @Field() postcode: string;
  @Field(() => Int) rooms: number;
  @Field(() => Int) floorAreaM2: number;
  @Field(() => Int, { description: 'Kale huur in cents' }) netRentCents: number;
  @Field(() => Int) serviceCostsCents: number;
  @Field(() => Int) grossRentCents: number;
  @Field({ description: 'Let as DAEB (social) dwelling' }) isDaeb: boolean;
  @Field(() => AccessibilityEnum) accessibility: AccessibilityEnum;
  @Field(() => [DwellingLabelEnum]) labels: DwellingLabelEnum[];
}

@InputType()
export class DwellingFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() complexId?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isDaeb?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(20) minRooms?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) maxNetRentCents?: number;
  @Field(() => AccessibilityEnum, { nullable: true }) @IsOptional() @IsIn(ACCESSIBILITY_LEVELS) accessibility?: AccessibilityEnum;
  @Field(() => DwellingLabelEnum, { nullable: true }) @IsOptional() @IsIn(DWELLING_LABELS) label?: DwellingLabelEnum;
  @Field({ nullable: true, description: 'true: no current tenancy; false: occupied' }) @IsOptional() @IsBoolean() vacant?: boolean;
}

@InputType()
export class DwellingFieldsInput {
  @Field() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'code must be 1-40 letters, digits, _, . or -' }) code: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) address: string;
  @Field() @Matches(POSTCODE, { message: 'postcode must be 4 digits and 2 capital letters, e.g. 7311AB' }) postcode: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(20) rooms: number;
  @Field(() => Int) @IsInt() @Min(10) @Max(1000) floorAreaM2: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(MAX_CENTS) netRentCents: number;
  // no defaultValues here: PartialType would copy them into the update input (defaults apply on create)
  @Field(() => Int, { nullable: true, description: 'Default on create: 0' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) serviceCostsCents?: number;
  @Field() @IsBoolean() isDaeb: boolean;
  @Field(() => AccessibilityEnum, { nullable: true, description: 'Default on create: NONE' })
  @IsOptional()
  @IsIn(ACCESSIBILITY_LEVELS)
  accessibility?: AccessibilityEnum;
  @Field(() => [DwellingLabelEnum], { nullable: true, description: 'Default on create: none' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DWELLING_LABELS, { each: true, message: `labels must each be one of ${DWELLING_LABELS.join(', ')}` })
  labels?: DwellingLabelEnum[];
}

@InputType()
export class CreateDwellingInput extends DwellingFieldsInput {
  @Field(() => ID) @IsString() complexId: string;
}

@InputType()
export class UpdateDwellingInput extends PartialType(DwellingFieldsInput) {}

@ArgsType()
export class DwellingListArgs extends PageArgs {
  @Field(() => DwellingFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => DwellingFilter) filter?: DwellingFilter;
}
