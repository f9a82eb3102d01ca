import { DEMO_MUNICIPALITY_CODE } from '../../src/demo/generate-demo.js';
import type pg from 'pg';
import type { Actor } from '../../src/auth/roles.js';
import { HttpOutcome, ServiceProcess, TestDatabase, acknowledged, createDatabase } from '../helpers/service-process.js';

/**
 * Fault injection: the service is killed with SIGKILL (no shutdown hooks, transactions cut off
 * mid-way) while officers stream proposals, decisions, approvals and offer answers at it, then
 * restarted on the same database. Whatever the service acknowledged must be there; whatever was in
 * flight must be there completely or not at all (change and audit event together); the audit chain
 * must verify, and the service must work again.
 *
 * Runs on the real PostgreSQL server (DATABASE_URL), in a database of its own. Build first.
 */

const OFFICER_A: Actor = { subject: 'officer-a', roles: ['OFFICER'] };
const OFFICER_B: Actor = { subject: 'officer-b', roles: ['OFFICER'] };
const AUDITOR: Actor = { subject: 'auditor', roles: ['AUDITOR'] };

/** Kill cycles, streams per cycle, and how many acknowledged decisions come before each kill. */
const CYCLES = 3;
const STREAMS = 5;
const DECISIONS_BEFORE_KILL = 8;
/** Vacancies kept out of the stream, for the check that the service works after the last restart. */
const RESERVED = 2;

