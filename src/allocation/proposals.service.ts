import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { ComplexesService } from '../complexes/complexes.service.js';
import { createLoaders } from '../database/loaders.js';
import { priorityTierOf } from '../eligibility/eligibility.mapper.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { AllocationHousehold, AllocationInput, AllocationVacancy } from '../engine/allocation/allocation-input.js';
import { AllocationPlan, VacancyProposal } from '../engine/allocation/explain-plan.js';
import { planAllocation } from '../engine/allocation/plan-allocation.js';
import { Solver } from '../engine/allocation/solver.port.js';
import { categorize } from '../engine/composition/compute-composition.js';
import { HouseholdFacts, IsoDate } from '../engine/model.js';
import { respondentFacts } from '../households/household-facts.query.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { OfferEntity, ProposalEntity } from './allocation.entities.js';
import { CompositionPolicyService } from './composition-policy.service.js';
import { seedForVacancy } from './seed.js';
import { createRoutingSolver } from './solvers/routing.solver.js';

/** Per-vacancy proposals stay interactive: a single vacancy is scored directly (exact), larger look-aheads solve. */
const PROPOSAL_TIME_LIMIT_MS = 10_000;

/** Vacancies of a complex that are still to be let, and so planned along as look-ahead. */
const PLANNABLE_STATUSES = ['OPEN', 'PROPOSED'] as const;

export interface StoredProposal {
  entity: ProposalEntity;
  plan: AllocationPlan;
  /** The plan's entry for the proposal's own vacancy. */
  proposal: VacancyProposal;
}

/**
 * Proposes the household for one vacancy that best balances the waiting-list order against the
 * composition targets of its complex, planning the complex's other open vacancies along (look-ahead),
 * and stores the explained plan. Load -> engine -> persist, in one transaction.
 */
