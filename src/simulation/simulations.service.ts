import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { toCsv } from '../common/csv.js';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type Actor } from '../auth/roles.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { parseId } from '../common/ids.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { canonicalJson, sha256Hex } from '../engine/audit/hash-chain.js';
import { HOUSEHOLD_TYPES } from '../engine/common/household-profile.js';
import { COMPOSITION_CATEGORIES, COMPOSITION_DIMENSIONS, CompositionDimension } from '../engine/composition/compute-composition.js';
import { MAX_SIMULATION_COMPLEXES, MAX_SIMULATION_RUNS, MAX_SIMULATION_YEARS } from '../engine/simulation/defaults.js';
import { SimulationSummary, seriesRows, summarise } from '../engine/simulation/summarise.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import { RunningJobs } from '../jobs/running-jobs.js';
import { InputSources, SimulationInputBuilder, SimulationRequest } from './simulation-input.builder.js';
import { SimulationEntity } from './simulation.entity.js';
import { SimulationRunner } from './simulation-runner.service.js';

export const SIMULATION_QUEUE = 'simulation';
export const SIMULATION_FAILED_QUEUE = 'simulation-failed';
const CANCEL_CHECK_MS = 500;
/** Chart links are signed (the browser cannot send a bearer token) and expire. */
const CHART_LINK_SECONDS = 3600;

export interface StartSimulationInput {
  complexIds: string[];
  compositionPolicyIds?: string[] | null;
  horizonYears: number;
  runs: number;
  seed?: number | null;
  turnover?: { householdType: string; rate: number }[] | null;
  respondentsPerVacancy?: number | null;
  applicantMix?: { dimension: string; shares: { category: string; share: number }[] } | null;
  acceptance?: { dimension: string; rates: { category: string; rate: number }[] } | null;
}

export interface ComplexResult {
  complexId: number;
  complexCode: string;
  summary: SimulationSummary;
  sources: InputSources;
  inputHash: string;
}

class Cancelled extends Error {}

/**
 * Simulations as persisted jobs on the rounds' queue (pg-boss): a restart loses none, every
 * instance takes them, the runs spread over all cores (piscina), progress is reported, and a cancel
 * stops the threads. Results are stored with the simulation and logged with their inputs.
 */
