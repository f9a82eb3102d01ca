import { householdMention } from '../engine/privacy/household-mention.js';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CompositionPolicyEntity } from '../allocation/allocation.entities.js';
import { CompositionPolicyService } from '../allocation/composition-policy.service.js';
import { DomainError } from '../common/domain-error.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { loadDwellingContext } from '../eligibility/dwelling-context.js';
import { priorityTierOf } from '../eligibility/eligibility.mapper.js';
import { LocalPolicyService } from '../eligibility/local-policy.service.js';
import { RuleParametersService } from '../parameters/rule-parameters.service.js';
import { CompositionPolicyDocument, toCompositionPolicy } from '../engine/allocation/composition-policy-document.js';
import { addYears, daysBetween } from '../engine/common/dates.js';
import { HOUSEHOLD_TYPES } from '../engine/common/household-profile.js';
import { CompositionDimension, categorize } from '../engine/composition/compute-composition.js';
import { evaluateEligibilityForPool } from '../engine/eligibility/evaluate-eligibility.js';
import { IsoDate } from '../engine/model.js';
import {
  DEFAULT_RESPONDENTS_PER_VACANCY,
  DEFAULT_TURNOVER_BY_HOUSEHOLD_TYPE,
  HISTORY_YEARS,
  MIN_EXPOSURE_TENANCY_YEARS,
  MIN_INFLOW_FOR_MIX,
  MIN_OFFERS_PER_CATEGORY,
  MIN_RESPONDENTS_FOR_MIX,
} from '../engine/simulation/defaults.js';
import { LearnedCategory, learnAcceptance } from '../engine/simulation/acceptance.js';
import { SimulationApplicant, SimulationInput, SimulationPolicy } from '../engine/simulation/simulate.js';
import { householdFactsByIds, waitingListFacts } from '../households/household-facts.query.js';

export interface SimulationRequest {
  complexIds: number[];
  /** Composition policy versions (ids) to compare with the plain order; empty: the version in force. */
  compositionPolicyIds: number[];
  horizonYears: number;
  runs: number;
  seed: number;
  /** Overrides of the annual move-out rate per household type. */
  turnover: { householdType: string; rate: number }[];
  respondentsPerVacancy: number | null;
  /** A given mix of respondents in one dimension; null: drawn from the waiting list as it is. */
  applicantMix: { dimension: CompositionDimension; shares: Record<string, number> } | null;
  /** Given acceptance rates per category of one dimension; null: from the complex's offer records. */
  acceptance: { dimension: CompositionDimension; rates: Record<string, number> } | null;
}

/** Where each modelling input came from, stated with the results. */
export interface InputSources {
  turnover: Record<string, { rate: number; source: 'GIVEN' | 'HISTORY' | 'DEFAULT'; exposureYears: number }>;
  respondentsPerVacancy: { value: number; source: 'GIVEN' | 'HISTORY' | 'DEFAULT' };
  /** The respondents' mix: given, those who responded to the complex's vacancies, its inflow on competing routes, or the waiting list as it is. */
  applicantMix: {
    source: 'GIVEN' | 'RESPONSES' | 'HISTORY' | 'WAITING_LIST';
    dimension: string | null;
    shares: Record<string, number> | null;
    basedOn: number;
  };
  /**
   * Who accepts an offer: given, learned from coded answers to offers (per category: the complex's
   * own, or the association's where the complex has too few; `learned` says which and why households
   * refused), or NONE (everyone offered accepts). basedOn: the complex's own answered offers.
   */
  acceptance: {
    source: 'GIVEN' | 'OFFERS' | 'NONE';
    dimension: string | null;
    rates: Record<string, number> | null;
    basedOn: number;
    learned: LearnedCategory[];
  };
  applicants: number;
  representativeDwelling: string;
}

/** Routes on which respondents compete for a home (ranked by registration, points or lot); urgent and direct placements are not responses. */
const COMPETING_ROUTES_SQL = `'REGULAR', 'LOTTERY', 'POINTS'`;

/** The plain waiting-list order: the same engine with no composition targets. */
export const PLAIN_ORDER = 'plain order';

/**
 * The simulation's inputs from the database: the complex and its current tenants, the waiting list
 * judged eligible for a representative home of the complex (the eligibility engine, on the start
 * date), turnover from the complex's tenancy history, respondents per vacancy from its vacancies,
 * and the composition policies compared (always with the plain order as baseline).
 */
@Injectable()
export class SimulationInputBuilder {
  constructor(
    private readonly ruleParameters: RuleParametersService,
    private readonly localPolicies: LocalPolicyService,
    private readonly compositionPolicies: CompositionPolicyService,
  ) {}

