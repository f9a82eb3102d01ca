import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayUnique, IsArray, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate, MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({ description: "One version of a region's allocation policy (data, not code)" })
export class LocalPolicyVersion {
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field(() => [String], { description: 'Municipalities covered; empty = fallback for everyone else' }) municipalityCodes: string[];
  @Field() effectiveFrom: string;
  @Field({ description: 'The policy document as JSON (room norms, labels, accessibility, urgency, local ties, Rotterdamwet, quotas)' })
  document: string;
}

@InputType({ description: 'A new version of a policy; earlier versions stay for replay and audit' })
export class AddLocalPolicyVersionInput {
  @Field() @Matches(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, { message: 'code must be 1-40 capital letters, digits, _ or -' }) code: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @Field(() => [String])
  @IsArray()
  @ArrayUnique()
  @Matches(MUNICIPALITY_CODE, { each: true, message: 'municipalityCodes must each be GM followed by 4 digits' })
  municipalityCodes: string[];
  @Field() @IsIsoDate() effectiveFrom: string;
  @Field({ description: 'JSON document in the shape of localPolicies.document' }) @IsString() @MaxLength(200_000) document: string;
}
