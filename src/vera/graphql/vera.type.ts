import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';

/** The VERA-WRV resources Woonmix writes. */
export enum VeraExportResource {
  /** Toewijzingen: each allocation with the values of its passend and DAEB tests. */
  TOEWIJZINGEN = 'TOEWIJZINGEN',
  /** Aanbiedingen: each offer with its state and coded refusal reason. */
  AANBIEDINGEN = 'AANBIEDINGEN',
}
registerEnumType(VeraExportResource, { name: 'VeraExportResource' });

@ArgsType()
export class VeraExportArgs {
  @Field(() => VeraExportResource) @IsIn(Object.values(VeraExportResource)) resource: VeraExportResource;
  @Field({ description: 'First day (YYYY-MM-DD) of the allocations or offers exported' }) @IsIsoDate() from: string;
  @Field({ description: 'Last day (YYYY-MM-DD), inclusive' }) @IsIsoDate() to: string;
}

@ObjectType({ description: 'VERA-WRV documents (berichten), each validated against the specification before it is given out' })
export class VeraExport {
  @Field(() => VeraExportResource) resource: VeraExportResource;
  @Field({ description: 'The component schema every document follows, e.g. Toewijzingen-Toewijzingbericht' }) schema: string;
  @Field({ description: 'The VERA-WRV version of that schema' }) specificationVersion: string;
  @Field(() => Int) count: number;
  @Field({ description: 'The documents as a JSON array, in the order of their ids' }) documents: string;
}
