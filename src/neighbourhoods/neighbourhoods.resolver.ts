import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateNeighbourhoodInput, Neighbourhood, ResilienceClass, UpdateNeighbourhoodInput } from './graphql/neighbourhood.type.js';
import { NeighbourhoodsService } from './neighbourhoods.service.js';

@Resolver(() => Neighbourhood)
export class NeighbourhoodsResolver {
  constructor(private readonly service: NeighbourhoodsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [Neighbourhood])
  neighbourhoods(@Args('municipalityCode', { nullable: true }) municipalityCode?: string) {
    return this.service.list(municipalityCode);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [ResilienceClass], { description: 'The resilience class scale used by neighbourhoods' })
  resilienceClasses() {
    return this.service.resilienceClasses();
  }

  @Roles('ADMIN')
  @Mutation(() => Neighbourhood)
  createNeighbourhood(@Args('input') input: CreateNeighbourhoodInput) {
    return this.service.create(input);
  }

  @Roles('ADMIN')
  @Mutation(() => Neighbourhood)
  updateNeighbourhood(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateNeighbourhoodInput) {
    return this.service.update(id, input);
  }
}
