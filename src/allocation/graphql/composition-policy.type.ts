import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';

@ObjectType({ description: 'One version of the composition policy: soft targets on the mix of complexes, displacement bound, quota weights' })
export class CompositionPolicyVersion {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field(() => Int) version: number;
  @Field() effectiveFrom: string;
  @Field({ description: 'The policy document as JSON (targets per resilience class, overrides by complex code, displacement, quota weights)' })
  document: string;
}

@InputType({ description: 'The next version of the composition policy; earlier versions stay for replay and audit' })
export class AddCompositionPolicyVersionInput {
  @Field({ description: 'Today or later' }) @IsIsoDate() effectiveFrom: string;
  @Field({ description: 'JSON document in the shape of compositionPolicies.document' }) @IsString() @MaxLength(200_000) document: string;
}
