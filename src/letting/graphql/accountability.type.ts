import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { IsIsoDate, MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({
  description:
    'One letting as the association publishes it (verantwoording): the dwelling by street and place, the model, the number of respondents, what decided the letting and why, never a person',
})
export class LettingAccountabilityRow {
  @Field({ description: 'The day the tenancy was allocated' }) lettingDate: string;
  @Field(() => String, { nullable: true, description: 'The last day of the reaction window (null: not advertised through Woonmix)' }) closingDate:
    string | null;
  @Field({ description: 'The street, without the house number' }) street: string;
  @Field() place: string;
  @Field() municipalityCode: string;
  @Field(() => Int) rooms: number;
  @Field(() => Int) floorAreaM2: number;
  @Field(() => Int) netRentCents: number;
  @Field({ description: 'REGULAR, LOTTERY, DIRECT, URGENCY or POINTS' }) model: string;
  @Field(() => Int) respondents: number;
  @Field({ description: 'Registration date of the candidate who accepted (what registration time decided)' }) registrationDate: string;
  @Field(() => Int, { nullable: true, description: 'Points of the candidate who accepted (POINTS lettings)' }) points: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank in the draw of the candidate who accepted (LOTTERY lettings)' }) lotteryNumber: number | null;
  @Field(() => String, { nullable: true, description: 'The seed of the draw (LOTTERY lettings): the draw can be done again from it' }) lotterySeed:
    string | null;
  @Field(() => [String], { description: 'PLAIN_ORDER, URGENCY, DIRECT, COMPOSITION, OVERRIDE, NOT_PASSEND, DAEB_ABOVE_LIMIT, LOCAL_TIES, REFUSED_BEFORE' })
  statusCodes: string[];
  @Field({ description: 'The status in words, in the reader’s language' }) status: string;
}

@ObjectType({ description: 'Lettings of a period, publishable: rows, CSV and a self-contained HTML page' })
export class LettingsAccountability {
  @Field() from: string;
  @Field() to: string;
  @Field(() => String, { nullable: true }) municipalityCode: string | null;
  @Field(() => [LettingAccountabilityRow]) rows: LettingAccountabilityRow[];
  @Field({ description: 'UTF-8 with BOM; semicolons and decimal commas (a spreadsheet in Dutch locale)' }) csv: string;
  @Field({ description: 'A self-contained HTML page (no script, nothing loaded from elsewhere) the association can publish' }) html: string;
}

@ArgsType()
export class LettingsAccountabilityArgs {
  @Field() @IsIsoDate() from: string;
  @Field() @IsIsoDate() to: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be GM followed by 4 digits' })
  municipalityCode?: string | null;
}
