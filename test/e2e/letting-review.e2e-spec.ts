import { OffersService } from '../../src/allocation/offers.service.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { movableClock, must, offerVacancy } from '../helpers/letting-flow.js';
import { TestApp, createTestApp, idsByReference } from '../helpers/test-app.js';

const OFFER = `id status stage stageDue refusalReasonCode household { id reference }`;
const PUBLISH = `mutation($input: PublishVacancyInput!) { publishVacancy(input: $input) { state } }`;
const CLOSE = `mutation($v: ID!) { closeReactionWindow(vacancyId: $v) { id state } }`;
const PROPOSE = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`;
const ROUND = `mutation($ids: [ID!]) { startAllocationRound(input: { vacancyIds: $ids }) { id } }`;
const ADVANCE = `mutation($input: AdvanceOfferInput!) { advanceOffer(input: $input) { offer { ${OFFER} } } }`;
const RESPOND = `mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { offer { ${OFFER} } } }`;

/**
 * The letting process's edges found in review (issue 17): an advertised vacancy is proposed only from
 * its candidate list; the deadline job goes on past an offer it cannot expire; a stage that lapses
 * after the household showed interest is not counted as its refusal; an urgency that ran out is not lost.
 */
describe('letting process: review fixes', () => {
  const clock = movableClock('2026-03-02');
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeEach(async () => {
    clock.set('2026-03-02');
    sut = await createTestApp({}, { clock });
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    ids = await idsByReference(sut);
  });
  afterEach(() => sut.close());

  const sanctionsOf = (householdId: string) =>
    sut.dataSource.query(`SELECT kind FROM sanction WHERE household_id = $1 ORDER BY id`, [Number(householdId)]) as Promise<{ kind: string }[]>;

  it('proposes and plans an advertised vacancy only once its candidate list is made; the list is made for an OPEN vacancy only', async () => {
    must(await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-P'], opensOn: '2026-03-01', closesOn: '2026-03-05' } }));
    const early = await sut.gql(PROPOSE, { v: ids['VAC-P'] });
    expect(early.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message:
        'Vacancy VAC-P is advertised and its publication is PUBLISHED: it is proposed from its candidate list once the window has closed and the list is made',
    });
    const round = await sut.gql(ROUND, { ids: [ids['VAC-P']] });
    expect(round.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'vacancyIds', reason: expect.stringMatching(/^vacancy VAC-P is advertised and its publication is PUBLISHED/) }],
    });
    expect(await sut.dataSource.query(`SELECT 1 FROM proposal WHERE vacancy_id = $1`, [Number(ids['VAC-P'])])).toEqual([]);

    clock.set('2026-03-06');
    must(await sut.gql(CLOSE, { v: ids['VAC-P'] }));
    expect(must(await sut.gql(PROPOSE, { v: ids['VAC-P'] })).proposeAllocation.id).toBeTruthy();

    // a vacancy proposed meanwhile (here set directly: the API no longer gets there) gets no list
    must(await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-C'], opensOn: '2026-03-01', closesOn: '2026-03-06' } }));
    await sut.dataSource.query(`UPDATE vacancy SET status = 'PROPOSED' WHERE id = $1`, [Number(ids['VAC-C'])]);
    const closing = await sut.gql(CLOSE, { v: ids['VAC-C'] });
    expect(closing.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'Vacancy VAC-C is PROPOSED: a candidate list is made for an OPEN vacancy',
    });
    expect(await sut.dataSource.query(`SELECT state FROM vacancy_publication WHERE vacancy_id = $1`, [Number(ids['VAC-C'])])).toEqual([{ state: 'PUBLISHED' }]);
  });

  it('the deadline job expires the other overdue offers when one of them cannot expire, and names that one', async () => {
    // an offer whose candidate row says PLACED cannot expire (the state an offer made during the window left behind)
    must(await sut.gql(PUBLISH, { input: { vacancyId: ids['VAC-C'], opensOn: '2026-03-01', closesOn: '2026-03-02' } }));
    clock.set('2026-03-03');
    must(await sut.gql(CLOSE, { v: ids['VAC-C'] }));
    const stuck = await offerVacancy(sut, ids['VAC-C'], OFFER);
    await sut.dataSource.query(`UPDATE candidate SET state = 'PLACED' WHERE vacancy_id = $1 AND household_id = $2`, [
      Number(ids['VAC-C']),
      Number(stuck.household.id),
    ]);
    const fine = await offerVacancy(sut, ids['VAC-P'], OFFER);
    expect(Number(stuck.id)).toBeLessThan(Number(fine.id));
    clock.set('2026-03-10');
    const run = await sut.app.get(OffersService).expireOverdue();
    expect(run.expired).toEqual([Number(fine.id)]);
    expect(run.failed).toEqual([{ offerId: Number(stuck.id), reason: expect.stringMatching(/PLACED/) }]);
    const statuses = await sut.dataSource.query(`SELECT id, status, refusal_reason_code FROM offer WHERE id = ANY($1) ORDER BY id`, [
      [Number(stuck.id), Number(fine.id)],
    ]);
    expect(statuses).toEqual([
      { id: Number(stuck.id), status: 'OPEN', refusal_reason_code: null },
      { id: Number(fine.id), status: 'DECLINED', refusal_reason_code: 'EXPIRED' },
    ]);
  });

  it('a stage that lapses after the household showed interest ends the offer as STAGE_LAPSED, without a sanction or the loss of urgency', async () => {
    const offer = await offerVacancy(sut, ids['VAC-C'], OFFER);
    await sut.dataSource.query(`UPDATE household SET urgency_category = 'MEDICAL', urgency_granted = '2026-01-01', urgency_expires = NULL WHERE id = $1`, [
      Number(offer.household.id),
    ]);
    const viewing = must(await sut.gql(ADVANCE, { input: { offerId: offer.id } })).advanceOffer.offer;
    expect(viewing).toMatchObject({ stage: 'VIEWING', stageDue: '2026-03-09' });
    clock.set('2026-03-10');
    expect((await sut.app.get(OffersService).expireOverdue()).expired).toEqual([Number(offer.id)]);
    const [row] = await sut.dataSource.query(`SELECT status, refusal_reason_code FROM offer WHERE id = $1`, [Number(offer.id)]);
    expect(row).toEqual({ status: 'DECLINED', refusal_reason_code: 'STAGE_LAPSED' });
    expect(await sanctionsOf(offer.household.id)).toEqual([]);
    const [household] = await sut.dataSource.query(`SELECT urgency_category FROM household WHERE id = $1`, [Number(offer.household.id)]);
    expect(household.urgency_category).toBe('MEDICAL');
  });

  it('an urgency that ran out before an unjustified refusal is not taken away; one still valid is', async () => {
    const setUrgency = (householdId: string, expires: string | null) =>
      sut.dataSource.query(`UPDATE household SET urgency_category = 'MEDICAL', urgency_granted = '2026-01-01', urgency_expires = $2 WHERE id = $1`, [
        Number(householdId),
        expires,
      ]);
    const lapsed = await offerVacancy(sut, ids['VAC-C'], OFFER);
    await setUrgency(lapsed.household.id, '2026-03-01');
    must(await sut.gql(RESPOND, { input: { offerId: lapsed.id, response: 'DECLINED', reason: 'the location', refusalReasonCode: 'LOCATION' } }));
    expect((await sanctionsOf(lapsed.household.id)).map((s) => s.kind)).not.toContain('LOSE_URGENCY');

    const valid = await offerVacancy(sut, ids['VAC-P'], OFFER);
    await setUrgency(valid.household.id, '2026-03-02');
    must(await sut.gql(RESPOND, { input: { offerId: valid.id, response: 'DECLINED', reason: 'the location', refusalReasonCode: 'LOCATION' } }));
    expect((await sanctionsOf(valid.household.id)).map((s) => s.kind)).toContain('LOSE_URGENCY');
  });
});
