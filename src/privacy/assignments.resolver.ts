import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { AssignmentsService } from './assignments.service.js';
import { AssignOfficerInput, OfficerAssignment, SpecialCategoryAccessArgs, SpecialCategoryAccessRecord } from './graphql/assignment.type.js';

@Resolver(() => OfficerAssignment)
export class AssignmentsResolver {
  constructor(private readonly service: AssignmentsService) {}

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => [OfficerAssignment], { description: "Officers' assignments (active ones unless includeEnded)" })
  officerAssignments(
    @Args('subject', { type: () => String, nullable: true }) subject: string | undefined,
    @Args('includeEnded', { defaultValue: false }) includeEnded: boolean,
  ) {
    return this.service.list(subject ?? undefined, includeEnded);
  }

  @Roles('ADMIN')
  @Mutation(() => OfficerAssignment, { description: 'Admin: assign an officer to a complex or a municipality (audited)' })
  assignOfficer(@Args('input') input: AssignOfficerInput, @CurrentActor() actor: Actor) {
    return this.service.assign(input, actor);
  }

  @Roles('ADMIN')
  @Mutation(() => OfficerAssignment, { description: "Admin: end an assignment (audited); the officer's work there stops" })
  endOfficerAssignment(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.service.end(id, actor);
  }
}

@Resolver(() => SpecialCategoryAccessRecord)
export class SpecialCategoryAccessResolver {
  constructor(private readonly service: AssignmentsService) {}

  @Roles('AUDITOR', 'ADMIN')
  @Query(() => [SpecialCategoryAccessRecord], {
    description: 'Reads of special-category data by officers and admins, per household (auditors: by pseudonym) or per officer',
  })
  specialCategoryAccess(@Args() args: SpecialCategoryAccessArgs, @CurrentActor() actor: Actor) {
    return this.service.accessRecords(args, actor);
  }
}
