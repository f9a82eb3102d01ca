import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AllocationRound, AllocationRoundsArgs, StartAllocationRoundInput } from './graphql/round.type.js';
import { Proposal } from './graphql/proposal.type.js';
import { ProposalPresenter } from './proposal-presenter.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { withholdPlan } from '../engine/privacy/withhold-plan.js';
import type { AllocationPlan } from '../engine/allocation/explain-plan.js';
import type { RequestContext } from '../common/request-context.js';
import { toStored } from './proposals.service.js';
import { toAllocationRound } from './round.mapper.js';
import { RoundsService } from './rounds.service.js';

@Resolver(() => AllocationRound)
export class RoundsResolver {
  constructor(
    private readonly roundService: RoundsService,
    private readonly presenter: ProposalPresenter,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  // managers plan rounds under the annual quotas too (issue 15: "Allocation rounds: start"); officers decide each proposal
  @Roles('OFFICER', 'MANAGER')
  @Mutation(() => AllocationRound, { complexity: 200, description: 'Queue an allocation round (a job); poll allocationRound(id) for progress and the plan' })
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

  @Roles('OFFICER', 'MANAGER')
  @Mutation(() => AllocationRound, { description: 'Cancel a QUEUED or RUNNING round; a running solve is stopped' })
  async cancelAllocationRound(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toAllocationRound(await this.roundService.cancel(id, actor));
  }

  @ResolveField(() => [Proposal], { description: 'One per planned vacancy, as you may read it (see proposal)' })
  async proposals(@Parent() round: AllocationRound, @Context() ctx: RequestContext) {
    return this.presenter.presentAll((await this.roundService.proposals(Number(round.id))).map(toStored), ctx);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The whole explained plan as JSON; without special-category detail unless you handle every vacancy in it',
  })
  async plan(@Parent() round: AllocationRound, @Context() ctx: RequestContext) {
    if (round.plan === null) return null;
    const handlesAll = (await Promise.all(round.vacancyIdList.map((id) => this.disclosure.handlesVacancy(ctx, id)))).every(Boolean);
    return handlesAll ? round.plan : JSON.stringify(withholdPlan(JSON.parse(round.plan) as AllocationPlan));
  }
}
