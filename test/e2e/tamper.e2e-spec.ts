import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBody, StoredEvent, chainHash, canonicalJson, firstChainBreak } from '../../src/engine/audit/hash-chain.js';
import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';

const VERIFY = `{ verifyAuditChain { valid checked checkpointsChecked firstBreak { seq reason } } }`;
const CHECKPOINT = `mutation { writeAuditCheckpoint { seq hash at } }`;

/**
 * Whoever can write the database can rewrite the log and recompute its chain, or cut its tail, so
 * that the chain alone verifies; the signed checkpoints outside the database catch both
 * (src/audit/audit-checkpoints.service.ts).
 */
describe('tamper evidence beyond the database', () => {
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeEach(async () => {
    ({ sut, ids } = await createCaseApp());
    for (const v of ['VAC-C', 'VAC-P'])
      expect((await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids[v] })).errors).toBeUndefined();
  });
  afterEach(() => sut.close());

  const head = async () => Number((await sut.dataSource.query('SELECT max(seq) AS max FROM audit_event'))[0].max);
  const verify = async () => (await sut.gql(VERIFY, {}, asRole('AUDITOR'))).data.verifyAuditChain;
  const chainAloneBreak = async () => {
    const rows = await sut.dataSource.query('SELECT seq, occurred_at, actor, type, subject, body, prev_hash, hash FROM audit_event ORDER BY seq');
    const events: StoredEvent[] = rows.map((r: any) => ({
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actor: r.actor,
      type: r.type,
      subject: r.subject,
      body: r.body,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    return firstChainBreak(events, null);
  };

  /** As the attacker did, with the triggers off: change one event's actor, recompute the chain from there, optionally cut the tail. */
  async function rewrite(seq: number, cutTail: number): Promise<void> {
    await sut.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      const rows = await m.query('SELECT seq, body, prev_hash FROM audit_event WHERE seq >= $1 ORDER BY seq', [seq]);
      let prev: string = rows[0].prev_hash;
      for (const row of rows) {
        const body = JSON.parse(row.body) as EventBody;
        const changed = Number(row.seq) === seq ? { ...body, actor: 'someone-else' } : body;
        const text = canonicalJson(changed);
        const hash = chainHash(prev, text);
        await m.query('UPDATE audit_event SET actor = $2, body = $3, prev_hash = $4, hash = $5 WHERE seq = $1', [row.seq, changed.actor, text, prev, hash]);
        prev = hash;
      }
      if (cutTail > 0) await m.query('DELETE FROM audit_event WHERE seq > (SELECT max(seq) FROM audit_event) - $1', [cutTail]);
    });
  }

  it('a rewritten event, the chain recomputed and the last two events deleted: the chain alone is fooled, the checkpoint is not', async () => {
    const checkpoint = (await sut.gql(CHECKPOINT, {}, asRole('AUDITOR'))).data.writeAuditCheckpoint;
    const last = await head();
    expect(checkpoint.seq).toBe(last);
    expect(await verify()).toMatchObject({ valid: true, checkpointsChecked: 1, firstBreak: null });
    await rewrite(last - 3, 2);
    expect(await chainAloneBreak()).toBeNull();
    expect(await verify()).toMatchObject({
      valid: false,
      firstBreak: {
        seq: last - 1,
        reason: `the log ends at event ${last - 2}, but the checkpoint of ${checkpoint.at} saw event ${last}: events were removed from its tail`,
      },
    });
  });

  it('a rewrite up to a checkpoint, with nothing deleted, is caught by the hash the checkpoint recorded', async () => {
    const first = (await sut.gql(CHECKPOINT, {}, asRole('ADMIN'))).data.writeAuditCheckpoint;
    await rewrite(first.seq - 2, 0);
    expect(await chainAloneBreak()).toBeNull();
    expect((await verify()).firstBreak).toEqual({
      seq: first.seq,
      reason: `event ${first.seq} does not have the hash the checkpoint of ${first.at} recorded: the log was rewritten up to there`,
    });
  });

  it('a truncated tail alone is caught, and so is an edited checkpoint file', async () => {
    const checkpoint = (await sut.gql(CHECKPOINT, {}, asRole('AUDITOR'))).data.writeAuditCheckpoint;
    const file = join(sut.config.auditCheckpoints.dir, 'checkpoints.jsonl');
    // forging the checkpoint to match a shorter log needs the key, which the database does not hold
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(line), seq: checkpoint.seq - 1 };
    await sut.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query('DELETE FROM audit_event WHERE seq = $1', [checkpoint.seq]);
    });
    expect((await verify()).firstBreak.reason).toMatch(/events were removed from its tail/);
    writeFileSync(file, `${JSON.stringify(forged)}\n`);
    expect((await verify()).firstBreak.reason).toMatch(/does not carry a valid signature: the checkpoint file was altered/);
  });
});
