import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { Household } from '../households/graphql/household.type.js';
import { householdLoaders } from '../households/household.loaders.js';
import { toHousehold } from '../households/household.mapper.js';
import { Vacancy } from '../vacancies/graphql/vacancy.type.js';
import { toVacancy } from '../vacancies/vacancy.mapper.js';
import { vacancyLoaders } from '../vacancies/vacancy.loaders.js';
import { DecideObjectionInput, FileObjectionInput, Objection, ObjectionWhyNotChosen } from './graphql/objection.type.js';
import { ObjectionsService } from './objections.service.js';

/** Objections to lettings (reclamatie): filed, reviewed and decided by the vacancy's officers; read by auditors. */
@Resolver(() => Objection)
export class ObjectionsResolver {
  constructor(private readonly service: ObjectionsService) {}

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => [Objection], { description: 'Objections, of one vacancy or all, oldest first' })
  objections(@Args('vacancyId', { type: () => ID, nullable: true }) vacancyId: string | null, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.list(vacancyId ?? null, actor, ctx);
  }

  @Roles('OFFICER')
  @Mutation(() => Objection, {
    description: 'Record a seeker’s objection to a letting: the why-not answer is attached, the decision falls due by the letting policy (audited)',
  })
  fileObjection(@Args('input') input: FileObjectionInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.file(input, actor, ctx);
  }

  @Roles('OFFICER')
  @Mutation(() => Objection)
  startObjectionReview(@Args('objectionId', { type: () => ID }) objectionId: string, @CurrentActor() actor: Actor) {
    return this.service.step(objectionId, { type: 'START_REVIEW' }, actor);
  }

  @Roles('OFFICER')
  @Mutation(() => Objection, { description: 'Uphold or reject an objection, with reasons (audited)' })
  decideObjection(@Args('input') input: DecideObjectionInput, @CurrentActor() actor: Actor) {
    return this.service.step(input.objectionId, input, actor);
  }

  @Roles('OFFICER')
  @Mutation(() => Objection, { description: 'The seeker withdraws the objection' })
  withdrawObjection(@Args('objectionId', { type: () => ID }) objectionId: string, @CurrentActor() actor: Actor) {
    return this.service.step(objectionId, { type: 'WITHDRAW' }, actor);
  }

  @ResolveField(() => ObjectionWhyNotChosen, { description: 'The answer to "why not this household" as it stood when filed, in the reader’s language' })
  whyNotChosen(@Parent() objection: Objection, @Context() ctx: RequestContext): ObjectionWhyNotChosen {
    const { sentencesNl, ...answer } = objection.whyNotChosen;
    return languageOf(ctx.req) === 'nl' && sentencesNl ? { ...answer, sentences: sentencesNl } : answer;
  }

  @ResolveField(() => Household)
  async household(@Parent() objection: Objection, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(objection.householdId))!);
  }

  @ResolveField(() => Vacancy, { description: 'The vacancy objected to (its reference, dwelling and complex)' })
  async vacancy(@Parent() objection: Objection, @Context() ctx: RequestContext) {
    return toVacancy((await ctx.loaders.of(vacancyLoaders).vacancy.load(Number(objection.vacancyId)))!);
  }
}
