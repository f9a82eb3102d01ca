import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import type { RequestContext } from '../database/loaders.js';
import { Tenancy } from '../tenancies/graphql/tenancy.type.js';
import { toTenancy } from '../tenancies/tenancy.mapper.js';
import { HouseholdListArgs } from './graphql/household-filter.type.js';
import { CreateHouseholdInput, Household, UpdateHouseholdInput } from './graphql/household.type.js';
import { HouseholdsService } from './households.service.js';

@ObjectType()
export class HouseholdPage extends Paginated(Household) {}

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(private readonly service: HouseholdsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => HouseholdPage)
  households(@Args() args: HouseholdListArgs) {
    return this.service.list(args.filter, args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => Household)
  household(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Roles('OFFICER')
  @Mutation(() => Household)
  createHousehold(@Args('input') input: CreateHouseholdInput) {
    return this.service.create(input);
  }

  @Roles('OFFICER')
  @Mutation(() => Household)
  updateHousehold(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateHouseholdInput) {
    return this.service.update(id, input);
  }

  @Roles('OFFICER')
  @Mutation(() => Household, { description: 'Takes the household off the waiting list; its history stays' })
  withdrawHousehold(@Args('id', { type: () => ID }) id: string) {
    return this.service.withdraw(id);
  }

  @ResolveField(() => Tenancy, { nullable: true })
  async currentTenancy(@Parent() household: Household, @Context() ctx: RequestContext) {
    const row = await ctx.loaders.currentTenancyByHousehold.load(Number(household.id));
    return row ? toTenancy(row) : null;
  }
}