  async build(m: EntityManager, request: SimulationRequest, complexId: number, startDate: IsoDate): Promise<{ input: SimulationInput; sources: InputSources }> {
    const complex = await m.findOneBy(ComplexEntity, { id: complexId });
    if (!complex) throw DomainError.invalid([{ field: 'complexIds', reason: `complex ${complexId} does not exist` }]);
    const dwellings: { id: number; code: string; net_rent_cents: number }[] = await m.query(
      'SELECT id, code, net_rent_cents FROM dwelling WHERE complex_id = $1 ORDER BY net_rent_cents, id',
      [complexId],
    );
    if (dwellings.length === 0) throw DomainError.invalid([{ field: 'complexIds', reason: `complex ${complex.code} has no dwellings` }]);
    const representative = dwellings[Math.floor((dwellings.length - 1) / 2)]; // median rent
    const context = await loadDwellingContext(m, representative.id);
    const params = await this.ruleParameters.forDate(startDate, m, 'startDate');
    const { policy: localPolicy } = await this.localPolicies.inForce(context.municipalityCode, startDate, m);

    // current tenants
    const current: { household_id: number }[] = await m.query(
      `SELECT t.household_id FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
        WHERE d.complex_id = $1 AND t.start_date <= $2 AND (t.end_date IS NULL OR t.end_date >= $2) ORDER BY t.dwelling_id`,
      [complexId, startDate],
    );
    const tenantFacts = await householdFactsByIds(
      m,
      current.map((r) => Number(r.household_id)),
    );
    const tenants = tenantFacts.map((h) => ({ categories: categorize(h, startDate, params) }));

    // the waiting list, judged for the representative home on the start date
    const pool = await waitingListFacts(m);
    const verdicts = evaluateEligibilityForPool(
      {
        dwelling: context.dwelling,
        municipalityCode: context.municipalityCode,
        route: 'REGULAR',
        allocationDate: startDate,
        params,
        policy: localPolicy,
        context: { labelFallbackActive: false, localTiesPriority: false },
      },
      pool,
    );
    const applicants: SimulationApplicant[] = pool.flatMap((h, i) => {
      const v = verdicts[i];
      if (!v.eligible) return [];
      const urgent = h.urgency !== null && h.urgency.granted <= startDate && (h.urgency.expires === null || h.urgency.expires >= startDate);
      return [
        {
          id: h.id,
          reference: householdMention(h.id),
          waitDays: Math.max(0, daysBetween(h.registrationDate, startDate)),
          urgent,
          priorityTier: priorityTierOf(v),
          categories: categorize(h, startDate, params),
          countsAs: [...v.countsAs],
        },
      ];
    });

    const turnover = await this.turnover(m, request, complexId, startDate, params);
    const respondents = await this.respondentsPerVacancy(m, request, complexId);
    const policies = await this.policies(m, request, startDate);
    const mix = await this.applicantMix(m, request, complexId, startDate, params);
    const acceptance = await this.acceptance(m, request, complexId, startDate, params);
    return {
      input: {
        complex: { id: complex.id, reference: complex.code, resilienceClass: context.neighbourhood.resilienceClass, dwellingCount: dwellings.length },
        tenants,
        applicants,
        respondentsPerVacancy: respondents.value,
        applicantMix: mix.dimension && mix.shares ? { dimension: mix.dimension as CompositionDimension, shares: mix.shares } : null,
        acceptance: acceptance.dimension && acceptance.rates ? { dimension: acceptance.dimension as CompositionDimension, rates: acceptance.rates } : null,
        turnoverByHouseholdType: Object.fromEntries(Object.entries(turnover).map(([k, v]) => [k, v.rate])),
        policies,
        route: 'REGULAR',
        horizonYears: request.horizonYears,
        startDate,
        seed: request.seed,
      },
      sources: {
        turnover,
        respondentsPerVacancy: respondents,
        applicantMix: mix,
        acceptance,
        applicants: applicants.length,
        representativeDwelling: representative.code,
      },
    };
  }

