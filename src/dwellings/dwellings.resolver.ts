import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import { Complex } from '../complexes/graphql/complex.type.js';
import { toComplex } from '../complexes/complex.mapper.js';
import type { RequestContext } from '../common/request-context.js';
import { DwellingsService } from './dwellings.service.js';
import { CreateDwellingInput, Dwelling, DwellingListArgs, UpdateDwellingInput } from './graphql/dwelling.type.js';
import { complexLoaders } from '../complexes/complex.loaders.js';

@ObjectType()
export class DwellingPage extends Paginated(Dwelling) {}

@Resolver(() => Dwelling)
export class DwellingsResolver {
  constructor(private readonly service: DwellingsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => DwellingPage)
  dwellings(@Args() args: DwellingListArgs) {
    return this.service.list(args.filter, args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => Dwelling)
  dwelling(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Roles('ADMIN')
  @Mutation(() => Dwelling)
  createDwelling(@Args('input') input: CreateDwellingInput) {
    return this.service.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => Dwelling)
  updateDwelling(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateDwellingInput) {
    return this.service.update(id, input);
  }

  @ResolveField(() => Complex)
  async complex(@Parent() dwelling: Dwelling, @Context() ctx: RequestContext) {
    return toComplex((await ctx.loaders.of(complexLoaders).complex.load(dwelling.complexId))!);
  }
}
