import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { Complex } from '../complexes/graphql/complex.type.js';
import { CompositionService } from '../composition/composition.service.js';
import { targetStanding, targetsForComplex } from '../engine/allocation/composition-policy.js';
import { isSmallCell } from '../engine/privacy/small-cells.js';
import { neighbourhoodLoaders } from '../neighbourhoods/neighbourhood.loaders.js';
import { audienceOf } from '../privacy/audience.js';
import { CompositionPolicyService, type CompositionPolicyInForce } from './composition-policy.service.js';
import { ComplexTarget } from './graphql/complex-target.type.js';

const POLICY_STATE = 'allocation.compositionPolicyInForce';

/** Complex.targets: the composition targets in force today (this feature owns the policy) against the complex's mix. */
@Resolver(() => Complex)
export class ComplexTargetsResolver {
  constructor(
    private readonly policies: CompositionPolicyService,
    private readonly compositions: CompositionService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => [ComplexTarget], {
    description: "The composition targets in force for this complex today (its buurt's resilience class, or its override) and where its mix stands",
  })
  async targets(@Parent() complex: Complex, @Context() ctx: RequestContext, @CurrentActor() actor: Actor): Promise<ComplexTarget[]> {
    const today = this.clock.today();
    // one policy read per request, however many complexes the page shows
    ctx.state ??= new Map();
    let inForce = ctx.state.get(POLICY_STATE) as Promise<CompositionPolicyInForce> | undefined;
    if (!inForce) ctx.state.set(POLICY_STATE, (inForce = this.policies.inForce(this.dataSource.manager, today)));
    const [{ policy }, neighbourhood, composition] = await Promise.all([
      inForce,
      ctx.loaders.of(neighbourhoodLoaders).neighbourhood.load(complex.neighbourhoodId),
      this.compositions.composition(Number(complex.id), ctx.loaders, today, 3),
    ]);
    const aggregatesOnly = audienceOf(actor) === 'AGGREGATE';
    return targetsForComplex(policy, { id: Number(complex.id), resilienceClass: neighbourhood!.resilienceClass }).map((target) => {
      const { count, total, withinTarget } = targetStanding(target, composition.dimensions);
      const hidden = aggregatesOnly && (isSmallCell(count) || isSmallCell(total - count));
      return {
        targetId: target.id,
        label: target.label,
        dimension: target.dimension,
        categories: [...target.categories],
        bound: target.bound,
        basisPoints: target.basisPoints,
        source: target.source,
        count: hidden ? null : count,
        total,
        shareBasisPoints: hidden || total === 0 ? null : Math.round((count * 10_000) / total),
        withinTarget,
      };
    });
  }
}
