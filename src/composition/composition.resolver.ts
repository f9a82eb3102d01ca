import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { toCompositionType } from '../complexes/complex.mapper.js';
import { Complex, Composition, CompositionArgs } from '../complexes/graphql/complex.type.js';
import { suppressComposition } from '../engine/privacy/small-cells.js';
import { audienceOf } from '../privacy/audience.js';
import { CompositionService } from './composition.service.js';

/** Complex.composition: a field of the complex that this feature computes. */
@Resolver(() => Complex)
export class ComplexCompositionResolver {
  constructor(private readonly service: CompositionService) {}

  @ResolveField(() => Composition, { description: 'Who lives there; for managers, cells of 1-4 households are null (src/engine/privacy/small-cells.ts)' })
  async composition(@Parent() complex: Complex, @Args() args: CompositionArgs, @Context() ctx: RequestContext, @CurrentActor() actor: Actor) {
    const composition = await this.service.composition(Number(complex.id), ctx.loaders, args.asOf, args.inflowYears);
    return toCompositionType(audienceOf(actor) === 'AGGREGATE' ? suppressComposition(composition) : composition);
  }
}
