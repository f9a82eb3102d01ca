import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Language } from '../../engine/common/language.js';
import { Household } from '../../households/graphql/household.type.js';

@ObjectType({ description: 'An urgency as a loss of urgency took it away' })
export class LostUrgency {
  @Field() category: string;
  @Field() granted: string;
  @Field(() => String, { nullable: true }) expires: string | null;
}

@ObjectType({ description: 'A sanction after unjustified refusals: a block from offers, or the loss of an urgency; lifting it needs a second officer' })
export class SanctionView {
  @Field(() => ID) id: string;
  householdId: number;
  @Field(() => Household) household: Household;
  @Field({ description: 'BLOCK or LOSE_URGENCY' }) kind: string;
  @Field({ description: 'ACTIVE, LIFT_REQUESTED, LIFTED or EXPIRED' }) state: string;
  @Field() from: string;
  @Field(() => String, { nullable: true, description: 'Last day of a block (a loss of urgency does not expire)' }) until: string | null;
  /** The "why" in each language (field `why`, resolved in the reader's language). */
  whyByLanguage: Record<Language, string>;
  @Field(() => LostUrgency, { nullable: true, description: 'For a loss of urgency: the urgency taken away, given back when the sanction is lifted' })
  lostUrgency: LostUrgency | null;
  @Field(() => ID, { nullable: true }) causeOfferId: string | null;
  @Field(() => String, { nullable: true }) liftRequestedBy: string | null;
  @Field(() => String, { nullable: true }) liftReason: string | null;
  @Field(() => String, { nullable: true }) liftApprovedBy: string | null;
}
