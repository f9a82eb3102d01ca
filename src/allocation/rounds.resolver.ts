import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllocationRound, AllocationRoundsArgs, StartAllocationRoundInput } from './graphql/round.type.js';
import { Proposal } from './graphql/proposal.type.js';
import { toProposal } from './proposal.mapper.js';
import { toStored } from './proposals.service.js';
import { toAllocationRound } from './round.mapper.js';
import { RoundsService } from './rounds.service.js';

@Resolver(() => AllocationRound)
export class RoundsResolver {
  constructor(private readonly roundService: RoundsService) {}

  @Roles('OFFICER')
  @Mutation(() => AllocationRound, { description: 'Queue an allocation round (a job); poll allocationRound(id) for progress and the plan' })
  async startAllocationRound(@Args('input') input: StartAllocationRoundInput, @CurrentActor() actor: Actor) {
    return toAllocationRound(await this.roundService.start(input, actor));
  }

  @Roles(...ANY_ROLE)
  @Query(() => AllocationRound)
  async allocationRound(@Args('id', { type: () => ID }) id: string) {
    return toAllocationRound(await this.roundService.get(id));
  }

  @Roles(...ANY_ROLE)
  @Query(() => [AllocationRound], { description: 'Recent rounds, newest first' })
  async allocationRounds(@Args() args: AllocationRoundsArgs) {
    return (await this.roundService.list(args.limit)).map(toAllocationRound);
  }

  @Roles('OFFICER')
  @Mutation(() => AllocationRound, { description: 'Cancel a QUEUED or RUNNING round; a running solve is stopped' })
  async cancelAllocationRound(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toAllocationRound(await this.roundService.cancel(id, actor));
  }

  @ResolveField(() => [Proposal])
  async proposals(@Parent() round: AllocationRound) {
    return (await this.roundService.proposals(Number(round.id))).map((e) => toProposal(toStored(e)));
  }
}
