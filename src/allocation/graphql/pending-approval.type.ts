import { FREE_TEXT } from '../../common/graphql/free-text.js';
import { OfferDecisionEnum } from '../../common/graphql/output-enums.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Household } from '../../households/graphql/household.type.js';
import { TargetEffect } from './proposal.type.js';

@ObjectType({ description: 'An offer awaiting your four-eyes approval, with what you need to judge it' })
export class PendingApproval {
  @Field(() => ID) offerId: string;
  @Field(() => ID) proposalId: string;
  @Field(() => ID) vacancyId: string;
  @Field() vacancyReference: string;
  @Field() complexCode: string;
  @Field(() => OfferDecisionEnum) decision: string;
  @Field() decidedBy: string;
  @Field() decidedAt: string;
  @Field(() => String, { nullable: true }) reasonCode: string | null;
  @Field(() => String, { nullable: true, description: "The override policy's label for the code" }) reasonLabel: string | null;
  @Field(() => String, { nullable: true, description: `${FREE_TEXT} Written by the deciding officer` }) reasonText: string | null;
  @Field(() => String, { nullable: true, description: 'The fact on file the reason relies on (e.g. MEDICAL_OR_WMO_INDICATION): check it on household' })
  reasonRequires: string | null;
  @Field(() => Household, { description: 'The household offered; its special-category fields are visible to you as approver (each read recorded)' })
  household: Household;
  householdId: number;
  @Field(() => Int, { nullable: true, description: "Rank of the household offered in the route's order (1 = first)" }) offeredRank: number | null;
  @Field(() => Int, { nullable: true, description: 'Places the offer passes over in the plain order (0 = the plain order)' }) displacement: number | null;
  @Field(() => [TargetEffect], {
    description: 'The composition targets involved: those the plain-order candidate was passed over for, and those past their bound',
  })
  targets: TargetEffect[];
}
