import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import { Dwelling } from '../dwellings/graphql/dwelling.type.js';
import { Household } from '../households/graphql/household.type.js';
import { Tenancy } from './graphql/tenancy.type.js';
import { tenancyLoaders } from './tenancy.loaders.js';
import { toTenancy } from './tenancy.mapper.js';

/**
 * The current tenancy of a dwelling and of a household: fields of those types that the tenancies
 * feature owns (a tenancy joins a household to a dwelling, so it sits above both).
 */
@Resolver(() => Dwelling)
export class DwellingTenancyResolver {
  @ResolveField(() => Tenancy, { nullable: true, description: 'The current tenancy, if the dwelling is let' })
  async currentTenancy(@Parent() dwelling: Dwelling, @Context() ctx: RequestContext) {
    const row = await ctx.loaders.of(tenancyLoaders).currentTenancyByDwelling.load(Number(dwelling.id));
    return row ? toTenancy(row) : null;
  }
}

@Resolver(() => Household)
export class HouseholdTenancyResolver {
  @ResolveField(() => Tenancy, { nullable: true })
  async currentTenancy(@Parent() household: Household, @Context() ctx: RequestContext) {
    const row = await ctx.loaders.of(tenancyLoaders).currentTenancyByHousehold.load(Number(household.id));
    return row ? toTenancy(row) : null;
  }
}
