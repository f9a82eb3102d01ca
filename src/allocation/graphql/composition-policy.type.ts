import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';

@ObjectType({ description: 'One version of the composition policy: soft targets on the mix of complexes, displacement bound, quota weights' })
export class CompositionPolicyVersion {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field(() => String, { nullable: true, description: 'The name its author gave it, e.g. "Plan Rozenhof"' }) name: string | null;
  @Field() effectiveFrom: string;
  @Field({ description: 'The policy document as JSON (targets per resilience class, overrides by complex code, displacement, quota weights)' })
  document: string;
}

@InputType({ description: 'The next version of the composition policy; earlier versions stay for replay and audit' })
export class AddCompositionPolicyVersionInput {
  @Field({ description: 'Today or later' }) @IsIsoDate() effectiveFrom: string;
  @Field({ description: 'A name for the version, e.g. "Plan Rozenhof"' })
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  @Matches(/\S{2}/, { message: 'name must say what the version is, in words' })
  name: string;
  @Field({ description: 'JSON document in the shape of compositionPolicies.document' }) @IsString() @MaxLength(200_000) document: string;
}

@ObjectType({ description: 'A composition dimension and the categories a target may count (what a policy form offers)' })
export class CompositionDimensionCategories {
  @Field({ description: 'HOUSEHOLD_TYPE, AGE_BAND, INCOME_BAND, INCOME_SOURCE or VULNERABILITY' }) dimension: string;
  @Field(() => [String]) categories: string[];
}
