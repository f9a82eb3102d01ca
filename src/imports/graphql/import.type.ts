import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export enum ImportKind {
  NEIGHBOURHOODS = 'NEIGHBOURHOODS',
  NEIGHBOURHOOD_READINGS = 'NEIGHBOURHOOD_READINGS',
  OUTCOME_OBSERVATIONS = 'OUTCOME_OBSERVATIONS',
  COMPLEXES = 'COMPLEXES',
  DWELLINGS = 'DWELLINGS',
  HOUSEHOLDS = 'HOUSEHOLDS',
  TENANCIES = 'TENANCIES',
  VACANCIES = 'VACANCIES',
  /** JSON only: one object with all six sections, written in dependency order. */
  DATASET = 'DATASET',
}
export enum ImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ImportKind, { name: 'ImportKind' });
registerEnumType(ImportFormat, { name: 'ImportFormat' });

/** 20 MB of text inline; larger files go by path. */
export const MAX_INLINE_IMPORT_CHARS = 20_000_000;

@InputType()
export class ImportInput {
  @Field(() => ImportKind) @IsIn(Object.values(ImportKind)) kind: ImportKind;
  @Field(() => ImportFormat) @IsIn(Object.values(ImportFormat)) format: ImportFormat;
  @Field({ nullable: true, description: 'The file content (CSV text or JSON); give this or path' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_INLINE_IMPORT_CHARS)
  content?: string;
  @Field({ nullable: true, description: 'Path of a file readable by the service, inside its import directory' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  path?: string;
  @Field({ defaultValue: false, description: 'Validate only; write nothing' }) @IsBoolean() dryRun: boolean = false;
}

@ObjectType()
export class ImportProblem {
  @Field() section: string;
  @Field(() => Int, { description: 'CSV: line in the file (header is line 1). JSON: 1-based position in the array' }) line: number;
  @Field() field: string;
  @Field() reason: string;
}

@ObjectType()
export class ImportSectionCount {
  @Field() section: string;
  @Field(() => Int) rows: number;
}

@ObjectType({ description: 'All-or-nothing: when errors is not empty, nothing was written' })
export class ImportResult {
  @Field() ok: boolean;
  @Field() written: boolean;
  @Field(() => ImportKind) kind: ImportKind;
  @Field(() => [ImportSectionCount]) rows: ImportSectionCount[];
  @Field(() => [ImportProblem]) errors: ImportProblem[];
}
