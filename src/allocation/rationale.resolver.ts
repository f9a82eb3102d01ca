import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { NotChosenAnswer, ProposalRationale } from './graphql/rationale.type.js';
import { RationaleService } from './rationale.service.js';

@Resolver()
export class RationaleResolver {
  constructor(private readonly rationaleService: RationaleService) {}

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => ProposalRationale, {
    complexity: 100,
    description: 'Why this proposal: exclusions by rule, plain-order candidate, binding targets, displacement, decisions',
  })
  async proposalRationale(@Args('proposalId', { type: () => ID }) proposalId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    const r = await this.rationaleService.proposalRationale(proposalId, actor, ctx);
    return {
      ...r,
      proposalId: String(r.proposalId),
      bindingTargets: r.bindingTargets.map((t) => ({ ...t, categories: [...t.categories] })),
      exclusions: r.exclusions && { ...r.exclusions, byRule: r.exclusions.byRule.map((b) => ({ ...b, examples: [...b.examples] })) },
    };
  }

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => NotChosenAnswer, { complexity: 200, description: 'Why a household did not get a vacancy; auditors name it by the pseudonym they were shown' })
  async whyNotChosen(
    @Args('householdReference') householdReference: string,
    @Args('vacancyId', { type: () => ID }) vacancyId: string,
    @CurrentActor() actor: Actor,
    @Context() ctx: RequestContext,
  ) {
    const a = await this.rationaleService.whyNotChosen(householdReference, vacancyId, actor, ctx);
    return { ...a, proposalId: a.proposalId === null ? null : String(a.proposalId) };
  }
}