@Injectable()
export class ProposalsService implements OnModuleDestroy {
  private readonly solver: Solver = createRoutingSolver();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eligibility: EligibilityService,
    private readonly complexes: ComplexesService,
    private readonly compositionPolicies: CompositionPolicyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await (this.solver as Solver & { dispose?: () => Promise<void> }).dispose?.();
  }

  propose(vacancyId: string): Promise<StoredProposal> {
    return this.dataSource.transaction(async (m) => {
      const vacancy = await lockVacancy(m, parseId(vacancyId, 'vacancyId'));
      if (!(PLANNABLE_STATUSES as readonly string[]).includes(vacancy.status)) {
        throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is ${vacancy.status}; proposals are made for OPEN or PROPOSED vacancies`);
      }
      return this.proposeLocked(m, vacancy);
    });
  }

  /** Inside the caller's transaction, with the vacancy row locked. Supersedes earlier open proposals. */
  async proposeLocked(m: EntityManager, vacancy: VacancyEntity): Promise<StoredProposal> {
    const onDate = this.clock.today();
    const { input, localPolicyId, parameterYear, compositionPolicyId } = await this.buildInput(m, vacancy, onDate);
    const { plan } = await planAllocation(input, this.solver, { timeLimitMs: PROPOSAL_TIME_LIMIT_MS });
    const proposal = plan.proposals.find((p) => p.vacancyId === vacancy.id);
    if (!proposal) throw new Error(`The plan has no proposal for vacancy ${vacancy.reference}`);
    await m.update(ProposalEntity, { vacancyId: vacancy.id, status: 'PROPOSED' }, { status: 'SUPERSEDED' });
    const entity = await m.save(ProposalEntity, m.create(ProposalEntity, {
      vacancyId: vacancy.id,
      status: 'PROPOSED',
      chosenHouseholdId: proposal.chosen?.householdId ?? null,
      plainOrderHouseholdId: proposal.plainOrderCandidate?.householdId ?? null,
      allocationDate: onDate,
      seed: input.seed,
      compositionPolicyId,
      localPolicyId,
      parameterYear,
      solveStatus: plan.status,
      solver: plan.solverName,
      plan: plan as unknown as Record<string, unknown>,
    }));
    await m.update(VacancyEntity, { id: vacancy.id }, { status: 'PROPOSED' });
    return { entity, plan, proposal };
  }

  async get(proposalId: string): Promise<StoredProposal> {
    const entity = await this.dataSource.manager.findOneBy(ProposalEntity, { id: parseId(proposalId, 'proposalId') });
    if (!entity) throw DomainError.notFound('Proposal', proposalId);
    return toStored(entity);
  }

  async forVacancy(vacancyId: string): Promise<StoredProposal[]> {
    const rows = await this.dataSource.manager.find(ProposalEntity, { where: { vacancyId: parseId(vacancyId, 'vacancyId') }, order: { id: 'ASC' } });
    return rows.map(toStored);
  }

  /**
   * The engine's input: eligible respondents of the vacancy and of the complex's other open vacancies
   * (look-ahead), their composition categories, the complex's composition now, the policy in force.
   * Households that declined an offer for a vacancy are not candidates for it again.
   */
  private async buildInput(m: EntityManager, focus: VacancyEntity, onDate: IsoDate) {
    const focusContext = await this.eligibility.judgePool(m, focus, [], onDate);
    const complex = focusContext.context.complex;
    const others = await m
      .createQueryBuilder(VacancyEntity, 'v')
      .innerJoin('dwelling', 'd', 'd.id = v.dwelling_id')
      .where('d.complex_id = :complexId', { complexId: complex.id })
      .andWhere('v.status IN (:...statuses)', { statuses: [...PLANNABLE_STATUSES] })
      .andWhere('v.id <> :id', { id: focus.id })
      .orderBy('v.id', 'ASC')
      .getMany();
    const declined = await m.find(OfferEntity, { where: { vacancyId: In([focus.id, ...others.map((v) => v.id)]), status: 'DECLINED' } });
    // a household holding an open offer elsewhere is not proposed again until that offer is answered
    const offeredElsewhere = new Set((await m.find(OfferEntity, { where: { status: 'OPEN' } })).map((o) => o.householdId));

    const households = new Map<number, AllocationHousehold>();
    const vacancies: AllocationVacancy[] = [];
    for (const vacancy of [focus, ...others]) {
      const declinedHere = new Set(declined.filter((o) => o.vacancyId === vacancy.id).map((o) => o.householdId));
      const pool = (await respondentFacts(m, vacancy.id)).filter((h) => !declinedHere.has(h.id) && !offeredElsewhere.has(h.id));
      const { verdicts, params } = await this.eligibility.judgePool(m, vacancy, pool, onDate);
      const candidates = pool.flatMap((household, i) => {
        const verdict = verdicts[i];
        if (!verdict.eligible) return [];
        if (!households.has(household.id)) households.set(household.id, toAllocationHousehold(household, onDate, params));
        return [{ householdId: household.id, priorityTier: priorityTierOf(verdict), verdict: { countsAs: verdict.countsAs, summary: verdict.summary } }];
      });
      vacancies.push({ id: vacancy.id, reference: vacancy.reference, complexId: complex.id, route: vacancy.route, focus: vacancy.id === focus.id, candidates });
    }

    // the mix on the day the new household moves in: tenancies accepted earlier but starting later count too
    const moveIn = focus.availableFrom > onDate ? focus.availableFrom : onDate;
    const composition = await this.complexes.composition(complex.id, createLoaders(m), moveIn, 3, focusContext.params.year);
    const { entity: compositionEntity, policy } = await this.compositionPolicies.inForce(m, onDate);
    const input: AllocationInput = {
      allocationDate: onDate,
      policy,
      seed: seedForVacancy(focus.reference),
      complexes: [{ id: complex.id, reference: complex.code, resilienceClass: focusContext.context.neighbourhood.resilienceClass, composition }],
      households: [...households.values()].sort((a, b) => a.id - b.id),
      vacancies,
      quotaScopes: [],
    };
    return { input, localPolicyId: focusContext.policyEntityId, parameterYear: focusContext.params.year, compositionPolicyId: compositionEntity.id };
  }
}

/** An urgency counts when it was granted on or before the date and has not expired (inclusive). */
function urgentOn(h: HouseholdFacts, onDate: IsoDate): boolean {
  return h.urgency !== null && h.urgency.granted <= onDate && (h.urgency.expires === null || h.urgency.expires >= onDate);
}

function toAllocationHousehold(h: HouseholdFacts, onDate: IsoDate, params: Parameters<typeof categorize>[2]): AllocationHousehold {
  return { id: h.id, reference: h.reference, registrationDate: h.registrationDate, urgent: urgentOn(h, onDate), categories: categorize(h, onDate, params) };
}

export function toStored(entity: ProposalEntity): StoredProposal {
  const plan = entity.plan as unknown as AllocationPlan;
  const proposal = plan.proposals.find((p) => p.vacancyId === entity.vacancyId);
  if (!proposal) throw new Error(`Proposal ${entity.id} has no entry for its vacancy`);
  return { entity, plan, proposal };
}

export async function lockVacancy(m: EntityManager, vacancyId: number): Promise<VacancyEntity> {
  const vacancy = await m.findOne(VacancyEntity, { where: { id: vacancyId }, lock: { mode: 'pessimistic_write' } });
  if (!vacancy) throw DomainError.notFound('Vacancy', vacancyId);
  return vacancy;
}
