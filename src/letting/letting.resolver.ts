import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { Household } from '../households/graphql/household.type.js';
import { householdLoaders } from '../households/household.loaders.js';
import { toHousehold } from '../households/household.mapper.js';
import { Vacancy } from '../vacancies/graphql/vacancy.type.js';
import { AccountabilityService } from './accountability.service.js';
import { LettingsAccountability, LettingsAccountabilityArgs } from './graphql/accountability.type.js';
import { Candidate, LettingReason, PublishVacancyInput, SkipCandidateInput, VacancyPublication } from './graphql/letting.type.js';
import { LettingService } from './letting.service.js';

/** A vacancy's publication and candidate list (officers), the coded reasons, and the public accountability of lettings. */
@Resolver(() => Vacancy)
export class LettingResolver {
  constructor(
    private readonly letting: LettingService,
    private readonly accountability: AccountabilityService,
  ) {}

  @ResolveField(() => VacancyPublication, { nullable: true, description: 'The advertisement and its reaction window (null: not advertised through Woonmix)' })
  publication(@Parent() vacancy: Vacancy) {
    return this.letting.publication(Number(vacancy.id));
  }

  @ResolveField(() => [Candidate], { description: 'The candidate list made when the reaction window closed, by position (empty before)' })
  candidateList(@Parent() vacancy: Vacancy) {
    return this.letting.candidates(Number(vacancy.id));
  }

  @Roles(...ANY_ROLE)
  @Query(() => [LettingReason], { description: 'Coded reasons to skip a candidate or for a refusal (policy data)' })
  lettingReasons(@Context() ctx: RequestContext) {
    return this.letting.reasons(languageOf(ctx.req));
  }

  @Roles('MANAGER', 'AUDITOR', 'ADMIN')
  @Query(() => LettingsAccountability, {
    complexity: 100,
    description: 'Every letting of a period as the association publishes it: no personal data; CSV and HTML',
  })
  lettingsAccountability(@Args() args: LettingsAccountabilityArgs, @Context() ctx: RequestContext) {
    return this.accountability.lettings(args.from, args.to, args.municipalityCode ?? null, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => VacancyPublication, {
    description: 'Advertise an open vacancy with its reaction window (audited); responses are then taken only inside the window',
  })
  publishVacancy(@Args('input') input: PublishVacancyInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.publish(input, actor, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => [Candidate], { description: 'Close the reaction window (from its last day on) and make the candidate list by the published order (audited)' })
  closeReactionWindow(@Args('vacancyId', { type: () => ID }) vacancyId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.closeAndList(vacancyId, actor, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => Candidate, { description: 'Skip a candidate with a coded reason (not a refusal; can be undone)' })
  skipCandidate(@Args('input') input: SkipCandidateInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.candidateStep(input.candidateId, 'SKIP', input.reasonCode, actor, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => Candidate, { description: 'Put a skipped candidate back in line' })
  undoSkipCandidate(@Args('candidateId', { type: () => ID }) candidateId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.candidateStep(candidateId, 'UNDO_SKIP', null, actor, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => Candidate, { description: 'Invite a candidate (to a viewing or an interest check)' })
  inviteCandidate(@Args('candidateId', { type: () => ID }) candidateId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.candidateStep(candidateId, 'INVITE', null, actor, languageOf(ctx.req));
  }

  @Roles('OFFICER')
  @Mutation(() => Candidate, { description: 'Take back an invitation: the candidate is in line again' })
  undoInviteCandidate(@Args('candidateId', { type: () => ID }) candidateId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.letting.candidateStep(candidateId, 'UNDO_INVITE', null, actor, languageOf(ctx.req));
  }
}

@Resolver(() => Candidate)
export class CandidateResolver {
  @ResolveField(() => Household)
  async household(@Parent() candidate: Candidate, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(candidate.householdId))!);
  }
}