const PROPOSE = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id status chosen { household { id } } } }`;
const DECIDE = `mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status proposalId household { id } } }`;
const APPROVE = `mutation($o: ID!) { approveOffer(offerId: $o) { id status approvedBy } }`;
const RESPOND = `mutation($o: ID!, $r: OfferResponse!, $reason: String, $d: OfferDocumentsInput) { recordOfferResponse(input: { offerId: $o, response: $r, reason: $reason, documents: $d }) {
  offer { id status } nextOffer { id status proposalId household { id } } nextProposal { id status } tenancyId } }`;
const VERIFY = `{ verifyAuditChain { valid checked toSeq firstBreak { seq reason } } }`;

/** What the service acknowledged (HTTP 200, data, no errors), with the ids it returned. */
type Ack =
  | { op: 'propose'; proposalId: number; vacancyId: number; chosenHouseholdId: number | null }
  | { op: 'decide'; offerId: number; proposalId: number; vacancyId: number; householdId: number; status: string }
  | { op: 'approve'; offerId: number }
  | { op: 'accept'; offerId: number; vacancyId: number; householdId: number; tenancyId: number }
  | { op: 'decline'; offerId: number; vacancyId: number; next: { offerId: number; proposalId: number; householdId: number } | null };

describe('kill -9 during a stream of decisions (real PostgreSQL)', () => {
  let db: TestDatabase;
  let sut: ServiceProcess;
  let sql: pg.Client;

  beforeAll(async () => {
    db = await createDatabase(process.env.DATABASE_URL!);
    sut = await ServiceProcess.start({ databaseUrl: db.url }); // loads the demo municipality: 60 open vacancies with respondents
    await sut.assignOfficers([OFFICER_A.subject, OFFICER_B.subject], DEMO_MUNICIPALITY_CODE);
    sql = await db.client();
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await sut?.stop();
    await db?.drop();
  });

  it('keeps every acknowledged decision, writes nothing by halves, keeps the audit chain whole and works after each restart', async () => {
    // not the demo's advertised vacancy waiting for its candidate list: it is not proposed yet
    const open = await sut.gqlOk<{ vacancies: { nodes: { id: string; publication: { state: string } | null }[] } }>(
      `{ vacancies(first: 100, filter: { status: OPEN }) { nodes { id publication { state } } } }`,
      undefined,
      OFFICER_A,
    );
    const vacancyIds = open.vacancies.nodes.filter((n) => n.publication === null).map((n) => Number(n.id));
    expect(vacancyIds.length).toBeGreaterThanOrEqual(40);
    const reserved = vacancyIds.splice(-RESERVED);
    const queue = [...vacancyIds];
    const acks: Ack[] = [];
    const report: string[] = [];

    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      const pidBefore = sut.pid;
      const stream = new DecisionStream(sut, queue, acks, DECISIONS_BEFORE_KILL);
      const { inFlightAtKill, sent, failed } = await stream.runUntilKilled(STREAMS);
      const exit = await sut.kill('SIGKILL'); // already sent by the stream; waits for the exit
      expect(exit.signal).toBe('SIGKILL');
      // the kill must have cut requests off, or this cycle tested nothing
      expect(inFlightAtKill.length).toBeGreaterThan(0);
      report.push(
        `cycle ${cycle}: pid ${pidBefore} killed with ${inFlightAtKill.length} request(s) in flight (${inFlightAtKill.join(', ')}); ${sent} sent, ${failed} without an acknowledgement`,
      );

      await sut.restart();
      expect(sut.pid).not.toBe(pidBefore);
      await expectAcknowledgedPresent(sql, acks);
      await expectNothingHalfWritten(sql);
      await expectAuditChainValid(sut, sql);
    }

    // the service works after the last restart: a new proposal, decided
    const proposed = await sut.gqlOk(PROPOSE, { v: String(reserved[0]) }, OFFICER_A);
    expect(proposed.proposeAllocation).toMatchObject({ status: 'PROPOSED', chosen: { household: { id: expect.any(String) } } });
    const decided = await sut.gqlOk(DECIDE, { p: proposed.proposeAllocation.id }, OFFICER_A);
    expect(['OPEN', 'PENDING_APPROVAL']).toContain(decided.decideProposal.status);
    await expectNothingHalfWritten(sql);
    await expectAuditChainValid(sut, sql);

    // every proposal still replays from its logged snapshot, IDENTICAL
    const proposals: { id: number }[] = (await sql.query('SELECT id FROM proposal ORDER BY id')).rows;
    expect(proposals.length).toBeGreaterThan(CYCLES * DECISIONS_BEFORE_KILL);
    for (const { id } of proposals) {
      const replay = await sut.gqlOk(`query($p: ID!) { replayProposal(proposalId: $p) { result message } }`, { p: String(id) }, AUDITOR);
      expect({ id, ...replay.replayProposal }).toEqual({ id, result: 'IDENTICAL', message: expect.any(String) });
    }
    const counts = acks.reduce<Record<string, number>>((c, a) => ({ ...c, [a.op]: (c[a.op] ?? 0) + 1 }), {});
    console.log(`${report.join('\n')}\nacknowledged: ${JSON.stringify(counts)}; ${proposals.length} proposals replay IDENTICAL`);
  });
});

/**
 * Officers working through open vacancies, STREAMS at a time: propose, accept the proposal (a second
 * officer approves when four-eyes applies), then the household accepts (two in three) or declines.
 * After `killAfter` acknowledged decisions the service is killed a few milliseconds after the next
 * request goes out, so that requests are cut off on the way in, mid-transaction and on the way out.
 */
class DecisionStream {
  private readonly inFlight = new Map<number, string>();
  private nextRequest = 1;
  private decisions = 0;
  private killed = false;
  private killArmed = false;
  private killTimer: NodeJS.Timeout | null = null;
  private inFlightAtKill: string[] = [];
  private sent = 0;
  private failed = 0;
  private answers = 0;

  constructor(
    private readonly sut: ServiceProcess,
    private readonly queue: number[],
    private readonly acks: Ack[],
    private readonly killAfter: number,
  ) {}

  async runUntilKilled(streams: number): Promise<{ inFlightAtKill: string[]; sent: number; failed: number }> {
    await Promise.all(Array.from({ length: streams }, () => this.officer()));
    if (!this.killed) throw new Error(`the stream ran out of vacancies before ${this.killAfter} decisions (${this.decisions} made)`);
    return { inFlightAtKill: this.inFlightAtKill, sent: this.sent, failed: this.failed };
  }

  private async officer(): Promise<void> {
    while (!this.killed) {
      const vacancyId = this.queue.shift();
      if (vacancyId === undefined) return;
      const proposal = acknowledged(await this.send(`propose v${vacancyId}`, PROPOSE, { v: String(vacancyId) }, OFFICER_A), 'proposeAllocation');
      if (!proposal) continue;
      const chosen = proposal.chosen ? Number(proposal.chosen.household.id) : null;
      this.acks.push({ op: 'propose', proposalId: Number(proposal.id), vacancyId, chosenHouseholdId: chosen });
      if (chosen === null || this.killed) continue;

      const offer = acknowledged(await this.send(`decide p${proposal.id}`, DECIDE, { p: proposal.id }, OFFICER_A), 'decideProposal');
      if (!offer) continue;
      this.acks.push({
        op: 'decide',
        offerId: Number(offer.id),
        proposalId: Number(proposal.id),
        vacancyId,
        householdId: Number(offer.household.id),
        status: offer.status,
      });
      this.decisions += 1;
      // from now on, the next request sent is followed within 0-40 ms by SIGKILL
      if (this.decisions >= this.killAfter) this.killArmed = true;
      if (this.killed) continue;

      if (offer.status === 'PENDING_APPROVAL') {
        const approved = acknowledged(await this.send(`approve o${offer.id}`, APPROVE, { o: offer.id }, OFFICER_B), 'approveOffer');
        if (!approved) continue;
        this.acks.push({ op: 'approve', offerId: Number(offer.id) });
        if (this.killed) continue;
      }

      const decline = this.answers++ % 3 === 2;
      const answer = acknowledged(
        await this.send(
          `${decline ? 'decline' : 'accept'} o${offer.id}`,
          RESPOND,
          {
            o: offer.id,
            r: decline ? 'DECLINED' : 'ACCEPTED',
            reason: decline ? 'Too far from work' : null,
            d: decline ? null : { incomeStatement: true, identity: true },
          },
          OFFICER_A,
        ),
        'recordOfferResponse',
      );
      if (!answer) continue;
      if (decline) {
        const next = answer.nextOffer
          ? { offerId: Number(answer.nextOffer.id), proposalId: Number(answer.nextOffer.proposalId), householdId: Number(answer.nextOffer.household.id) }
          : null;
        this.acks.push({ op: 'decline', offerId: Number(offer.id), vacancyId, next });
      } else {
        this.acks.push({ op: 'accept', offerId: Number(offer.id), vacancyId, householdId: Number(offer.household.id), tenancyId: Number(answer.tenancyId) });
      }
    }
  }

  private async send(label: string, query: string, variables: Record<string, unknown>, actor: Actor): Promise<HttpOutcome> {
    const id = this.nextRequest++;
    this.inFlight.set(id, label);
    this.sent += 1;
    if (this.killArmed && !this.killTimer) {
      this.killTimer = setTimeout(
        () => {
          this.inFlightAtKill = [...this.inFlight.values()];
          this.killed = true;
          void this.sut.kill('SIGKILL');
        },
        Math.floor(Math.random() * 40),
      );
    }
    try {
      const outcome = await this.sut.gql(query, variables, actor, 20_000);
      if (!acknowledgedAny(outcome)) this.failed += 1;
      return outcome;
    } finally {
      this.inFlight.delete(id);
    }
  }
}

function acknowledgedAny(o: HttpOutcome): boolean {
  return o.kind === 'response' && o.status === 200 && !o.body?.errors && !!o.body?.data;
}

/** Every acknowledged step is in the database as the service said. */
async function expectAcknowledgedPresent(sql: pg.Client, acks: readonly Ack[]): Promise<void> {
  const missing: string[] = [];
  const one = async (text: string, values: unknown[]) => (await sql.query(text, values)).rows[0];
  for (const a of acks) {
    switch (a.op) {
      case 'propose': {
        const row = await one('SELECT vacancy_id, chosen_household_id FROM proposal WHERE id = $1', [a.proposalId]);
        if (!row || row.vacancy_id !== a.vacancyId || row.chosen_household_id !== a.chosenHouseholdId)
          missing.push(`proposal ${a.proposalId}: ${JSON.stringify(row)}`);
        break;
      }
      case 'decide': {
        const row = await one(
          `SELECT o.proposal_id, o.vacancy_id, o.household_id, p.status AS proposal_status FROM offer o JOIN proposal p ON p.id = o.proposal_id WHERE o.id = $1`,
          [a.offerId],
        );
        if (
          !row ||
          row.proposal_id !== a.proposalId ||
          row.vacancy_id !== a.vacancyId ||
          row.household_id !== a.householdId ||
          row.proposal_status !== 'DECIDED'
        ) {
          missing.push(`offer ${a.offerId} deciding proposal ${a.proposalId}: ${JSON.stringify(row)}`);
        }
        break;
      }
      case 'approve': {
        const row = await one('SELECT approved_by FROM offer WHERE id = $1', [a.offerId]);
        if (row?.approved_by !== OFFICER_B.subject) missing.push(`approval of offer ${a.offerId}: ${JSON.stringify(row)}`);
        break;
      }
      case 'accept': {
        const row = await one(
          `SELECT o.status, v.status AS vacancy_status, h.on_waiting_list,
            (SELECT count(*)::int FROM tenancy t WHERE t.id = $2 AND t.household_id = o.household_id AND t.dwelling_id = v.dwelling_id) AS tenancies,
            (SELECT count(*)::int FROM allocation a WHERE a.vacancy_id = v.id AND a.household_id = o.household_id) AS allocations
          FROM offer o JOIN vacancy v ON v.id = o.vacancy_id JOIN household h ON h.id = o.household_id WHERE o.id = $1`,
          [a.offerId, a.tenancyId],
        );
        if (!row || row.status !== 'ACCEPTED' || row.vacancy_status !== 'ALLOCATED' || row.on_waiting_list || row.tenancies !== 1 || row.allocations !== 1) {
          missing.push(`acceptance of offer ${a.offerId} (tenancy ${a.tenancyId}): ${JSON.stringify(row)}`);
        }
        break;
      }
      case 'decline': {
        const row = await one('SELECT status FROM offer WHERE id = $1', [a.offerId]);
        if (row?.status !== 'DECLINED') missing.push(`decline of offer ${a.offerId}: ${JSON.stringify(row)}`);
        if (a.next) {
          const next = await one('SELECT proposal_id, household_id, vacancy_id FROM offer WHERE id = $1', [a.next.offerId]);
          if (!next || next.proposal_id !== a.next.proposalId || next.household_id !== a.next.householdId || next.vacancy_id !== a.vacancyId) {
            missing.push(`next offer ${a.next.offerId} after the decline of offer ${a.offerId}: ${JSON.stringify(next)}`);
          }
        }
        break;
      }
    }
  }
  expect(missing).toEqual([]);
}

/**
 * Each check lists what breaks "a change and its audit event, together or not at all" (README, audit
 * log) or the state machine of proposals, offers and vacancies. Every list must be empty.
 */
const HALF_WRITTEN: Record<string, string> = {
  'proposal without its PROPOSAL_MADE event': `SELECT p.id FROM proposal p WHERE NOT EXISTS (
      SELECT 1 FROM audit_event e WHERE e.type = 'PROPOSAL_MADE' AND e.subject @> jsonb_build_object('proposalId', p.id))`,
  'PROPOSAL_MADE event without its proposal': `SELECT e.seq FROM audit_event e WHERE e.type = 'PROPOSAL_MADE'
      AND NOT EXISTS (SELECT 1 FROM proposal p WHERE p.id = (e.subject->>'proposalId')::int)`,
  'DECIDED proposal without an offer': `SELECT p.id FROM proposal p WHERE p.status = 'DECIDED' AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.proposal_id = p.id)`,
  'offer whose proposal is not DECIDED': `SELECT o.id, p.status FROM offer o JOIN proposal p ON p.id = o.proposal_id WHERE p.status <> 'DECIDED'`,
  'offer without exactly one OFFER_DECIDED event': `SELECT o.id FROM offer o WHERE (SELECT count(*) FROM audit_event e
      WHERE e.type = 'OFFER_DECIDED' AND e.subject @> jsonb_build_object('offerId', o.id)) <> 1`,
  'OFFER_DECIDED event without its offer': `SELECT e.seq FROM audit_event e WHERE e.type = 'OFFER_DECIDED'
      AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.id = (e.subject->>'offerId')::int)`,
  'approval without its OFFER_APPROVED event, or the reverse': `SELECT o.id FROM offer o WHERE (o.approved_by IS NOT NULL) <> EXISTS (
      SELECT 1 FROM audit_event e WHERE e.type = 'OFFER_APPROVED' AND e.subject @> jsonb_build_object('offerId', o.id))`,
  'answered offer without its OFFER_RESPONSE event, or the reverse': `SELECT o.id, o.status FROM offer o WHERE (o.status IN ('ACCEPTED', 'DECLINED')) <> EXISTS (
      SELECT 1 FROM audit_event e WHERE e.type = 'OFFER_RESPONSE' AND e.subject @> jsonb_build_object('offerId', o.id)
        AND e.body::jsonb #>> '{payload,response}' = o.status)`,
  'accepted offer without its allocation, tenancy, ALLOCATION_RECORDED event or let vacancy': `SELECT o.id FROM offer o JOIN vacancy v ON v.id = o.vacancy_id
      JOIN household h ON h.id = o.household_id
      LEFT JOIN allocation a ON a.vacancy_id = v.id AND a.household_id = o.household_id
      WHERE o.status = 'ACCEPTED' AND (v.status <> 'ALLOCATED' OR h.on_waiting_list OR a.id IS NULL
        OR NOT EXISTS (SELECT 1 FROM tenancy t WHERE t.household_id = o.household_id AND t.dwelling_id = v.dwelling_id AND t.end_date IS NULL)
        OR NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.type = 'ALLOCATION_RECORDED' AND e.subject @> jsonb_build_object('allocationId', a.id)))`,
  'allocation of a vacancy without an accepted offer': `SELECT a.id FROM allocation a JOIN vacancy v ON v.id = a.vacancy_id
      WHERE EXISTS (SELECT 1 FROM offer o WHERE o.vacancy_id = v.id)
        AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.vacancy_id = v.id AND o.status = 'ACCEPTED' AND o.household_id = a.household_id)`,
  'ALLOCATION_RECORDED event without its allocation': `SELECT e.seq FROM audit_event e WHERE e.type = 'ALLOCATION_RECORDED'
      AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.id = (e.subject->>'allocationId')::int)`,
  'OFFERED vacancy without exactly one outstanding offer, or the reverse': `SELECT v.id, v.status FROM vacancy v
      WHERE (v.status = 'OFFERED') <> ((SELECT count(*) FROM offer o WHERE o.vacancy_id = v.id AND o.status IN ('OPEN', 'PENDING_APPROVAL')) = 1)`,
  'vacancy with more than one current proposal': `SELECT v.id FROM vacancy v
      WHERE (SELECT count(*) FROM proposal p WHERE p.vacancy_id = v.id AND p.status = 'PROPOSED') > 1`,
  // a PROPOSED vacancy has its current proposal, unless that named a household since housed elsewhere
  // (accepting an offer supersedes the household's other proposals: they must be made again)
  'PROPOSED vacancy without its proposal': `SELECT v.id FROM vacancy v WHERE v.status = 'PROPOSED' AND NOT EXISTS (
      SELECT 1 FROM proposal p WHERE p.vacancy_id = v.id AND (p.status = 'PROPOSED'
        OR (p.status = 'SUPERSEDED' AND EXISTS (SELECT 1 FROM household h WHERE h.id = p.chosen_household_id AND NOT h.on_waiting_list))))`,
  'vacancy with offers ALLOCATED without exactly one accepted offer': `SELECT v.id FROM vacancy v WHERE EXISTS (SELECT 1 FROM offer o WHERE o.vacancy_id = v.id)
      AND (v.status = 'ALLOCATED') <> ((SELECT count(*) FROM offer o WHERE o.vacancy_id = v.id AND o.status = 'ACCEPTED') = 1)`,
  'audit event naming a snapshot that is not stored': `SELECT e.seq FROM audit_event e WHERE e.body::jsonb #>> '{payload,basis,inputHash}' IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM audit_snapshot s WHERE s.hash = e.body::jsonb #>> '{payload,basis,inputHash}')`,
};

async function expectNothingHalfWritten(sql: pg.Client): Promise<void> {
  const found: Record<string, unknown[]> = {};
  for (const [what, text] of Object.entries(HALF_WRITTEN)) {
    const { rows } = await sql.query(text);
    if (rows.length) found[what] = rows;
  }
  expect(found).toEqual({});
}

/** verifyAuditChain (as an auditor) checks the whole log: valid, every event checked. */
async function expectAuditChainValid(sut: ServiceProcess, sql: pg.Client): Promise<void> {
  const { max } = (await sql.query('SELECT coalesce(max(seq), 0)::int AS max FROM audit_event')).rows[0];
  const data = await sut.gqlOk(VERIFY, undefined, AUDITOR);
  expect(data.verifyAuditChain).toEqual({ valid: true, checked: max, toSeq: max, firstBreak: null });
}
