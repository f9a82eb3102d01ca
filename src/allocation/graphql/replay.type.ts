import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReplayResultEnum } from '../../common/graphql/output-enums.js';

@ObjectType()
export class ReplayDifference {
  @Field() path: string;
  @Field(() => String, { nullable: true, description: 'JSON of the stored value' }) recorded: string | null;
  @Field(() => String, { nullable: true, description: 'JSON of the recomputed value' }) replayed: string | null;
}

@ObjectType({ description: 'A proposal recomputed from its logged snapshot' })
export class ProposalReplay {
  @Field(() => ID) proposalId: string;
  @Field(() => ReplayResultEnum) result: string;
  @Field() message: string;
  @Field(() => [Int]) eventSeqs: number[];
  @Field(() => String, { nullable: true }) inputHash: string | null;
  @Field(() => String, { nullable: true }) loggedPlanHash: string | null;
  @Field() storedPlanHash: string;
  @Field(() => String, { nullable: true }) replayedPlanHash: string | null;
  @Field(() => [ReplayDifference]) differences: ReplayDifference[];
}
