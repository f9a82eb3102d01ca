import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';
import { MAX_INLINE_IMPORT_CHARS } from '../../imports/graphql/import.type.js';

/** The VERA-WRV resources Woonmix reads or writes (README, "VERA-WRV"). */
export enum VeraResource {
  /** Eenheden: dwellings with rooms, area, rent, label, accessibility, address and buurt; the cluster is the complex. Read and written. */
  EENHEDEN = 'EENHEDEN',
  /** Publicaties: vacancies with their dwelling, model (route) and window. Read and written. */
  PUBLICATIES = 'PUBLICATIES',
  /** Kandidaten: respondents to a dwelling's vacancy, with the platform's position. Read and written. */
  KANDIDATEN = 'KANDIDATEN',
  /** Puntenberekeningen: a household's ranking points. Read and written. */
  PUNTENBEREKENINGEN = 'PUNTENBEREKENINGEN',
  /** Relaties: households (a group, HUI) and their members (persons) with birth dates, roles and income. Read and written. */
  RELATIES = 'RELATIES',
  /** Toewijzingen: each allocation with the values of its passend and DAEB tests. Written. */
  TOEWIJZINGEN = 'TOEWIJZINGEN',
  /** Aanbiedingen: each offer with its state and coded refusal reason. Written. */
  AANBIEDINGEN = 'AANBIEDINGEN',
  /** Sancties: blocks and lost urgency after refusals. Written. */
  SANCTIES = 'SANCTIES',
  /** Reclamaties: objections to a letting (bezwaar) and their state. Written. */
  RECLAMATIES = 'RECLAMATIES',
}
registerEnumType(VeraResource, { name: 'VeraResource' });

@ArgsType()
export class VeraExportArgs {
  @Field(() => VeraResource) @IsIn(Object.values(VeraResource)) resource: VeraResource;
  @Field({ nullable: true, description: 'Toewijzingen, Aanbiedingen, Sancties, Reclamaties: first day (YYYY-MM-DD) of the period' })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @Field({ nullable: true, description: 'Last day (YYYY-MM-DD) of the period, inclusive' }) @IsOptional() @IsIsoDate() to?: string;
  @Field({
    nullable: true,
    description: 'Also (or instead) write the documents to this file inside the import directory (IMPORT_DIR); an existing file is not overwritten',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  path?: string;
}

@ObjectType({ description: 'VERA-WRV documents (berichten), each validated against the specification before it is given out' })
export class VeraExport {
  @Field(() => VeraResource) resource: VeraResource;
  @Field({ description: 'The component schema every document follows, e.g. Toewijzingen-Toewijzingbericht' }) schema: string;
  @Field({ description: 'The VERA-WRV version of that schema' }) specificationVersion: string;
  @Field(() => Int) count: number;
  @Field({ description: 'The documents as a JSON array, in the order of their keys' }) documents: string;
  @Field(() => String, { nullable: true, description: 'The file written, as given (path), when one was asked for' }) path: string | null;
}

@InputType()
export class VeraImportInput {
  @Field(() => VeraResource, { description: 'EENHEDEN, PUBLICATIES, KANDIDATEN, PUNTENBEREKENINGEN or RELATIES' })
  @IsIn([VeraResource.EENHEDEN, VeraResource.PUBLICATIES, VeraResource.KANDIDATEN, VeraResource.PUNTENBEREKENINGEN, VeraResource.RELATIES], {
    message: 'resource must be one Woonmix reads: EENHEDEN, PUBLICATIES, KANDIDATEN, PUNTENBEREKENINGEN or RELATIES',
  })
  resource: VeraResource;
  @Field({ description: 'The sending system (X-Stuurgegevens-Zender-Organisatie), e.g. woningnet: its idExtern keys are kept under this name' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, { message: 'sender must be 1-80 letters, digits, _, ., : or -, starting with a letter or digit' })
  sender: string;
  @Field({ nullable: true, description: 'A JSON array of documents (or one document); give this or path' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_INLINE_IMPORT_CHARS)
  content?: string;
  @Field({ nullable: true, description: 'Path of a file inside the import directory (IMPORT_DIR)' }) @IsOptional() @IsString() @MaxLength(1000) path?: string;
  @Field({ defaultValue: false, description: 'Validate and map only; write nothing' }) @IsBoolean() dryRun: boolean = false;
}

@ObjectType({ description: 'A place in a delivered document that breaks the specification or cannot be used, and why' })
export class VeraImportProblem {
  @Field(() => Int, { description: '1-based position of the document in the delivery (0: the delivery as a whole)' }) document: number;
  @Field({ description: 'JSON pointer into that document ("" is the whole document)' }) pointer: string;
  @Field(() => String, { nullable: true, description: 'The specification rule broken (keyword at its place in WRV.yaml); null for a Woonmix rule' })
  rule: string | null;
  @Field() reason: string;
}

@ObjectType({ description: 'All or nothing: when errors is not empty, nothing was written' })
export class VeraImportResult {
  @Field() ok: boolean;
  @Field() written: boolean;
  @Field(() => VeraResource) resource: VeraResource;
  @Field() schema: string;
  @Field() specificationVersion: string;
  @Field(() => Int) documents: number;
  @Field(() => [VeraImportProblem]) errors: VeraImportProblem[];
  @Field(() => [VeraImportProblem], { description: 'What was read with a caveat (written all the same)' }) notes: VeraImportProblem[];
}
