import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../database/loaders.js';
import { Household } from '../households/graphql/household.type.js';
import { toHousehold } from '../households/household.mapper.js';
import { Vacancy } from '../vacancies/graphql/vacancy.type.js';
import { toVacancy } from '../vacancies/vacancy.mapper.js';
import { DecideProposalInput, Offer, OfferResponseInput, OfferResponseResult, Proposal, ProposalCandidate, ProposalsArgs, RefuseOfferInput } from './graphql/proposal.type.js';
import { OffersService } from './offers.service.js';
import { toOffer, toProposal } from './proposal.mapper.js';
import { ProposalsService } from './proposals.service.js';

@Resolver(() => Proposal)
export class ProposalsResolver {
  constructor(
    private readonly proposalService: ProposalsService,
    private readonly offerService: OffersService,
  ) {}

  @Roles('OFFICER')
  @Mutation(() => Proposal, { description: 'Propose the candidate for a vacancy, balancing waiting-list order and the composition of its complex' })
  async proposeAllocation(@Args('vacancyId', { type: () => ID }) vacancyId: string, @CurrentActor() actor: Actor) {
    return toProposal(await this.proposalService.propose(vacancyId, actor));
  }

  @Roles(...ANY_ROLE)
  @Query(() => Proposal)
  async proposal(@Args('id', { type: () => ID }) id: string) {
    return toProposal(await this.proposalService.get(id));
  }

  @Roles(...ANY_ROLE)
  @Query(() => [Proposal], { description: 'All proposals of a vacancy, oldest first' })
  async proposals(@Args() args: ProposalsArgs) {
    return (await this.proposalService.forVacancy(args.vacancyId)).map(toProposal);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [Offer], { description: 'All offers of a vacancy, oldest first' })
  async offers(@Args() args: ProposalsArgs) {
    return (await this.offerService.forVacancy(args.vacancyId)).map(toOffer);
  }

  @Roles('OFFICER')
  @Mutation(() => Offer, { description: 'ACCEPT the proposed candidate or OVERRIDE with another eligible one (reason code and text required)' })
  async decideProposal(@Args('input') input: DecideProposalInput, @CurrentActor() actor: Actor) {
    return toOffer(await this.offerService.decide(input, actor));
  }

  @Roles('OFFICER')
  @Mutation(() => OfferResponseResult, { description: 'ACCEPTED: tenancy, vacancy ALLOCATED, quotas updated. DECLINED: the next candidate is offered' })
  async recordOfferResponse(@Args('input') input: OfferResponseInput, @CurrentActor() actor: Actor) {
    const outcome = await this.offerService.respond(input, actor);
    return {
      offer: toOffer(outcome.offer),
      nextOffer: outcome.nextOffer ? toOffer(outcome.nextOffer) : null,
      nextProposal: outcome.nextProposal ? toProposal(outcome.nextProposal) : null,
      tenancyId: outcome.tenancyId === null ? null : String(outcome.tenancyId),
    };
  }

  @Roles('OFFICER')
  @Mutation(() => Offer, { description: 'Four-eyes: a second officer approves an offer awaiting approval; it goes out (OPEN)' })
  async approveOffer(@Args('offerId', { type: () => ID }) offerId: string, @CurrentActor() actor: Actor) {
    return toOffer(await this.offerService.approve(offerId, actor));
  }

  @Roles('OFFICER')
  @Mutation(() => Offer, { description: 'Four-eyes: a second officer refuses; the offer is withdrawn and the proposal can be decided again' })
  async refuseOffer(@Args('input') input: RefuseOfferInput, @CurrentActor() actor: Actor) {
    return toOffer(await this.offerService.refuse(input.offerId, input.reason, actor));
  }

  @ResolveField(() => Vacancy)
  async vacancy(@Parent() proposal: Proposal, @Context() ctx: RequestContext) {
    return toVacancy((await ctx.loaders.vacancy.load(proposal.vacancyId))!);
  }
}

@Resolver(() => ProposalCandidate)
export class ProposalCandidateResolver {
  @ResolveField(() => Household)
  async household(@Parent() candidate: ProposalCandidate, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.household.load(candidate.householdId))!);
  }
}

@Resolver(() => Offer)
export class OfferResolver {
  @ResolveField(() => Household)
  async household(@Parent() offer: Offer, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.household.load(offer.householdId))!);
  }
}
