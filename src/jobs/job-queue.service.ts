import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { databaseUnavailable } from '../database/connection-loss.js';

/** The pg-boss schema (pg-boss creates and migrates it itself, on PGlite as on PostgreSQL). */
export const JOB_SCHEMA = 'pgboss';

interface PoolLike {
  connect(cb: (err: Error | null, client?: { query(text: string, values?: unknown[]): Promise<unknown> }, release?: (err?: unknown) => void) => void): void;
}

/**
 * pg-boss on the data source's own connection pool (pg, or the PGlite driver with its session
 * mutex), below TypeORM's logger: background polling does not show in per-request query counts.
 */
function poolDb(dataSource: DataSource): PgBoss.Db {
  const pool = (dataSource.driver as unknown as { master: PoolLike }).master;
  return {
    executeSql: (text, values) =>
      new Promise((resolve, reject) => {
        pool.connect((err, client, release) => {
          if (err || !client || !release) return reject(err ?? new Error('no database connection'));
          client.query(text, values ?? []).then(
            (res) => {
              release();
              // a multi-statement text (pg-boss maintenance) gives one result per statement
              resolve((Array.isArray(res) ? res.at(-1) : res) as { rows: unknown[] });
            },
            (error: unknown) => {
              release(error);
              reject(error as Error);
            },
          );
        });
      }),
  };
}

/** Longest pause between attempts while the database is unreachable (doubling from 100 ms). */
const UNAVAILABLE_MAX_PAUSE_MS = 1000;

/**
 * pg-boss's own statements (workers polling, completing and failing jobs, maintenance) wait out an
 * outage of the database instead of failing: pg-boss completes or fails a job without awaiting it,
 * so a job that finished while the server was down made the rejection unhandled and the process
 * exit (test/faults/pg-restart.pg-spec.ts). They retry until the database answers, or the queue
 * stops; any other error goes through at once.
 */
function patientDb(db: PgBoss.Db, keepWaiting: () => boolean, outage: { begins(error: unknown): void; ends(): void }): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const result = await db.executeSql(text, values);
          if (attempt > 0) outage.ends();
          return result;
        } catch (error) {
          if (!databaseUnavailable(error) || !keepWaiting()) throw error;
          outage.begins(error);
          await new Promise((r) => setTimeout(r, Math.min(UNAVAILABLE_MAX_PAUSE_MS, 100 * 2 ** attempt)));
        }
      }
    },
  };
}

/**
 * pg-boss's statements in flight, so stopping can wait for them: pg-boss fails or completes a job
 * without awaiting it, and such a statement must reach the database before the data source closes.
 */
function tracked(db: PgBoss.Db, inFlight: Set<Promise<unknown>>): PgBoss.Db {
  return {
    executeSql: (text, values) => {
      const running = db.executeSql(text, values);
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return running;
    },
  };
}

/** Longest wait, when stopping, for pg-boss's statements in flight. */
const DRAIN_TIMEOUT_MS = 5000;

/** A job sent inside a caller's transaction: it exists exactly when the transaction commits. */
function transactionDb(m: EntityManager): PgBoss.Db {
  const runner = m.queryRunner;
  if (!runner) throw new Error('transactionDb needs the EntityManager of an open transaction');
  return { executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records ?? [] }) };
}

export interface QueueDefinition {
  name: string;
  retryLimit: number;
  expireInSeconds: number;
  /** Where a job goes after its last failed attempt (its worker marks the work failed, with the reason). */
  deadLetter?: string;
}

