import { countOf } from '../engine/common/format.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { DataSource, EntityManager, In } from 'typeorm';
import { allocationBasis, planHash } from './allocation-basis.js';
import { ProposalStore } from './proposal-store.js';
import { toStoredPlan } from './stored-plan.js';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { MUNICIPALITY_CODE } from '../common/validators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AllocationPlan, planForVacancy } from '../engine/allocation/explain-plan.js';
import { effectiveSolveOptions } from '../engine/allocation/solve-allocation.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { RunningJobs } from '../jobs/running-jobs.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import {
  AWAITING_LIST_STATES,
  AllocationInputLoader,
  LoadedInput,
  PLANNABLE_STATUSES,
  awaitingList,
  awaitingListReason,
  isPlannable,
} from './allocation-input.loader.js';
import { AllocationRoundEntity, ProposalEntity, RoundProgress, RoundRequest, RoundSolverReport, SkippedVacancy } from './allocation.entities.js';
import { PlanRunner } from './plan-runner.service.js';
import { seedForVacancy } from './seed.js';

export const ROUND_QUEUE = 'allocation-round';
/** Rounds whose last attempt failed (pg-boss dead letter): their worker marks the round FAILED. */
export const ROUND_FAILED_QUEUE = 'allocation-round-failed';
export const MAX_ROUND_VACANCIES = 2000;
export const MAX_ROUND_TIME_LIMIT_SECONDS = 600;
export const DEFAULT_ROUND_TIME_LIMIT_SECONDS = 60;
/** How often a running round checks whether it was cancelled (from any instance). */
const CANCEL_CHECK_MS = 500;

export interface StartRoundInput {
  vacancyIds?: string[] | null;
  municipalityCode?: string | null;
  timeLimitSeconds?: number | null;
  seed?: number | null;
}

interface RoundJob {
  roundId: number;
}

class RoundCancelled extends Error {}
class RoundInterrupted extends Error {}

/**
 * Allocation rounds: many vacancies planned together under the association's annual quotas, as
 * pg-boss jobs in the service's own PostgreSQL, solved in worker threads. A round survives a
 * restart: a job abandoned by a stopping instance is retried at once, one whose instance died is
 * retried when it expires, and after the last attempt the round is FAILED with the reason. Every
 * instance on the database takes rounds from the queue.
 */
