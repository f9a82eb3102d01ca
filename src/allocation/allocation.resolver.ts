import type { Actor } from '../auth/roles.js';
import { languageOf } from '../common/request-language.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import { Household } from '../households/graphql/household.type.js';
import { toHousehold } from '../households/household.mapper.js';
import { Vacancy } from '../vacancies/graphql/vacancy.type.js';
import { toVacancy } from '../vacancies/vacancy.mapper.js';
import {
  DecideProposalInput,
  Offer,
  OfferResponseInput,
  AdvanceOfferInput,
  OfferResponseResult,
  Proposal,
  ProposalCandidate,
  ProposalsArgs,
  RefuseOfferInput,
} from './graphql/proposal.type.js';
import { OffersService } from './offers.service.js';
import { toOffer } from './proposal.mapper.js';
import { ProposalPresenter } from './proposal-presenter.js';
import { PendingApproval } from './graphql/pending-approval.type.js';
import { ProposalsService } from './proposals.service.js';
import { householdLoaders } from '../households/household.loaders.js';
import { vacancyLoaders } from '../vacancies/vacancy.loaders.js';

@Resolver(() => Proposal)
export class ProposalsResolver {
  constructor(
    private readonly proposalService: ProposalsService,
    private readonly offerService: OffersService,
    private readonly presenter: ProposalPresenter,
  ) {}

  @Roles('OFFICER')
  @Mutation(() => Proposal, {
    complexity: 500,
    description: 'Propose the candidate for a vacancy, balancing waiting-list order and the composition of its complex (inside your assignment)',
  })
  async proposeAllocation(@Args('vacancyId', { type: () => ID }) vacancyId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.presenter.present(await this.proposalService.propose(vacancyId, actor), ctx);
  }

  @Roles('OFFICER', 'AUDITOR', 'ADMIN')
  @Query(() => Proposal, { description: 'A proposal: officers inside its assignment and admins read it whole, auditors without special-category detail' })
  async proposal(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return this.presenter.present(await this.proposalService.get(id), ctx);
  }

  @Roles('OFFICER', 'AUDITOR', 'ADMIN')
  @Query(() => [Proposal], { description: 'All proposals of a vacancy, oldest first' })
  async proposals(@Args() args: ProposalsArgs, @Context() ctx: RequestContext) {
    return this.presenter.presentAll(await this.proposalService.forVacancy(args.vacancyId), ctx);
  }

  @Roles('OFFICER')
  @Query(() => [PendingApproval], {
    description:
      'Four-eyes: offers awaiting your approval (decided by another officer, inside your assignment), oldest first, with what you need to judge them',
  })
  async pendingApprovals(@CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.offerService.pendingApprovals(actor, ctx);
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
  async recordOfferResponse(@Args('input') input: OfferResponseInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    const outcome = await this.offerService.respond(input, actor, languageOf(ctx.req));
    return {
      offer: toOffer(outcome.offer),
      nextOffer: outcome.nextOffer ? toOffer(outcome.nextOffer) : null,
      nextProposal: outcome.nextProposal ? await this.presenter.present(outcome.nextProposal, ctx) : null,
      tenancyId: outcome.tenancyId === null ? null : String(outcome.tenancyId),
    };
  }

  @Roles('OFFICER')
  @Mutation(() => OfferResponseResult, {
    description:
      'The next stage of an open offer (interest check, viewing, provisional acceptance, documents check, final acceptance); from the final acceptance: ACCEPTED, the dwelling is let',
  })
  async advanceOffer(@Args('input') input: AdvanceOfferInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    const outcome = await this.offerService.advance(input, actor, languageOf(ctx.req));
    return {
      offer: toOffer(outcome.offer),
      nextOffer: null,
      nextProposal: outcome.nextProposal ? await this.presenter.present(outcome.nextProposal, ctx) : null,
      tenancyId: outcome.tenancyId === null ? null : String(outcome.tenancyId),
    };
  }

  @Roles('OFFICER')
  @Query(() => [Offer], { description: 'Open offers whose stage is due today or overdue, inside your assignment, oldest due first' })
  async offersDue(@CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return (await this.offerService.due(actor, ctx)).map(toOffer);
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
    return toVacancy((await ctx.loaders.of(vacancyLoaders).vacancy.load(proposal.vacancyId))!);
  }
}

@Resolver(() => ProposalCandidate)
export class ProposalCandidateResolver {
  @ResolveField(() => Household)
  async household(@Parent() candidate: ProposalCandidate, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(candidate.householdId))!);
  }
}

@Resolver(() => Offer)
export class OfferResolver {
  @ResolveField(() => Household)
  async household(@Parent() offer: Offer, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(offer.householdId))!);
  }

  @ResolveField(() => Vacancy, { description: 'The vacancy offered (its reference, dwelling and complex), batched per request' })
  async vacancy(@Parent() offer: Offer, @Context() ctx: RequestContext) {
    return toVacancy((await ctx.loaders.of(vacancyLoaders).vacancy.load(offer.vacancyId))!);
  }
}

@Resolver(() => PendingApproval)
export class PendingApprovalResolver {
  @ResolveField(() => Household)
  async household(@Parent() pending: PendingApproval, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(pending.householdId))!);
  }
}
