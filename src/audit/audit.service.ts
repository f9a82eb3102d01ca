import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../auth/roles.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { WALL_CLOCK, playedBackDate, type Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ChainBreak, GENESIS_HASH, StoredEvent, canonicalDigest, firstChainBreak, sealEvent, sha256Hex } from '../engine/audit/hash-chain.js';

/** What the log records (README, "Audit log"): every proposal, round, decision, offer response, policy or parameter change, import. */
export const AUDIT_EVENT_TYPES = [
  'PROPOSAL_MADE',
  'ROUND_STARTED',
  'ROUND_COMPLETED',
  'ROUND_FAILED',
  'ROUND_CANCELLED',
  'OFFER_DECIDED',
  'OFFER_APPROVED',
  'OFFER_APPROVAL_REFUSED',
  'OFFICER_ASSIGNED',
  'OFFICER_ASSIGNMENT_ENDED',
  'OVERRIDE_REASONS_ADDED',
  'OFFER_RESPONSE',
  'ALLOCATION_RECORDED',
  'COMPOSITION_POLICY_ADDED',
  'LOCAL_POLICY_ADDED',
  'PRIORITY_POLICY_ADDED',
  'OUTCOME_OBSERVED',
  'OUTCOME_CORRECTED',
  'PROGRAMME_CREATED',
  'PROGRAMME_ACTION_UPDATED',
  'PARTNER_GRANTED',
  'PARTNER_REVOKED',
  'DOSSIER_VIEWED',
  'VACANCY_PUBLISHED',
  'CANDIDATE_LIST_MADE',
  'CANDIDATE_UPDATED',
  'OFFER_STAGE_ADVANCED',
  'OFFER_LETTER_TEMPLATE_ADDED',
  'SANCTION_IMPOSED',
  'SANCTION_LIFT',
  'OBJECTION_FILED',
  'OBJECTION_UPDATED',
  'RULE_PARAMETERS_ADDED',
  'DATA_IMPORTED',
  'DATA_EXPORTED',
  'SIMULATION_STARTED',
  'SIMULATION_COMPLETED',
  'SIMULATION_FAILED',
  'SIMULATION_CANCELLED',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Appends to the chain one at a time, across transactions and service instances. */
const AUDIT_APPEND_LOCK = 7_340_125_001;
const VERIFY_BATCH = 500;

interface EventRow {
  seq: string | number;
  occurred_at: Date | string;
  actor: string;
  type: string;
  subject: Record<string, string | number | null>;
  body: string;
  prev_hash: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  fromSeq: number;
  toSeq: number;
  checked: number;
  firstBreak: ChainBreak | null;
  /** Signed checkpoints (outside the database) the log was checked against. */
  checkpointsChecked: number;
}

function toStored(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    occurredAt: (row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at)).toISOString(),
    actor: row.actor,
    type: row.type,
    subject: row.subject,
    body: row.body,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The append-only audit log: a hash chain over RFC 8785 canonical JSON. `append` runs inside the
 * caller's transaction, so an event exists exactly when the change it records does.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // the moment of writing, also while history is played back on its own dates (src/common/clock.ts)
    @Inject(WALL_CLOCK) private readonly clock: Clock,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  async append(m: EntityManager, actor: Actor, type: AuditEventType, subject: Record<string, string | number | null>, payload: unknown): Promise<StoredEvent> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('Audit events are written in the transaction of the change they record');
    await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
    const [last]: { seq: string; hash: string }[] = await m.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    const seq = last ? Number(last.seq) + 1 : 1;
    // millisecond precision: the value stored in timestamptz reads back as the same ISO text
    const occurredAt = new Date(Math.floor(this.clock.now().getTime())).toISOString();
    // history played back (the demo's past lettings) is written now and says the date it stands for
    const playedBackOn = playedBackDate();
    const body = playedBackOn !== null && typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { ...payload, playedBackOn } : payload;
    const event = sealEvent({ seq, occurredAt, actor: actor.subject, roles: [...actor.roles], type, subject, payload: body }, last?.hash ?? GENESIS_HASH);
    await m.query('INSERT INTO audit_event (seq, occurred_at, actor, type, subject, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      event.seq,
      event.occurredAt,
      event.actor,
      event.type,
      JSON.stringify(event.subject),
      event.body,
      event.prevHash,
      event.hash,
    ]);
    return event;
  }

  /**
   * Stores a snapshot (canonical JSON) once, under its sha256, in the caller's transaction, and
   * returns the hash for the event that refers to it.
   */
  async storeSnapshot(m: EntityManager, value: unknown): Promise<string> {
    // hashed in pieces, joined only to be stored (hash-chain.ts: canonicalDigest)
    const { hash, text } = canonicalDigest(value);
    // content-addressed: a proposal asked again on unchanged data names the stored document, and
    // the megabyte of a large input is not sent (nor written to the log) again
    const [stored] = await m.query('SELECT 1 FROM audit_snapshot WHERE hash = $1', [hash]);
    if (!stored) await m.query('INSERT INTO audit_snapshot (hash, document) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, text()]);
    return hash;
  }

  /** A stored snapshot, checked against its hash; null when missing or altered. */
  async snapshot<T>(hash: string): Promise<{ value: T } | { problem: string }> {
    const [row]: { document: string }[] = await this.dataSource.manager.query('SELECT document FROM audit_snapshot WHERE hash = $1', [hash]);
    if (!row) return { problem: `snapshot ${hash.slice(0, 12)}… is missing` };
    if (sha256Hex(row.document) !== hash) return { problem: `snapshot ${hash.slice(0, 12)}… does not match its hash (it was altered)` };
    return { value: JSON.parse(row.document) as T };
  }

  /** Checks events fromSeq..toSeq (default: the whole log) and reports the first break. */
  async verify(fromSeq = 1, toSeq?: number): Promise<ChainVerification> {
    if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) throw DomainError.invalid([{ field: 'fromSeq', reason: 'must be a whole number from 1' }]);
    if (toSeq !== undefined && (!Number.isSafeInteger(toSeq) || toSeq < fromSeq))
      throw DomainError.invalid([{ field: 'toSeq', reason: 'must be a whole number not below fromSeq' }]);
    const m = this.dataSource.manager;
    const [{ max }] = await m.query('SELECT coalesce(max(seq), 0) AS max FROM audit_event');
    const last = Math.min(toSeq ?? Number(max), Number(max));
    let previous: StoredEvent | null = null;
    if (fromSeq > 1) {
      const [row] = await m.query('SELECT * FROM audit_event WHERE seq = $1', [fromSeq - 1]);
      if (!row)
        return {
          valid: false,
          fromSeq,
          toSeq: last,
          checked: 0,
          firstBreak: { seq: fromSeq - 1, reason: `event ${fromSeq - 1} is missing` },
          checkpointsChecked: 0,
        };
      previous = toStored(row);
    }
    let checked = 0;
    for (let start = fromSeq; start <= last; start += VERIFY_BATCH) {
      const rows: EventRow[] = await m.query('SELECT * FROM audit_event WHERE seq >= $1 AND seq <= $2 ORDER BY seq', [
        start,
        Math.min(last, start + VERIFY_BATCH - 1),
      ]);
      const events = rows.map(toStored);
      // a missing last row of the batch shows up as a gap in the next batch, or here
      const expected = Math.min(last, start + VERIFY_BATCH - 1) - start + 1;
      const broken =
        firstChainBreak(events, previous) ??
        (events.length < expected
          ? { seq: (events.at(-1)?.seq ?? start - 1) + 1, reason: `event ${(events.at(-1)?.seq ?? start - 1) + 1} is missing` }
          : null) ??
        (await this.firstBadSnapshot(events));
      if (broken)
        return {
          valid: false,
          fromSeq,
          toSeq: last,
          checked: checked + events.filter((e) => e.seq < broken.seq).length,
          firstBreak: broken,
          checkpointsChecked: 0,
        };
      checked += events.length;
      previous = events.at(-1) ?? previous;
    }
    // a chain can be recomputed after a rewrite, and cut short: the checkpoints outside the database say what it was
    const agreement = await this.checkpoints.firstDisagreement(Number(max), async (seqs) => {
      const rows: { seq: string; hash: string }[] = seqs.length ? await m.query('SELECT seq, hash FROM audit_event WHERE seq = ANY($1)', [seqs]) : [];
      return new Map(rows.map((r) => [Number(r.seq), r.hash]));
    });
    if (agreement.firstBreak) return { valid: false, fromSeq, toSeq: last, checked, firstBreak: agreement.firstBreak, checkpointsChecked: agreement.checked };
    return { valid: true, fromSeq, toSeq: last, checked, firstBreak: null, checkpointsChecked: agreement.checked };
  }

  /** The first event whose snapshot (the engine input it names by hash) is missing or no longer matches that hash. */
  private async firstBadSnapshot(events: readonly StoredEvent[]): Promise<ChainBreak | null> {
    const refs = events.flatMap((e) => snapshotHashes(JSON.parse(e.body).payload).map((hash) => ({ seq: e.seq, hash })));
    if (refs.length === 0) return null;
    const rows: { hash: string; document: string }[] = await this.dataSource.manager.query('SELECT hash, document FROM audit_snapshot WHERE hash = ANY($1)', [
      [...new Set(refs.map((r) => r.hash))],
    ]);
    const documents = new Map(rows.map((r) => [r.hash, r.document]));
    for (const r of refs) {
      const document = documents.get(r.hash);
      if (document === undefined) return { seq: r.seq, reason: `snapshot ${r.hash.slice(0, 12)}… named by the event is missing` };
      if (sha256Hex(document) !== r.hash)
        return { seq: r.seq, reason: `snapshot ${r.hash.slice(0, 12)}… named by the event does not match its hash (it was altered)` };
    }
    return null;
  }

  /** Events about a subject (e.g. { proposalId: 12 }), oldest first. */
  async about(subject: Record<string, string | number>, type?: AuditEventType): Promise<StoredEvent[]> {
    const rows: EventRow[] = await this.dataSource.manager.query(
      `SELECT * FROM audit_event WHERE subject @> $1::jsonb ${type ? 'AND type = $2' : ''} ORDER BY seq`,
      type ? [JSON.stringify(subject), type] : [JSON.stringify(subject)],
    );
    return rows.map(toStored);
  }

  /** Events after `afterSeq` in order, narrowed by type, actor, vacancy (the subject names it) and days (UTC, inclusive). */
  async page(
    afterSeq: number,
    limit: number,
    filter: { type?: string; actor?: string; vacancyId?: number; from?: string; to?: string } = {},
  ): Promise<StoredEvent[]> {
    const params: unknown[] = [afterSeq, limit];
    const where = ['seq > $1'];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.type) add((n) => `type = ${n}`, filter.type);
    if (filter.actor) add((n) => `actor = ${n}`, filter.actor);
    // the subject index (jsonb_path_ops) serves containment
    if (filter.vacancyId !== undefined) add((n) => `subject @> ${n}::jsonb`, JSON.stringify({ vacancyId: filter.vacancyId }));
    // days in UTC whatever the server's time zone
    if (filter.from) add((n) => `occurred_at >= (${n}::date)::timestamp AT TIME ZONE 'UTC'`, filter.from);
    if (filter.to) add((n) => `occurred_at < (${n}::date + 1)::timestamp AT TIME ZONE 'UTC'`, filter.to);
    const rows: EventRow[] = await this.dataSource.manager.query(`SELECT * FROM audit_event WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $2`, params);
    return rows.map(toStored);
  }
}

/** Snapshot hashes an event payload names: basis.inputHash (proposals, rounds) and inputHashes (simulations). */
function snapshotHashes(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const p = payload as { basis?: { inputHash?: unknown }; inputHashes?: unknown };
  const hashes: unknown[] = [p.basis?.inputHash, ...(Array.isArray(p.inputHashes) ? p.inputHashes : [])];
  return hashes.filter((h): h is string => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
}
