import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ChainBreak } from '../engine/audit/hash-chain.js';

/** The head of the log as it was seen at a moment, signed with a key the database does not hold. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

const FILE = 'checkpoints.jsonl';

/**
 * Tamper evidence against whoever can write the database: a plain hash chain can be recomputed after
 * a rewrite, and its tail cut off, without a trace inside the database. So the head (sequence number
 * and hash) is written, HMAC-signed under a key derived from the service secret, to a file outside
 * the database, every AUDIT_CHECKPOINT_SECONDS and on demand; verifyAuditChain checks the log against
 * every checkpoint. What happened after the last checkpoint is protected by the chain alone.
 */
@Injectable()
export class AuditCheckpoints implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.auditCheckpoints.intervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.write().catch((e: unknown) => this.logger.warn(`audit checkpoint not written: ${(e as Error).message}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing.catch(() => undefined);
  }

  private mac(seq: number, hash: string, at: string): string {
    const key = createHmac('sha256', this.config.auth.secret).update('woonmix-audit-checkpoint').digest();
    return createHmac('sha256', key).update(`${seq}:${hash}:${at}`).digest('hex');
  }

  /** Writes the current head as a checkpoint (unless the last one already holds it) and returns it; null on an empty log. */
  write(): Promise<AuditCheckpoint | null> {
    const run = this.writing
      .catch(() => undefined)
      .then(async () => {
        const [head]: { seq: string; hash: string }[] = await this.dataSource.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
        if (!head) return null;
        const last = (await this.read()).at(-1);
        if (last && last.seq === Number(head.seq) && last.hash === head.hash) return last;
        const at = this.clock.now().toISOString();
        const checkpoint: AuditCheckpoint = { seq: Number(head.seq), hash: head.hash, at, mac: this.mac(Number(head.seq), head.hash, at) };
        await mkdir(this.config.auditCheckpoints.dir, { recursive: true });
        await appendFile(join(this.config.auditCheckpoints.dir, FILE), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
        return checkpoint;
      });
    this.writing = run;
    return run;
  }

  /** The checkpoints written so far (none when the file does not exist yet). */
  async read(): Promise<AuditCheckpoint[]> {
    let text: string;
    try {
      text = await readFile(join(this.config.auditCheckpoints.dir, FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as AuditCheckpoint);
  }

  /**
   * The first way the log disagrees with a checkpoint: a checkpoint whose signature fails (the file
   * was edited), a checkpointed event that is gone (the tail was cut) or whose hash changed (the log
   * was rewritten and its chain recomputed). `hashAt` reads an event's hash from the database.
   */
  async firstDisagreement(
    lastSeq: number,
    hashAt: (seqs: number[]) => Promise<Map<number, string>>,
  ): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
    const checkpoints = await this.read();
    const hashes = await hashAt([...new Set(checkpoints.map((c) => c.seq))].filter((seq) => seq <= lastSeq));
    for (const [i, c] of checkpoints.entries()) {
      const expected = Buffer.from(this.mac(c.seq, c.hash, c.at), 'hex');
      const given = Buffer.from(String(c.mac), 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return {
          checked: i,
          firstBreak: { seq: c.seq, reason: `checkpoint ${i + 1} (event ${c.seq}, ${c.at}) does not carry a valid signature: the checkpoint file was altered` },
        };
      }
      if (c.seq > lastSeq) {
        return {
          checked: i,
          firstBreak: {
            seq: lastSeq + 1,
            reason: `the log ends at event ${lastSeq}, but the checkpoint of ${c.at} saw event ${c.seq}: events were removed from its tail`,
          },
        };
      }
      if (hashes.get(c.seq) !== c.hash) {
        return {
          checked: i,
          firstBreak: { seq: c.seq, reason: `event ${c.seq} does not have the hash the checkpoint of ${c.at} recorded: the log was rewritten up to there` },
        };
      }
    }
    return { checked: checkpoints.length, firstBreak: null };
  }
}
