import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Household } from '../../households/graphql/household.type.js';

@ObjectType({ description: 'A sanction after unjustified refusals: a block from offers, or the loss of an urgency; lifting it needs a second officer' })
export class SanctionView {
  @Field(() => ID) id: string;
  householdId: number;
  @Field(() => Household) household: Household;
  @Field({ description: 'BLOCK or LOSE_URGENCY' }) kind: string;
  @Field({ description: 'ACTIVE, LIFT_REQUESTED, LIFTED or EXPIRED' }) state: string;
  @Field() from: string;
  @Field(() => String, { nullable: true, description: 'Last day of a block (a loss of urgency does not expire)' }) until: string | null;
  @Field({ description: 'Why, in the record’s words: the refusals counted and the policy' }) why: string;
  @Field(() => ID, { nullable: true }) causeOfferId: string | null;
  @Field(() => String, { nullable: true }) liftRequestedBy: string | null;
  @Field(() => String, { nullable: true }) liftReason: string | null;
  @Field(() => String, { nullable: true }) liftApprovedBy: string | null;
}
