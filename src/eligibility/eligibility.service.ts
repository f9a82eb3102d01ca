import { householdIdMention, householdMention } from '../engine/privacy/household-mention.js';
import { mainThreadTurns } from '../common/main-thread.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { comparePublishedOrder } from '../engine/letting/candidate-order.js';
import { DomainError } from '../common/domain-error.js';
import { MUNICIPALITY_CODE } from '../common/validators.js';
import { parseId } from '../common/ids.js';
import { EligibilityContext } from '../engine/eligibility/eligibility-input.js';
import { type Verdict, evaluateEligibility, evaluateEligibilityForPool } from '../engine/eligibility/evaluate-eligibility.js';
import type { EligibilityInput } from '../engine/eligibility/eligibility-input.js';
import type { Language } from '../engine/common/language.js';
import { VerdictMemo } from '../engine/eligibility/verdict-memo.js';
import { EMPTY_QUOTA_COUNTS, quotaEffect, quotaStatus } from '../engine/eligibility/portfolio-quotas.js';
import { AllocationRoute, HouseholdFacts, IsoDate } from '../engine/model.js';
import { householdFactsByIds, respondentFacts, waitingListFacts } from '../households/household-facts.query.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { priorityTierOf, quotaExceptionsOf, toQuotaEffect, toQuotaShare, toRuleOutcome } from './eligibility.mapper.js';
import {
  CandidatePoolEnum,
  EligibilityArgs,
  EligibilityVerdict,
  EligibleCandidates,
  EligibleCandidatesArgs,
  QuotaStatus,
  QuotaStatusArgs,
} from './graphql/eligibility.type.js';
import { loadDwellingContext, loadDwellingContexts } from './dwelling-context.js';
import { LocalPolicyService } from './local-policy.service.js';
import { QuotaLedgerService } from './quota-ledger.service.js';
import { RuleParametersService } from '../parameters/rule-parameters.service.js';

/** Verdicts held in memory: a few vacancies' respondents and a whole waiting list (~3 KB each). */
const VERDICT_MEMO_SIZE = 20_000;

