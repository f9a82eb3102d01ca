import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A composition target in force for a complex today, and where the complex's mix stands against it" })
export class ComplexTarget {
  @Field() targetId: string;
  @Field() label: string;
  @Field() dimension: string;
  @Field(() => [String]) categories: string[];
  @Field({ description: 'MAX or MIN' }) bound: string;
  @Field(() => Int, { description: 'The norm, in basis points of the occupied dwellings' }) basisPoints: number;
  @Field({ description: 'RESILIENCE_CLASS_DEFAULT or COMPLEX_OVERRIDE' }) source: string;
  @Field(() => Int, { nullable: true, description: 'Households counting towards the target; null for managers when 1-4 (src/engine/privacy/small-cells.ts)' })
  count: number | null;
  @Field(() => Int, { description: 'Occupied dwellings (the share is of these)' }) total: number;
  @Field(() => Int, { nullable: true, description: 'count / total in basis points; null when count is' }) shareBasisPoints: number | null;
  @Field({ description: 'Whether the mix is within the norm (at most for MAX, at least for MIN)' }) withinTarget: boolean;
}
