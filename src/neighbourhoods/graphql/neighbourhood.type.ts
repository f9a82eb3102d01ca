import { Field, Float, ID, InputType, Int, ObjectType, PartialType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BUURT_CODE, IsBuurtOfMunicipality, IsNumberWithDecimals, MUNICIPALITY_CODE } from '../../common/validators.js';

@ObjectType({ description: 'A CBS buurt with its resilience (veerkracht) reading' })
export class Neighbourhood {
  @Field(() => ID) id: string;
  @Field({ description: 'CBS buurtcode, BU + 8 digits' }) buurtCode: string;
  @Field() name: string;
  @Field() municipalityCode: string;
  @Field() municipalityName: string;
  @Field(() => Int, { description: 'Resilience class on the scale of `resilienceClasses` (1 very low .. 5 high)' })
  resilienceClass: number;
  @Field(() => Float, { nullable: true }) resilienceScore: number | null;
  @Field() resilienceSource: string;
  @Field(() => Int) resilienceYear: number;
}

@ObjectType({ description: 'One step of the resilience class scale (data, see migration)' })
export class ResilienceClass {
  @Field(() => Int) class: number;
  @Field() label: string;
  @Field() description: string;
}

@InputType()
export class NeighbourhoodFieldsInput {
  @Field()
  @Matches(BUURT_CODE, { message: 'buurtCode must be BU followed by 8 digits (CBS buurtcode)' })
  @IsBuurtOfMunicipality()
  buurtCode: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @Field()
  @Matches(MUNICIPALITY_CODE, { message: 'municipalityCode must be GM followed by 4 digits' })
  municipalityCode: string;
  @Field() @IsString() @MinLength(1) @MaxLength(200) municipalityName: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) resilienceClass: number;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumberWithDecimals(2)
  @Min(-9999)
  @Max(9999)
  resilienceScore?: number | null;
  @Field() @IsString() @MinLength(1) @MaxLength(500) resilienceSource: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) resilienceYear: number;
}

@InputType()
export class CreateNeighbourhoodInput extends NeighbourhoodFieldsInput {}

@InputType()
export class UpdateNeighbourhoodInput extends PartialType(NeighbourhoodFieldsInput) {}
