import { ANY_ROLE, Roles } from '../auth/auth.decorators.js';
import { Args, Context, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Paginated } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Dwelling } from '../dwellings/graphql/dwelling.type.js';
import { toDwelling } from '../dwellings/dwelling.mapper.js';
import { Household } from '../households/graphql/household.type.js';
import { toHousehold } from '../households/household.mapper.js';
import { CreateVacancyInput, UpdateVacancyInput, Vacancy, VacancyListArgs, VacancyResponse } from './graphql/vacancy.type.js';
import { VacanciesService } from './vacancies.service.js';
import { dwellingLoaders } from '../dwellings/dwelling.loaders.js';
import { householdLoaders } from '../households/household.loaders.js';
import { vacancyLoaders } from './vacancy.loaders.js';

/** Respondents of a typical vacancy (a popular one draws hundreds): the complexity estimate of the unpaged list. */
export const RESPONDENTS_ESTIMATE = 100;

@ObjectType()
export class VacancyPage extends Paginated(Vacancy) {}

@Resolver(() => Vacancy)
export class VacanciesResolver {
  constructor(private readonly service: VacanciesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => VacancyPage)
  vacancies(@Args() args: VacancyListArgs) {
    return this.service.list(args.filter, args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => Vacancy)
  vacancy(
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('reference', { type: () => String, nullable: true, description: 'Or the vacancy by its reference (VAC-…)' }) reference?: string,
  ) {
    return this.service.get(id ?? undefined, reference ?? undefined);
  }

  @Roles('OFFICER')
  @Mutation(() => Vacancy)
  createVacancy(@Args('input') input: CreateVacancyInput) {
    return this.service.create(input);
  }

  @Roles('OFFICER')
  @Mutation(() => Vacancy)
  updateVacancy(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateVacancyInput) {
    return this.service.update(id, input);
  }

  @Roles('OFFICER')
  @Mutation(() => Vacancy)
  withdrawVacancy(@Args('id', { type: () => ID }) id: string) {
    return this.service.withdraw(id);
  }

  @Roles('OFFICER')
  @Mutation(() => Vacancy, { description: 'Record that a household responded to this vacancy' })
  respondToVacancy(@Args('vacancyId', { type: () => ID }) vacancyId: string, @Args('householdId', { type: () => ID }) householdId: string) {
    return this.service.respond(vacancyId, householdId);
  }

  @Roles('OFFICER')
  @Mutation(() => Vacancy)
  withdrawVacancyResponse(@Args('vacancyId', { type: () => ID }) vacancyId: string, @Args('householdId', { type: () => ID }) householdId: string) {
    return this.service.withdrawResponse(vacancyId, householdId);
  }

  @ResolveField(() => Dwelling)
  async dwelling(@Parent() vacancy: Vacancy, @Context() ctx: RequestContext) {
    return toDwelling((await ctx.loaders.of(dwellingLoaders).dwelling.load(vacancy.dwellingId))!);
  }

  @ResolveField(() => Int)
  respondentCount(@Parent() vacancy: Vacancy, @Context() ctx: RequestContext) {
    return ctx.loaders.of(vacancyLoaders).respondentCountByVacancy.load(Number(vacancy.id));
  }

  // not paged: counted as RESPONDENTS_ESTIMATE households each, so many vacancies with their respondents exceed the complexity limit
  @ResolveField(() => [VacancyResponse], {
    description: 'Households that responded, earliest first',
    complexity: ({ childComplexity }) => 1 + RESPONDENTS_ESTIMATE * childComplexity,
  })
  async respondents(@Parent() vacancy: Vacancy, @Context() ctx: RequestContext) {
    return (await ctx.loaders.of(vacancyLoaders).respondentsByVacancy.load(Number(vacancy.id))).map((r) => ({
      householdId: r.householdId,
      respondedAt: r.respondedAt,
    }));
  }
}

@Resolver(() => VacancyResponse)
export class VacancyResponseResolver {
  @ResolveField(() => Household)
  async household(@Parent() response: VacancyResponse, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(response.householdId))!);
  }
}
