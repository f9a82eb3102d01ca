import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Household } from '../../households/graphql/household.type.js';

export enum ObjectionDecisionEnum {
  UPHOLD = 'UPHOLD',
  REJECT = 'REJECT',
}
registerEnumType(ObjectionDecisionEnum, { name: 'ObjectionDecision' });

@ObjectType({ description: 'The answer to "why not this household" as it stood when the objection was filed' })
export class ObjectionWhyNotChosen {
  @Field() outcome: string;
  @Field(() => Int, { nullable: true }) rank: number | null;
  @Field(() => Int, { nullable: true }) chosenRank: number | null;
  @Field(() => [String], { description: 'In the reader’s language (Accept-Language)' }) sentences: string[];
  /** The same sentences in Dutch; absent on objections filed before they were kept (those read in English). */
  sentencesNl?: string[];
}

@ObjectType({
  description: 'A seeker’s objection to a letting (reclamatie): grounds, the why-not answer attached, a decision deadline and the decision with reasons',
})
export class Objection {
  @Field(() => ID) id: string;
  @Field(() => ID) vacancyId: string;
  householdId: number;
  @Field(() => Household) household: Household;
  @Field() grounds: string;
  @Field(() => ObjectionWhyNotChosen) whyNotChosen: ObjectionWhyNotChosen;
  @Field({ description: 'OPEN, UNDER_REVIEW, UPHELD, REJECTED or WITHDRAWN' }) state: string;
  @Field() filedOn: string;
  @Field({ description: 'Last day for the decision (the letting policy’s term)' }) decisionDue: string;
  @Field({ description: 'Open or under review past its decision date' }) overdue: boolean;
  @Field(() => String, { nullable: true }) decidedOn: string | null;
  @Field(() => String, { nullable: true }) reasons: string | null;
  @Field() filedBy: string;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
}

@InputType({ description: 'A seeker objects to a letting; the officer records it' })
export class FileObjectionInput {
  @Field(() => ID) @IsString() vacancyId: string;
  @Field({ description: 'The household objecting: its id or reference' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'householdId must be a household id or reference' })
  householdId: string;
  @Field() @IsString() @MinLength(5, { message: 'grounds must say what the objection is (at least 5 characters)' }) @MaxLength(4000) grounds: string;
}

@InputType()
export class DecideObjectionInput {
  @Field(() => ID) @IsString() objectionId: string;
  @Field(() => ObjectionDecisionEnum) @IsIn(Object.values(ObjectionDecisionEnum)) decision: ObjectionDecisionEnum;
  @Field() @IsString() @MinLength(10, { message: 'reasons must explain the decision (at least 10 characters)' }) @MaxLength(4000) reasons: string;
}
