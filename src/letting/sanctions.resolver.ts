import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { Household } from '../households/graphql/household.type.js';
import { householdLoaders } from '../households/household.loaders.js';
import { toHousehold } from '../households/household.mapper.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { SanctionView } from './graphql/sanction.type.js';
import { SanctionsService } from './sanctions.service.js';

/** Sanctions after unjustified refusals: read per household, lifted with four eyes. */
@Resolver(() => SanctionView)
export class SanctionsResolver {
  constructor(
    private readonly service: SanctionsService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  @Roles('OFFICER', 'AUDITOR', 'ADMIN')
  @Query(() => [SanctionView], { description: 'A household’s sanctions, oldest first (officers: those of refusals on vacancies they handle)' })
  async sanctions(@Args('householdId', { type: () => ID }) householdId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.ofHousehold(await this.disclosure.householdIdFromInput(actor, householdId, 'householdId'), actor, ctx);
  }

  @Roles('OFFICER', 'AUDITOR', 'ADMIN')
  @Query(() => [SanctionView], {
    description:
      'The sanctions in force (ACTIVE or LIFT_REQUESTED, a block not past its last day), oldest first (officers: those of refusals on vacancies they handle)',
  })
  sanctionsInForce(@CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.inForce(actor, ctx);
  }

  @Roles('OFFICER')
  @Mutation(() => SanctionView, { description: 'Ask to lift a sanction, with a reason; another officer approves or refuses (four eyes)' })
  requestSanctionLift(@Args('sanctionId', { type: () => ID }) sanctionId: string, @Args('reason') reason: string, @CurrentActor() actor: Actor) {
    return this.service.lift(sanctionId, 'REQUEST_LIFT', reason, actor);
  }

  @Roles('OFFICER')
  @Mutation(() => SanctionView, { description: 'Four eyes: a second officer lifts the sanction' })
  approveSanctionLift(@Args('sanctionId', { type: () => ID }) sanctionId: string, @CurrentActor() actor: Actor) {
    return this.service.lift(sanctionId, 'APPROVE_LIFT', null, actor);
  }

  @Roles('OFFICER')
  @Mutation(() => SanctionView, { description: 'The request to lift is refused: the sanction stays in force' })
  refuseSanctionLift(@Args('sanctionId', { type: () => ID }) sanctionId: string, @CurrentActor() actor: Actor) {
    return this.service.lift(sanctionId, 'REFUSE_LIFT', null, actor);
  }

  @ResolveField(() => String, { description: 'Why, in the reader’s language (Accept-Language): the refusals counted and the policy' })
  why(@Parent() sanction: SanctionView, @Context() ctx: RequestContext): string {
    return sanction.whyByLanguage[languageOf(ctx.req)];
  }

  @ResolveField(() => Household)
  async household(@Parent() sanction: SanctionView, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(sanction.householdId))!);
  }
}
