import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { DossierCsv, DossierCsvArgs, GrantPartnerAccessInput, NeighbourhoodDossier, NeighbourhoodDossierArgs, PartnerGrant } from './graphql/dossier.type.js';
import { DossierService } from './dossier.service.js';
import { PartnerGrantsService } from './partner-grants.service.js';

/** A buurt's dossier for its deep-dive session (managers, auditors, and partners for their granted buurten); partners' grants (admins). */
@Resolver(() => NeighbourhoodDossier)
export class DossierResolver {
  constructor(
    private readonly dossiers: DossierService,
    private readonly grants: PartnerGrantsService,
  ) {}

  @Roles('MANAGER', 'AUDITOR', 'PARTNER')
  @Query(() => NeighbourhoodDossier, {
    complexity: 200,
    description: 'Aggregates of one buurt for its deep-dive session: no household, small cells hidden; every view audited',
  })
  neighbourhoodDossier(@Args() args: NeighbourhoodDossierArgs, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.dossiers.dossier(args.buurtCode, actor, ctx.loaders, languageOf(ctx.req));
  }

  @Roles('MANAGER', 'AUDITOR', 'PARTNER')
  @Query(() => DossierCsv, {
    complexity: 200,
    description: 'The dossier as CSV (UTF-8 with BOM; decimal comma and semicolons for a Dutch spreadsheet); audited',
  })
  async neighbourhoodDossierCsv(@Args() args: DossierCsvArgs, @CurrentActor() actor: Actor, @Context() ctx: RequestContext): Promise<DossierCsv> {
    const csv = await this.dossiers.csv(args.buurtCode, args.decimalComma, actor, ctx.loaders, languageOf(ctx.req));
    return { buurtCode: args.buurtCode, decimalComma: args.decimalComma, csv };
  }

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => [PartnerGrant], { description: 'Every partner grant, also revoked ones' })
  partnerGrants() {
    return this.grants.list();
  }

  @Roles('ADMIN')
  @Mutation(() => PartnerGrant, { description: 'Admin: let a partner read one buurt’s dossier and priority (audited)' })
  grantPartnerAccess(@Args('input') input: GrantPartnerAccessInput, @CurrentActor() actor: Actor) {
    return this.grants.grant(input, actor);
  }

  @Roles('ADMIN')
  @Mutation(() => PartnerGrant, { description: 'Admin: end a partner grant (audited; kept in the list)' })
  revokePartnerAccess(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.grants.revoke(id, actor);
  }
}