@Injectable()
export class RoundsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Rounds');
  /** Names this instance in the rounds it runs (host, process, random part). */
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new RunningJobs();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly loader: AllocationInputLoader,
    private readonly planner: PlanRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly disclosure: HouseholdDisclosure,
    private readonly proposalStore: ProposalStore,
  ) {}

  /** Abandons what this instance runs (pg-boss retries it elsewhere); with the queue's stop (JobQueue.onStop). */
  private readonly abandonRunning = () => this.running.abortAll(() => new RoundInterrupted('the instance running it stopped'));

  async onApplicationBootstrap(): Promise<void> {
    this.jobs.onStop(this.abandonRunning);
    await this.jobs.serve<RoundJob>(
      ROUND_QUEUE,
      ROUND_FAILED_QUEUE,
      this.config.roundWorkers,
      (job) => this.running.run(job.data.roundId, (controller) => this.process(job.data.roundId, job, controller)),
      (job) => this.markFailed(job),
    );
  }

  /** Stopping: abandon running rounds (their jobs are retried by pg-boss) and let their writes finish. */
  async onModuleDestroy(): Promise<void> {
    await this.abandonRunning();
  }

  async start(input: StartRoundInput, actor: Actor): Promise<AllocationRoundEntity> {
    const request = validateRequest(input);
    const allocationDate = this.clock.today();
    return this.dataSource.transaction(async (m) => {
      const vacancies = await this.roundVacancies(m, request);
      await this.disclosure.assertAssigned(
        m,
        actor,
        vacancies.map((v) => v.id),
        'startAllocationRound',
      );
      const vacancyIds = vacancies.map((v) => v.id);
      const seed = request.seed ?? seedForVacancy(`round:${allocationDate}:${vacancies.map((v) => v.reference).join(',')}`);
      const round = await m.save(
        AllocationRoundEntity,
        m.create(AllocationRoundEntity, {
          status: 'QUEUED',
          request,
          vacancyIds,
          allocationDate,
          seed,
          timeLimitMs: request.timeLimitSeconds * 1000,
          jobId: null,
          attempts: 0,
          progress: { stage: 'QUEUED', percent: 0, message: `Waiting for a worker: ${countOf(vacancyIds.length, 'vacancy', 'vacancies')}` },
          solverReport: null,
          plan: null,
          skipped: [],
          error: null,
          worker: null,
          compositionPolicyId: null,
          parameterYear: null,
          startedAt: null,
          finishedAt: null,
          requestedBy: actor.subject,
        }),
      );
      // in the same transaction: the round and its job exist together or not at all
      round.jobId = await this.jobs.sendInTransaction(m, ROUND_QUEUE, { roundId: round.id } satisfies RoundJob);
      await m.update(AllocationRoundEntity, { id: round.id }, { jobId: round.jobId });
      await this.audit.append(
        m,
        actor,
        'ROUND_STARTED',
        { roundId: round.id },
        { request, vacancyIds, allocationDate, seed, timeLimitMs: round.timeLimitMs, jobId: round.jobId },
      );
      return round;
    });
  }

  async get(roundId: string): Promise<AllocationRoundEntity> {
    const round = await this.dataSource.manager.findOneBy(AllocationRoundEntity, { id: parseId(roundId, 'id') });
    if (!round) throw DomainError.notFound('AllocationRound', roundId);
    return round;
  }

  async list(limit: number): Promise<AllocationRoundEntity[]> {
    return this.dataSource.manager.find(AllocationRoundEntity, { order: { id: 'DESC' }, take: limit });
  }

  async proposals(roundId: number): Promise<ProposalEntity[]> {
    return this.dataSource.manager.find(ProposalEntity, { where: { roundId }, order: { vacancyId: 'ASC', id: 'ASC' } });
  }

  /** Cancels a queued or running round; a running solve is stopped by the instance running it. */
  async cancel(roundId: string, actor: Actor): Promise<AllocationRoundEntity> {
    const id = parseId(roundId, 'id');
    const round = await this.dataSource.transaction(async (m) => {
      const r = await m.findOne(AllocationRoundEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw DomainError.notFound('AllocationRound', roundId);
      if (r.status !== 'QUEUED' && r.status !== 'RUNNING') {
        throw new DomainError(ErrorCode.CONFLICT, `Round ${id} is ${r.status}; only QUEUED or RUNNING rounds can be cancelled`);
      }
      r.status = 'CANCELLED';
      r.finishedAt = this.clock.now();
      const stage = r.progress.stage;
      r.progress = { ...r.progress, message: `Cancelled at stage ${stage}` };
      const saved = await m.save(AllocationRoundEntity, r);
      await this.audit.append(m, actor, 'ROUND_CANCELLED', { roundId: r.id }, { stage, attempts: r.attempts });
      return saved;
    });
    if (round.jobId) await this.jobs.cancel(ROUND_QUEUE, round.jobId);
    this.running.abort(id, new RoundCancelled('cancelled'));
    return round;
  }

  /** The vacancies a round plans: those named (all must exist and be OPEN or PROPOSED), or all such ones. */
  private async roundVacancies(m: EntityManager, request: RoundRequest): Promise<VacancyEntity[]> {
    const qb = m.createQueryBuilder(VacancyEntity, 'v');
    if (request.municipalityCode) {
      qb.innerJoin('dwelling', 'd', 'd.id = v.dwelling_id')
        .innerJoin('complex', 'c', 'c.id = d.complex_id')
        .innerJoin('neighbourhood', 'n', 'n.id = c.neighbourhood_id')
        .andWhere('n.municipality_code = :mc', { mc: request.municipalityCode });
    }
    if (request.vacancyIds) qb.andWhere('v.id IN (:...ids)', { ids: request.vacancyIds });
    else
      qb.andWhere('v.status IN (:...statuses)', { statuses: [...PLANNABLE_STATUSES] }).andWhere(
        // advertised ones wait for their candidate list (allocation-input.loader.ts, AWAITING_LIST_STATES)
        'NOT EXISTS (SELECT 1 FROM vacancy_publication p WHERE p.vacancy_id = v.id AND p.state IN (:...awaiting))',
        { awaiting: [...AWAITING_LIST_STATES] },
      );
    const vacancies = await qb.orderBy('v.id', 'ASC').getMany();
    const waiting = request.vacancyIds
      ? await awaitingList(
          m,
          vacancies.map((v) => v.id),
        )
      : new Map<number, string>();
    if (request.vacancyIds) {
      const found = new Set(vacancies.map((v) => v.id));
      const problems = [
        ...request.vacancyIds
          .filter((id) => !found.has(id))
          .map((id) => ({
            field: 'vacancyIds',
            reason: request.municipalityCode ? `vacancy ${id} does not exist in municipality ${request.municipalityCode}` : `vacancy ${id} does not exist`,
          })),
        ...vacancies
          .filter((v) => !isPlannable(v))
          .map((v) => ({ field: 'vacancyIds', reason: `vacancy ${v.reference} is ${v.status}; a round plans OPEN or PROPOSED vacancies` })),
        ...vacancies
          .filter((v) => isPlannable(v) && waiting.has(v.id))
          .map((v) => ({ field: 'vacancyIds', reason: awaitingListReason(v.reference, waiting.get(v.id)!).replace(/^Vacancy/, 'vacancy') })),
      ];
      if (problems.length > 0) throw DomainError.invalid(problems);
    }
    if (vacancies.length === 0) {
      throw DomainError.invalid([
        { field: request.municipalityCode ? 'municipalityCode' : 'vacancyIds', reason: 'there are no OPEN or PROPOSED vacancies to plan' },
      ]);
    }
    if (vacancies.length > MAX_ROUND_VACANCIES) {
      throw DomainError.invalid([
        { field: 'vacancyIds', reason: `a round plans at most ${MAX_ROUND_VACANCIES} vacancies (got ${vacancies.length}); split it` },
      ]);
    }
    return vacancies;
  }

  private async process(roundId: number, job: PgBoss.JobWithMetadata<RoundJob>, controller: AbortController): Promise<object> {
    const claimed = await this.dataSource.transaction(async (m) => {
      const round = await m.findOne(AllocationRoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round || (round.status !== 'QUEUED' && round.status !== 'RUNNING')) return null;
      round.status = 'RUNNING';
      round.attempts += 1;
      round.startedAt = this.clock.now();
      round.worker = this.instance;
      round.progress = {
        stage: 'LOADING',
        percent: 10,
        message: `Attempt ${round.attempts}: judging the respondents of ${countOf(round.vacancyIds.length, 'vacancy', 'vacancies')}`,
      };
      return m.save(AllocationRoundEntity, round);
    });
    if (!claimed) return { skipped: `round ${roundId} is gone or already finished` };
    const attempt = claimed.attempts;
    const watcher = setInterval(() => {
      void this.dataSource.manager.findOneBy(AllocationRoundEntity, { id: roundId }).then(
        (r) => {
          if (!r || r.status === 'CANCELLED') controller.abort(new RoundCancelled('cancelled'));
          else if (r.attempts !== attempt) controller.abort(new RoundInterrupted('a newer attempt took the round over'));
        },
        () => undefined,
      );
    }, CANCEL_CHECK_MS);
    try {
      const { loaded, skipped } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
        const vacancies = await m.find(VacancyEntity, { where: { id: In(claimed.vacancyIds) }, order: { id: 'ASC' } });
        const plannable = vacancies.filter(isPlannable);
        const skippedNow: SkippedVacancy[] = vacancies
          .filter((v) => !isPlannable(v))
          .map((v) => ({ vacancyId: v.id, reason: `${v.reference} was ${v.status} when the round ran` }));
        if (plannable.length === 0) throw new Error("none of the round's vacancies is still OPEN or PROPOSED");
        const input = await this.loader.load(m, { focus: plannable, lookAhead: [], onDate: claimed.allocationDate, seed: claimed.seed, withQuotaRows: true });
        return { loaded: input, skipped: skippedNow };
      });
      throwIfAborted(controller.signal);
      const pairs = loaded.input.vacancies.reduce((n, v) => n + v.candidates.length, 0);
      await this.setProgress(roundId, attempt, {
        stage: 'SOLVING',
        percent: 40,
        message: `Solving ${countOf(loaded.input.vacancies.length, 'vacancy', 'vacancies')} x ${countOf(loaded.input.households.length, 'eligible household', 'eligible households')} (${countOf(pairs, 'pair', 'pairs')}), time limit ${claimed.timeLimitMs / 1000} s`,
      });
      // every option, as the basis records it for the replay
      const solveOptions = effectiveSolveOptions({ timeLimitMs: claimed.timeLimitMs });
      const { plan, planNl, timings } = await this.planner.plan(loaded.input, solveOptions, controller.signal);
      throwIfAborted(controller.signal);
      await this.setProgress(roundId, attempt, { stage: 'STORING', percent: 90, message: `Storing ${plan.proposals.length} proposals` });
      const report = solverReport(plan, timings, loaded.input.households.length, pairs);
      const stored = await this.dataSource.transaction(async (m) => {
        const round = await m.findOne(AllocationRoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
        if (!round || round.status !== 'RUNNING' || round.attempts !== attempt) return false;
        const storedSkips = await this.storeProposals(m, round, plan, planNl, loaded);
        Object.assign(round, {
          status: 'COMPLETED',
          plan: toStoredPlan(plan),
          solverReport: report,
          skipped: [...skipped, ...storedSkips],
          compositionPolicyId: loaded.compositionPolicyId,
          parameterYear: loaded.parameterYear,
          finishedAt: this.clock.now(),
          progress: { stage: 'DONE', percent: 100, message: roundSummary(plan, report) },
          error: null,
        });
        await m.save(AllocationRoundEntity, round);
        const inputHash = await this.audit.storeSnapshot(m, loaded.input);
        await this.audit.append(
          m,
          SYSTEM_ACTOR,
          'ROUND_COMPLETED',
          { roundId: round.id },
          {
            requestedBy: round.requestedBy,
            worker: this.instance,
            attempt,
            basis: allocationBasis(loaded, solveOptions, inputHash),
            planHash: planHash(plan),
            solver: { name: plan.solverName, version: plan.solverVersion, status: plan.status, source: plan.source, gap: plan.gap, model: plan.model },
            skipped: round.skipped,
          },
        );
        return true;
      });
      return stored ? { status: plan.status, proposals: plan.proposals.length } : { discarded: 'the round was cancelled or taken over meanwhile' };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof RoundCancelled) return { cancelled: true };
      if (reason instanceof RoundInterrupted || this.jobs.isStopping) {
        // handed back: pg-boss retries the job (on this or another instance)
        await this.setStatusIfOwner(roundId, attempt, 'QUEUED', null, {
          stage: 'QUEUED',
          percent: 0,
          message: `Attempt ${attempt} interrupted (${(reason as Error).message}); queued again`,
        });
        throw reason;
      }
      const message = (error as Error).message;
      const lastAttempt = job.retryCount >= job.retryLimit;
      await this.setStatusIfOwner(roundId, attempt, lastAttempt ? 'FAILED' : 'QUEUED', lastAttempt ? `Attempt ${attempt} failed: ${message}` : null, {
        stage: lastAttempt ? 'DONE' : 'QUEUED',
        percent: lastAttempt ? 100 : 0,
        message: lastAttempt ? `Failed after ${attempt} attempt(s): ${message}` : `Attempt ${attempt} failed (${message}); retrying`,
      });
      this.logger.warn(`round ${roundId} attempt ${attempt} failed: ${message}`);
      throw error;
    } finally {
      clearInterval(watcher);
    }
  }

  /** One proposal per still-plannable vacancy of the round (earlier open proposals are superseded). */
  private async storeProposals(
    m: EntityManager,
    round: AllocationRoundEntity,
    plan: AllocationPlan,
    planNl: AllocationPlan,
    loaded: LoadedInput,
  ): Promise<SkippedVacancy[]> {
    const { localPolicyIdByVacancy, compositionPolicyId, parameterYear } = loaded;
    const ids = plan.proposals.map((p) => p.vacancyId);
    const vacancies = new Map(
      (await m.find(VacancyEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })).map((v) => [v.id, v]),
    );
    const skipped: SkippedVacancy[] = [];
    const advertised = await awaitingList(m, ids);
    for (const p of plan.proposals) {
      const vacancy = vacancies.get(p.vacancyId)!;
      if (!isPlannable(vacancy)) {
        skipped.push({ vacancyId: vacancy.id, reason: `${vacancy.reference} became ${vacancy.status} while the round ran; its proposal was not stored` });
        continue;
      }
      if (advertised.has(vacancy.id)) {
        skipped.push({ vacancyId: vacancy.id, reason: `${vacancy.reference} was advertised while the round ran; it is proposed from its candidate list` });
        continue;
      }
      await this.proposalStore.store(m, {
        vacancy,
        plan: planForVacancy(plan, vacancy.id),
        planNl: planForVacancy(planNl, vacancy.id),
        allocationDate: round.allocationDate,
        seed: round.seed,
        compositionPolicyId,
        localPolicyId: localPolicyIdByVacancy.get(vacancy.id)!,
        parameterYear,
        roundId: round.id,
        requestedBy: round.requestedBy,
        actor: SYSTEM_ACTOR,
        // the basis (input, versions, hashes) is the round's: ROUND_COMPLETED, written next
        basis: null,
      });
    }
    return skipped;
  }

  /** Dead letter: the round's last attempt failed (an error, or its instance stopped answering). */
  private async markFailed(job: PgBoss.JobWithMetadata<RoundJob>): Promise<object> {
    const output = job.output as { value?: { message?: string }; message?: string } | null;
    const why = output?.value?.message ?? output?.message ?? 'its last attempt failed';
    await this.dataSource.transaction(async (m) => {
      const round = await m.findOne(AllocationRoundEntity, { where: { id: job.data.roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round || (round.status !== 'QUEUED' && round.status !== 'RUNNING')) return;
      const text =
        why === 'job failed by timeout in active state'
          ? `no answer from the instance running attempt ${round.attempts} within ${this.config.jobs.expireSeconds} s (it stopped or crashed), and no retries are left`
          : why;
      Object.assign(round, {
        status: 'FAILED',
        error: text,
        finishedAt: this.clock.now(),
        progress: { stage: 'DONE', percent: 100, message: `Failed after ${round.attempts} attempt(s): ${text}` },
      });
      await m.save(AllocationRoundEntity, round);
      await this.audit.append(m, SYSTEM_ACTOR, 'ROUND_FAILED', { roundId: round.id }, { attempts: round.attempts, error: text });
    });
    return { roundId: job.data.roundId };
  }

  private async setProgress(roundId: number, attempt: number, progress: RoundProgress): Promise<void> {
    await this.dataSource.manager.update(AllocationRoundEntity, { id: roundId, attempts: attempt, status: 'RUNNING' }, { progress });
  }

  private async setStatusIfOwner(roundId: number, attempt: number, status: 'QUEUED' | 'FAILED', error: string | null, progress: RoundProgress): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const result = await m.update(
        AllocationRoundEntity,
        { id: roundId, attempts: attempt, status: 'RUNNING' },
        { status, progress, ...(error ? { error, finishedAt: this.clock.now() } : {}) },
      );
      if (status === 'FAILED' && result.affected) await this.audit.append(m, SYSTEM_ACTOR, 'ROUND_FAILED', { roundId }, { attempts: attempt, error });
    });
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

