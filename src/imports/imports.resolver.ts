import type { Actor } from '../auth/roles.js';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ImportInput, ImportResult } from './graphql/import.type.js';
import { ImportsService } from './imports.service.js';

@Resolver()
export class ImportsResolver {
  constructor(private readonly service: ImportsService) {}

  @Roles('ADMIN')
  @Mutation(() => ImportResult, { complexity: 500, description: 'Bulk import from CSV or JSON; all rows or none are written' })
  importData(@Args('input') input: ImportInput, @CurrentActor() actor: Actor) {
    return this.service.import(input, actor);
  }
}
