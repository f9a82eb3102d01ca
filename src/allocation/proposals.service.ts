import type { PlanTaskResult } from './plan.worker.js';
import type { Language } from '../engine/common/language.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { allocationBasis } from './allocation-basis.js';
import { ProposalStore } from './proposal-store.js';
import { readStoredPlan } from './stored-plan.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, SYSTEM_ACTOR } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { AllocationPlan, VacancyProposal } from '../engine/allocation/explain-plan.js';
import { IsoDate } from '../engine/model.js';
import { effectiveSolveOptions } from '../engine/allocation/solve-allocation.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { AllocationInputLoader, LoadedInput, assertNotAwaitingList, isPlannable } from './allocation-input.loader.js';
import { ProposalEntity } from './allocation.entities.js';
import { PlanRunner } from './plan-runner.service.js';
import { seedForVacancy } from './seed.js';

/** Per-vacancy proposals stay interactive: a single vacancy is scored directly (exact), larger look-aheads solve. */
export const PROPOSAL_SOLVE_OPTIONS = effectiveSolveOptions({ timeLimitMs: 10_000 });
/** Planning outside the transaction is retried when the state it read changed meanwhile. */
const MAX_PLAN_ATTEMPTS = 4;
const RETRY_PAUSE_MS = 50;

export interface StoredProposal {
  entity: ProposalEntity;
  plan: AllocationPlan;
  /** The plan's entry for the proposal's own vacancy. */
  proposal: VacancyProposal;
  /** The same in Dutch words, when it was stored with it (proposals made before: null, read in English). */
  dutch: { plan: AllocationPlan; proposal: VacancyProposal } | null;
}

/** A plan and its Dutch words, as the planner gives them (plan.worker.ts). */
type Explained = Pick<PlanTaskResult, 'plan' | 'planNl'>;

/**
 * Proposes the household for one vacancy that best balances the waiting-list order against the
 * composition targets of its complex, planning the complex's other open vacancies along (look-ahead),
 * and stores the explained plan. The input is read in one transaction, solved outside it (in a
 * worker thread when it is more than one vacancy), and stored in another that first checks that
 * nothing the plan depends on changed meanwhile.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: AllocationInputLoader,
    private readonly planner: PlanRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly disclosure: HouseholdDisclosure,
    private readonly proposals: ProposalStore,
  ) {}

  async propose(vacancyId: string, actor: Actor): Promise<StoredProposal> {
    const id = parseId(vacancyId, 'vacancyId');
    for (let attempt = 1; ; attempt += 1) {
      const onDate = this.clock.today();
      const read = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
        // first statement: it fixes this transaction's snapshot, so the stamp describes what is read below
        const writes = await writeStamp(m);
        const vacancy = await m.findOneBy(VacancyEntity, { id });
        if (!vacancy) throw DomainError.notFound('Vacancy', vacancyId);
        await this.disclosure.assertAssigned(m, actor, [id], 'proposeAllocation');
        assertPlannable(vacancy);
        await assertNotAwaitingList(m, vacancy);
        return { vacancy, writes, loaded: await this.loadFor(m, vacancy, onDate) };
      });
      const planned = await this.planner.plan(read.loaded.input, PROPOSAL_SOLVE_OPTIONS);
      const stored = await this.storeIfBasisHolds(id, read.loaded, read.writes, planned, onDate, actor);
      if (stored) return stored;
      if (attempt === MAX_PLAN_ATTEMPTS) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `What vacancy ${read.vacancy.reference} is planned from (respondents, their facts, offers, tenancies, policies) kept changing while it was planned; ask again`,
        );
      }
      // let the change that overtook this plan settle before reading again
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
    }
  }

  /**
   * Stores the plan only if what it was planned from still holds: with the vacancy locked, its input
   * is read again and compared with the input the plan was made from (the same loader, so any fact
   * the plan depends on is compared: a household's income, members or urgency, a tenancy's end, a
   * response swapped for another, offers, policies, parameters). Exact, and its cost grows with this
   * vacancy's respondents and complex only, not with other tables. Null: plan again. READ COMMITTED
   * on purpose: the audit log appends after its lock and must see the events committed before it.
   */
  private storeIfBasisHolds(
    vacancyId: number,
    loaded: LoadedInput,
    readWrites: WriteStamp,
    planned: Explained,
    onDate: IsoDate,
    actor: Actor,
  ): Promise<StoredProposal | null> {
    return this.dataSource.transaction(async (m) => {
      // no transaction has written anything since the read (none in flight then, none begun since):
      // the data cannot differ, so the second read is skipped
      const unchanged = readWrites.settled && (await writeStamp(m)).nextXid === readWrites.nextXid;
      const vacancy = await lockVacancy(m, vacancyId);
      assertPlannable(vacancy);
      if (!unchanged && basisOf(await this.loadFor(m, vacancy, onDate)) !== basisOf(loaded)) return null;
      return this.store(m, vacancy, loaded, planned, onDate, actor);
    });
  }

  /**
   * The next proposal after a decline, inside the caller's transaction with the vacancy row locked:
   * made by the system on behalf of the officer who recorded the decline, and recorded as such.
   */
  async proposeAfterDecline(m: EntityManager, vacancy: VacancyEntity, officer: Actor, declinedOfferId: number): Promise<StoredProposal> {
    const onDate = this.clock.today();
    const loaded = await this.loadFor(m, vacancy, onDate);
    const planned = await this.planner.plan(loaded.input, PROPOSAL_SOLVE_OPTIONS);
    return this.store(m, vacancy, loaded, planned, onDate, SYSTEM_ACTOR, { onBehalfOf: officer.subject, after: `offer ${declinedOfferId} was declined` });
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

  /** The vacancy, with the complex's other open vacancies planned along (look-ahead). */
  private async loadFor(m: EntityManager, vacancy: VacancyEntity, onDate: IsoDate): Promise<LoadedInput> {
    const complexId: number = (await m.query('SELECT complex_id FROM dwelling WHERE id = $1', [vacancy.dwellingId]))[0].complex_id;
    const lookAhead = await this.loader.otherPlannableVacancies(m, complexId, [vacancy.id]);
    return this.loader.load(m, { focus: [vacancy], lookAhead, onDate, seed: seedForVacancy(vacancy.reference), withQuotaRows: false });
  }

  /** Stores the proposal with its input snapshot and basis (ProposalStore supersedes and logs). */
  private async store(
    m: EntityManager,
    vacancy: VacancyEntity,
    loaded: LoadedInput,
    { plan, planNl }: Explained,
    onDate: IsoDate,
    actor: Actor,
    made?: { onBehalfOf: string; after: string },
  ): Promise<StoredProposal> {
    const inputHash = await this.audit.storeSnapshot(m, loaded.input);
    const entity = await this.proposals.store(m, {
      vacancy,
      plan,
      planNl,
      allocationDate: onDate,
      seed: loaded.input.seed,
      compositionPolicyId: loaded.compositionPolicyId,
      localPolicyId: loaded.localPolicyIdByVacancy.get(vacancy.id)!,
      parameterYear: loaded.parameterYear,
      roundId: null,
      requestedBy: actor.subject,
      actor,
      basis: allocationBasis(loaded, PROPOSAL_SOLVE_OPTIONS, inputHash),
      madeBySystem: made,
    });
    return toStored(entity);
  }
}

