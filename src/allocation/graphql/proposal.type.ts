import { FREE_TEXT } from '../../common/graphql/free-text.js';
import {
  OfferDecisionEnum,
  OfferStatusEnum,
  PassedOverKindEnum,
  ProposalStatusEnum,
  ScorePartKindEnum,
  SolveStatusEnum,
} from '../../common/graphql/output-enums.js';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Household } from '../../households/graphql/household.type.js';

export enum DecisionEnum {
  ACCEPT = 'ACCEPT',
  OVERRIDE = 'OVERRIDE',
}
export enum OfferResponseEnum {
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(DecisionEnum, { name: 'Decision', description: 'ACCEPT the proposed candidate, or OVERRIDE with another eligible one (reason required)' });
registerEnumType(OfferResponseEnum, { name: 'OfferResponse' });

@ObjectType({ description: 'A share of a complex: count of total households (basis points: 10000 = 100%)' })
export class ShareState {
  @Field(() => Int) count: number;
  @Field(() => Int) total: number;
  @Field(() => Int, { nullable: true }) basisPoints: number | null;
  @Field(() => Float, { description: 'Households beyond the bound; 0 when the target is met' }) violation: number;
  @Field(() => Float) penalty: number;
}

@ObjectType({ description: 'A composition target of the complex, before and after this allocation' })
export class TargetEffect {
  @Field() targetId: string;
  @Field() label: string;
  @Field() dimension: string;
  @Field(() => [String]) categories: string[];
  @Field({ description: 'MAX or MIN' }) bound: string;
  @Field(() => Int) basisPoints: number;
  @Field(() => Int) weight: number;
  @Field({ description: 'RESILIENCE_CLASS_DEFAULT or COMPLEX_OVERRIDE' }) source: string;
  @Field(() => ShareState) before: ShareState;
  @Field(() => ShareState, { nullable: true, description: 'With only this proposal added; null for a target on special-category data when you may not see it' })
  afterThis: ShareState | null;
  @Field(() => ShareState, {
    nullable: true,
    description: 'With every allocation of the plan added; null for a target on special-category data when you may not see it',
  })
  afterPlan: ShareState | null;
  @Field() text: string;
}

@ObjectType()
export class ScorePart {
  @Field(() => ScorePartKindEnum) kind: string;
  @Field() id: string;
  @Field() label: string;
  @Field(() => Float) points: number;
}

@ObjectType()
export class ProposalCandidate {
  householdId: number;
  @Field(() => Household) household: Household;
  @Field(() => Int, { description: "Place in the route's order (1 = first)" }) rank: number;
  @Field(() => Int) priorityTier: number;
  @Field() urgent: boolean;
  @Field(() => Float, { nullable: true }) lotteryTicket: number | null;
  @Field(() => Int, { nullable: true, description: "POINTS route: the household's ranking points" }) rankingPoints: number | null;
  @Field({ description: 'Eligibility summary' }) eligibility: string;
  @Field(() => Float, { nullable: true, description: 'priorityPoints plus fit; for officers handling the vacancy' }) score: number | null;
  @Field(() => Float) priorityPoints: number;
  @Field(() => [ScorePart], {
    nullable: true,
    description: 'Points per composition target and quota; for officers handling the vacancy (a target on vulnerability states it: the read is recorded)',
  })
  fit: ScorePart[] | null;
  @Field(() => Float, { nullable: true, description: 'Points lost by choosing this household instead of the proposed one; for officers handling the vacancy' })
  costVersusChosen: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'When costVersusChosen is negative (this household scores better here with the rest of the plan fixed): what choosing it would do to the plan as a whole, or why the plan may not be the best; for officers handling the vacancy',
  })
  jointNote: string | null;
}

@ObjectType()
export class PassedOverReason {
  @Field(() => PassedOverKindEnum) kind: string;
  @Field() ref: string;
  @Field(() => Float, { nullable: true, description: 'null for a target on special-category data when you may not see it' }) points: number | null;
  @Field() text: string;
}

@ObjectType()
export class Proposal {
  @Field(() => ID) id: string;
  vacancyId: number;
  @Field(() => ProposalStatusEnum) status: string;
  @Field() allocationDate: string;
  @Field(() => Float, { description: 'Recorded seed (lottery tickets)' }) seed: number;
  @Field(() => SolveStatusEnum, { description: 'How the plan was found' }) solveStatus: string;
  @Field(() => String, { nullable: true }) solver: string | null;
  @Field() routeOrder: string;
  @Field(() => Int) candidateCount: number;
  @Field() summary: string;
  @Field(() => ProposalCandidate, { nullable: true }) chosen: ProposalCandidate | null;
  @Field(() => ProposalCandidate, { nullable: true, description: 'First in plain waiting-list order' }) plainOrderCandidate: ProposalCandidate | null;
  @Field(() => String, { nullable: true, description: 'Why the plain-order candidate was passed over, if so' }) passedOverSummary: string | null;
  @Field(() => [PassedOverReason]) passedOverReasons: PassedOverReason[];
  @Field(() => [ProposalCandidate], { description: 'The best other candidates by score (at most 10)' }) alternatives: ProposalCandidate[];
  @Field(() => [TargetEffect]) composition: TargetEffect[];
  @Field({ description: 'The whole explained plan as JSON (look-ahead, baselines, model report)' }) plan: string;
  @Field(() => ID, { nullable: true, description: 'The allocation round that made this proposal, if any' }) roundId: string | null;
}

