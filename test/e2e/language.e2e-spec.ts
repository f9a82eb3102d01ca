import request from 'supertest';
import { Actor } from '../../src/auth/roles.js';
import { TestApp, asRole, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

/** Words only English sentences of the engine use (a Dutch answer with one of them was left untranslated). */
const ENGLISH = /\b(the|would|with|households?|instead|stays|your|cannot|may|because|income|rent|home)\b/;

/**
 * The service answers in the reader's language (Accept-Language): Dutch words for the same verdicts
 * and proposals; without the header, or in English, the record's own words, unchanged.
 */
describe("the reader's language (Accept-Language)", () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  const OFFICER = asRole('OFFICER', 'test-officer');
  const AUDITOR = asRole('AUDITOR', 'language-auditor');

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
  });
  afterAll(() => sut.close());

  async function ask(query: string, variables: Record<string, unknown>, as: Actor, language?: string) {
    const req = request(sut.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${sut.tokenFor(as)}`);
    if (language) req.set('accept-language', language);
    const res = await req.send({ query, variables });
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  }

  const CANDIDATES = `query($id: ID!) { eligibleCandidates(vacancyId: $id) { eligibleCount candidates { summary priorityTier outcomes { ruleId result explanation values { name value holds } } } } }`;

  it('verdicts: the same results and compared values, each explanation and summary in Dutch', async () => {
    const english = (await ask(CANDIDATES, { id: ids['VAC-C'] }, OFFICER)).eligibleCandidates;
    const dutch = (await ask(CANDIDATES, { id: ids['VAC-C'] }, OFFICER, 'nl-NL,nl;q=0.9,en;q=0.8')).eligibleCandidates;
    const withoutWords = (e: typeof english) => ({
      ...e,
      candidates: e.candidates.map((c: any) => ({ ...c, summary: '', outcomes: c.outcomes.map((o: any) => ({ ...o, explanation: '' })) })),
    });
    expect(english.candidates.length).toBeGreaterThan(0);
    expect(withoutWords(dutch)).toEqual(withoutWords(english));
    for (const c of dutch.candidates) {
      expect(c.summary).toMatch(/^Uw huishouden mag deze woning huren/);
      for (const o of c.outcomes) expect(o.explanation).not.toMatch(ENGLISH);
    }
    expect(english.candidates[0].summary).toMatch(/^Your household may rent this home/);
    // English asked for by name is the record's English
    expect((await ask(CANDIDATES, { id: ids['VAC-C'] }, OFFICER, 'en-GB')).eligibleCandidates).toEqual(english);
  });

  it('verdicts for an auditor: the sentence in place of a rule on special-category data in Dutch too', async () => {
    const withheld = (e: any) =>
      e.candidates.flatMap((c: any) => c.outcomes.filter((o: any) => ['ACCESSIBILITY_INDICATION', 'URGENCY_VALIDITY'].includes(o.ruleId)));
    const english = withheld((await ask(CANDIDATES, { id: ids['VAC-C'] }, AUDITOR)).eligibleCandidates);
    const dutch = withheld((await ask(CANDIDATES, { id: ids['VAC-C'] }, AUDITOR, 'nl')).eligibleCandidates);
    expect(english.length).toBeGreaterThan(0);
    expect(dutch.map((o: any) => [o.ruleId, o.result])).toEqual(english.map((o: any) => [o.ruleId, o.result]));
    for (const o of english)
      expect(o.explanation).toBe('This rule reads special-category data (AVG art. 9); its facts are shown only to the officers handling the vacancy.');
    for (const o of dutch)
      expect(o.explanation).toBe('Deze regel gebruikt bijzondere persoonsgegevens (AVG art. 9); de feiten ziet alleen de woonconsulent van deze woning.');
  });

  const PROPOSAL = `query($id: ID!) { proposal(id: $id) { summary passedOverSummary passedOverReasons { kind ref points text }
    chosen { household { reference } eligibility } plainOrderCandidate { household { reference } } routeOrder
    alternatives { household { reference } eligibility } composition { targetId text } } }`;

  it('a proposal: made once, read in English or in Dutch, the same choice and numbers; the record stays English and replays', async () => {
    const made = await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id summary } }`, { v: ids['VAC-C'] }, OFFICER);
    expect(made.errors).toBeUndefined();
    const id = made.data.proposeAllocation.id;
    const english = (await ask(PROPOSAL, { id }, OFFICER)).proposal;
    const dutch = (await ask(PROPOSAL, { id }, OFFICER, 'nl')).proposal;
    expect(english.summary).toBe(made.data.proposeAllocation.summary);
    // the case complex is over its cap on vulnerable households: the plain-order candidate V-1 is passed over
    expect(english.plainOrderCandidate.household.reference).toBe('V-1');
    expect(dutch.chosen.household.reference).toBe(english.chosen.household.reference);
    expect(dutch.passedOverReasons.map((r: any) => [r.kind, r.ref, r.points])).toEqual(english.passedOverReasons.map((r: any) => [r.kind, r.ref, r.points]));
    expect(dutch.summary).toMatch(
      new RegExp(`^${english.chosen.household.reference} \\(plaats \\d+\\) wordt voorgesteld voor VAC-C in plaats van V-1, de eerste op volgorde\\.`),
    );
    expect(dutch.routeOrder).toBe('voorrangsgroep, dan inschrijfduur, dan huishoudnummer');
    const labels = dutch.composition.map((t: any) => t.text.split(' in ')[0]);
    const engineWords = (text: string) => labels.reduce((t: string, label: string) => t.split(label).join('«label»'), text);
    for (const text of [
      dutch.summary,
      dutch.passedOverSummary,
      ...dutch.passedOverReasons.map((r: any) => r.text),
      ...dutch.composition.map((t: any) => t.text),
    ]) {
      expect(engineWords(text)).not.toMatch(ENGLISH);
    }
    expect(dutch.chosen.eligibility).toMatch(/^Uw huishouden mag deze woning huren/);
    // an auditor reads it under pseudonyms and without special-category detail, in Dutch too
    const audited = (await ask(`query($id: ID!) { proposal(id: $id) { summary passedOverReasons { ref text } composition { text } } }`, { id }, AUDITOR, 'nl'))
      .proposal;
    for (const text of [audited.summary, ...audited.passedOverReasons.map((r: any) => r.text), ...audited.composition.map((t: any) => t.text)]) {
      expect(engineWords(text)).not.toMatch(ENGLISH);
    }
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });

  const WHY = `query($h: String!, $v: ID!) { whyNotChosen(householdReference: $h, vacancyId: $v) { outcome rank chosenRank sentences } }`;

  it.each([
    [
      'V-1',
      'PASSED_OVER',
      /^V-1 stond op plaats 1 van \d+ in de volgorde van route REGULAR \(voorrangsgroep, dan inschrijfduur, dan huishoudnummer\)\. V-1 was de eerste op volgorde, maar is overgeslagen: /,
    ],
    [
      'X-BIG',
      'NOT_ELIGIBLE',
      /^X-BIG mag VAC-C niet worden toegewezen volgens de regels die golden op de datum van het voorstel: HOUSEHOLD_SIZE_ROOMS: Deze woning heeft \d+ kamers; /,
    ],
    ['T-0', 'NOT_A_RESPONDENT', /^T-0 heeft niet gereageerd op VAC-C; alleen huishoudens die reageerden tellen mee\.$/],
  ])('why %s did not get the home, in Dutch: %s, the same answer as in English', async (ref, outcome, sentence) => {
    const english = (await ask(WHY, { h: ref, v: ids['VAC-C'] }, OFFICER)).whyNotChosen;
    const dutch = (await ask(WHY, { h: ref, v: ids['VAC-C'] }, OFFICER, 'nl')).whyNotChosen;
    expect(dutch).toMatchObject({ outcome, rank: english.rank, chosenRank: english.chosenRank });
    expect(english.outcome).toBe(outcome);
    expect(dutch.sentences.join(' ')).toMatch(sentence);
    for (const text of dutch.sentences) expect(text.replace(/vulnerable households/g, '«label»')).not.toMatch(ENGLISH);
  });

  it("a proposal's rationale for an auditor, in Dutch, under pseudonyms", async () => {
    const [{ id }] = await sut.dataSource.query(`SELECT id::text FROM proposal ORDER BY id DESC LIMIT 1`);
    const RATIONALE = `query($p: ID!) { proposalRationale(proposalId: $p) { sentences displacement } }`;
    const english = (await ask(RATIONALE, { p: id }, AUDITOR)).proposalRationale;
    const dutch = (await ask(RATIONALE, { p: id }, AUDITOR, 'nl')).proposalRationale;
    expect(dutch.displacement).toBe(english.displacement);
    expect(dutch.sentences).toHaveLength(english.sentences.length);
    expect(dutch.sentences.join(' ')).toMatch(/reageerde(n)? op VAC-C; \d+ kwam(en)? in aanmerking\./);
    expect(dutch.sentences.join(' ')).toMatch(/Voorgesteld: PSN-[0-9a-f]+, plaats \d+ van \d+/);
    for (const text of dutch.sentences) expect(text.replace(/vulnerable households/g, '«label»')).not.toMatch(ENGLISH);
  });

  it("the four-eyes queue: the targets' sentences in the approver's language, the same targets", async () => {
    // the proposal for VAC-C passes over V-1: accepting it waits for a second officer
    const [{ id }] = await sut.dataSource.query(`SELECT id::text FROM proposal WHERE vacancy_id = $1 ORDER BY id DESC LIMIT 1`, [Number(ids['VAC-C'])]);
    const decided = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { status } }`, { p: id }, OFFICER);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideProposal.status).toBe('PENDING_APPROVAL');
    const QUEUE = `{ pendingApprovals { vacancyReference targets { targetId label text } } }`;
    const APPROVER = asRole('OFFICER', 'second-officer');
    const [english] = (await ask(QUEUE, {}, APPROVER)).pendingApprovals;
    const [dutch] = (await ask(QUEUE, {}, APPROVER, 'nl')).pendingApprovals;
    expect(english.targets.length).toBeGreaterThan(0);
    expect(dutch.targets.map((t: any) => [t.targetId, t.label])).toEqual(english.targets.map((t: any) => [t.targetId, t.label]));
    for (const [i, t] of dutch.targets.entries()) {
      expect(english.targets[i].text).toMatch(new RegExp(`^${english.targets[i].label} in CASE: .+ now; `));
      expect(t.text).toMatch(new RegExp(`^${t.label} in CASE: nu .+; doel `));
      expect(t.text.split(t.label).join('«label»')).not.toMatch(ENGLISH);
    }
  });
});
