import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';
import { REQUIRED_FACTS } from '../../engine/allocation/override-reasons.js';

export enum RequiredFactEnum {
  MEDICAL_OR_WMO_INDICATION = 'MEDICAL_OR_WMO_INDICATION',
  INCOME_FROM_WORK = 'INCOME_FROM_WORK',
}
registerEnumType(RequiredFactEnum, { name: 'RequiredFact', description: 'A fact on file an override reason relies on' });

@ObjectType()
export class OverrideReason {
  @Field() code: string;
  @Field() label: string;
  @Field(() => RequiredFactEnum, { nullable: true, description: 'The fact the household must have on file; null when none' }) requires: RequiredFactEnum | null;
}

@ObjectType({ description: 'A version of the coded override reasons (policy data, authored by managers)' })
export class OverrideReasonPolicyVersion {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field() effectiveFrom: string;
  @Field(() => [OverrideReason]) reasons: OverrideReason[];
}

@InputType()
export class OverrideReasonInput {
  @Field() @IsString() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be 2-40 capital letters, digits or _' }) code: string;
  @Field() @IsString() @MinLength(5) @MaxLength(200) @Matches(/\S{3}/, { message: 'label must say what the reason means, in words' }) label: string;
  @Field(() => RequiredFactEnum, { nullable: true }) @IsOptional() @IsIn(REQUIRED_FACTS) requires?: RequiredFactEnum | null;
}

@InputType()
export class AddOverrideReasonPolicyVersionInput {
  @Field({ description: 'Today or later' }) @IsIsoDate() effectiveFrom: string;
  @Field(() => [OverrideReasonInput])
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OverrideReasonInput)
  reasons: OverrideReasonInput[];
}
