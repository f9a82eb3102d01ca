import { FREE_TEXT } from '../../common/graphql/free-text.js';
import { NotChosenOutcomeEnum, OfferDecisionEnum, OfferStatusEnum } from '../../common/graphql/output-enums.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TargetEffect } from './proposal.type.js';

@ObjectType()
export class RuleExclusion {
  @Field() ruleId: string;
  @Field(() => Int) count: number;
  @Field(() => [String], { description: 'Up to three household references (pseudonyms for auditors)' }) examples: string[];
}

@ObjectType({ description: 'How the respondents became candidates' })
export class PoolExclusions {
  @Field(() => Int) respondents: number;
  @Field(() => Int) eligible: number;
  @Field(() => Int) declinedBefore: number;
  @Field(() => Int) holdingAnotherOffer: number;
  @Field(() => [RuleExclusion]) byRule: RuleExclusion[];
}

@ObjectType()
export class DecisionRecord {
  @Field(() => OfferDecisionEnum) decision: string;
  @Field() householdReference: string;
  @Field(() => OfferStatusEnum) status: string;
  @Field(() => String, { nullable: true }) reasonCode: string | null;
  @Field(() => String, { nullable: true, description: FREE_TEXT }) reasonText: string | null;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => String, { nullable: true }) approvedBy: string | null;
  @Field(() => String, { nullable: true, description: FREE_TEXT }) responseReason: string | null;
}

@ObjectType()
export class RationaleBasis {
  @Field(() => [Int], { description: 'Audit events holding the snapshot' }) eventSeqs: number[];
  @Field(() => String, { nullable: true }) inputHash: string | null;
  @Field(() => String, { nullable: true }) planHash: string | null;
  @Field(() => String, { nullable: true }) compositionPolicy: string | null;
  @Field(() => Int, { nullable: true }) parameterYear: number | null;
  @Field(() => String, { nullable: true }) solver: string | null;
}

@ObjectType({ description: 'Why this proposal, in plain sentences and as data' })
export class ProposalRationale {
  @Field(() => ID) proposalId: string;
  @Field() vacancyReference: string;
  @Field() allocationDate: string;
  @Field(() => [String]) sentences: string[];
  @Field(() => Int, { nullable: true, description: 'Places below the plain-order candidate' }) displacement: number | null;
  @Field(() => [TargetEffect], { description: 'Targets that decided the choice, with their numbers' }) bindingTargets: TargetEffect[];
  @Field(() => PoolExclusions, { nullable: true }) exclusions: PoolExclusions | null;
  @Field(() => [DecisionRecord]) decisions: DecisionRecord[];
  @Field(() => RationaleBasis) basis: RationaleBasis;
}

@ObjectType({ description: 'The answer owed to a household that asks why it did not get a home' })
export class NotChosenAnswer {
  @Field() householdReference: string;
  @Field() vacancyReference: string;
  @Field(() => ID, { nullable: true }) proposalId: string | null;
  @Field(() => NotChosenOutcomeEnum) outcome: string;
  @Field(() => Int, { nullable: true }) rank: number | null;
  @Field(() => Int, { nullable: true }) chosenRank: number | null;
  @Field(() => [String]) sentences: string[];
}
