import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';

@ObjectType({ description: 'A vacancy as advertised: the reaction window, viewing date and conditions shown to seekers' })
export class VacancyPublication {
  @Field({ description: 'The letting model: the vacancy route (REGULAR, LOTTERY, URGENCY, POINTS)' }) model: string;
  @Field({ description: 'First day seekers may react' }) opensOn: string;
  @Field({ description: 'Last day seekers may react' }) closesOn: string;
  @Field(() => String, { nullable: true }) viewingOn: string | null;
  @Field() conditions: string;
  @Field({ description: 'PUBLISHED, CLOSED, LISTED or WITHDRAWN' }) state: string;
  @Field(() => String, { nullable: true, description: 'LOTTERY: the seed of the draw, published with the letting' }) lotterySeed: string | null;
  @Field() publishedBy: string;
  @Field() publishedAt: Date;
  @Field(() => Date, { nullable: true }) listedAt: Date | null;
}

@ObjectType({ description: 'What the published order compared for a candidate' })
export class CandidateOrderKey {
  @Field() eligible: boolean;
  @Field(() => Int, { description: 'Lower goes first (labels, indications, local ties)' }) priorityTier: number;
  @Field() registrationDate: string;
  @Field(() => Int, { nullable: true }) rankingPoints: number | null;
  @Field(() => Int, { nullable: true }) lotteryRank: number | null;
}

@ObjectType({ description: 'A change of a candidate’s state, with who and when' })
export class CandidateEvent {
  @Field() from: string;
  @Field() to: string;
  @Field() event: string;
  @Field(() => String, { nullable: true }) reasonCode: string | null;
  @Field() at: Date;
  @Field() by: string;
}

@ObjectType({ description: 'A respondent on a vacancy’s candidate list: position by the published order, the rules’ verdict, state and history' })
export class Candidate {
  @Field(() => ID) id: string;
  householdId: number;
  vacancyId: number;
  @Field(() => Int) position: number;
  @Field({ description: 'PLACED, SKIPPED, INVITED, OFFERED, ACCEPTED, REFUSED or WITHDRAWN' }) state: string;
  @Field() eligible: boolean;
  @Field({ description: 'The verdict in a sentence (the record’s English)' }) summary: string;
  @Field(() => [String], { description: 'Rules that exclude the candidate' }) hardFailures: string[];
  @Field(() => CandidateOrderKey) orderKey: CandidateOrderKey;
  @Field(() => String, { nullable: true, description: 'The skip or refusal reason of the current state' }) reasonCode: string | null;
  @Field(() => [String], { description: 'What may happen to the candidate now (for the screen’s buttons)' }) allowedEvents: string[];
  @Field(() => [CandidateEvent]) history: CandidateEvent[];
}

@ObjectType({ description: 'A coded reason to skip a candidate or for a refusal (policy data)' })
export class LettingReason {
  @Field({ description: 'SKIP or REFUSAL' }) kind: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => Boolean, { nullable: true, description: 'Refusals: justified or not (unjustified ones count towards sanctions)' }) justified: boolean | null;
}

@InputType({ description: 'Advertise an open vacancy: the reaction window (both days included), viewing date and conditions' })
export class PublishVacancyInput {
  @Field(() => ID) @IsString() vacancyId: string;
  @Field() @IsIsoDate() opensOn: string;
  @Field() @IsIsoDate() closesOn: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIsoDate() viewingOn?: string | null;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(2000) conditions: string;
}

@InputType({ description: 'Skip a candidate with a coded reason (a skip is not a refusal)' })
export class SkipCandidateInput {
  @Field(() => ID) @IsString() candidateId: string;
  @Field() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'reasonCode must be a skip reason code (see lettingReasons)' }) reasonCode: string;
}
