import { householdMention } from '../engine/privacy/household-mention.js';
import { mainThreadTurns } from '../common/main-thread.js';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CompositionService } from '../composition/composition.service.js';
import { LoaderScope } from '../common/request-context.js';
import { priorityTierOf } from '../eligibility/eligibility.mapper.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { LocalPolicyService } from '../eligibility/local-policy.service.js';
import { QuotaLedgerService } from '../eligibility/quota-ledger.service.js';
import { AllocationComplex, AllocationHousehold, AllocationInput, AllocationVacancy, EligiblePair, QuotaScope } from '../engine/allocation/allocation-input.js';
import { Verdict } from '../engine/eligibility/evaluate-eligibility.js';
import { CompositionDimension, categorize, withArrivals } from '../engine/composition/compute-composition.js';
import { EMPTY_QUOTA_COUNTS } from '../engine/eligibility/portfolio-quotas.js';
import { withSortedKeys } from '../engine/audit/hash-chain.js';
import { deepFreeze, isDeeplyFrozen } from '../engine/common/deep-freeze.js';
import { HouseholdFacts, IsoDate } from '../engine/model.js';
import { householdFactsByIds, respondentFactsByVacancy } from '../households/household-facts.query.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { OfferEntity } from './allocation.entities.js';
import { CompositionPolicyService } from './composition-policy.service.js';

/** Vacancies that are still to be let, and so can be planned (proposed, or planned along). */
export const PLANNABLE_STATUSES = ['OPEN', 'PROPOSED'] as const;

export function isPlannable(vacancy: Pick<VacancyEntity, 'status'>): boolean {
  return (PLANNABLE_STATUSES as readonly string[]).includes(vacancy.status);
}

/**
 * An advertised vacancy waits for its candidate list while its publication is PUBLISHED or CLOSED
 * (src/engine/letting/publication.ts): it is proposed and offered from that list once it is made
 * (LISTED), never during the window, where an offer would shut out the respondents still to come.
 */
export const AWAITING_LIST_STATES = ['PUBLISHED', 'CLOSED'] as const;

/** The vacancies of `vacancyIds` that wait for their candidate list, with their publication's state. */
export async function awaitingList(m: EntityManager, vacancyIds: readonly number[]): Promise<Map<number, string>> {
  if (vacancyIds.length === 0) return new Map();
  const rows: { vacancy_id: number; state: string }[] = await m.query(
    `SELECT vacancy_id, state FROM vacancy_publication WHERE vacancy_id = ANY($1) AND state = ANY($2)`,
    [[...vacancyIds], [...AWAITING_LIST_STATES]],
  );
  return new Map(rows.map((r) => [Number(r.vacancy_id), r.state]));
}

/** Refuses (CONFLICT) a vacancy that waits for its candidate list: proposeAllocation and decideProposal ask. */
export async function assertNotAwaitingList(m: EntityManager, vacancy: Pick<VacancyEntity, 'id' | 'reference'>): Promise<void> {
  const waiting = (await awaitingList(m, [vacancy.id])).get(vacancy.id);
  if (waiting) throw new DomainError(ErrorCode.CONFLICT, awaitingListReason(vacancy.reference, waiting));
}

/** Why a vacancy waiting for its candidate list is not proposed or offered yet. */
export function awaitingListReason(reference: string, state: string): string {
  return `Vacancy ${reference} is advertised and its publication is ${state}: it is proposed from its candidate list once the window has closed and the list is made`;
}

/** The association as a whole, judged by the fallback policy (as in quotaStatus). */
export const ASSOCIATION_SCOPE = 'ASSOCIATION';

export interface InputRequest {
  /** Vacancies a proposal is wanted for. */
  focus: readonly VacancyEntity[];
  /** Other vacancies planned along so one proposal does not spend the whole mix budget. */
  lookAhead: readonly VacancyEntity[];
  onDate: IsoDate;
  seed: number;
  /** Portfolio quota rows (rounds): year-to-date counts of the association and of each municipality. */
  withQuotaRows: boolean;
}

export interface LoadedInput {
  input: AllocationInput;
  parameterYear: number;
  compositionPolicyId: number;
  /** Local policy version that judged each vacancy's respondents. */
  localPolicyIdByVacancy: Map<number, number>;
  /** Per vacancy: who was left out before the optimiser, and why (for rationales and the audit log). */
  exclusions: Map<number, PoolExclusions>;
}

