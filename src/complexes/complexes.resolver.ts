import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Neighbourhood } from '../neighbourhoods/graphql/neighbourhood.type.js';
import { toNeighbourhood } from '../neighbourhoods/neighbourhood.mapper.js';
import { ComplexesService } from './complexes.service.js';
import { Complex, ComplexListArgs, CreateComplexInput, UpdateComplexInput } from './graphql/complex.type.js';
import { ObjectType } from '@nestjs/graphql';
import { complexLoaders } from './complex.loaders.js';
import { neighbourhoodLoaders } from '../neighbourhoods/neighbourhood.loaders.js';

@ObjectType()
export class ComplexPage extends Paginated(Complex) {}

@Resolver(() => Complex)
export class ComplexesResolver {
  constructor(private readonly service: ComplexesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => ComplexPage)
  complexes(@Args() args: ComplexListArgs) {
    return this.service.list(args.filter, args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => Complex)
  complex(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Roles('ADMIN')
  @Mutation(() => Complex)
  createComplex(@Args('input') input: CreateComplexInput) {
    return this.service.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => Complex)
  updateComplex(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateComplexInput) {
    return this.service.update(id, input);
  }

  @ResolveField(() => Neighbourhood)
  async neighbourhood(@Parent() complex: Complex, @Context() ctx: RequestContext) {
    return toNeighbourhood((await ctx.loaders.of(neighbourhoodLoaders).neighbourhood.load(complex.neighbourhoodId))!);
  }

  @ResolveField(() => Int, { description: 'Number of dwellings in the complex' })
  dwellingCount(@Parent() complex: Complex, @Context() ctx: RequestContext) {
    return ctx.loaders.of(complexLoaders).dwellingCountByComplex.load(Number(complex.id));
  }
}