  /** Given rates first; else move-outs per tenancy-year of the last HISTORY_YEARS; else the documented default. */
  private async turnover(
    m: EntityManager,
    request: SimulationRequest,
    complexId: number,
    startDate: IsoDate,
    params: Parameters<typeof categorize>[2],
  ): Promise<InputSources['turnover']> {
    const since = addYears(startDate, -HISTORY_YEARS);
    const rows: { household_id: number; start_date: string; end_date: string | null }[] = await m.query(
      `SELECT t.household_id, t.start_date, t.end_date FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
        WHERE d.complex_id = $1 AND t.start_date < $2 AND (t.end_date IS NULL OR t.end_date >= $3)`,
      [complexId, startDate, since],
    );
    const facts = new Map((await householdFactsByIds(m, [...new Set(rows.map((r) => Number(r.household_id)))])).map((h) => [h.id, h]));
    const exposure = new Map<string, number>();
    const endings = new Map<string, number>();
    for (const r of rows) {
      const type = categorize(facts.get(Number(r.household_id))!, startDate, params).HOUSEHOLD_TYPE;
      const from = r.start_date > since ? r.start_date : since;
      const to = r.end_date !== null && r.end_date < startDate ? r.end_date : startDate;
      exposure.set(type, (exposure.get(type) ?? 0) + Math.max(0, daysBetween(from, to)) / 365.25);
      if (r.end_date !== null && r.end_date < startDate) endings.set(type, (endings.get(type) ?? 0) + 1);
    }
    const given = new Map(request.turnover.map((t) => [t.householdType, t.rate]));
    return Object.fromEntries(
      HOUSEHOLD_TYPES.map((type) => {
        const years = Math.round((exposure.get(type) ?? 0) * 10) / 10;
        if (given.has(type)) return [type, { rate: given.get(type)!, source: 'GIVEN' as const, exposureYears: years }];
        if (years >= MIN_EXPOSURE_TENANCY_YEARS)
          return [type, { rate: Math.round(((endings.get(type) ?? 0) / years) * 10_000) / 10_000, source: 'HISTORY' as const, exposureYears: years }];
        return [type, { rate: DEFAULT_TURNOVER_BY_HOUSEHOLD_TYPE[type], source: 'DEFAULT' as const, exposureYears: years }];
      }),
    );
  }

  /**
   * Response pattern, unless a mix is given: the vulnerability mix of the households that responded
   * to the complex's vacancies of the last HISTORY_YEARS (who this complex draws), when at least
   * MIN_RESPONDENTS_FOR_MIX did; else the mix of the households that moved in on a route where
   * respondents compete (urgent and direct placements are not responses), when at least
   * MIN_INFLOW_FOR_MIX did; else the waiting list as it is.
   */
  private async applicantMix(
    m: EntityManager,
    request: SimulationRequest,
    complexId: number,
    startDate: IsoDate,
    params: Parameters<typeof categorize>[2],
  ): Promise<InputSources['applicantMix']> {
    if (request.applicantMix) return { source: 'GIVEN', dimension: request.applicantMix.dimension, shares: request.applicantMix.shares, basedOn: 0 };
    const since = addYears(startDate, -HISTORY_YEARS);
    const responded: { household_id: number }[] = await m.query(
      `SELECT DISTINCT r.household_id FROM vacancy_response r JOIN vacancy v ON v.id = r.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id
        WHERE d.complex_id = $1 AND v.available_from >= $2 AND v.route IN (${COMPETING_ROUTES_SQL}) ORDER BY r.household_id`,
      [complexId, since],
    );
    if (responded.length >= MIN_RESPONDENTS_FOR_MIX) return { source: 'RESPONSES', ...(await this.vulnerabilityMix(m, responded, startDate, params)) };
    const movedIn: { household_id: number }[] = await m.query(
      `SELECT t.household_id FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id
        WHERE d.complex_id = $1 AND t.start_date >= $2 AND t.start_date < $3 AND t.allocation_route IN (${COMPETING_ROUTES_SQL}) ORDER BY t.household_id`,
      [complexId, since, startDate],
    );
    if (movedIn.length >= MIN_INFLOW_FOR_MIX) return { source: 'HISTORY', ...(await this.vulnerabilityMix(m, movedIn, startDate, params)) };
    return { source: 'WAITING_LIST', dimension: null, shares: null, basedOn: movedIn.length };
  }

