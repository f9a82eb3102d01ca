import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import { Dwelling } from '../dwellings/graphql/dwelling.type.js';
import { toDwelling } from '../dwellings/dwelling.mapper.js';
import { Household } from '../households/graphql/household.type.js';
import { toHousehold } from '../households/household.mapper.js';
import { EndTenancyInput, StartTenancyInput, Tenancy } from './graphql/tenancy.type.js';
import { TenanciesService } from './tenancies.service.js';
import { dwellingLoaders } from '../dwellings/dwelling.loaders.js';
import { householdLoaders } from '../households/household.loaders.js';

@Resolver(() => Tenancy)
export class TenanciesResolver {
  constructor(private readonly service: TenanciesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [Tenancy], { description: 'All tenancies of a dwelling, oldest first' })
  tenancyHistory(@Args('dwellingId', { type: () => ID }) dwellingId: string) {
    return this.service.history(dwellingId);
  }

  @Roles('OFFICER')
  @Mutation(() => Tenancy)
  startTenancy(@Args('input') input: StartTenancyInput, @CurrentActor() actor: Actor) {
    return this.service.start(input, actor);
  }

  @Roles('OFFICER')
  @Mutation(() => Tenancy)
  endTenancy(@Args('input') input: EndTenancyInput) {
    return this.service.end(input);
  }

  @ResolveField(() => Household)
  async household(@Parent() tenancy: Tenancy, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(tenancy.householdId))!);
  }

  @ResolveField(() => Dwelling)
  async dwelling(@Parent() tenancy: Tenancy, @Context() ctx: RequestContext) {
    return toDwelling((await ctx.loaders.of(dwellingLoaders).dwelling.load(tenancy.dwellingId))!);
  }
}
