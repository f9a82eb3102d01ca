import type { Actor } from '../auth/roles.js';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { Household } from '../households/graphql/household.type.js';
import { toHousehold } from '../households/household.mapper.js';
import { EligibilityService } from './eligibility.service.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { mentionedIds } from '../engine/privacy/household-mention.js';
import { statesSpecialCategoryFacts, withoutSpecialCategoryFacts } from '../engine/privacy/special-category.js';
import { RuleOutcome } from './graphql/eligibility.type.js';
import {
  EligibilityArgs,
  EligibilityVerdict,
  EligibleCandidate,
  EligibleCandidates,
  EligibleCandidatesArgs,
  QuotaStatus,
  QuotaStatusArgs,
} from './graphql/eligibility.type.js';
import { AddLocalPolicyVersionInput, LocalPolicyVersion } from './graphql/local-policy.type.js';
import { LocalPolicyService } from './local-policy.service.js';
import { toLocalPolicyVersion } from './local-policy.mapper.js';
import { AddRuleParameterYearInput, RuleParameterCoverage, RuleParameterYear } from '../parameters/graphql/rule-parameters.type.js';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { toRuleParameterYear } from '../parameters/rule-parameters.mapper.js';
import { RuleParametersService } from '../parameters/rule-parameters.service.js';
import { householdLoaders } from '../households/household.loaders.js';

@Resolver()
export class EligibilityResolver {
  constructor(
    private readonly service: EligibilityService,
    private readonly parameters: RuleParametersService,
    private readonly policies: LocalPolicyService,
    private readonly disclosure: HouseholdDisclosure,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => EligibilityVerdict, { description: 'May this household be allocated this dwelling on this date? Rule by rule, with reasons' })
  async eligibility(@Args() args: EligibilityArgs, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    const householdId = await this.disclosure.householdIdFromInput(actor, args.householdId, 'householdId');
    return this.service.verdict(
      { ...args, householdId: String(householdId), dwellingId: String(await this.service.dwellingIdFromInput(args.dwellingId)) },
      languageOf(ctx.req),
    );
  }

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => EligibleCandidates, { complexity: 300, description: 'The eligible households for a vacancy, with counts of those excluded per rule' })
  eligibleCandidates(@Args() args: EligibleCandidatesArgs, @Context() ctx: RequestContext) {
    return this.service.eligibleCandidates(args, languageOf(ctx.req));
  }

  @Roles(...ANY_ROLE)
  @Query(() => QuotaStatus, { description: 'Year-to-date DAEB, passend and local-ties shares against their norms' })
  quotaStatus(@Args() args: QuotaStatusArgs) {
    return this.service.quotaStatus(args);
  }

  @Roles(...ANY_ROLE)
  @Query(() => RuleParameterYear, { description: 'The legal parameters of a year, with their sources' })
  async ruleParameters(@Args('year', { type: () => Int }) year: number) {
    return toRuleParameterYear(await this.parameters.forYear(year));
  }

  @Roles(...ANY_ROLE)
  @Query(() => RuleParameterCoverage, {
    description: 'Which years of legal parameters exist, and which the next 90 days of work need (a warning from 60 days before a missing year is needed)',
  })
  ruleParameterCoverage() {
    return this.parameters.coverage(this.clock.today());
  }

  @Roles(...ANY_ROLE)
  @Query(() => [RuleParameterYear])
  async ruleParameterYears() {
    return (await this.parameters.years()).map(toRuleParameterYear);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [LocalPolicyVersion], { description: 'All versions of the local allocation policies' })
  async localPolicies(@Args('code', { nullable: true }) code?: string) {
    return (await this.policies.versions(code)).map(toLocalPolicyVersion);
  }

  @Roles('MANAGER')
  @Mutation(() => LocalPolicyVersion, { description: 'Manager: add the next version of a local allocation policy (validated document, audited)' })
  async addLocalPolicyVersion(@Args('input') input: AddLocalPolicyVersionInput, @CurrentActor() actor: Actor) {
    return toLocalPolicyVersion(await this.policies.addVersion(input, actor));
  }

  @Roles('ADMIN')
  @Mutation(() => RuleParameterYear, { description: 'Admin: add the published parameters of a new year' })
  async addRuleParameterYear(@Args('input') input: AddRuleParameterYearInput, @CurrentActor() actor: Actor) {
    return toRuleParameterYear(await this.parameters.add(input, actor));
  }
}

/**
 * A rule that read special-category data (an indication, an urgency ground) shows its result to
 * every reader who may see the verdict, and its facts only to those who may see the household's
 * special-category data (each such read recorded).
 */
async function outcomesFor(disclosure: HouseholdDisclosure, ctx: RequestContext, householdId: number, outcomes: RuleOutcome[]): Promise<RuleOutcome[]> {
  if (!outcomes.some(statesSpecialCategoryFacts)) return outcomes;
  if (await disclosure.readSpecialCategories(ctx, householdId, 'eligibilityOutcomes')) return outcomes;
  // the verdict's sentences are in the reader's language (Accept-Language): so is the one in place of a withheld rule's
  return outcomes.map((o) => withoutSpecialCategoryFacts(o, languageOf(ctx.req)));
}

@Resolver(() => EligibilityVerdict)
export class EligibilityVerdictResolver {
  constructor(private readonly disclosure: HouseholdDisclosure) {}

  @ResolveField(() => [RuleOutcome], { description: 'Rule by rule; facts of rules that read special-category data only for readers who may see them' })
  outcomes(@Parent() verdict: EligibilityVerdict, @Context() ctx: RequestContext) {
    return outcomesFor(this.disclosure, ctx, Number(mentionedIds(verdict.householdId)[0]), verdict.outcomes);
  }
}

@Resolver(() => EligibleCandidate)
export class EligibleCandidateResolver {
  constructor(private readonly disclosure: HouseholdDisclosure) {}

  @ResolveField(() => [RuleOutcome], { description: 'Rule by rule; facts of rules that read special-category data only for readers who may see them' })
  outcomes(@Parent() candidate: EligibleCandidate, @Context() ctx: RequestContext) {
    return outcomesFor(this.disclosure, ctx, candidate.householdId, candidate.outcomes);
  }

  @ResolveField(() => Household)
  async household(@Parent() candidate: EligibleCandidate, @Context() ctx: RequestContext) {
    return toHousehold((await ctx.loaders.of(householdLoaders).household.load(candidate.householdId))!);
  }
}