function validateRequest(input: StartRoundInput): RoundRequest {
  const problems: { field: string; reason: string }[] = [];
  let vacancyIds: number[] | null = null;
  if (input.vacancyIds != null) {
    if (input.vacancyIds.length === 0) problems.push({ field: 'vacancyIds', reason: 'must name at least one vacancy, or be left out for all open vacancies' });
    else if (input.vacancyIds.length > MAX_ROUND_VACANCIES)
      problems.push({ field: 'vacancyIds', reason: `at most ${MAX_ROUND_VACANCIES} vacancies per round` });
    else {
      const parsed = input.vacancyIds.map((id) => {
        try {
          return parseId(id, 'vacancyIds');
        } catch {
          return null;
        }
      });
      const bad = input.vacancyIds.filter((_, i) => parsed[i] === null);
      if (bad.length) problems.push({ field: 'vacancyIds', reason: `not vacancy ids: ${bad.slice(0, 5).join(', ')}` });
      const ids = parsed.filter((id): id is number => id !== null);
      if (new Set(ids).size !== ids.length) problems.push({ field: 'vacancyIds', reason: 'names a vacancy more than once' });
      vacancyIds = [...new Set(ids)].sort((a, b) => a - b);
    }
  }
  const municipalityCode = input.municipalityCode ?? null;
  if (municipalityCode !== null && !MUNICIPALITY_CODE.test(municipalityCode))
    problems.push({ field: 'municipalityCode', reason: 'must be GM followed by 4 digits' });
  const timeLimitSeconds = input.timeLimitSeconds ?? DEFAULT_ROUND_TIME_LIMIT_SECONDS;
  if (!Number.isInteger(timeLimitSeconds) || timeLimitSeconds < 1 || timeLimitSeconds > MAX_ROUND_TIME_LIMIT_SECONDS) {
    problems.push({ field: 'timeLimitSeconds', reason: `must be a whole number of seconds from 1 to ${MAX_ROUND_TIME_LIMIT_SECONDS}` });
  }
  const seed = input.seed ?? null;
  if (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff))
    problems.push({ field: 'seed', reason: 'must be a whole number from 0 to 4294967295' });
  if (problems.length) throw DomainError.invalid(problems);
  return { vacancyIds, municipalityCode, timeLimitSeconds, seed };
}

