import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { NotChosenAnswer, ProposalRationale } from './graphql/rationale.type.js';
import { RationaleService } from './rationale.service.js';

@Resolver()
export class RationaleResolver {
  constructor(private readonly rationaleService: RationaleService) {}

  @Roles('OFFICER', 'MANAGER', 'AUDITOR')
  @Query(() => ProposalRationale, { description: 'Why this proposal: exclusions by rule, plain-order candidate, binding targets, displacement, decisions' })
  async proposalRationale(@Args('proposalId', { type: () => ID }) proposalId: string, @CurrentActor() actor: Actor) {
    const r = await this.rationaleService.proposalRationale(proposalId, actor);
    return {
      ...r,
      proposalId: String(r.proposalId),
      bindingTargets: r.bindingTargets.map((t) => ({ ...t, categories: [...t.categories] })),
      exclusions: r.exclusions && { ...r.exclusions, byRule: r.exclusions.byRule.map((b) => ({ ...b, examples: [...b.examples] })) },
    };
  }

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => NotChosenAnswer, { description: 'Why a household did not get a vacancy (auditors may pass the pseudonym they see)' })
  async whyNotChosen(@Args('householdReference') householdReference: string, @Args('vacancyId', { type: () => ID }) vacancyId: string, @CurrentActor() actor: Actor) {
    const a = await this.rationaleService.whyNotChosen(householdReference, vacancyId, actor);
    return { ...a, proposalId: a.proposalId === null ? null : String(a.proposalId) };
  }
}