@Injectable()
export class EligibilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ruleParameters: RuleParametersService,
    private readonly policies: LocalPolicyService,
    private readonly ledger: QuotaLedgerService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Verdicts kept by exactly what they are computed from (engine/eligibility/verdict-memo.ts). */
  private readonly verdicts = new VerdictMemo(VERDICT_MEMO_SIZE);

  /** A dwelling named by its id or by its code, as people name it. */
  async dwellingIdFromInput(value: string): Promise<number> {
    if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
    const rows: { id: number }[] = await this.dataSource.query('SELECT id FROM dwelling WHERE code = $1', [value]);
    if (!rows.length) throw DomainError.notFound('Dwelling', value);
    return Number(rows[0].id);
  }

  /** Whether a household may be allocated a dwelling on a date, rule by rule, with its quota effect. */
  async verdict(args: EligibilityArgs, language: Language = 'en'): Promise<EligibilityVerdict> {
    const m = this.dataSource.manager;
    const onDate = args.onDate ?? this.clock.today();
    const context: EligibilityContext = { labelFallbackActive: args.labelFallbackActive, localTiesPriority: args.localTiesPriority };
    const judged = await this.judge(m, parseId(args.householdId, 'householdId'), parseId(args.dwellingId, 'dwellingId'), onDate, args.route, context, language);
    const { verdict, params, policy, municipalityCode } = judged;
    // every allocation recorded for the year counts, also one dated later than onDate: it is decided
    const portfolio = await this.ledger.portfolioCounts(params.year, m);
    // the association as a whole is judged by the fallback policy (as in quotaStatus), the municipality by its own
    const { policy: associationPolicy } = await this.policies.inForce(null, onDate, m);
    const effect = {
      association: quotaEffect(portfolio.association, verdict, associationPolicy),
      municipality: quotaEffect(portfolio.municipalities[municipalityCode] ?? EMPTY_QUOTA_COUNTS, verdict, policy),
    };
    return {
      householdId: householdIdMention(judged.householdId),
      dwellingId: String(judged.dwellingId),
      onDate,
      parameterYear: params.year,
      policy: policy.id,
      eligible: verdict.eligible,
      summary: verdict.summary,
      hardFailures: verdict.hardFailures,
      quotaExceptions: quotaExceptionsOf(verdict),
      outcomes: verdict.outcomes.map(toRuleOutcome),
      quotaEffects: [toQuotaEffect('ASSOCIATION', effect.association), toQuotaEffect(municipalityCode, effect.municipality)],
    };
  }

  /**
   * Records an allocation in the quota ledger, inside the caller's transaction, with the counters of
   * its verdict on the allocation date. A hard-ineligible allocation is refused (it may not happen).
   */
  async recordAllocation(
    m: EntityManager,
    actor: Actor,
    a: { householdId: number; dwellingId: number; vacancyId: number | null; onDate: IsoDate; route: AllocationRoute; context: EligibilityContext },
  ) {
    const { verdict, params, policyEntityId, municipalityCode } = await this.judge(m, a.householdId, a.dwellingId, a.onDate, a.route, a.context);
    if (!verdict.eligible) {
      throw DomainError.invalid(
        verdict.hardFailures.map((ruleId) => ({
          field: 'householdId',
          reason: `may not be allocated this dwelling: ${verdict.outcomes.find((o) => o.ruleId === ruleId)!.explanation}`,
        })),
      );
    }
    const recorded = await this.ledger.record(m, {
      vacancyId: a.vacancyId,
      householdId: a.householdId,
      dwellingId: a.dwellingId,
      municipalityCode,
      allocationDate: a.onDate,
      countsAs: [...verdict.countsAs],
      parameterYear: params.year,
      policyId: policyEntityId,
      verdict: { summary: verdict.summary, outcomes: verdict.outcomes.map((o) => ({ ruleId: o.ruleId, result: o.result, values: o.values })) },
    });
    await this.audit.append(
      m,
      actor,
      'ALLOCATION_RECORDED',
      { allocationId: recorded.id, householdId: a.householdId, dwellingId: a.dwellingId, vacancyId: a.vacancyId },
      {
        allocationDate: a.onDate,
        route: a.route,
        municipalityCode,
        parameterYear: params.year,
        localPolicyId: policyEntityId,
        countsAs: [...verdict.countsAs],
        verdict: recorded.verdict,
      },
    );
    return recorded;
  }

  /** One household judged for a vacancy (its route and advertisement flags) on a date. */
  judgeForVacancy(m: EntityManager, householdId: number, vacancy: VacancyEntity, onDate: IsoDate, language: Language = 'en') {
    return this.judge(
      m,
      householdId,
      vacancy.dwellingId,
      onDate,
      vacancy.route,
      {
        labelFallbackActive: vacancy.labelFallbackActive,
        localTiesPriority: vacancy.localTiesPriority,
      },
      language,
    );
  }

  private async judge(
    m: EntityManager,
    householdId: number,
    dwellingId: number,
    onDate: IsoDate,
    route: AllocationRoute,
    context: EligibilityContext,
    language: Language = 'en',
  ) {
    const [household] = await householdFactsByIds(m, [householdId]);
    if (!household) throw DomainError.notFound('Household', householdId);
    const { dwelling, municipalityCode } = await loadDwellingContext(m, dwellingId);
    const params = await this.ruleParameters.forDate(onDate, m);
    const { policy, entity } = await this.policies.inForce(municipalityCode, onDate, m);
    const verdict = evaluateEligibility(
      {
        household,
        dwelling,
        municipalityCode,
        route,
        allocationDate: onDate,
        params,
        policy,
        context,
      },
      language,
    );
    return { householdId, dwellingId, verdict, params, policy, policyEntityId: entity.id, municipalityCode };
  }

  /** Households judged for a vacancy on a date, with the vacancy's route and advertisement flags. */
  async judgePool(m: EntityManager, vacancy: VacancyEntity, households: readonly HouseholdFacts[], onDate: IsoDate) {
    const context = await loadDwellingContext(m, vacancy.dwellingId);
    const params = await this.ruleParameters.forDate(onDate, m);
    const { policy, entity } = await this.policies.inForce(context.municipalityCode, onDate, m);
    const flags: EligibilityContext = { labelFallbackActive: vacancy.labelFallbackActive, localTiesPriority: vacancy.localTiesPriority };
    const shared = {
      dwelling: context.dwelling,
      municipalityCode: context.municipalityCode,
      route: vacancy.route,
      allocationDate: onDate,
      params,
      policy,
      context: flags,
    };
    const verdicts = this.verdicts.judgePool(shared, households);
    return { verdicts, params, policy, policyEntityId: entity.id, context, shared };
  }

  /**
   * Pools of several vacancies judged on one date, with the shared data loaded once: the year's
   * parameters, each municipality's policy, the dwellings with complexes and buurten.
   */
  async judgePools(m: EntityManager, pools: readonly { vacancy: VacancyEntity; households: readonly HouseholdFacts[] }[], onDate: IsoDate) {
    const contexts = await loadDwellingContexts(
      m,
      pools.map((p) => p.vacancy.dwellingId),
    );
    const params = await this.ruleParameters.forDate(onDate, m);
    const policies = new Map<string, Awaited<ReturnType<LocalPolicyService['inForce']>>>();
    const judged = [];
    // a round judges hundreds of pools (157,000 respondents on the large region: seconds of work): other
    // requests get the main thread between pools
    const turn = mainThreadTurns();
    for (const { vacancy, households } of pools) {
      await turn();
      const context = contexts.get(vacancy.dwellingId)!;
      let inForce = policies.get(context.municipalityCode);
      if (!inForce) policies.set(context.municipalityCode, (inForce = await this.policies.inForce(context.municipalityCode, onDate, m)));
      const flags: EligibilityContext = { labelFallbackActive: vacancy.labelFallbackActive, localTiesPriority: vacancy.localTiesPriority };
      const verdicts = this.verdicts.judgePool(
        {
          dwelling: context.dwelling,
          municipalityCode: context.municipalityCode,
          route: vacancy.route,
          allocationDate: onDate,
          params,
          policy: inForce.policy,
          context: flags,
        },
        households,
      );
      judged.push({ vacancy, households, verdicts, params, policy: inForce.policy, policyEntityId: inForce.entity.id, context });
    }
    return judged;
  }

  /** Every household of the pool judged for the vacancy: counts per excluding rule, eligible ones ranked. */
  async eligibleCandidates(args: EligibleCandidatesArgs, language: Language = 'en'): Promise<EligibleCandidates> {
    const onDate = args.onDate ?? this.clock.today();
    // one snapshot for the whole evaluation: the counts and the list agree with each other
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const vacancy = await m.findOneBy(VacancyEntity, { id: parseId(args.vacancyId, 'vacancyId') });
      if (!vacancy) throw DomainError.notFound('Vacancy', args.vacancyId);
      const households = args.pool === CandidatePoolEnum.RESPONDENTS ? await respondentFacts(m, vacancy.id) : await waitingListFacts(m);
      const { verdicts, params, policy, shared } = await this.judgePool(m, vacancy, households, onDate);

      const excluded = new Map<string, { count: number; examples: string[] }>();
      const eligible = [];
      for (const [i, household] of households.entries()) {
        const verdict = verdicts[i];
        if (verdict.eligible) {
          eligible.push({ household, verdict, tier: priorityTierOf(verdict) });
          continue;
        }
        for (const ruleId of verdict.hardFailures) {
          const entry = excluded.get(ruleId) ?? { count: 0, examples: [] };
          entry.count += 1;
          if (entry.examples.length < 5) entry.examples.push(householdMention(household.id));
          excluded.set(ruleId, entry);
        }
      }
      // priority tier, then registration date (inschrijfduur), then id: a stable, explainable order (the regular published order)
      const byOrder = comparePublishedOrder('REGULAR');
      const listed = (e: { household: HouseholdFacts; tier: number }) => ({
        householdId: e.household.id,
        eligible: true,
        priorityTier: e.tier,
        registrationDate: e.household.registrationDate,
        rankingPoints: null,
      });
      eligible.sort((a, b) => byOrder(listed(a), listed(b)));
      const ruleOrder = [...excluded.keys()].sort();
      return {
        vacancyId: String(vacancy.id),
        onDate,
        pool: args.pool,
        parameterYear: params.year,
        policy: policy.id,
        evaluatedCount: households.length,
        eligibleCount: eligible.length,
        excludedCount: households.length - eligible.length,
        excludedByRule: ruleOrder.map((ruleId) => ({ ruleId, ...excluded.get(ruleId)! })),
        // the verdicts shown, in the reader's words (the same verdicts: engine/eligibility/evaluate-eligibility.spec.ts)
        candidates: inWords(eligible.slice(0, args.first), shared, language).map(({ household, verdict, tier }) => ({
          householdId: household.id,
          household: undefined as never, // resolved by the field resolver through the batch loader
          summary: verdict.summary,
          priorityTier: tier,
          quotaExceptions: quotaExceptionsOf(verdict),
          outcomes: verdict.outcomes.map(toRuleOutcome),
        })),
      };
    });
  }

  async quotaStatus(args: QuotaStatusArgs): Promise<QuotaStatus> {
    if (args.municipalityCode !== undefined && !MUNICIPALITY_CODE.test(args.municipalityCode)) {
      throw DomainError.invalid([{ field: 'municipalityCode', reason: 'must be GM followed by 4 digits' }]);
    }
    const params = await this.ruleParameters.forYear(args.year);
    const onDate: IsoDate = `${params.year}-12-31`; // the policy in force at the end of the year judges the year
    // the association as a whole is judged by the fallback policy; a municipality by its region's policy
    const { policy } = await this.policies.inForce(args.municipalityCode ?? null, onDate);
    const portfolio = await this.ledger.portfolioCounts(args.year);
    const counts = args.municipalityCode ? portfolio.municipalities[args.municipalityCode] : portfolio.association;
    const scoped = counts ?? EMPTY_QUOTA_COUNTS;
    return {
      year: args.year,
      scope: args.municipalityCode ?? 'ASSOCIATION',
      allocations: scoped.allocations,
      shares: quotaStatus(scoped, policy).map(toQuotaShare),
      policy: policy.id,
    };
  }
}

/** Verdicts in another language than the record's English: the same rules run again for the ones shown. */
function inWords<T extends { household: HouseholdFacts; verdict: Verdict }>(shown: T[], shared: Omit<EligibilityInput, 'household'>, language: Language): T[] {
  if (language === 'en' || shown.length === 0) return shown;
  const words = evaluateEligibilityForPool(
    shared,
    shown.map((s) => s.household),
    language,
  );
  return shown.map((s, i) => ({ ...s, verdict: words[i] }));
}
