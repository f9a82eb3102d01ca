import { Field, InputType, Int, ObjectType, PartialType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, MAX_CENTS, MUNICIPALITY_CODE, BUURT_CODE } from '../../common/validators.js';
import { INCOME_SOURCES, INDICATION_KINDS, MEMBER_ROLES, SUPPORT_NEEDS } from '../../engine/model.js';

export const MAX_HOUSEHOLD_SIZE = 12;

export enum IncomeSourceEnum {
  WORK = 'WORK',
  BENEFIT = 'BENEFIT',
  PENSION = 'PENSION',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}
export enum MemberRoleEnum {
  APPLICANT = 'APPLICANT',
  PARTNER = 'PARTNER',
  CHILD = 'CHILD',
  CO_RESIDENT = 'CO_RESIDENT',
}
export enum IndicationKindEnum {
  MEDICAL = 'MEDICAL',
  WMO = 'WMO',
}
export enum IndicatedAccessibilityEnum {
  ZERO_STEP = 'ZERO_STEP',
  WHEELCHAIR = 'WHEELCHAIR',
}
export enum HouseholdTypeEnum {
  SINGLE = 'SINGLE',
  COUPLE = 'COUPLE',
  FAMILY = 'FAMILY',
  SINGLE_PARENT = 'SINGLE_PARENT',
  OTHER = 'OTHER',
}
registerEnumType(IncomeSourceEnum, { name: 'IncomeSource' });
registerEnumType(MemberRoleEnum, { name: 'MemberRole' });
registerEnumType(IndicationKindEnum, { name: 'IndicationKind' });
registerEnumType(IndicatedAccessibilityEnum, { name: 'IndicatedAccessibility' });
registerEnumType(HouseholdTypeEnum, { name: 'HouseholdType' });

@ObjectType()
export class HouseholdMember {
  @Field(() => MemberRoleEnum) role: MemberRoleEnum;
  @Field() birthDate: string;
}

@ObjectType()
export class Urgency {
  @Field() category: string;
  @Field() granted: string;
  @Field(() => String, { nullable: true }) expires: string | null;
}

@ObjectType()
export class LocalTies {
  @Field() municipalityCode: string;
  @Field(() => Int) years: number;
}

@ObjectType()
export class Indication {
  @Field(() => IndicationKindEnum) kind: IndicationKindEnum;
  @Field(() => IndicatedAccessibilityEnum) accessibility: IndicatedAccessibilityEnum;
}

@ObjectType()
export class HouseholdPreferences {
  @Field(() => Int, { nullable: true }) minRooms: number | null;
  @Field(() => Int, { nullable: true }) maxNetRentCents: number | null;
  @Field(() => [String]) buurtCodes: string[];
}

@ObjectType({ description: 'An applicant or tenant household, identified only by a pseudonymous reference' })
export class Household {
  /** Resolved per reader (auditors see the pseudonym): see HouseholdsResolver. */
  id: string;
  /** Resolved per role (auditors see a keyed pseudonym): see HouseholdsResolver. */
  reference: string;
  @Field(() => [HouseholdMember]) members: HouseholdMember[];
  @Field(() => Int) size: number;
  @Field(() => HouseholdTypeEnum) householdType: HouseholdTypeEnum;
  @Field(() => Int, { description: 'Joint verzamelinkomen (children excluded), in cents' }) taxableIncomeCents: number;
  @Field(() => Int) incomeYear: number;
  @Field(() => IncomeSourceEnum) incomeSource: IncomeSourceEnum;
  @Field(() => Int, { nullable: true }) box3AssetsCents: number | null;
  @Field(() => Int, { nullable: true, description: 'Ranking points from the regional registration system (POINTS route)' }) rankingPoints: number | null;
  @Field() registrationDate: string;
  @Field(() => Urgency, { nullable: true }) urgency: Urgency | null;
  /** Special-category data: resolved per role in HouseholdsResolver. */
  supportNeeds: string[];
  @Field(() => LocalTies, { nullable: true }) localTies: LocalTies | null;
  /** Special-category data (medical or Wmo indication): resolved per role in HouseholdsResolver. */
  indication: Indication | null;
  @Field(() => HouseholdPreferences) preferences: HouseholdPreferences;
  @Field() onWaitingList: boolean;
}

@InputType()
export class HouseholdMemberInput {
  @Field(() => MemberRoleEnum) @IsIn(MEMBER_ROLES) role: MemberRoleEnum;
  @Field() @IsIsoDate() birthDate: string;
}

@InputType()
export class HouseholdPreferencesInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(20) minRooms?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) maxNetRentCents?: number;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @Matches(BUURT_CODE, { each: true, message: 'buurtCodes must each be BU followed by 8 digits' })
  buurtCodes?: string[];
}

@InputType()
export class HouseholdFieldsInput {
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, {
    message: 'reference must be 1-40 letters, digits, _ or - (a pseudonym: never a name or BSN)',
  })
  reference: string;

  @Field(() => [HouseholdMemberInput])
  @IsArray()
  @ArrayMinSize(1, { message: `members must list between 1 and ${MAX_HOUSEHOLD_SIZE} people (household size)` })
  @ArrayMaxSize(MAX_HOUSEHOLD_SIZE, { message: `members must list between 1 and ${MAX_HOUSEHOLD_SIZE} people (household size)` })
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberInput)
  members: HouseholdMemberInput[];

  @Field(() => Int) @IsInt() @Min(0) @Max(MAX_CENTS) taxableIncomeCents: number;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) incomeYear: number;
  @Field(() => IncomeSourceEnum) @IsIn(INCOME_SOURCES) incomeSource: IncomeSourceEnum;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CENTS) box3AssetsCents?: number | null;
  @Field(() => Int, { nullable: true, description: 'Ranking points from the regional registration system (POINTS route)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rankingPoints?: number | null;
  @Field() @IsIsoDate() registrationDate: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(60) urgencyCategory?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIsoDate() urgencyGranted?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIsoDate() urgencyExpires?: string | null;
  // no defaultValue here: PartialType would copy it into the update input and reset the field (defaults apply on create)
  @Field(() => [String], { nullable: true, description: 'Default on create: none' })
  @IsOptional()
  @IsArray()
  @IsIn(SUPPORT_NEEDS, { each: true, message: `supportNeeds must each be one of ${SUPPORT_NEEDS.join(', ')}` })
  supportNeeds?: string[];
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'localTiesMunicipalityCode must be GM followed by 4 digits' })
  localTiesMunicipalityCode?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) localTiesYears?: number | null;
  @Field(() => IndicationKindEnum, { nullable: true }) @IsOptional() @IsIn(INDICATION_KINDS) indicationKind?: IndicationKindEnum | null;
  @Field(() => IndicatedAccessibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn(['ZERO_STEP', 'WHEELCHAIR'])
  indicationAccessibility?: IndicatedAccessibilityEnum | null;
  @Field(() => HouseholdPreferencesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdPreferencesInput)
  preferences?: HouseholdPreferencesInput;
  @Field({ nullable: true, description: 'Default on create: true' }) @IsOptional() @IsBoolean() onWaitingList?: boolean;
}

@InputType()
export class CreateHouseholdInput extends HouseholdFieldsInput {}

@InputType()
export class UpdateHouseholdInput extends PartialType(HouseholdFieldsInput) {}
