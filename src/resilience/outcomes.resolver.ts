import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import {
  CorrectObservationInput,
  OutcomeIndicator,
  OutcomeObservation,
  OutcomeObservationsArgs,
  RecordObservationInput,
  TenancyEndReason,
} from './graphql/outcomes.type.js';
import { OutcomesService } from './outcomes.service.js';

/** Outcome indicators, their observations (append-only, corrections as rows) and tenancy end reasons. */
@Resolver(() => OutcomeObservation)
export class OutcomesResolver {
  constructor(private readonly outcomes: OutcomesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => [OutcomeIndicator], { description: 'What is counted, per what, and which way is better' })
  outcomeIndicators(@Context() ctx: RequestContext) {
    return this.outcomes.indicators(languageOf(ctx.req));
  }

  @Roles(...ANY_ROLE)
  @Query(() => [TenancyEndReason], { description: 'Why tenancies end: the VERA reference codes (EINDEDETAILREDEN)' })
  tenancyEndReasons(@Context() ctx: RequestContext) {
    return this.outcomes.endReasons(languageOf(ctx.req));
  }

  @Roles('MANAGER', 'AUDITOR', 'ADMIN')
  @Query(() => [OutcomeObservation], {
    complexity: 50,
    description: 'Observations of a complex, of a buurt (and its complexes) or of an indicator; standing ones unless includeCorrected',
  })
  outcomeObservations(@Args() args: OutcomeObservationsArgs) {
    return this.outcomes.observations(args);
  }

  @Roles('MANAGER', 'ADMIN')
  @Mutation(() => OutcomeObservation, { description: 'Record one observation (audited); a period already observed is corrected, not overwritten' })
  recordObservation(@Args('input') input: RecordObservationInput, @CurrentActor() actor: Actor) {
    return this.outcomes.record(input, actor);
  }

  @Roles('MANAGER', 'ADMIN')
  @Mutation(() => OutcomeObservation, { description: 'Correct an observation with a new row and a reason (audited); the corrected row is kept' })
  correctObservation(@Args('input') input: CorrectObservationInput, @CurrentActor() actor: Actor) {
    return this.outcomes.correct(input, actor);
  }
}