  /**
   * Acceptance, unless given, learned from coded answers (engine/simulation/acceptance.ts
   * learnAcceptance): the answered offers (accepted, or refused with a coded reason, an expired stage
   * included) of the last HISTORY_YEARS per vulnerability category of the household offered; the
   * complex's own when a category has MIN_OFFERS_PER_CATEGORY of them, else the association's.
   */
  private async acceptance(
    m: EntityManager,
    request: SimulationRequest,
    complexId: number,
    startDate: IsoDate,
    params: Parameters<typeof categorize>[2],
  ): Promise<InputSources['acceptance']> {
    if (request.acceptance) return { source: 'GIVEN', dimension: request.acceptance.dimension, rates: request.acceptance.rates, basedOn: 0, learned: [] };
    const answered: { household_id: number; complex_id: number; accepted: boolean; refusal_reason_code: string | null }[] = await m.query(
      `SELECT o.household_id, d.complex_id, o.status = 'ACCEPTED' AS accepted, o.refusal_reason_code
         FROM offer o JOIN vacancy v ON v.id = o.vacancy_id JOIN dwelling d ON d.id = v.dwelling_id
        WHERE o.status IN ('ACCEPTED', 'DECLINED') AND v.available_from >= $1 ORDER BY o.id`,
      [addYears(startDate, -HISTORY_YEARS)],
    );
    const category = new Map(
      (await householdFactsByIds(m, [...new Set(answered.map((o) => Number(o.household_id)))])).map((h) => [
        h.id,
        categorize(h, startDate, params).VULNERABILITY,
      ]),
    );
    const answers = answered.map((o) => ({
      complexId: Number(o.complex_id),
      category: category.get(Number(o.household_id))!,
      accepted: o.accepted,
      refusalCode: o.refusal_reason_code,
    }));
    const own = answers.filter((a) => a.complexId === complexId);
    const { rates, learned } = learnAcceptance(own, answers, MIN_OFFERS_PER_CATEGORY);
    if (Object.keys(rates).length === 0) return { source: 'NONE', dimension: null, rates: null, basedOn: own.length, learned };
    return { source: 'OFFERS', dimension: 'VULNERABILITY', rates, basedOn: own.length, learned };
  }

  private async vulnerabilityMix(m: EntityManager, rows: { household_id: number }[], startDate: IsoDate, params: Parameters<typeof categorize>[2]) {
    const facts = await householdFactsByIds(
      m,
      rows.map((r) => Number(r.household_id)),
    );
    const vulnerable = facts.filter((h) => categorize(h, startDate, params).VULNERABILITY === 'VULNERABLE').length;
    const share = Math.round((vulnerable / facts.length) * 10_000) / 10_000;
    return { dimension: 'VULNERABILITY', shares: { VULNERABLE: share, NOT_VULNERABLE: Math.round((1 - share) * 10_000) / 10_000 }, basedOn: facts.length };
  }

  private async respondentsPerVacancy(m: EntityManager, request: SimulationRequest, complexId: number): Promise<InputSources['respondentsPerVacancy']> {
    if (request.respondentsPerVacancy !== null) return { value: request.respondentsPerVacancy, source: 'GIVEN' };
    const [row]: { vacancies: number; responses: number }[] = await m.query(
      `SELECT count(DISTINCT v.id)::int AS vacancies, count(r.household_id)::int AS responses FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id
         LEFT JOIN vacancy_response r ON r.vacancy_id = v.id WHERE d.complex_id = $1`,
      [complexId],
    );
    if (!row || row.vacancies === 0 || row.responses === 0) return { value: DEFAULT_RESPONDENTS_PER_VACANCY, source: 'DEFAULT' };
    return { value: Math.max(1, Math.round(row.responses / row.vacancies)), source: 'HISTORY' };
  }

  private async policies(m: EntityManager, request: SimulationRequest, startDate: IsoDate): Promise<SimulationPolicy[]> {
    const inForce = await this.compositionPolicies.inForce(m, startDate);
    const plain: SimulationPolicy = { name: PLAIN_ORDER, policy: { ...inForce.policy, id: 'PLAIN', defaultsByResilienceClass: {}, complexOverrides: {} } };
    if (request.compositionPolicyIds.length === 0) return [plain, { name: `${inForce.policy.id} v${inForce.policy.version}`, policy: inForce.policy }];
    const entities = await m.findBy(CompositionPolicyEntity, { id: In(request.compositionPolicyIds) });
    const missing = request.compositionPolicyIds.filter((id) => !entities.some((e) => e.id === id));
    if (missing.length) throw DomainError.invalid([{ field: 'compositionPolicyIds', reason: `unknown composition policy version(s): ${missing.join(', ')}` }]);
    const codes = [...new Set(entities.flatMap((e) => Object.keys((e.document as unknown as CompositionPolicyDocument).complexOverridesByCode)))];
    const complexIds = new Map((codes.length ? await m.findBy(ComplexEntity, { code: In(codes) }) : []).map((c) => [c.code, c.id]));
    return [
      plain,
      ...request.compositionPolicyIds.map((id) => {
        const e = entities.find((x) => x.id === id)!;
        return {
          name: `${e.code} v${e.version}`,
          policy: toCompositionPolicy(
            e.document as unknown as CompositionPolicyDocument,
            { id: e.code, version: e.version, effectiveFrom: e.effectiveFrom },
            complexIds,
          ),
        };
      }),
    ];
  }
}
