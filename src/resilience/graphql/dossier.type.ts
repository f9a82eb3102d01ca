import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BUURT_CODE, IsIsoDate } from '../../common/validators.js';
import { NeighbourhoodReading } from './resilience.type.js';
import { Programme } from './programme.type.js';

@ObjectType({ description: 'A part of a whole, hidden when it (or the rest of the whole) is 1-4 households' })
export class DossierCount {
  @Field() key: string;
  @Field({ description: 'The key in words, in the reader’s language' }) label: string;
  @Field(() => Int, { nullable: true }) count: number | null;
  @Field() suppressed: boolean;
}

@ObjectType({ description: 'A breakdown adding up to a total (null when the total itself is 1-4)' })
export class DossierBreakdown {
  @Field(() => Int, { nullable: true }) total: number | null;
  @Field(() => [DossierCount]) cells: DossierCount[];
}

@ObjectType({ description: 'A composition target of a complex today: the share against its bound' })
export class DossierTarget {
  @Field() dimension: string;
  @Field() category: string;
  @Field({ description: 'at most / at least, in words' }) bound: string;
  @Field(() => Float, { description: 'The bound, 0..1' }) limit: number;
  @Field(() => Float, { nullable: true, description: '0..1; null when 1-4 households (or all but 1-4)' }) share: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when the share is hidden' }) withinTarget: boolean | null;
}

@ObjectType({ description: 'One complex of the buurt: homes, its mix against its targets, inflow, turnover and deviations' })
export class DossierComplex {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) dwellings: number;
  @Field({
    description:
      'The date these figures are as of, and the end of their three-year window: today for staff; for a partner the complex’s latest release (a month’s end, the next one only after at least 5 households moved), so two looks between releases differ in nothing',
  })
  figuresAsOf: string;
  @Field(() => Int, { nullable: true, description: 'Households living there (null when 1-4)' }) households: number | null;
  @Field(() => [DossierTarget]) targets: DossierTarget[];
  @Field(() => DossierBreakdown, { description: 'Households that moved in over the inflow window, by allocation route' }) inflowByRoute: DossierBreakdown;
  @Field(() => DossierBreakdown, { description: 'Tenancies that ended over the inflow window, by reason (VERA EINDEDETAILREDEN)' })
  endedByReason: DossierBreakdown;
  @Field(() => Float, { nullable: true, description: 'Tenancies ended per 100 homes per year over the window' }) turnoverPer100: number | null;
  @Field(() => Int, { nullable: true, description: 'Allocations decided over the window that passed over the first in plain order (null when 1-4)' })
  deviations: number | null;
  @Field(() => Int, { nullable: true, description: 'Allocations decided over the window (null when 1-4)' }) allocations: number | null;
}

@ObjectType({ description: 'An outcome indicator in one year for a complex or the buurt, per 100' })
export class DossierIndicatorYear {
  @Field() indicatorCode: string;
  @Field() indicatorName: string;
  @Field({ description: 'Complex code, or the buurt code' }) scope: string;
  @Field(() => Int) year: number;
  @Field(() => Int, { nullable: true }) count: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Homes (events) or households / respondents (shares) counted over; null for a share over 1-4 (a small cell itself)',
  })
  denominator: number | null;
  @Field(() => Float, { nullable: true }) ratePer100: number | null;
  @Field() suppressed: boolean;
}

@ObjectType({ description: 'A buurt for its deep-dive session: aggregates only, cells of fewer than 5 households hidden, no household at all' })
export class NeighbourhoodDossier {
  @Field() buurtCode: string;
  @Field() name: string;
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field() asOf: string;
  @Field({
    description:
      'Start of the inflow, turnover and deviation window (three years before asOf; a complex released earlier counts the three years before its figuresAsOf)',
  })
  windowFrom: string;
  @Field(() => Int, { nullable: true, description: 'Rank in the priority list of its municipality (null when not ranked)' }) priorityRank: number | null;
  @Field(() => Float, { nullable: true }) priorityScore: number | null;
  @Field(() => [NeighbourhoodReading], { description: 'Every reading, oldest first' }) readings: NeighbourhoodReading[];
  @Field(() => [DossierComplex]) complexes: DossierComplex[];
  @Field(() => [DossierIndicatorYear], { description: 'Outcome indicators per year, of the complexes and the buurt' }) indicators: DossierIndicatorYear[];
  @Field(() => [Programme], { description: 'Programmes of the buurt that have started and are not past review' }) programmes: Programme[];
  @Field(() => [String], { description: 'What the dossier leaves out and why, in words' }) notes: string[];
}

@ArgsType()
export class NeighbourhoodDossierArgs {
  @Field() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
}

@ArgsType()
export class DossierCsvArgs {
  @Field() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
  @Field({ defaultValue: true, description: 'Decimal comma and semicolons (a spreadsheet in Dutch locale); false: point and commas' })
  @IsBoolean()
  decimalComma: boolean;
}

@ObjectType({ description: 'A buurt’s dossier as CSV for a spreadsheet' })
export class DossierCsv {
  @Field() buurtCode: string;
  @Field() decimalComma: boolean;
  @Field({ description: 'UTF-8 text starting with a byte order mark' }) csv: string;
}

@ObjectType({ description: 'A partner’s grant to read one buurt’s dossier and priority' })
export class PartnerGrant {
  @Field(() => ID) id: string;
  @Field({ description: 'The partner’s sign-in subject' }) subject: string;
  @Field() organisation: string;
  @Field() buurtCode: string;
  @Field() grantedBy: string;
  @Field() grantedAt: Date;
  @Field({ description: 'The last day the partner reads the buurt (inclusive, YYYY-MM-DD)' }) expiresOn: string;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@InputType({ description: 'Grant a partner (sign-in subject with role PARTNER) one buurt (admin); audited' })
export class GrantPartnerAccessInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) subject: string;
  @Field() @IsString() @MinLength(2) @MaxLength(120) organisation: string;
  @Field() @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' }) buurtCode: string;
  @Field({ description: 'The last day the partner reads the buurt (inclusive): today at the earliest, a year from today at the latest' })
  @IsIsoDate()
  expiresOn: string;
}

@ArgsType()
export class ProgrammeEvaluationArgs {
  @Field(() => ID) @IsString() @Matches(/^\d{1,10}$/, { message: 'id must be the id of a programme' }) id: string;
  @Field(() => Int, { defaultValue: 3, description: 'Years before and after the start compared (1-10)' }) @IsInt() @Min(1) @Max(10) windowYears: number;
  @Field({ defaultValue: true, description: 'CSV with decimal comma and semicolons (Dutch locale)' }) @IsOptional() @IsBoolean() decimalComma: boolean;
}
