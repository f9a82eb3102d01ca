import { AccessPurposeEnum } from '../../common/graphql/output-enums.js';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({ description: "An officer's assignment: the complex or municipality whose vacancies the officer handles" })
export class OfficerAssignment {
  @Field(() => ID) id: string;
  @Field({ description: 'The officer (token subject)' }) subject: string;
  @Field(() => String, { nullable: true }) municipalityCode: string | null;
  @Field(() => String, { nullable: true }) complexCode: string | null;
  @Field() assignedBy: string;
  @Field() assignedAt: string;
  @Field(() => String, { nullable: true }) endedBy: string | null;
  @Field(() => String, { nullable: true }) endedAt: string | null;
}

@InputType()
export class AssignOfficerInput {
  @Field({ description: 'The officer (token subject)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'subject must be 1-100 letters, digits, ".", "_", "@" or "-" (a token subject)' })
  subject: string;
  @Field(() => String, { nullable: true, description: 'Either a municipality (GM code) ...' })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be GM followed by 4 digits' })
  municipalityCode?: string | null;
  @Field(() => String, { nullable: true, description: '... or one complex (its code)' })
  @IsOptional()
  @IsString()
  complexCode?: string | null;
}

@ObjectType({ description: 'One read of special-category data by an officer or admin: who, which household, for which work' })
export class SpecialCategoryAccessRecord {
  @Field(() => ID) id: string;
  @Field() accessedAt: string;
  @Field() subject: string;
  @Field(() => [String]) roles: string[];
  @Field({ description: 'The household (auditors: its pseudonym)' }) household: string;
  @Field(() => AccessPurposeEnum, { description: 'VACANCY (a vacancy it responded to), OFFER (an offer to it) or ADMINISTRATION (an admin)' }) purpose: string;
  @Field(() => ID, { nullable: true, description: 'The vacancy or offer' }) purposeId: string | null;
  @Field(() => [String], { description: 'What was read: supportNeeds, indication, eligibilityOutcomes, fit, ...' }) fields: string[];
}

@ArgsType()
export class SpecialCategoryAccessArgs {
  @Field(() => String, { nullable: true, description: 'Only reads of this household (auditors: its pseudonym)' }) @IsOptional() @IsString() household?: string;
  @Field(() => String, { nullable: true, description: 'Only reads by this officer or admin' }) @IsOptional() @IsString() subject?: string;
  @Field(() => Int, { defaultValue: 0, description: 'Records after this id' }) @IsInt() @Min(0) afterId: number = 0;
  @Field(() => Int, { defaultValue: 50, description: 'At most 200' }) @IsInt() @Min(1) @Max(200) limit: number = 50;
}
