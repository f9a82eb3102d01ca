import { Field, Int, ObjectType } from '@nestjs/graphql';
import { QuotaShare } from '../../eligibility/graphql/eligibility.type.js';

@ObjectType()
export class DeviationCount {
  @Field({ description: 'OFFICER, REASON_CODE or COMPLEX' }) dimension: string;
  @Field() key: string;
  @Field(() => Int) decisions: number;
  @Field(() => Int, { description: 'Accepted proposals that passed over the plain-order candidate' }) passedOver: number;
  @Field(() => Int) overrides: number;
}

@ObjectType()
export class GroupRate {
  @Field({ description: 'HOUSEHOLD_TYPE, AGE_BAND, INCOME_BAND, INCOME_SOURCE, VULNERABILITY or URGENCY' }) dimension: string;
  @Field() category: string;
  @Field(() => Int, { nullable: true, description: 'Respondents to vacancies let in the period; null for managers in a small cell (1-4 households)' })
  applicants: number | null;
  @Field(() => Int, { nullable: true }) allocated: number | null;
  @Field(() => Int, { nullable: true }) rateBasisPoints: number | null;
}

@ObjectType({ description: 'Quotas against norms, deviations and overrides, allocation rates by group; also as CSV' })
export class AllocationReport {
  @Field(() => Int) year: number;
  @Field({ description: 'ASSOCIATION or a municipality code' }) scope: string;
  @Field(() => Int) allocations: number;
  @Field(() => [QuotaShare], { description: 'DAEB target group, passend and local-ties shares against their norms' }) quotas: QuotaShare[];
  @Field(() => [DeviationCount]) deviations: DeviationCount[];
  @Field(() => [GroupRate]) groups: GroupRate[];
  @Field({ description: 'All of the above as CSV (section, year, scope, dimension, key, measure, value)' }) csv: string;
}