function assertPlannable(vacancy: VacancyEntity): void {
  if (!isPlannable(vacancy)) {
    throw new DomainError(ErrorCode.CONFLICT, `Vacancy ${vacancy.reference} is ${vacancy.status}; proposals are made for OPEN or PROPOSED vacancies`);
  }
}

/**
 * Whether any transaction could have written since a moment: PostgreSQL gives a transaction id only
 * to transactions that write, so if none was in flight then (`settled`) and the next id to hand out
 * is still the same, nothing was written in between.
 */
interface WriteStamp {
  nextXid: string;
  settled: boolean;
}

async function writeStamp(m: EntityManager): Promise<WriteStamp> {
  const [row]: { next_xid: string; in_flight: number }[] = await m.query(
    `SELECT pg_snapshot_xmax(s)::text AS next_xid, (SELECT count(*) FROM pg_snapshot_xip(s))::int AS in_flight FROM pg_current_snapshot() AS s`,
  );
  return { nextXid: row.next_xid, settled: Number(row.in_flight) === 0 };
}

/** Everything a proposal is made from, as one comparable text (the loader builds it in a fixed order). */
function basisOf(l: LoadedInput): string {
  return JSON.stringify([l.input, l.parameterYear, l.compositionPolicyId, [...l.localPolicyIdByVacancy], [...l.exclusions]]);
}

export function toStored(entity: ProposalEntity): StoredProposal {
  const plan = readStoredPlan(entity.plan, `Proposal ${entity.id}`);
  const proposal = plan.proposals.find((p) => p.vacancyId === entity.vacancyId);
  if (!proposal) throw new Error(`Proposal ${entity.id} has no entry for its vacancy`);
  const planNl = entity.planNl === null ? null : readStoredPlan(entity.planNl, `Proposal ${entity.id} (Dutch words)`);
  const proposalNl = planNl?.proposals.find((p) => p.vacancyId === entity.vacancyId) ?? null;
  return { entity, plan, proposal, dutch: planNl && proposalNl ? { plan: planNl, proposal: proposalNl } : null };
}

/** The proposal in the language asked for, when its words were stored in it; else in the record's English. */
export function inLanguage(stored: StoredProposal, asked: Language): { language: Language; plan: AllocationPlan; proposal: VacancyProposal } {
  return asked === 'nl' && stored.dutch ? { language: 'nl', ...stored.dutch } : { language: 'en', plan: stored.plan, proposal: stored.proposal };
}

export async function lockVacancy(m: EntityManager, vacancyId: number): Promise<VacancyEntity> {
  const vacancy = await m.findOne(VacancyEntity, { where: { id: vacancyId }, lock: { mode: 'pessimistic_write' } });
  if (!vacancy) throw DomainError.notFound('Vacancy', vacancyId);
  return vacancy;
}