@ObjectType()
export class Offer {
  @Field(() => ID) id: string;
  @Field(() => ID) proposalId: string;
  vacancyId: number;
  householdId: number;
  @Field(() => Household) household: Household;
  @Field(() => OfferDecisionEnum) decision: string;
  @Field(() => String, { nullable: true }) reasonCode: string | null;
  @Field(() => String, { nullable: true, description: `${FREE_TEXT} The override's reason in words` }) reasonText: string | null;
  @Field(() => OfferStatusEnum) status: string;
  @Field(() => String, { nullable: true, description: `${FREE_TEXT} Why the offer was declined, or why the second officer refused it` }) responseReason:
    string | null;
  @Field(() => String, { nullable: true, description: 'The officer who decided' }) decidedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Four-eyes: the second officer who approved' }) approvedBy: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'An open offer’s stage: INTEREST_CHECK, VIEWING, PROVISIONAL_ACCEPTANCE, DOCUMENTS_CHECK or FINAL_ACCEPTANCE (null when not open)',
  })
  stage: string | null;
  @Field(() => String, { nullable: true, description: 'The day the stage is due (from the letting policy); past it, the offer expires' }) stageDue:
    string | null;
  @Field(() => String, { nullable: true, description: 'A refusal’s coded reason (lettingReasons, kind REFUSAL)' }) refusalReasonCode: string | null;
}

@InputType({ description: 'The documents checked (DOCUMENTS_CHECK): both are needed to go on to the final acceptance' })
export class OfferDocumentsInput {
  @Field() @IsBoolean() incomeStatement: boolean;
  @Field() @IsBoolean() identity: boolean;
}

@InputType({ description: 'The next stage of an open offer (from FINAL_ACCEPTANCE: accepted, the dwelling is let)' })
export class AdvanceOfferInput {
  @Field(() => ID) @IsString() offerId: string;
  @Field(() => OfferDocumentsInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => OfferDocumentsInput) documents?: OfferDocumentsInput | null;
}

@InputType()
export class RefuseOfferInput {
  @Field(() => ID) @IsString() offerId: string;
  @Field({ description: `${FREE_TEXT} Why the second officer refuses (at least 10 characters)` })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  @Matches(/\S{3}/, { message: 'reason must say why, in words' })
  reason: string;
}

@InputType()
export class DecideProposalInput {
  @Field(() => ID) @IsString() proposalId: string;
  @Field(() => DecisionEnum) @IsIn(Object.values(DecisionEnum)) decision: DecisionEnum;
  @Field(() => ID, { nullable: true, description: 'OVERRIDE: the household offered instead, by its id or reference' })
  @IsOptional()
  @IsString()
  householdId?: string;
  @Field({ nullable: true, description: 'OVERRIDE: a reason code, e.g. MEDICAL_FIT, SOCIAL_MANAGEMENT' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'reasonCode must be 2-40 capital letters, digits or _' })
  reasonCode?: string;
  @Field({ nullable: true, description: `${FREE_TEXT} OVERRIDE: the reason in words (at least 10 characters)` })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  @Matches(/\S{3}/, { message: 'reasonText must say why, in words' })
  reasonText?: string;
}

@InputType()
export class OfferResponseInput {
  @Field(() => ID) @IsString() offerId: string;
  @Field(() => OfferResponseEnum) @IsIn(Object.values(OfferResponseEnum)) response: OfferResponseEnum;
  @Field({ nullable: true, description: `${FREE_TEXT} Required when DECLINED` })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
  @Field(() => String, {
    nullable: true,
    description: 'DECLINED: the coded refusal reason (lettingReasons, kind REFUSAL); required when the vacancy has a candidate list',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'refusalReasonCode must be a refusal reason code (see lettingReasons)' })
  refusalReasonCode?: string | null;
  @Field(() => OfferDocumentsInput, {
    nullable: true,
    description: 'ACCEPTED: the documents checked (income statement and identity, both needed), unless the offer’s stages checked them already',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OfferDocumentsInput)
  documents?: OfferDocumentsInput | null;
}

@ObjectType()
export class OfferResponseResult {
  @Field(() => Offer) offer: Offer;
  @Field(() => Offer, { nullable: true, description: 'DECLINED: the offer to the next candidate of a recomputed proposal' }) nextOffer: Offer | null;
  @Field(() => Proposal, { nullable: true }) nextProposal: Proposal | null;
  @Field(() => ID, { nullable: true, description: 'ACCEPTED: the tenancy created' }) tenancyId: string | null;
}

@ArgsType()
export class ProposalsArgs {
  @Field(() => ID) @IsString() vacancyId: string;
}
