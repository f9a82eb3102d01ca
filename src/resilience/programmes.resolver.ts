import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { ProgrammeEvaluationArgs } from './graphql/dossier.type.js';
import { CreateProgrammeInput, PartnerAction, Programme, ProgrammeEvaluation, UpdatePartnerActionInput } from './graphql/programme.type.js';
import { ProgrammesService } from './programmes.service.js';

/** Programmes per buurt: goals, partner actions, and whether steering worked. */
@Resolver(() => Programme)
export class ProgrammesResolver {
  constructor(private readonly service: ProgrammesService) {}

  @Roles('MANAGER', 'AUDITOR')
  @Query(() => [Programme], { description: 'Every programme, newest start first' })
  programmes(@Context() ctx: RequestContext) {
    return this.service.list(null, languageOf(ctx.req));
  }

  @Roles('MANAGER', 'AUDITOR')
  @Query(() => Programme)
  programme(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return this.service.one(id, languageOf(ctx.req));
  }

  @Roles('MANAGER', 'AUDITOR')
  @Query(() => ProgrammeEvaluation, {
    complexity: 200,
    description:
      'Each indicator per 100 before and after the start against comparable complexes (difference-in-differences with a 95% band), composition, deviations; CSV',
  })
  programmeEvaluation(@Args() args: ProgrammeEvaluationArgs, @Context() ctx: RequestContext) {
    return this.service.evaluation(args.id, args.windowYears, args.decimalComma, languageOf(ctx.req), ctx.loaders);
  }

  @Roles('MANAGER')
  @Mutation(() => Programme, { description: 'Manager: a new programme with its goals and partner actions (audited)' })
  createProgramme(@Args('input') input: CreateProgrammeInput, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.create(input, actor, languageOf(ctx.req));
  }

  @Roles('MANAGER')
  @Mutation(() => PartnerAction, { description: 'Manager: a partner action’s status (and due date) as agreed in the session (audited)' })
  updatePartnerAction(@Args('input') input: UpdatePartnerActionInput, @CurrentActor() actor: Actor) {
    return this.service.updateAction(input, actor);
  }
}
