import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { AddOverrideReasonPolicyVersionInput, OverrideReasonPolicyVersion, RequiredFactEnum } from './graphql/override-reason.type.js';
import { OverrideReasonPolicyVersionView, OverrideReasonsService } from './override-reasons.service.js';

function toVersion(v: OverrideReasonPolicyVersionView): OverrideReasonPolicyVersion {
  return {
    id: String(v.id),
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    reasons: v.reasons.map((r) => ({ code: r.code, label: r.label, requires: (r.requires as RequiredFactEnum | null) ?? null })),
  };
}

@Resolver(() => OverrideReasonPolicyVersion)
export class OverrideReasonsResolver {
  constructor(private readonly service: OverrideReasonsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [OverrideReasonPolicyVersion], { description: 'All versions of the coded override reasons, oldest first' })
  async overrideReasonPolicies() {
    return (await this.service.versions()).map(toVersion);
  }

  @Roles('MANAGER')
  @Mutation(() => OverrideReasonPolicyVersion, {
    description: 'Manager: add the next version of the coded override reasons, each with the fact it needs on file (audited)',
  })
  async addOverrideReasonPolicyVersion(@Args('input') input: AddOverrideReasonPolicyVersionInput, @CurrentActor() actor: Actor) {
    return toVersion(await this.service.addVersion(input, actor));
  }
}