/**
 * The job queue (pg-boss) in the service's own PostgreSQL: jobs survive restarts, and every instance
 * on the database takes work from it (FOR UPDATE SKIP LOCKED), so instances stay stateless.
 */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopping = false;
  private readonly abandonOnStop: (() => Promise<void>)[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Since when pg-boss's statements have been waiting for the database (null: it answers). */
  private waitingSince: number | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Starts pg-boss once (creating its schema when missing) and defines the queues. */
  async ready(queues: readonly QueueDefinition[] = []): Promise<PgBoss> {
    this.starting ??= (async () => {
      const boss = new PgBoss({
        db: tracked(
          patientDb(poolDb(this.dataSource), () => !this.stopping, {
            begins: (error) => {
              if (this.waitingSince !== null) return;
              this.waitingSince = Date.now();
              this.logger.warn(`job queue: database unavailable (${error instanceof Error ? error.message : String(error)}); background jobs wait for it`);
            },
            ends: () => {
              if (this.waitingSince === null) return;
              this.logger.warn(`job queue: database back after ${Math.round((Date.now() - this.waitingSince) / 1000)} s; background jobs go on`);
              this.waitingSince = null;
            },
          }),
          this.inFlight,
        ),
        schema: JOB_SCHEMA,
        supervise: true,
        maintenanceIntervalSeconds: this.config.jobs.maintenanceSeconds,
        monitorStateIntervalSeconds: 600,
        schedule: false,
      });
      boss.on('error', (error) => {
        if (!this.stopping) this.logger.error(`job queue: ${error.message}`);
      });
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    const boss = await this.starting;
    for (const q of queues) {
      const options = { name: q.name, retryLimit: q.retryLimit, expireInSeconds: q.expireInSeconds, ...(q.deadLetter ? { deadLetter: q.deadLetter } : {}) };
      if (await boss.getQueue(q.name)) await boss.updateQueue(q.name, options);
      else await boss.createQueue(q.name, options);
    }
    return boss;
  }

  /**
   * A work queue with its dead-letter queue (retries and expiry from configuration), and, unless
   * this instance serves the API only (ROUND_WORKERS=0), `workers` workers on it and one on the
   * dead letters.
   */
  async serve<T extends object>(
    queue: string,
    deadLetter: string,
    workers: number,
    handle: (job: PgBoss.JobWithMetadata<T>) => Promise<object>,
    handleDead: (job: PgBoss.JobWithMetadata<T>) => Promise<object>,
  ): Promise<void> {
    const boss = await this.ready([
      { name: deadLetter, retryLimit: 2, expireInSeconds: 60 },
      { name: queue, retryLimit: this.config.jobs.retryLimit, expireInSeconds: this.config.jobs.expireSeconds, deadLetter },
    ]);
    if (workers === 0) return;
    const options = { batchSize: 1, pollingIntervalSeconds: this.config.jobs.pollSeconds, includeMetadata: true as const };
    for (let i = 0; i < workers; i += 1) await boss.work<T>(queue, options, ([job]) => handle(job));
    await boss.work<T>(deadLetter, options, ([job]) => handleDead(job));
  }

  /** Sends a job inside the caller's transaction and returns its id. */
  async sendInTransaction(m: EntityManager, queue: string, data: object): Promise<string> {
    const boss = await this.ready();
    const id = await boss.send(queue, data, { db: transactionDb(m) });
    if (!id) throw new Error(`The job queue refused a job for ${queue}`);
    return id;
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    const boss = await this.ready();
    // on behalf of a request: fail at once while the database is unreachable (SERVICE_UNAVAILABLE), do not wait
    await boss.cancel(queue, jobId, { db: poolDb(this.dataSource) });
  }

  /**
   * Work to abandon when this instance stops (a feature's running rounds or simulations): it is
   * aborted together with stopping the queue, whatever order Nest destroys the modules in, so the
   * handlers' writes (a round handed back as QUEUED) land while the database is still open.
   */
  onStop(abandon: () => Promise<void>): void {
    this.abandonOnStop.push(abandon);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    // not graceful: a round still running is abandoned by its handler (see RoundsService) and retried
    await Promise.all([boss?.stop({ graceful: false, wait: true, close: false }), ...this.abandonOnStop.map((abandon) => abandon())]);
  }

  /** After every module stopped, before the data source closes: pg-boss's last statements land. */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    // a job handler that just settled starts its fail or complete statement on a later tick
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, deadline - Date.now()))]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
