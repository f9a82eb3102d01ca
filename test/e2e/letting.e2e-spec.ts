import { drawLottery } from '../../src/engine/letting/lottery.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { TestApp, asRole, createTestApp, idsByReference } from '../helpers/test-app.js';

const PUBLISH = `mutation($input: PublishVacancyInput!) { publishVacancy(input: $input) { model opensOn closesOn viewingOn conditions state publishedBy } }`;
const RESPOND = `mutation($v: ID!, $h: ID!) { respondToVacancy(vacancyId: $v, householdId: $h) { id } }`;
const WITHDRAW_RESPONSE = `mutation($v: ID!, $h: ID!) { withdrawVacancyResponse(vacancyId: $v, householdId: $h) { id } }`;
const CLOSE = `mutation($v: ID!) { closeReactionWindow(vacancyId: $v) { id position state eligible hardFailures household { reference }
  orderKey { eligible priorityTier registrationDate lotteryRank } allowedEvents history { event from to } } }`;
const SKIP = `mutation($input: SkipCandidateInput!) { skipCandidate(input: $input) { id state reasonCode allowedEvents history { event from to reasonCode by } } }`;
const LIST = `query($id: ID!) { vacancy(id: $id) { publication { state lotterySeed listedAt } candidateList { id position state household { reference } orderKey { lotteryRank } } } }`;
const ACCOUNTABILITY = `query($from: String!, $to: String!) { lettingsAccountability(from: $from, to: $to) { rows { lettingDate closingDate street place municipalityCode rooms
  floorAreaM2 netRentCents model respondents registrationDate points lotteryNumber lotterySeed statusCodes status } csv html } }`;

/** The answer's data, or a failure naming its errors. */
function must<T = any>(answer: { data: T; errors?: any[] }): T {
  if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors, null, 1));
  return answer.data;
}

/**
 * The letting process before the offer (issue 17): a vacancy advertised with a reaction window,
 * responses only inside it, the candidate list made at closing by the published order with each
 * candidate's verdict, skips with coded reasons (not refusals) that take a candidate out of the
 * proposal's pool, and the lettings published without personal data.
 */