function solverReport(plan: AllocationPlan, timings: { totalMs: number; solverMs: number | null }, households: number, pairs: number): RoundSolverReport {
  return {
    status: plan.status,
    source: plan.source,
    solverName: plan.solverName,
    solverVersion: plan.solverVersion,
    objective: plan.objective,
    bound: plan.bound,
    gap: plan.gap,
    optimalityScope: plan.optimalityScope,
    columns: plan.model?.cols ?? null,
    rows: plan.model?.rows ?? null,
    keptPairs: plan.model?.keptPairs ?? null,
    prunedPairs: plan.model?.prunedPairs ?? null,
    message: plan.message,
    totalMs: Math.round(timings.totalMs),
    solverMs: timings.solverMs === null ? null : Math.round(timings.solverMs),
    households,
    pairs,
  };
}

/** One sentence for the round: what was planned, how well it is proven, what the mix and quotas did. */
export function roundSummary(plan: AllocationPlan, report: RoundSolverReport): string {
  const filled = plan.proposals.filter((p) => p.chosen).length;
  const passedOver = plan.proposals.filter((p) => p.plainOrderPassedOver).length;
  const proof =
    plan.status === 'OPTIMAL'
      ? `optimal${plan.gap !== null ? ` (proven gap ${(plan.gap * 100).toFixed(4)}%)` : ''}`
      : `${plan.status}${plan.gap !== null ? `, proven gap ${(plan.gap * 100).toFixed(4)}%` : ''}`;
  const violated = plan.objectiveParts
    ? `; ${plan.objectiveParts.violatedTargets} composition target(s) still exceeded, ${plan.objectiveParts.violatedQuotas} quota(s) below norm`
    : '';
  return `${filled} of ${plan.proposals.length} vacancies get a proposal (${passedOver} pass over the plain-order candidate), ${proof} by ${report.solverName ?? 'direct scoring'} in ${report.totalMs} ms${violated}.`;
}
