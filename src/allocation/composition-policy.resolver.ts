import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CompositionPolicyEntity } from './allocation.entities.js';
import { CompositionPolicyService } from './composition-policy.service.js';
import { COMPOSITION_CATEGORIES, COMPOSITION_DIMENSIONS } from '../engine/composition/compute-composition.js';
import { AddCompositionPolicyVersionInput, CompositionDimensionCategories, CompositionPolicyVersion } from './graphql/composition-policy.type.js';

function toVersion(e: CompositionPolicyEntity): CompositionPolicyVersion {
  return { id: String(e.id), code: e.code, version: e.version, name: e.name, effectiveFrom: e.effectiveFrom, document: JSON.stringify(e.document) };
}

@Resolver(() => CompositionPolicyVersion)
export class CompositionPolicyResolver {
  constructor(private readonly policyService: CompositionPolicyService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [CompositionPolicyVersion], { description: 'All versions of the composition policy, oldest first' })
  async compositionPolicies() {
    return (await this.policyService.versions()).map(toVersion);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [CompositionDimensionCategories], { description: 'The dimensions a composition target may count, each with its categories' })
  compositionDimensions(): CompositionDimensionCategories[] {
    return COMPOSITION_DIMENSIONS.map((dimension) => ({ dimension, categories: [...COMPOSITION_CATEGORIES[dimension]] }));
  }

  @Roles('MANAGER')
  @Mutation(() => CompositionPolicyVersion, {
    description: 'Manager: add the next version of the composition policy, e.g. "Plan Rozenhof" (validated document, audited)',
  })
  async addCompositionPolicyVersion(@Args('input') input: AddCompositionPolicyVersionInput, @CurrentActor() actor: Actor) {
    return toVersion(await this.policyService.addVersion(input, actor));
  }
}
