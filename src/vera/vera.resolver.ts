import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/roles.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { VeraExport, VeraExportArgs } from './graphql/vera.type.js';
import { VeraExportService } from './vera-export.service.js';

@Resolver()
export class VeraResolver {
  constructor(private readonly exports: VeraExportService) {}

  /** Integration with the letting platform or ERP: the administrator's, like imports (README, "VERA-WRV"). */
  @Roles('ADMIN')
  @Query(() => VeraExport, { complexity: 500, description: 'What Woonmix decided in a period, as VERA-WRV documents validated against the specification' })
  veraExport(@Args() args: VeraExportArgs, @CurrentActor() actor: Actor) {
    return this.exports.export(args.resource, args.from, args.to, actor);
  }
}
