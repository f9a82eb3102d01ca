import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { HouseholdListArgs } from './graphql/household-filter.type.js';
import { CreateHouseholdInput, Household, Indication, UpdateHouseholdInput } from './graphql/household.type.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { householdIdMention, householdMention } from '../engine/privacy/household-mention.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DENIED_FIELDS } from '../privacy/disclosure-policy.js';
import { audienceOf } from '../privacy/audience.js';
import { HouseholdsService } from './households.service.js';

@ObjectType()
export class HouseholdPage extends Paginated(Household) {}

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly disclosure: HouseholdDisclosure,
  ) {}

  @Roles(...ANY_ROLE)
  @Query(() => HouseholdPage)
  async households(@Args() args: HouseholdListArgs, @CurrentActor() actor: Actor) {
    // a filter given in variables is not seen when the operation is planned: the same rule, here
    const reason = args.filter?.referencePrefix !== undefined ? DENIED_FIELDS[audienceOf(actor)]['HouseholdFilter.referencePrefix'] : undefined;
    if (reason !== undefined) throw new DomainError(ErrorCode.FORBIDDEN, `filter.referencePrefix: ${reason}`);
    if (audienceOf(actor) === 'OPERATIONAL') return this.service.list(args.filter, args);
    // a plain cursor is the internal id: sealed for readers who see pseudonyms
    const page = await this.service.list(args.filter, { ...args, after: args.after ? this.disclosure.openCursor(args.after) : undefined });
    return { ...page, pageInfo: { ...page.pageInfo, endCursor: page.pageInfo.endCursor && this.disclosure.sealCursor(page.pageInfo.endCursor) } };
  }

  @Roles(...ANY_ROLE)
  @Query(() => Household)
  async household(@Args('id', { type: () => ID, description: 'Its id (auditors: the pseudonym they were shown)' }) id: string, @CurrentActor() actor: Actor) {
    return this.service.get(String(await this.disclosure.householdIdFromInput(actor, id, 'id')));
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

  @ResolveField(() => ID, { description: "Internal id; auditors see the household's pseudonym (PSN-…) here too" })
  id(@Parent() household: Household) {
    return householdIdMention(Number(household.id));
  }

  @ResolveField(() => String, { description: 'Pseudonymous reference; auditors see a keyed pseudonym (PSN-…) instead' })
  reference(@Parent() household: Household) {
    return householdMention(Number(household.id));
  }

  @ResolveField(() => [String], {
    nullable: true,
    description:
      'Declared support needs (special-category data): null unless your assignment covers a vacancy this household responded to or was offered (each read is recorded)',
  })
  async supportNeeds(@Parent() household: Household, @Context() ctx: RequestContext) {
    return (await this.disclosure.readSpecialCategories(ctx, Number(household.id), 'supportNeeds')) ? household.supportNeeds : null;
  }

  @ResolveField(() => Indication, {
    nullable: true,
    description:
      'Medical or Wmo indication (special-category data): null when absent or when your assignment does not cover this household (each read is recorded)',
  })
  async indication(@Parent() household: Household, @Context() ctx: RequestContext) {
    return (await this.disclosure.readSpecialCategories(ctx, Number(household.id), 'indication')) ? household.indication : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether this answer shows the special-category fields (support needs, indication) to you' })
  specialCategoryVisible(@Parent() household: Household, @Context() ctx: RequestContext) {
    return this.disclosure.maySeeSpecialCategories(ctx, Number(household.id));
  }
}