/** How a vacancy's respondents became its candidates. */
export interface PoolExclusions {
  respondents: number;
  eligible: number;
  declinedBefore: number;
  holdingAnotherOffer: number;
  /** Per eligibility rule that failed: how many, and up to three household references as examples. */
  byRule: { ruleId: string; count: number; examples: string[] }[];
}

const EXCLUSION_EXAMPLES = 3;

/**
 * Loads the engine's input from the database: eligible respondents per vacancy (judged on the date),
 * their composition categories, each complex's mix on the move-in date with open offers counted as
 * moved in, the composition policy in force and, for rounds, the quota scopes. Households that
 * declined a vacancy are not candidates for it again; a household holding an open offer is not
 * proposed elsewhere until that offer is answered.
 */
@Injectable()
export class AllocationInputLoader {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly compositions: CompositionService,
    private readonly compositionPolicies: CompositionPolicyService,
    private readonly localPolicies: LocalPolicyService,
    private readonly ledger: QuotaLedgerService,
  ) {}

  /**
   * A household as the allocation core sees it on a date, kept per cached (frozen, so unchanging)
   * facts object for the same date and parameters: 2,000 respondents are categorised once, not on
   * every proposal, and the frozen result's canonical JSON is kept too (hash-chain.ts).
   */
  private readonly allocationHouseholds = new WeakMap<HouseholdFacts, { key: string; household: AllocationHousehold }>();

  private allocationHousehold(h: HouseholdFacts, onDate: IsoDate, params: Parameters<typeof categorize>[2], paramsKey: string): AllocationHousehold {
    if (!isDeeplyFrozen(h)) return toAllocationHousehold(h, onDate, params);
    const known = this.allocationHouseholds.get(h);
    if (known?.key === paramsKey) return known.household;
    const household = deepFreeze(toAllocationHousehold(h, onDate, params));
    this.allocationHouseholds.set(h, { key: paramsKey, household });
    return household;
  }

  /** Pairs kept per remembered (frozen) verdict, like allocationHousehold. */
  private readonly eligiblePairs = new WeakMap<Verdict, EligiblePair>();

  private eligiblePair(householdId: number, verdict: Verdict): EligiblePair {
    const known = this.eligiblePairs.get(verdict);
    if (known?.householdId === householdId) return known;
    // keys in sorted order: the snapshot's canonical JSON is then written as it is (hash-chain.ts)
    const pair: EligiblePair = { householdId, priorityTier: priorityTierOf(verdict), verdict: { countsAs: verdict.countsAs, summary: verdict.summary } };
    if (!isDeeplyFrozen(verdict)) return pair;
    this.eligiblePairs.set(verdict, deepFreeze(pair));
    return pair;
  }

  /**
   * The open and proposed vacancies of a complex other than `except`, by id: a proposal's look-ahead.
   * Not those waiting for their candidate list: their respondents are not all in yet, and planned
   * along they would claim a household the focus vacancy could have (a round leaves them out too).
   */
  async otherPlannableVacancies(m: EntityManager, complexId: number, except: readonly number[]): Promise<VacancyEntity[]> {
    const qb = m
      .createQueryBuilder(VacancyEntity, 'v')
      .innerJoin('dwelling', 'd', 'd.id = v.dwelling_id')
      .where('d.complex_id = :complexId', { complexId })
      .andWhere('v.status IN (:...statuses)', { statuses: [...PLANNABLE_STATUSES] })
      .andWhere('NOT EXISTS (SELECT 1 FROM vacancy_publication p WHERE p.vacancy_id = v.id AND p.state IN (:...awaiting))', {
        awaiting: [...AWAITING_LIST_STATES],
      });
    if (except.length > 0) qb.andWhere('v.id NOT IN (:...except)', { except: [...except] });
    return qb.orderBy('v.id', 'ASC').getMany();
  }

  async load(m: EntityManager, request: InputRequest): Promise<LoadedInput> {
    const { onDate } = request;
    const all = [...request.focus.map((v) => ({ v, focus: true })), ...request.lookAhead.map((v) => ({ v, focus: false }))];
    if (all.length === 0) throw new RangeError('An allocation input needs at least one vacancy');
    const vacancyIds = all.map(({ v }) => v.id);
    const declined = await m.find(OfferEntity, { where: { vacancyId: In(vacancyIds), status: 'DECLINED' } });
    // an offer awaiting four-eyes approval holds its household like an open one
    const openOffers = await m.find(OfferEntity, { where: { status: In(['OPEN', 'PENDING_APPROVAL']) }, order: { id: 'ASC' } });
    const offeredElsewhere = new Set(openOffers.map((o) => o.householdId));

    const households = new Map<number, AllocationHousehold>();
    const vacancies: AllocationVacancy[] = [];
    const complexes = new Map<number, { entity: { id: number; code: string }; resilienceClass: number; moveIn: IsoDate; municipalityCode: string }>();
    const localPolicyIdByVacancy = new Map<number, number>();
    const respondents = await respondentFactsByVacancy(m, vacancyIds);
    const exclusions = new Map<number, PoolExclusions>();
    const pools = all.map(({ v }) => {
      const declinedHere = new Set(declined.filter((o) => o.vacancyId === v.id).map((o) => o.householdId));
      const everyone = respondents.get(v.id)!;
      exclusions.set(v.id, {
        respondents: everyone.length,
        eligible: 0,
        declinedBefore: everyone.filter((h) => declinedHere.has(h.id)).length,
        holdingAnotherOffer: everyone.filter((h) => !declinedHere.has(h.id) && offeredElsewhere.has(h.id)).length,
        byRule: [],
      });
      return { vacancy: v, households: everyone.filter((h) => !declinedHere.has(h.id) && !offeredElsewhere.has(h.id)) };
    });
    const judgedPools = await this.eligibility.judgePools(m, pools, onDate);
    const params = judgedPools[0].params;
    const paramsKey = `${onDate}:${JSON.stringify(params)}`;
    // listing the candidates of every pool held the main thread 0.85-1.0 s in one stretch on the large
    // region's round (2026-12-05): other requests get it between pools
    const turn = mainThreadTurns();
    for (const [i, judged] of judgedPools.entries()) {
      await turn();
      const { vacancy, households: pool } = judged;
      const focus = all[i].focus;
      localPolicyIdByVacancy.set(vacancy.id, judged.policyEntityId);
      const complex = judged.context.complex;
      // the mix on the day the new household moves in: tenancies accepted earlier but starting later count too
      const moveIn = vacancy.availableFrom > onDate ? vacancy.availableFrom : onDate;
      const known = complexes.get(complex.id);
      if (!known)
        complexes.set(complex.id, {
          entity: complex,
          resilienceClass: judged.context.neighbourhood.resilienceClass,
          moveIn,
          municipalityCode: judged.context.municipalityCode,
        });
      else if (focus && moveIn < known.moveIn) known.moveIn = moveIn;
      const excluded = exclusions.get(vacancy.id)!;
      const byRule = new Map<string, { ruleId: string; count: number; examples: string[] }>();
      const candidates = pool.flatMap((household, j) => {
        const verdict = judged.verdicts[j];
        if (!verdict.eligible) {
          for (const ruleId of verdict.hardFailures) {
            const entry = byRule.get(ruleId) ?? { ruleId, count: 0, examples: [] };
            entry.count += 1;
            if (entry.examples.length < EXCLUSION_EXAMPLES) entry.examples.push(householdMention(household.id));
            byRule.set(ruleId, entry);
          }
          return [];
        }
        excluded.eligible += 1;
        if (!households.has(household.id)) households.set(household.id, this.allocationHousehold(household, onDate, params, paramsKey));
        return [this.eligiblePair(household.id, verdict)];
      });
      excluded.byRule = [...byRule.values()].sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
      vacancies.push({ candidates, complexId: complex.id, focus, id: vacancy.id, reference: vacancy.reference, route: vacancy.route });
    }

    const arrivals = await this.openOfferArrivals(m, openOffers, new Set(vacancyIds), new Set(complexes.keys()), onDate, params);
    const loaders = new LoaderScope(m);
    // all complexes at once, so the loaders read each kind of fact for all of them in one query (one at
    // a time, a round over the large region's 520 complexes spent 3.5 s here, scripts/bench-large.ts data)
    const allocationComplexes: AllocationComplex[] = await Promise.all(
      [...complexes]
        .sort((a, b) => a[0] - b[0])
        .map(async ([id, c]) => ({
          id,
          reference: c.entity.code,
          resilienceClass: c.resilienceClass,
          composition: withArrivals(await this.compositions.composition(id, loaders, c.moveIn, 3, params.year), arrivals.get(id) ?? []),
        })),
    );
    const { entity: compositionEntity, policy } = await this.compositionPolicies.inForce(m, onDate);
    const quotaScopes = request.withQuotaRows
      ? await this.quotaScopes(
          m,
          params.year,
          onDate,
          vacancies.map((v) => ({ vacancyId: v.id, municipalityCode: complexes.get(v.complexId)!.municipalityCode })),
        )
      : [];
    return {
      input: {
        allocationDate: onDate,
        complexes: withSortedKeys(allocationComplexes),
        households: [...households.values()].sort((a, b) => a.id - b.id),
        policy: withSortedKeys(policy),
        quotaScopes: withSortedKeys(quotaScopes),
        seed: request.seed,
        vacancies,
      },
      parameterYear: params.year,
      compositionPolicyId: compositionEntity.id,
      localPolicyIdByVacancy,
      exclusions,
    };
  }

  /** Categories of households holding an open offer on a vacancy of one of `complexIds` outside the input. */
  private async openOfferArrivals(
    m: EntityManager,
    openOffers: readonly OfferEntity[],
    inputVacancyIds: ReadonlySet<number>,
    complexIds: ReadonlySet<number>,
    onDate: IsoDate,
    params: Parameters<typeof categorize>[2],
  ): Promise<Map<number, Record<CompositionDimension, string>[]>> {
    const pending = openOffers.filter((o) => !inputVacancyIds.has(o.vacancyId));
    const result = new Map<number, Record<CompositionDimension, string>[]>();
    if (pending.length === 0) return result;
    const rows: { vacancy_id: number; complex_id: number }[] = await m.query(
      `SELECT v.id AS vacancy_id, d.complex_id FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id WHERE v.id = ANY($1)`,
      [pending.map((o) => o.vacancyId)],
    );
    const complexOf = new Map(rows.map((r) => [Number(r.vacancy_id), Number(r.complex_id)]));
    const relevant = pending.filter((o) => complexIds.has(complexOf.get(o.vacancyId)!));
    if (relevant.length === 0) return result;
    const facts = new Map((await householdFactsByIds(m, [...new Set(relevant.map((o) => o.householdId))])).map((h) => [h.id, h]));
    for (const offer of relevant) {
      const complexId = complexOf.get(offer.vacancyId)!;
      const list = result.get(complexId) ?? [];
      list.push(categorize(facts.get(offer.householdId)!, onDate, params));
      result.set(complexId, list);
    }
    return result;
  }

  /**
   * Quota rows of a round: the association (fallback policy, every vacancy) and each municipality
   * (its own policy, its vacancies), with the year-to-date counts of the quota ledger
   * (Woningwet art. 48, Hvw art. 10: DAEB target group, passend toewijzen, local ties).
   */
  private async quotaScopes(
    m: EntityManager,
    year: number,
    onDate: IsoDate,
    vacancies: { vacancyId: number; municipalityCode: string }[],
  ): Promise<QuotaScope[]> {
    const portfolio = await this.ledger.portfolioCounts(year, m);
    const association = await this.localPolicies.inForce(null, onDate, m);
    const scopes: QuotaScope[] = [{ key: ASSOCIATION_SCOPE, counts: portfolio.association, vacancyIds: null, norms: association.policy }];
    const codes = [...new Set(vacancies.map((v) => v.municipalityCode))].sort();
    for (const code of codes) {
      const { policy } = await this.localPolicies.inForce(code, onDate, m);
      scopes.push({
        key: code,
        counts: portfolio.municipalities[code] ?? { ...EMPTY_QUOTA_COUNTS },
        vacancyIds: vacancies.filter((v) => v.municipalityCode === code).map((v) => v.vacancyId),
        norms: policy,
      });
    }
    return scopes;
  }
}

/** An urgency counts when it was granted on or before the date and has not expired (inclusive). */
function urgentOn(h: HouseholdFacts, onDate: IsoDate): boolean {
  return h.urgency !== null && h.urgency.granted <= onDate && (h.urgency.expires === null || h.urgency.expires >= onDate);
}

function toAllocationHousehold(h: HouseholdFacts, onDate: IsoDate, params: Parameters<typeof categorize>[2]): AllocationHousehold {
  // the engine names households by mention, never by reference: its sentences are rendered per reader
  return {
    categories: withSortedKeys(categorize(h, onDate, params)),
    id: h.id,
    rankingPoints: h.rankingPoints,
    reference: householdMention(h.id),
    registrationDate: h.registrationDate,
    urgent: urgentOn(h, onDate),
  };
}
