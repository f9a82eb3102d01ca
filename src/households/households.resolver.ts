import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import type { RequestContext } from '../database/loaders.js';
import { Tenancy } from '../tenancies/graphql/tenancy.type.js';
import { toTenancy } from '../tenancies/tenancy.mapper.js';
import { HouseholdListArgs } from './graphql/household-filter.type.js';
import { CreateHouseholdInput, Household, Indication, UpdateHouseholdInput } from './graphql/household.type.js';
import { HouseholdPrivacy } from './household-privacy.service.js';
import { HouseholdsService } from './households.service.js';

@ObjectType()
export class HouseholdPage extends Paginated(Household) {}

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly privacy: HouseholdPrivacy,
  ) {}

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

  @ResolveField(() => String, { description: 'Pseudonymous reference; auditors see a keyed pseudonym (PSN-…) instead' })
  reference(@Parent() household: Household, @Context() ctx: RequestContext) {
    return this.privacy.seesPseudonyms(ctx.req?.actor) ? this.privacy.pseudonym(household.reference) : household.reference;
  }

  @ResolveField(() => [String], { nullable: true, description: 'Declared support needs (special-category data): null when your role may not see them for this household' })
  async supportNeeds(@Parent() household: Household, @Context() ctx: RequestContext) {
    return (await this.privacy.maySeeSpecialCategories(ctx, Number(household.id))) ? household.supportNeeds : null;
  }

  @ResolveField(() => Indication, { nullable: true, description: 'Medical or Wmo indication (special-category data): null when absent or when your role may not see it' })
  async indication(@Parent() household: Household, @Context() ctx: RequestContext) {
    return (await this.privacy.maySeeSpecialCategories(ctx, Number(household.id))) ? household.indication : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether this response shows the special-category fields (support needs, indication)' })
  specialCategoryVisible(@Parent() household: Household, @Context() ctx: RequestContext) {
    return this.privacy.maySeeSpecialCategories(ctx, Number(household.id));
  }

  @ResolveField(() => Tenancy, { nullable: true })
  async currentTenancy(@Parent() household: Household, @Context() ctx: RequestContext) {
    const row = await ctx.loaders.currentTenancyByHousehold.load(Number(household.id));
    return row ? toTenancy(row) : null;
  }
}
