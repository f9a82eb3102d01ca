import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/roles.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { VeraExport, VeraExportArgs, VeraImportInput, VeraImportResult } from './graphql/vera.type.js';
import { VeraExportService } from './vera-export.service.js';
import { VeraImportService } from './vera-import.service.js';

@Resolver()
export class VeraResolver {
  constructor(
    private readonly exports: VeraExportService,
    private readonly imports: VeraImportService,
  ) {}

  /** Integration with the letting platform or ERP: the administrator's, like imports (README, "VERA-WRV"). */
  @Roles('ADMIN')
  @Query(() => VeraExport, { complexity: 500, description: 'Woonmix records as VERA-WRV documents validated against the specification' })
  veraExport(@Args() args: VeraExportArgs, @CurrentActor() actor: Actor) {
    return this.exports.export(args.resource, args.from, args.to, actor, args.path);
  }

  @Roles('ADMIN')
  @Mutation(() => VeraImportResult, {
    complexity: 500,
    description: 'VERA-WRV documents into Woonmix: validated against the specification, mapped, written all or nothing; a record delivered again is updated',
  })
  veraImport(@Args('input') input: VeraImportInput, @CurrentActor() actor: Actor) {
    return this.imports.import(input, actor);
  }
}
