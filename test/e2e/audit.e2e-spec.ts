import { ImportsService } from '../../src/imports/imports.service.js';
import { DEFAULT_SOLVE_OPTIONS } from '../../src/engine/allocation/solve-allocation.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, expectEveryProposalReplaysIdentical, idsByReference } from '../helpers/test-app.js';

const AUDITOR = asRole('AUDITOR');
const SECOND_OFFICER = asRole('OFFICER', 'second-officer');
const EVENTS = `query($after: Int!, $type: String) { auditEvents(afterSeq: $after, limit: 200, type: $type) { seq actor type subject body prevHash hash } }`;
const VERIFY = `query($from: Int!, $to: Int) { verifyAuditChain(fromSeq: $from, toSeq: $to) { valid checked fromSeq toSeq firstBreak { seq reason } } }`;

describe('audit log: every decision recorded in its transaction, hash-chained, append-only, replayable', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let startSeq: number;
  let proposalId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    // on a shared server the log holds earlier suites' events too: this suite reads from here on
    [{ max: startSeq }] = await sut.dataSource.query('SELECT coalesce(max(seq), 0)::int AS max FROM audit_event');
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    ids = await idsByReference(sut);
  });
  afterAll(() => sut.close());

  const events = async (type?: string) => (await sut.gql(EVENTS, { after: startSeq, type }, AUDITOR)).data.auditEvents as any[];

  it('records a proposal with what it was based on: input snapshot and hash, versions, solver, model hash, result', async () => {
    const proposed = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id chosen { household { reference } } } }`, { v: ids['VAC-C'] });
    proposalId = proposed.data.proposeAllocation.id;
    const [made] = await events('PROPOSAL_MADE');
    expect(made).toMatchObject({ actor: 'test-officer', type: 'PROPOSAL_MADE' });
    expect(JSON.parse(made.subject)).toEqual({ proposalId: Number(proposalId), vacancyId: Number(ids['VAC-C']) });
    const body = JSON.parse(made.body);
    expect(body).toMatchObject({ roles: ['OFFICER', 'MANAGER', 'ADMIN'], seq: made.seq });
    const { basis, outcome, planHash } = body.payload;
    expect(basis).toMatchObject({ parameterYear: 2026, compositionPolicy: { code: 'DEFAULT', version: 1 }, solveOptions: { timeLimitMs: 10_000 } });
    // every option the plan was made with, so a replay after the defaults change still recomputes it as made
    expect(basis.solveOptions).toEqual({ ...DEFAULT_SOLVE_OPTIONS, timeLimitMs: 10_000 });
    expect(basis.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(basis.modelHash).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash).toMatch(/^[0-9a-f]{64}$/);
    // the input itself is a snapshot stored once under its hash
    const [snapshot] = await sut.dataSource.query('SELECT document FROM audit_snapshot WHERE hash = $1', [basis.inputHash]);
    expect(JSON.parse(snapshot.document).vacancies.map((v: any) => v.reference)).toEqual(['VAC-C']);
    // auditors read the log with households under pseudonyms, also inside the body
    expect(basis.exclusions[ids['VAC-C']]).toMatchObject({
      respondents: 4,
      eligible: 3,
      byRule: [{ ruleId: 'HOUSEHOLD_SIZE_ROOMS', count: 1, examples: [expect.stringMatching(/^PSN-[0-9a-f]{16}$/)] }],
    });
    expect(made.body).not.toContain('X-BIG');
    expect(outcome).toMatchObject({ chosenRank: 2, passedOver: true, solver: { name: 'woonmix-single-vacancy', status: 'OPTIMAL' } });
  });

  it('narrows the log by actor, vacancy, type and days (UTC), and refuses a bad filter naming the field', async () => {
    const Q = `query($after: Int!, $actor: String, $vacancyId: ID, $from: String, $to: String, $type: String) {
      auditEvents(afterSeq: $after, limit: 200, actor: $actor, vacancyId: $vacancyId, from: $from, to: $to, type: $type) { seq actor type subject occurredAt } }`;
    const read = async (vars: Record<string, unknown>) => {
      const { data, errors } = await sut.gql(Q, { after: startSeq, ...vars }, AUDITOR);
      expect(errors).toBeUndefined();
      return data.auditEvents as { seq: number; actor: string; type: string; subject: string; occurredAt: string }[];
    };
    const all = await read({});
    expect(all.length).toBeGreaterThan(1);
    const byOfficer = await read({ actor: 'test-officer' });
    expect(byOfficer.length).toBeGreaterThan(0);
    expect(byOfficer.every((e) => e.actor === 'test-officer')).toBe(true);
    expect(byOfficer.length).toBeLessThan(all.length); // the import was by the system
    const aboutVacancy = await read({ vacancyId: ids['VAC-C'], type: 'PROPOSAL_MADE' });
    expect(aboutVacancy.map((e) => JSON.parse(e.subject).vacancyId)).toEqual([Number(ids['VAC-C'])]);
    expect(await read({ vacancyId: '999999' })).toEqual([]);
    const day = all[0].occurredAt.slice(0, 10);
    expect((await read({ from: day, to: day })).length).toBe(all.filter((e) => e.occurredAt.slice(0, 10) === day).length);
    expect(await read({ to: '2000-01-01' })).toEqual([]);
    for (const [vars, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
      [{ actor: '' }, 'actor'],
    ] as const) {
      const { errors } = await sut.gql(Q, { after: startSeq, ...vars }, AUDITOR);
      expect(errors?.[0].extensions.fields.map((f: any) => f.field)).toEqual([field]);
    }
  });

  it('records decisions, four-eyes approvals, refusals and offer responses, each by its actor', async () => {
    const decided = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status } }`, { p: proposalId });
    const offerId = decided.data.decideProposal.id;
    expect(decided.data.decideProposal.status).toBe('PENDING_APPROVAL');
    const refused = await sut.gql(
      `mutation($o: ID!) { refuseOffer(input: { offerId: $o, reason: "Ask the care provider first" }) { status responseReason } }`,
      { o: offerId },
      SECOND_OFFICER,
    );
    expect(refused.data.refuseOffer).toEqual({ status: 'WITHDRAWN', responseReason: 'approval refused: Ask the care provider first' });
    const again = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: proposalId });
    const approved = await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { status } }`, { o: again.data.decideProposal.id }, SECOND_OFFICER);
    expect(approved.data.approveOffer.status).toBe('OPEN');
    await sut.gql(
      `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { tenancyId } }`,
      { o: again.data.decideProposal.id },
    );
    const log = await events();
    expect(log.map((e) => [e.type, e.actor])).toEqual([
      ['DATA_IMPORTED', 'system'],
      ['PROPOSAL_MADE', 'test-officer'],
      ['OFFER_DECIDED', 'test-officer'],
      ['OFFER_APPROVAL_REFUSED', 'second-officer'],
      ['OFFER_DECIDED', 'test-officer'],
      ['OFFER_APPROVED', 'second-officer'],
      ['ALLOCATION_RECORDED', 'test-officer'],
      ['OFFER_RESPONSE', 'test-officer'],
    ]);
    expect(JSON.parse(log[3].body).payload).toEqual({ decidedBy: 'test-officer', reason: 'Ask the care provider first' });
  });

  it('writes no event for a change that did not happen', async () => {
    const before = (await events()).length;
    const failed = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: proposalId });
    expect(failed.errors![0].extensions.code).toBe('CONFLICT');
    const bad = await sut.gql(`mutation { addCompositionPolicyVersion(input: { effectiveFrom: "2026-03-02", name: "Plan test", document: "{}" }) { id } }`);
    expect(bad.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await events()).length).toBe(before);
  });

  it('records policy and parameter changes', async () => {
    const { data } = await sut.gql(`{ compositionPolicies { document } }`);
    await sut.gql(
      `mutation($d: String!) { addCompositionPolicyVersion(input: { effectiveFrom: "2026-04-01", name: "Plan test", document: $d }) { version } }`,
      { d: data.compositionPolicies[0].document },
    );
    const [added] = await events('COMPOSITION_POLICY_ADDED');
    expect(JSON.parse(added.body).payload).toMatchObject({ code: 'DEFAULT', version: 2, effectiveFrom: '2026-04-01' });
  });

  it('chains every event to the one before it, and verifies', async () => {
    const log = await events();
    for (let i = 1; i < log.length; i += 1) expect(log[i].prevHash).toBe(log[i - 1].hash);
    const { data } = await sut.gql(VERIFY, { from: 1 }, AUDITOR);
    expect(data.verifyAuditChain).toMatchObject({ valid: true, fromSeq: 1, firstBreak: null });
    expect(data.verifyAuditChain.checked).toBe(data.verifyAuditChain.toSeq);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log and its snapshots, in the database itself', async () => {
    const seq = (await events())[1].seq;
    for (const sql of [`UPDATE audit_event SET actor = 'mallory' WHERE seq = ${seq}`, `DELETE FROM audit_event WHERE seq = ${seq}`, 'TRUNCATE audit_event']) {
      await expect(sut.dataSource.query(sql)).rejects.toThrow(/audit_event is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    for (const sql of [`UPDATE audit_snapshot SET document = '{}'`, 'DELETE FROM audit_snapshot', 'TRUNCATE audit_snapshot']) {
      await expect(sut.dataSource.query(sql)).rejects.toThrow(/audit_snapshot is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
  });

  it('detects tampering by someone who disables the trigger, naming the first broken event and why', async () => {
    const target = (await events('PROPOSAL_MADE'))[0];
    const tamper = async (set: string) => {
      await sut.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete');
      try {
        await sut.dataSource.query(`UPDATE audit_event SET ${set} WHERE seq = $1`, [target.seq]);
      } finally {
        await sut.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete');
      }
    };
    const cases: [string, string, RegExp][] = [
      ['the body', `body = replace(body, '"test-officer"', '"someone-else"')`, /hash does not match sha256\(prev_hash \|\| body\)/],
      ['the actor column', `actor = 'someone-else'`, /column actor differs from the signed body/],
      [
        'the hash, re-computed over a changed body',
        `body = replace(body, '"chosenRank":2', '"chosenRank":1'), hash = encode(sha256((prev_hash || replace(body, '"chosenRank":2', '"chosenRank":1'))::bytea), 'hex')`,
        /prev_hash does not match the hash of event/,
      ],
    ];
    for (const [, set, reason] of cases) {
      const original = (await sut.dataSource.query('SELECT body, actor, hash FROM audit_event WHERE seq = $1', [target.seq]))[0];
      await tamper(set);
      const { data } = await sut.gql(VERIFY, { from: 1 }, AUDITOR);
      expect(data.verifyAuditChain.valid).toBe(false);
      expect(data.verifyAuditChain.firstBreak.reason).toMatch(reason);
      expect([target.seq, target.seq + 1]).toContain(data.verifyAuditChain.firstBreak.seq);
      // put it back (the suite shares the log with others on the server)
      await sut.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete');
      await sut.dataSource.query('UPDATE audit_event SET body = $2, actor = $3, hash = $4 WHERE seq = $1', [
        target.seq,
        original.body,
        original.actor,
        original.hash,
      ]);
      await sut.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete');
    }
    expect((await sut.gql(VERIFY, { from: 1 }, AUDITOR)).data.verifyAuditChain.valid).toBe(true);
  });

  it('replays a proposal IDENTICAL, and says DIFFERENT when its stored plan was altered', async () => {
    const replay = `query($p: ID!) { replayProposal(proposalId: $p) { result message eventSeqs inputHash loggedPlanHash storedPlanHash replayedPlanHash differences { path recorded replayed } } }`;
    const same = (await sut.gql(replay, { p: proposalId }, AUDITOR)).data.replayProposal;
    expect(same).toMatchObject({ result: 'IDENTICAL', differences: [] });
    expect(same.message).toMatch(/composition policy DEFAULT v1, rule parameters 2026 .*byte for byte/);
    expect(same.replayedPlanHash).toBe(same.storedPlanHash);
    expect(same.storedPlanHash).toBe(same.loggedPlanHash);
    const [{ plan }] = await sut.dataSource.query('SELECT plan::text AS plan FROM proposal WHERE id = $1', [proposalId]);
    await sut.dataSource.query(`UPDATE proposal SET plan = jsonb_set(plan::jsonb, '{objective}', to_jsonb(0))::json WHERE id = $1`, [proposalId]);
    const altered = (await sut.gql(replay, { p: proposalId }, AUDITOR)).data.replayProposal;
    expect(altered.result).toBe('DIFFERENT');
    expect(altered.message).toMatch(/stored plan is not the plan that was logged/);
    expect(altered.differences.map((d: any) => d.path)).toContain('$.objective');
    await sut.dataSource.query(`UPDATE proposal SET plan = $2::json WHERE id = $1`, [proposalId, plan]);
    // an altered snapshot is found too
    const hash = same.inputHash;
    const [{ document }] = await sut.dataSource.query('SELECT document FROM audit_snapshot WHERE hash = $1', [hash]);
    await sut.dataSource.query('ALTER TABLE audit_snapshot DISABLE TRIGGER audit_snapshot_no_update_or_delete');
    await sut.dataSource.query('UPDATE audit_snapshot SET document = $2 WHERE hash = $1', [hash, document.replace('"seed":', '"seed":1')]);
    const snapshotAltered = (await sut.gql(replay, { p: proposalId }, AUDITOR)).data.replayProposal;
    expect(snapshotAltered).toMatchObject({ result: 'DIFFERENT', message: expect.stringMatching(/does not match its hash \(it was altered\)/) });
    // and the chain check names the event that refers to it
    const verified = (await sut.gql(VERIFY, { from: 1 }, AUDITOR)).data.verifyAuditChain;
    expect(verified).toMatchObject({
      valid: false,
      firstBreak: { reason: expect.stringMatching(/snapshot [0-9a-f]{12}… named by the event does not match its hash/) },
    });
    await sut.dataSource.query('UPDATE audit_snapshot SET document = $2 WHERE hash = $1', [hash, document]);
    await sut.dataSource.query('ALTER TABLE audit_snapshot ENABLE TRIGGER audit_snapshot_no_update_or_delete');
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });

  it('shows the log to auditors only', async () => {
    for (const role of ['OFFICER', 'MANAGER', 'ADMIN'] as const) {
      const { errors } = await sut.gql(EVENTS, { after: 0 }, asRole(role));
      expect(errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await sut.gql(VERIFY, { from: 1 }, asRole(role))).errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });
});