@Injectable()
export class SimulationsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Simulations');
  private readonly running = new RunningJobs();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly builder: SimulationInputBuilder,
    private readonly runner: SimulationRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Abandons what this instance runs (pg-boss retries it elsewhere); with the queue's stop (JobQueue.onStop). */
  private readonly abandonRunning = () => this.running.abortAll(() => new Error('the instance running it stopped'));

  async onApplicationBootstrap(): Promise<void> {
    this.jobs.onStop(this.abandonRunning);
    // one simulation at a time per instance: a simulation already uses every core
    await this.jobs.serve<{ simulationId: number }>(
      SIMULATION_QUEUE,
      SIMULATION_FAILED_QUEUE,
      Math.min(1, this.config.roundWorkers),
      (job) => this.running.run(job.data.simulationId, (controller) => this.process(job.data.simulationId, job, controller)),
      (job) => this.markFailed(job.data.simulationId, (job.output as { value?: { message?: string } } | null)?.value?.message ?? 'its last attempt failed'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.abandonRunning();
  }

  async start(input: StartSimulationInput, actor: Actor): Promise<SimulationEntity> {
    const request = validate(input);
    return this.dataSource.transaction(async (m) => {
      const known: { id: number }[] = await m.query('SELECT id FROM complex WHERE id = ANY($1)', [request.complexIds]);
      const unknown = request.complexIds.filter((id) => !known.some((k) => Number(k.id) === id));
      if (unknown.length) throw DomainError.invalid([{ field: 'complexIds', reason: `unknown complex(es): ${unknown.join(', ')}` }]);
      const sim = await m.save(
        SimulationEntity,
        m.create(SimulationEntity, {
          status: 'QUEUED',
          request: { ...request, startDate: this.clock.today() },
          jobId: null,
          attempts: 0,
          progress: { stage: 'QUEUED', percent: 0, message: 'Waiting for a worker' },
          result: null,
          error: null,
          worker: null,
          requestedBy: actor.subject,
          startedAt: null,
          finishedAt: null,
        }),
      );
      sim.jobId = await this.jobs.sendInTransaction(m, SIMULATION_QUEUE, { simulationId: sim.id });
      await m.update(SimulationEntity, { id: sim.id }, { jobId: sim.jobId });
      await this.audit.append(m, actor, 'SIMULATION_STARTED', { simulationId: sim.id }, { request: sim.request });
      return sim;
    });
  }

  async get(id: string): Promise<SimulationEntity> {
    const sim = await this.dataSource.manager.findOneBy(SimulationEntity, { id: parseId(id, 'id') });
    if (!sim) throw DomainError.notFound('Simulation', id);
    return sim;
  }

  async cancel(idArg: string, actor: Actor): Promise<SimulationEntity> {
    const id = parseId(idArg, 'id');
    const sim = await this.dataSource.transaction(async (m) => {
      const s = await m.findOne(SimulationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw DomainError.notFound('Simulation', idArg);
      if (s.status !== 'QUEUED' && s.status !== 'RUNNING')
        throw new DomainError(ErrorCode.CONFLICT, `Simulation ${id} is ${s.status}; only QUEUED or RUNNING simulations can be cancelled`);
      Object.assign(s, { status: 'CANCELLED', finishedAt: this.clock.now(), progress: { ...s.progress, message: `Cancelled at ${s.progress.percent}%` } });
      await m.save(SimulationEntity, s);
      await this.audit.append(m, actor, 'SIMULATION_CANCELLED', { simulationId: id }, { percent: s.progress.percent });
      return s;
    });
    if (sim.jobId) await this.jobs.cancel(SIMULATION_QUEUE, sim.jobId);
    this.running.abort(id, new Cancelled('cancelled'));
    return sim;
  }

  /** A signed, expiring link to a chart (served by SimulationChartsController). */
  chartUrl(simulationId: number, complexCode: string, seriesId: string): string {
    const path = `/simulations/${simulationId}/charts/${encodeURIComponent(complexCode)}/${encodeURIComponent(seriesId)}.svg`;
    const exp = Math.floor(this.clock.now().getTime() / 1000) + CHART_LINK_SECONDS;
    return `${path}?exp=${exp}&sig=${this.sign(`${path}:${exp}`)}`;
  }

  verifyChartLink(path: string, exp: string, sig: string): void {
    const expected = Buffer.from(this.sign(`${path}:${exp}`));
    const given = Buffer.from(String(sig));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Chart link signature is not valid');
    if (!/^\d+$/.test(exp) || Number(exp) * 1000 < this.clock.now().getTime())
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Chart link expired: ask simulation(id) for a fresh one');
  }

  private sign(text: string): string {
    return createHmac('sha256', this.config.auth.secret).update(`chart:${text}`).digest('hex').slice(0, 32);
  }

  static results(sim: SimulationEntity): ComplexResult[] {
    return (sim.result as { complexes?: ComplexResult[] } | null)?.complexes ?? [];
  }

  static csv(result: ComplexResult): string {
    return toCsv(seriesRows(result.summary));
  }

  private async process(id: number, job: PgBoss.JobWithMetadata<{ simulationId: number }>, controller: AbortController): Promise<object> {
    const claimed = await this.dataSource.transaction(async (m) => {
      const s = await m.findOne(SimulationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s || (s.status !== 'QUEUED' && s.status !== 'RUNNING')) return null;
      Object.assign(s, {
        status: 'RUNNING',
        attempts: s.attempts + 1,
        startedAt: this.clock.now(),
        progress: { stage: 'LOADING', percent: 2, message: 'Loading complexes, tenants and the waiting list' },
      });
      return m.save(SimulationEntity, s);
    });
    if (!claimed) return { skipped: true };
    const attempt = claimed.attempts;
    const request = claimed.request as unknown as SimulationRequest & { startDate: string };
    const watcher = setInterval(() => {
      void this.dataSource.manager.findOneBy(SimulationEntity, { id }).then(
        (s) => {
          if (!s || s.status === 'CANCELLED') controller.abort(new Cancelled('cancelled'));
        },
        () => undefined,
      );
    }, CANCEL_CHECK_MS);
    const setProgress = (percent: number, message: string) =>
      this.dataSource.manager.update(SimulationEntity, { id, attempts: attempt, status: 'RUNNING' }, { progress: { stage: 'RUNNING', percent, message } }).then(
        () => undefined,
        () => undefined,
      );
    try {
      const built = await this.dataSource.transaction('REPEATABLE READ', (m) =>
        Promise.all(request.complexIds.map((cid) => this.builder.build(m, request, cid, request.startDate))),
      );
      const results: ComplexResult[] = [];
      const totalRuns = request.runs * built.length;
      let runsDone = 0;
      for (const { input, sources } of built) {
        const before = runsDone;
        const outcomes = await this.runner.run(
          input,
          request.runs,
          (done) => {
            runsDone = before + done;
            void setProgress(Math.min(98, 5 + Math.floor((runsDone / totalRuns) * 93)), `${runsDone} of ${totalRuns} runs (${input.complex.reference})`);
          },
          controller.signal,
        );
        results.push({
          complexId: input.complex.id,
          complexCode: input.complex.reference,
          summary: summarise(input, outcomes),
          sources,
          inputHash: sha256Hex(canonicalJson(input)),
        });
      }
      if (controller.signal.aborted) throw controller.signal.reason;
      const stored = await this.dataSource.transaction(async (m) => {
        const s = await m.findOne(SimulationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!s || s.status !== 'RUNNING' || s.attempts !== attempt) return false;
        Object.assign(s, {
          status: 'COMPLETED',
          result: { complexes: results },
          finishedAt: this.clock.now(),
          progress: { stage: 'DONE', percent: 100, message: `${totalRuns} runs done` },
        });
        await m.save(SimulationEntity, s);
        const inputHashes = [];
        for (const b of built) inputHashes.push(await this.audit.storeSnapshot(m, b.input));
        await this.audit.append(
          m,
          SYSTEM_ACTOR,
          'SIMULATION_COMPLETED',
          { simulationId: id },
          {
            requestedBy: s.requestedBy,
            request,
            inputHashes,
            sources: built.map((b) => b.sources),
            resultHash: sha256Hex(canonicalJson(results)),
          },
        );
        return true;
      });
      return { stored };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof Cancelled) return { cancelled: true };
      const message = (reason as Error).message;
      const last = job.retryCount >= job.retryLimit || error instanceof DomainError;
      if (last) await this.markFailed(id, message, attempt);
      else
        await this.dataSource.manager.update(
          SimulationEntity,
          { id, attempts: attempt, status: 'RUNNING' },
          { status: 'QUEUED', progress: { stage: 'QUEUED', percent: 0, message: `Attempt ${attempt} failed (${message}); retrying` } },
        );
      this.logger.warn(`simulation ${id} attempt ${attempt} failed: ${message}`);
      if (error instanceof DomainError) return { failed: message }; // bad input: retrying cannot help
      throw error;
    } finally {
      clearInterval(watcher);
    }
  }

  private async markFailed(id: number, message: string, attempt?: number): Promise<object> {
    await this.dataSource.transaction(async (m) => {
      const s = await m.findOne(SimulationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s || (s.status !== 'QUEUED' && s.status !== 'RUNNING') || (attempt !== undefined && s.attempts !== attempt)) return;
      Object.assign(s, {
        status: 'FAILED',
        error: message,
        finishedAt: this.clock.now(),
        progress: { stage: 'DONE', percent: 100, message: `Failed: ${message}` },
      });
      await m.save(SimulationEntity, s);
      await this.audit.append(m, SYSTEM_ACTOR, 'SIMULATION_FAILED', { simulationId: id }, { error: message, attempts: s.attempts });
    });
    return { simulationId: id };
  }
}

function validate(input: StartSimulationInput): SimulationRequest {
  const problems: { field: string; reason: string }[] = [];
  const ids = (list: string[] | null | undefined, field: string) =>
    (list ?? []).flatMap((x) => {
      try {
        return [parseId(x, field)];
      } catch {
        problems.push({ field, reason: `not an id: ${x}` });
        return [];
      }
    });
  const complexIds = ids(input.complexIds, 'complexIds');
  if (input.complexIds.length === 0) problems.push({ field: 'complexIds', reason: 'name at least one complex' });
  if (input.complexIds.length > MAX_SIMULATION_COMPLEXES)
    problems.push({ field: 'complexIds', reason: `at most ${MAX_SIMULATION_COMPLEXES} complexes per simulation` });
  if (new Set(complexIds).size !== complexIds.length) problems.push({ field: 'complexIds', reason: 'names a complex more than once' });
  const compositionPolicyIds = ids(input.compositionPolicyIds, 'compositionPolicyIds');
  if (compositionPolicyIds.length > 2)
    problems.push({ field: 'compositionPolicyIds', reason: 'compare at most two policies (the plain order is always included)' });
  if (!Number.isInteger(input.horizonYears) || input.horizonYears < 1 || input.horizonYears > MAX_SIMULATION_YEARS)
    problems.push({ field: 'horizonYears', reason: `must be a whole number of years from 1 to ${MAX_SIMULATION_YEARS}` });
  if (!Number.isInteger(input.runs) || input.runs < 1 || input.runs > MAX_SIMULATION_RUNS)
    problems.push({ field: 'runs', reason: `must be a whole number from 1 to ${MAX_SIMULATION_RUNS}` });
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push({ field: 'seed', reason: 'must be a whole number from 0 to 4294967295' });
  const turnover = input.turnover ?? [];
  for (const t of turnover) {
    if (!(HOUSEHOLD_TYPES as readonly string[]).includes(t.householdType))
      problems.push({ field: 'turnover.householdType', reason: `must be one of ${HOUSEHOLD_TYPES.join(', ')} (got ${t.householdType})` });
    if (!(t.rate >= 0 && t.rate <= 1)) problems.push({ field: 'turnover.rate', reason: `must be an annual probability from 0 to 1 (got ${t.rate})` });
  }
  const r = input.respondentsPerVacancy ?? null;
  if (r !== null && (!Number.isInteger(r) || r < 1 || r > 500))
    problems.push({ field: 'respondentsPerVacancy', reason: 'must be a whole number from 1 to 500' });
  const applicantMix = categoryValues(
    input.applicantMix?.dimension,
    input.applicantMix?.shares.map((s) => ({ category: s.category, value: s.share })),
    'applicantMix',
    'shares',
    problems,
  );
  if (applicantMix) {
    const total = Object.values(applicantMix.values).reduce((sum, v) => sum + v, 0);
    if (Math.abs(total - 1) > 1e-6) problems.push({ field: 'applicantMix.shares', reason: `must add up to 1 (got ${Math.round(total * 1000) / 1000})` });
  }
  const acceptance = categoryValues(
    input.acceptance?.dimension,
    input.acceptance?.rates.map((r) => ({ category: r.category, value: r.rate })),
    'acceptance',
    'rates',
    problems,
  );
  if (acceptance && Object.values(acceptance.values).every((v) => v === 0))
    problems.push({ field: 'acceptance.rates', reason: 'at least one category must accept some offers' });
  if (problems.length) throw DomainError.invalid(problems);
  return {
    complexIds,
    compositionPolicyIds,
    horizonYears: input.horizonYears,
    runs: input.runs,
    seed,
    turnover,
    respondentsPerVacancy: r,
    applicantMix: applicantMix && { dimension: applicantMix.dimension, shares: applicantMix.values },
    acceptance: acceptance && { dimension: acceptance.dimension, rates: acceptance.values },
  };
}

/** Values (0 to 1) per category of one composition dimension: a known dimension, its categories, each once. */
function categoryValues(
  dimension: string | undefined,
  entries: { category: string; value: number }[] | undefined,
  field: string,
  listField: string,
  problems: { field: string; reason: string }[],
) {
  if (dimension === undefined || entries === undefined) return null;
  if (!COMPOSITION_DIMENSIONS.includes(dimension as CompositionDimension)) {
    problems.push({ field: `${field}.dimension`, reason: `must be one of ${COMPOSITION_DIMENSIONS.join(', ')}` });
    return null;
  }
  const categories: readonly string[] = COMPOSITION_CATEGORIES[dimension as CompositionDimension];
  const unknown = entries.filter((e) => !categories.includes(e.category)).map((e) => e.category);
  if (unknown.length) problems.push({ field: `${field}.${listField}`, reason: `${unknown.join(', ')} not in ${dimension} (${categories.join(', ')})` });
  if (new Set(entries.map((e) => e.category)).size !== entries.length)
    problems.push({ field: `${field}.${listField}`, reason: 'names a category more than once' });
  if (entries.some((e) => !(e.value >= 0 && e.value <= 1))) problems.push({ field: `${field}.${listField}`, reason: 'each must be from 0 to 1' });
  return { dimension: dimension as CompositionDimension, values: Object.fromEntries(entries.map((e) => [e.category, e.value])) };
}
