import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BUURT_CODE, IsIsoDate } from '../../common/validators.js';

const INDICATOR_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

@ObjectType({ description: 'What is counted and per what: homes, households or respondents (or a class read from the buurt readings)' })
export class OutcomeIndicator {
  @Field() code: string;
  @Field({ description: 'The name in the reader’s language' }) name: string;
  @Field({ description: 'COUNT (observed here) or CLASS (read from the buurt readings)' }) kind: string;
  @Field(() => String, { nullable: true, description: 'DWELLINGS (per 100 homes per year), HOUSEHOLDS or RESPONDENTS (per 100); null for a CLASS' })
  basis: string | null;
  @Field() lowerIsBetter: boolean;
  @Field() description: string;
}

@ObjectType({ description: 'Why tenancies end: the sector’s VERA reference data (EINDEDETAILREDEN, with its EINDEREDEN)' })
export class TenancyEndReason {
  @Field({ description: 'The VERA EINDEDETAILREDEN code' }) code: string;
  @Field({ description: 'Its VERA EINDEREDEN: ONT (ontbinding) or OPZ (opzegging)' }) veraEndReason: string;
  @Field() name: string;
}

@ObjectType({ description: 'A count with its denominator for a complex or a buurt over a period; never a fact about a person' })
export class OutcomeObservation {
  @Field(() => ID) id: string;
  @Field() indicatorCode: string;
  @Field(() => String, { nullable: true }) complexCode: string | null;
  @Field(() => String, { nullable: true }) buurtCode: string | null;
  @Field() periodStart: string;
  @Field({ description: 'Inclusive' }) periodEnd: string;
  @Field(() => Int) count: number;
  @Field(() => Int) denominator: number;
  @Field() source: string;
  @Field(() => ID, { nullable: true, description: 'The observation this row corrects' }) correctsId: string | null;
  @Field(() => String, { nullable: true }) correctionReason: string | null;
  @Field({ description: 'False once a later row corrects it (kept: observations are append-only)' }) standing: boolean;
  @Field() recordedBy: string;
  @Field() recordedAt: Date;
}

@InputType({ description: 'One observation, of a complex (complexCode) or of a buurt (buurtCode)' })
export class RecordObservationInput {
  @Field() @Matches(INDICATOR_CODE, { message: 'indicatorCode must be an indicator code (see outcomeIndicators)' }) indicatorCode: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\S{1,40}$/, { message: 'complexCode must be the code of a complex' })
  complexCode?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' })
  buurtCode?: string | null;
  @Field() @IsIsoDate() periodStart: string;
  @Field({ description: 'Inclusive' }) @IsIsoDate() periodEnd: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(1_000_000) count: number;
  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'denominator must be at least 1 (the homes, households or respondents counted over)' })
  @Max(1_000_000)
  denominator: number;
  @Field() @IsString() @MinLength(1) @MaxLength(500) source: string;
}

@InputType({ description: 'A correction: a new row with the right numbers; the corrected row is kept' })
export class CorrectObservationInput {
  @Field(() => ID) @IsString() @Matches(/^\d{1,10}$/, { message: 'observationId must be the id of an observation' }) observationId: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(1_000_000) count: number;
  @Field(() => Int) @IsInt() @Min(1, { message: 'denominator must be at least 1' }) @Max(1_000_000) denominator: number;
  @Field() @IsString() @MinLength(5, { message: 'reason must say why the numbers were wrong (at least 5 characters)' }) @MaxLength(500) reason: string;
}

@ArgsType()
export class OutcomeObservationsArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\S{1,40}$/, { message: 'complexCode must be the code of a complex' })
  complexCode?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' })
  buurtCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(INDICATOR_CODE, { message: 'indicatorCode must be an indicator code' }) indicatorCode?:
    string | null;
  @Field({ defaultValue: false, description: 'Also the rows later corrected' }) @IsBoolean() includeCorrected: boolean;
}
