import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { Neighbourhood } from '../neighbourhoods/graphql/neighbourhood.type.js';
import { NeighbourhoodReadingEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { BuurtPrioritiesService } from './buurt-priorities.service.js';
import {
  AddPriorityPolicyVersionInput,
  NeighbourhoodPriorities,
  NeighbourhoodPrioritiesArgs,
  NeighbourhoodReading,
  PriorityPolicyVersion,
} from './graphql/resilience.type.js';
import { PartnerGrantsService } from './partner-grants.service.js';
import { PriorityPolicyRow, PriorityPolicyService } from './priority-policy.service.js';

const toVersion = (r: PriorityPolicyRow): PriorityPolicyVersion => ({
  id: String(r.id),
  version: r.version,
  name: r.name,
  effectiveFrom: r.effective_from,
  document: JSON.stringify(r.document),
});

/** The resilience lens: buurt readings with their history, buurten by priority, the priority policy's versions. */
@Resolver(() => Neighbourhood)
export class ResilienceResolver {
  constructor(
    private readonly priorities: BuurtPrioritiesService,
    private readonly policies: PriorityPolicyService,
    private readonly grants: PartnerGrantsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @ResolveField(() => [NeighbourhoodReading], { description: 'Every reading of the buurt, oldest first (none is ever overwritten)' })
  async readings(@Parent() neighbourhood: Neighbourhood): Promise<NeighbourhoodReading[]> {
    const rows = await this.dataSource.manager.find(NeighbourhoodReadingEntity, {
      where: { neighbourhoodId: Number(neighbourhood.id) },
      order: { year: 'ASC', source: 'ASC' },
    });
    return rows.map(({ id: _id, neighbourhoodId: _n, ...reading }) => reading);
  }

  @Roles('MANAGER', 'AUDITOR', 'PARTNER')
  @Query(() => NeighbourhoodPriorities, {
    complexity: 100,
    description:
      'Buurten where the association has homes, ranked through the resilience lens under the priority policy in force; every component shown (a partner: its granted buurten, with their rank among all)',
  })
  async neighbourhoodPriorities(@Args() args: NeighbourhoodPrioritiesArgs, @Context() ctx: RequestContext, @CurrentActor() actor: Actor) {
    // a partner ranks on released figures (src/engine/privacy/partner-release.ts), staff on today's
    const mode = this.grants.seesLiveFigures(actor) ? 'LIVE' : 'RELEASED';
    const all = await this.priorities.priorities(args.municipalityCode ?? null, ctx.loaders, languageOf(ctx.req), mode);
    const readable = await this.grants.readableBuurten(actor);
    return readable === null ? all : { ...all, buurten: all.buurten.filter((b) => readable.has(b.buurtCode)) };
  }

  @Roles(...ANY_ROLE)
  @Query(() => [PriorityPolicyVersion], { description: 'All versions of the priority policy, oldest first' })
  async priorityPolicies() {
    return (await this.policies.versions()).map(toVersion);
  }

  @Roles('MANAGER')
  @Mutation(() => PriorityPolicyVersion, { description: 'Manager: add the next version of the priority policy (weights checked field by field, audited)' })
  async addPriorityPolicyVersion(@Args('input') input: AddPriorityPolicyVersionInput, @CurrentActor() actor: Actor) {
    return toVersion(await this.policies.addVersion(input, actor));
  }
}
