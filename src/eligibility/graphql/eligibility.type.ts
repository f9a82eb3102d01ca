import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsIsoDate } from '../../common/validators.js';
import { Household } from '../../households/graphql/household.type.js';
import { AllocationRouteEnum } from '../../vacancies/graphql/vacancy.type.js';
import { ALLOCATION_ROUTES } from '../../engine/model.js';

export enum RuleResultEnum {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  EXCEPTION = 'EXCEPTION',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
export enum DenialKindEnum {
  HARD_INELIGIBILITY = 'HARD_INELIGIBILITY',
  QUOTA_EXCEPTION = 'QUOTA_EXCEPTION',
}
export enum QuotaKindEnum {
  DAEB_FREE_ROOM = 'DAEB_FREE_ROOM',
  PASSEND_EXCEPTION = 'PASSEND_EXCEPTION',
}
export enum CandidatePoolEnum {
  RESPONDENTS = 'RESPONDENTS',
  WHOLE_POOL = 'WHOLE_POOL',
}
registerEnumType(RuleResultEnum, { name: 'RuleResult', description: 'EXCEPTION: allowed, but charged to an annual quota' });
registerEnumType(DenialKindEnum, { name: 'DenialKind', description: 'HARD_INELIGIBILITY: may not be allocated; QUOTA_EXCEPTION: may be, against a quota' });
registerEnumType(QuotaKindEnum, { name: 'QuotaKind' });
registerEnumType(CandidatePoolEnum, { name: 'CandidatePool', description: 'Households that responded to the vacancy, or everyone on the waiting list' });

@ObjectType({ description: 'One comparison a rule made; amounts in cents, dates ISO' })
export class ComparedValue {
  @Field() name: string;
  @Field(() => String, { nullable: true }) value: string | null;
  @Field(() => String, { nullable: true }) limit: string | null;
  @Field() comparison: string;
  @Field() holds: boolean;
}

@ObjectType()
export class RuleOutcome {
  @Field() ruleId: string;
  @Field({ description: 'Legal or policy reference' }) reference: string;
  @Field(() => RuleResultEnum) result: RuleResultEnum;
  @Field(() => DenialKindEnum, { nullable: true }) denial: DenialKindEnum | null;
  @Field(() => QuotaKindEnum, { nullable: true, description: 'The quota an EXCEPTION is charged to' }) quota: QuotaKindEnum | null;
  @Field(() => [ComparedValue]) values: ComparedValue[];
  @Field({ description: 'A sentence a tenant would understand' }) explanation: string;
  @Field(() => Int, { nullable: true, description: 'Ranking hint: lower goes first' }) priorityTier: number | null;
}

@ObjectType()
export class QuotaException {
  @Field(() => QuotaKindEnum) quota: QuotaKindEnum;
  @Field() ruleId: string;
}

@ObjectType({ description: 'A portfolio share against its norm; basis points: 10000 = 100%' })
export class QuotaShare {
  @Field() quota: string;
  @Field(() => Int) numerator: number;
  @Field(() => Int) denominator: number;
  @Field(() => Int, { nullable: true }) basisPoints: number | null;
  @Field() normComparison: string;
  @Field(() => Int) normBasisPoints: number;
  @Field() normReference: string;
  @Field(() => Boolean, { nullable: true, description: 'null when nothing is allocated yet' }) meetsNorm: boolean | null;
}

@ObjectType()
export class QuotaWarning {
  @Field() quota: string;
  @Field({ description: 'WOULD_BREAK_NORM or ALREADY_OUTSIDE_NORM' }) kind: string;
  @Field() message: string;
}

@ObjectType({ description: 'Shares now and after this one allocation, in one scope' })
export class QuotaEffect {
  @Field({ description: 'ASSOCIATION or a municipality code' }) scope: string;
  @Field(() => [QuotaShare]) before: QuotaShare[];
  @Field(() => [QuotaShare]) after: QuotaShare[];
  @Field(() => [QuotaWarning]) warnings: QuotaWarning[];
}

@ObjectType()
export class EligibilityVerdict {
  @Field(() => ID, { description: 'The household judged (auditors: its pseudonym)' }) householdId: string;
  @Field(() => ID) dwellingId: string;
  @Field() onDate: string;
  @Field(() => Int, { description: 'Year of the legal parameters applied' }) parameterYear: number;
  @Field({ description: 'Local policy applied, code@version' }) policy: string;
  @Field({ description: 'No hard failure (quota exceptions still allow the allocation)' }) eligible: boolean;
  @Field() summary: string;
  @Field(() => [String]) hardFailures: string[];
  @Field(() => [QuotaException]) quotaExceptions: QuotaException[];
  /** Resolved per reader: EligibilityOutcomesResolver withholds special-category facts. */
  outcomes: RuleOutcome[];
  @Field(() => [QuotaEffect], { description: 'For the association and the municipality of the dwelling' }) quotaEffects: QuotaEffect[];
}

@ArgsType()
export class EligibilityArgs {
  @Field(() => ID, { description: 'The household: its id or reference (auditors: the pseudonym they were shown)' }) @IsString() householdId: string;
  @Field(() => ID, { description: 'The dwelling: its id or code' }) @IsString() dwellingId: string;
  @Field({ nullable: true, description: 'Allocation date (default today); its year picks the legal parameters' }) @IsOptional() @IsIsoDate() onDate?: string;
  @Field(() => AllocationRouteEnum, { defaultValue: AllocationRouteEnum.REGULAR }) @IsIn(ALLOCATION_ROUTES) route: AllocationRouteEnum =
    AllocationRouteEnum.REGULAR;
  @Field({ defaultValue: false }) @IsBoolean() labelFallbackActive: boolean = false;
  @Field({ defaultValue: false }) @IsBoolean() localTiesPriority: boolean = false;
}

@ObjectType()
export class RuleExclusionCount {
  @Field() ruleId: string;
  @Field(() => Int) count: number;
  @Field(() => [String], { description: 'Up to 5 households, for checking (references; auditors: pseudonyms)' }) examples: string[];
}

@ObjectType()
export class EligibleCandidate {
  householdId: number;
  @Field(() => Household) household: Household;
  @Field() summary: string;
  @Field(() => Int, { description: 'Priority tier: the highest tier any rule gave (0 = full claim on labels, indication, local ties); lower goes first' })
  priorityTier: number;
  @Field(() => [QuotaException]) quotaExceptions: QuotaException[];
  /** Resolved per reader: EligibleCandidateResolver withholds special-category facts. */
  outcomes: RuleOutcome[];
}

@ObjectType()
export class EligibleCandidates {
  @Field(() => ID) vacancyId: string;
  @Field() onDate: string;
  @Field(() => CandidatePoolEnum) pool: CandidatePoolEnum;
  @Field(() => Int) parameterYear: number;
  @Field() policy: string;
  @Field(() => Int) evaluatedCount: number;
  @Field(() => Int) eligibleCount: number;
  @Field(() => Int) excludedCount: number;
  @Field(() => [RuleExclusionCount], { description: 'Households excluded per rule (one household can fail several)' }) excludedByRule: RuleExclusionCount[];
  @Field(() => [EligibleCandidate], { description: 'Eligible households by priority tier, then registration date (first N)' }) candidates: EligibleCandidate[];
}

@ArgsType()
export class EligibleCandidatesArgs {
  @Field(() => ID) @IsString() vacancyId: string;
  @Field(() => CandidatePoolEnum, { defaultValue: CandidatePoolEnum.RESPONDENTS }) @IsIn(Object.values(CandidatePoolEnum)) pool: CandidatePoolEnum =
    CandidatePoolEnum.RESPONDENTS;
  @Field({ nullable: true, description: 'Allocation date (default today)' }) @IsOptional() @IsIsoDate() onDate?: string;
  @Field(() => Int, { defaultValue: 50, description: 'How many eligible candidates to list (counts cover all)' }) @IsInt() @Min(0) @Max(500) first: number = 50;
}

@ObjectType()
export class QuotaStatus {
  @Field(() => Int) year: number;
  @Field({ description: 'ASSOCIATION or the municipality code asked for' }) scope: string;
  @Field(() => Int) allocations: number;
  @Field(() => [QuotaShare]) shares: QuotaShare[];
  @Field() policy: string;
}

@ArgsType()
export class QuotaStatusArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field({ nullable: true, description: 'GM code; omit for the association as a whole' }) @IsOptional() @IsString() municipalityCode?: string;
}
