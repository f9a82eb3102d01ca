import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate, MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({ description: 'A reading of a buurt in one year from one source; classes as the source gives them' })
export class NeighbourhoodReading {
  @Field(() => Int) year: number;
  @Field() source: string;
  @Field(() => Int, { nullable: true, description: "The association's resilience class (1 very low .. 5 high)" }) resilienceClass: number | null;
  @Field(() => Float, { nullable: true }) resilienceScore: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer 3.0 class, 1 zeer onvoldoende .. 9 uitstekend' }) leefbaarometerClass: number | null;
  @Field(() => Float, { nullable: true }) leefbaarometerScore: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer dimension woningvoorraad (1-9)' }) dwellingsClass: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer dimension fysieke omgeving (1-9)' }) physicalEnvironmentClass: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer dimension voorzieningen (1-9)' }) amenitiesClass: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer dimension sociale samenhang (1-9)' }) socialCohesionClass: number | null;
  @Field(() => Int, { nullable: true, description: 'Leefbaarometer dimension overlast en onveiligheid (1-9)' }) nuisanceClass: number | null;
  @Field(() => Int, { nullable: true, description: 'Homes in the buurt (CBS), when the source gives it' }) dwellingStock: number | null;
}

@ObjectType({ description: 'One part of a buurt priority: its value, the weight the policy gives it, the points' })
export class PriorityComponent {
  @Field({
    description: 'RESILIENCE, LEEFBAAROMETER, NUISANCE, TREND, ASSOCIATION_SHARE, COMPLEXES_OUTSIDE_TARGETS, VULNERABLE_INFLOW or URGENT_INFLOW',
  })
  id: string;
  @Field(() => Float, { nullable: true, description: 'A class, a share (0..1), a count or classes lost; null when there is none (see note)' })
  value: number | null;
  @Field(() => Float) weight: number;
  @Field(() => Float) points: number;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType({ description: 'A buurt ranked through the resilience lens, with every component of its score' })
export class BuurtPriority {
  @Field(() => Int) rank: number;
  @Field() buurtCode: string;
  @Field() name: string;
  @Field(() => Float) score: number;
  @Field(() => Int, { nullable: true, description: 'Year of the newest reading used' }) latestYear: number | null;
  @Field(() => Int) complexes: number;
  @Field(() => Int, { description: "The association's homes in the buurt" }) associationDwellings: number;
  @Field(() => [PriorityComponent]) components: PriorityComponent[];
}

@ObjectType({ description: 'Buurten of a municipality (or the association) by priority, under a version of the priority policy' })
export class NeighbourhoodPriorities {
  @Field(() => String, { nullable: true }) municipalityCode: string | null;
  @Field({ description: 'Today for staff; for a partner the month’s end its figures are released on (each complex as of its latest release)' }) asOf: string;
  @Field({ description: 'Start of the inflow window (three years before asOf)' }) inflowSince: string;
  @Field(() => Int) policyVersion: number;
  @Field() policyName: string;
  @Field(() => [BuurtPriority]) buurten: BuurtPriority[];
}

@ObjectType({ description: 'A version of the priority policy: the weights of the resilience lens (policy data)' })
export class PriorityPolicyVersion {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field() effectiveFrom: string;
  @Field({ description: 'The weights as JSON (src/engine/resilience/buurt-priority.ts, PriorityWeights)' }) document: string;
}

@InputType({ description: 'The next version of the priority policy; earlier versions stay' })
export class AddPriorityPolicyVersionInput {
  @Field() @IsString() @MinLength(3) @MaxLength(100) name: string;
  @Field({ description: 'Today or later' }) @IsIsoDate() effectiveFrom: string;
  @Field({ description: 'The weights as JSON, in the shape of priorityPolicies.document' }) @IsString() @MaxLength(10_000) document: string;
}

@ArgsType()
export class NeighbourhoodPrioritiesArgs {
  @Field(() => String, { nullable: true, description: 'GM code; omit for every buurt where the association has homes' })
  @IsOptional()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be GM followed by 4 digits' })
  municipalityCode?: string | null;
}