describe('publication, reaction window and candidate list', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let today = '2026-03-02';

  beforeAll(async () => {
    sut = await createTestApp({}, { clock: { now: () => new Date(`${today}T09:00:00Z`), today: () => today } });
    const { errors } = await sut.app.get(ImportsService).importDataset(caseDataset());
    expect(errors).toEqual([]);
    ids = await idsByReference(sut);
  });
  afterAll(() => sut.close());

  it('takes responses only inside the reaction window, and withdrawals too; closes from the day after its last day', async () => {
    const published = must(
      await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-C'], opensOn: '2026-03-03', closesOn: '2026-03-09', viewingOn: '2026-03-04' } }),
    );
    expect(published.publishVacancy).toMatchObject({
      model: 'REGULAR',
      opensOn: '2026-03-03',
      closesOn: '2026-03-09',
      state: 'PUBLISHED',
      publishedBy: 'test-officer',
    });
    const early = await sut.gql(RESPOND, { v: ids['VAC-C'], h: ids['Y-1'] });
    expect(early.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'Vacancy VAC-C: A reaction is not possible: the reaction window opens on 2026-03-03.',
    });

    today = '2026-03-05';
    must(await sut.gql(RESPOND, { v: ids['VAC-C'], h: ids['Y-1'] }));
    must(await sut.gql(WITHDRAW_RESPONSE, { v: ids['VAC-C'], h: ids['Y-1'] }));
    must(await sut.gql(RESPOND, { v: ids['VAC-C'], h: ids['Y-1'] }));
    const tooEarly = await sut.gql(CLOSE, { v: ids['VAC-C'] });
    expect(tooEarly.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('seekers may react until the end of 2026-03-09, so the window is closed from 2026-03-10'),
    });
    // the last day: a seeker may still react, so the window cannot be closed on it
    today = '2026-03-09';
    must(await sut.gql(WITHDRAW_RESPONSE, { v: ids['VAC-C'], h: ids['Y-1'] }));
    must(await sut.gql(RESPOND, { v: ids['VAC-C'], h: ids['Y-1'] }));
    expect((await sut.gql(CLOSE, { v: ids['VAC-C'] })).errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('seekers may react until the end of 2026-03-09'),
    });

    today = '2026-03-10';
    const late = await sut.gql(RESPOND, { v: ids['VAC-C'], h: ids['N-2'] });
    expect(late.errors![0].message).toBe('Vacancy VAC-C: A reaction is not possible: the reaction window closed on 2026-03-09.');
    expect((await sut.gql(WITHDRAW_RESPONSE, { v: ids['VAC-C'], h: ids['Y-1'] })).errors![0].message).toContain('the reaction window closed on 2026-03-09');
  });

  it('refuses a publication with bad fields, naming each, and one of a vacancy already published', async () => {
    const backwards = await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-P'], opensOn: '2026-03-20', closesOn: '2026-03-12' } });
    expect(backwards.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'closesOn', reason: expect.stringMatching(/opens before it closes/) }],
    });
    const past = await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-P'], opensOn: '2026-02-01', closesOn: '2026-02-10' } });
    expect(past.errors![0].extensions.fields).toEqual([
      { field: 'closesOn', reason: 'must be today (2026-03-10) or later: a window cannot close in the past' },
    ]);
    const again = await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-C'], opensOn: '2026-03-11', closesOn: '2026-03-20' } });
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'Vacancy VAC-C was published already (its publication is PUBLISHED)' });
    const [{ n }] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM vacancy_publication`);
    expect(n).toBe(1);
  });

  let list: any[];

  it('makes the candidate list at closing: stable positions by the published order, each with its verdict, audited', async () => {
    list = must(await sut.gql(CLOSE, { v: ids['VAC-C'] })).closeReactionWindow;
    // registration dates: X-BIG 2009 (but too many people for the home), V-1 2010, N-1 2012, N-2 2014, Y-1 2016
    expect(list.map((c) => [c.position, c.household.reference, c.eligible])).toEqual([
      [1, 'V-1', true],
      [2, 'N-1', true],
      [3, 'N-2', true],
      [4, 'Y-1', true],
      [5, 'X-BIG', false],
    ]);
    expect(list[4].hardFailures.length).toBeGreaterThan(0);
    expect(list[0]).toMatchObject({
      state: 'PLACED',
      orderKey: { eligible: true, registrationDate: '2010-01-01', lotteryRank: null },
      history: [{ event: 'LISTED' }],
    });
    expect(list[0].allowedEvents).toEqual(expect.arrayContaining(['SKIP', 'INVITE', 'OFFER', 'WITHDRAW']));
    expect((await sut.gql(CLOSE, { v: ids['VAC-C'] })).errors![0].extensions.code).toBe('CONFLICT');
    const [event] = await sut.dataSource.query(
      `SELECT body::jsonb->'payload' AS payload FROM audit_event WHERE type = 'CANDIDATE_LIST_MADE' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.payload).toMatchObject({ model: 'REGULAR', closedOn: '2026-03-10', candidates: 5, eligible: 4, lotterySeed: null });
  });

  it('skips a candidate with a coded reason (not a refusal), undoes it, and a skipped candidate leaves the proposal’s pool', async () => {
    const bad = await sut.gql(SKIP, { input: { candidateId: list[0].id, reasonCode: 'NO_SUCH_REASON' } });
    expect(bad.errors![0].extensions.fields).toEqual([{ field: 'reasonCode', reason: 'is not a skip reason (NO_SUCH_REASON; see lettingReasons)' }]);
    const skipped = must(await sut.gql(SKIP, { input: { candidateId: list[0].id, reasonCode: 'COMPOSITION' } })).skipCandidate;
    expect(skipped).toMatchObject({ state: 'SKIPPED', reasonCode: 'COMPOSITION', allowedEvents: ['UNDO_SKIP'] });
    expect(skipped.history.at(-1)).toEqual({ event: 'SKIP', from: 'PLACED', to: 'SKIPPED', reasonCode: 'COMPOSITION', by: 'test-officer' });
    const undone = must(await sut.gql(`mutation($c: ID!) { undoSkipCandidate(candidateId: $c) { state reasonCode } }`, { c: list[0].id })).undoSkipCandidate;
    expect(undone).toEqual({ state: 'PLACED', reasonCode: null });
    const invited = must(await sut.gql(`mutation($c: ID!) { inviteCandidate(candidateId: $c) { state } }`, { c: list[1].id })).inviteCandidate;
    expect(invited.state).toBe('INVITED');
    const twice = await sut.gql(`mutation($c: ID!) { inviteCandidate(candidateId: $c) { state } }`, { c: list[1].id });
    expect(twice.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/^INVITE is not allowed for a candidate in state INVITED/),
    });

    must(await sut.gql(SKIP, { input: { candidateId: list[0].id, reasonCode: 'NO_CONTACT' } }));
    const proposal = must(
      await sut.gql(
        `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { plainOrderCandidate { household { reference } } chosen { household { reference } } } }`,
        {
          v: ids['VAC-C'],
        },
      ),
    ).proposeAllocation;
    // V-1 (first in line, skipped) is not in the pool: the plain order starts with N-1
    expect(proposal.plainOrderCandidate.household.reference).toBe('N-1');
    expect(proposal.chosen.household.reference).not.toBe('V-1');
  });

  it('shows the list to the officers and auditors, never to a manager', async () => {
    const manager = await sut.gql(LIST, { id: ids['VAC-C'] }, asRole('MANAGER'));
    expect(manager.errors![0].extensions.code).toBe('FORBIDDEN');
    const auditor = must(await sut.gql(LIST, { id: ids['VAC-C'] }, asRole('AUDITOR')));
    expect(auditor.vacancy.candidateList).toHaveLength(5);
    // under pseudonyms
    expect(auditor.vacancy.candidateList.map((c: any) => c.household.reference)).not.toContain('V-1');
  });

  it('draws a lottery letting from a seed kept with the publication, and the draw can be done again from it', async () => {
    must(await sut.gql(`mutation($id: ID!) { updateVacancy(id: $id, input: { route: LOTTERY }) { route } }`, { id: ids['VAC-P'] }));
    must(await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-P'], opensOn: '2026-03-10', closesOn: '2026-03-12' } }));
    must(await sut.gql(RESPOND, { v: ids['VAC-P'], h: ids['N-2'] }));
    today = '2026-03-13';
    must(await sut.gql(CLOSE, { v: ids['VAC-P'] }));
    const { vacancy } = must(await sut.gql(LIST, { id: ids['VAC-P'] }));
    expect(vacancy.publication.lotterySeed).toMatch(/^[0-9a-f]{32}$/);
    const redrawn = drawLottery(
      vacancy.candidateList.map((c: any) => Number(ids[c.household.reference])),
      vacancy.publication.lotterySeed,
    ).tickets;
    const rankOf = new Map(redrawn.map((t) => [t.respondentId, t.lotteryNumber]));
    for (const c of vacancy.candidateList)
      expect([c.household.reference, c.orderKey.lotteryRank]).toEqual([c.household.reference, rankOf.get(Number(ids[c.household.reference]))]);
  });

  it('publishes every letting without personal data: street not door, codes for how it was let, the lottery seed to redo the draw', async () => {
    const SECOND_OFFICER = asRole('OFFICER', 'second-officer');
    const letVacancy = async (vacancy: string) => {
      const proposal = must(await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids[vacancy] })).proposeAllocation;
      const offer = must(
        await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id status household { reference } } }`, {
          p: proposal.id,
        }),
      ).decideProposal;
      if (offer.status === 'PENDING_APPROVAL') must(await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { id } }`, { o: offer.id }, SECOND_OFFICER));
      // with a candidate list, a refusal is coded, and the code must be a refusal reason; nothing changes otherwise
      const RESPOND_OFFER = `mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { offer { status } } }`;
      const uncoded = await sut.gql(RESPOND_OFFER, { input: { offerId: offer.id, response: 'DECLINED', reason: 'te ver weg' } });
      expect(uncoded.errors![0].extensions.fields).toEqual([
        { field: 'refusalReasonCode', reason: 'is required: this vacancy has a candidate list, so a refusal is coded (see lettingReasons)' },
      ]);
      const unknown = await sut.gql(RESPOND_OFFER, { input: { offerId: offer.id, response: 'DECLINED', reason: 'te ver weg', refusalReasonCode: 'NOPE' } });
      expect(unknown.errors![0].extensions.fields).toEqual([{ field: 'refusalReasonCode', reason: 'is not a refusal reason (NOPE; see lettingReasons)' }]);
      must(
        await sut.gql(`mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { tenancyId } }`, {
          input: { offerId: offer.id, response: 'ACCEPTED', documents: { incomeStatement: true, identity: true } },
        }),
      );
      return offer.household.reference as string;
    };
    const regularTenant = await letVacancy('VAC-C');
    const lotteryTenant = await letVacancy('VAC-P');
    const published = must(await sut.gql(ACCOUNTABILITY, { from: '2026-01-01', to: '2026-12-31' }, asRole('AUDITOR'))).lettingsAccountability;
    expect(published.rows).toHaveLength(2);
    const [regular, lottery] = [published.rows.find((r: any) => r.model === 'REGULAR'), published.rows.find((r: any) => r.model === 'LOTTERY')];
    const households: { id: number; reference: string; registration_date: string; taxable_income_cents: string | null }[] = await sut.dataSource.query(
      `SELECT id, reference, to_char(registration_date, 'YYYY-MM-DD') AS registration_date, taxable_income_cents FROM household`,
    );
    const birthDates: string[] = (await sut.dataSource.query(`SELECT to_char(birth_date, 'YYYY-MM-DD') AS d FROM household_member`)).map((r: any) => r.d);
    expect(regular).toMatchObject({
      closingDate: '2026-03-09',
      street: 'Rozenlaan',
      place: 'Casestad',
      model: 'REGULAR',
      respondents: 5,
      registrationDate: households.find((h) => h.reference === regularTenant)!.registration_date,
      points: null,
      lotteryNumber: null,
      lotterySeed: null,
    });
    expect(regular.statusCodes.length).toBeGreaterThan(0);
    // every column is one of the published ones, and no value is a person: no reference, internal id, birth date, income or house number
    for (const row of published.rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'lettingDate',
          'closingDate',
          'street',
          'place',
          'municipalityCode',
          'rooms',
          'floorAreaM2',
          'netRentCents',
          'model',
          'respondents',
          'registrationDate',
          'points',
          'lotteryNumber',
          'lotterySeed',
          'statusCodes',
          'status',
        ].sort(),
      );
      const text = JSON.stringify(row);
      for (const h of households) {
        expect(text).not.toContain(`"${h.reference}"`);
        if (h.taxable_income_cents !== null) expect(text).not.toContain(String(h.taxable_income_cents));
      }
      // (the registration date is published on purpose: it is what registration time decided)
      const { registrationDate: _published, ...rest } = row;
      for (const d of birthDates) expect(JSON.stringify(rest)).not.toContain(d);
      expect(row.street).not.toMatch(/\d/);
    }
    for (const h of households) {
      expect(published.csv).not.toContain(h.reference);
      expect(published.html).not.toContain(h.reference);
    }
    // the candidate list followed the offers: the one who accepted is ACCEPTED
    const states = must(await sut.gql(LIST, { id: ids['VAC-C'] })).vacancy.candidateList.map((c: any) => [c.household.reference, c.state]);
    expect(states).toContainEqual([regularTenant, 'ACCEPTED']);
    // the lottery: the winner's number comes out of the published seed and the list again
    expect(lottery.lotterySeed).toMatch(/^[0-9a-f]{32}$/);
    const candidates: { household_id: number }[] = await sut.dataSource.query(`SELECT household_id FROM candidate WHERE vacancy_id = $1`, [
      Number(ids['VAC-P']),
    ]);
    const draw = drawLottery(
      candidates.map((c) => c.household_id),
      lottery.lotterySeed,
    );
    const winner = households.find((h) => h.reference === lotteryTenant)!;
    expect(lottery.lotteryNumber).toBe(draw.tickets.find((t) => t.respondentId === winner.id)!.lotteryNumber);
    // a page the association can publish: self-contained, escaped, in a spreadsheet's Dutch locale as CSV
    expect(published.html).toMatch(/^<!doctype html>/);
    expect(published.html).not.toMatch(/<script|src=|href=/i);
    expect(published.csv.charCodeAt(0)).toBe(0xfeff);
    expect(published.csv.split('\n')[0]).toContain('Street;Place');
  });
});
