import { OffersService } from '../../src/allocation/offers.service.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { movableClock, must, offerVacancy } from '../helpers/letting-flow.js';
import { TestApp, createTestApp, idsByReference } from '../helpers/test-app.js';

const OFFER = `id status stage stageDue refusalReasonCode household { reference }`;
const ADVANCE = `mutation($input: AdvanceOfferInput!) { advanceOffer(input: $input) { offer { ${OFFER} } tenancyId } }`;
const DUE = `{ offersDue { id stage stageDue vacancy { reference } } }`;

/**
 * Offers as a lifecycle (issue 17): each stage due by the letting policy, the documents checked before
 * the final acceptance, and an overdue stage expired once by the deadline job, the vacancy moving on to
 * the next candidate, also with two instances and after a restart.
 */
describe('offer stages and their deadlines', () => {
  const clock = movableClock('2026-03-02');
  let sut: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    sut = await createTestApp({}, { clock });
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    ids = await idsByReference(sut);
  });
  afterAll(() => sut?.close());

  it('walks an offer through its stages, each due by the letting policy; the documents are checked before the final acceptance', async () => {
    const offer = await offerVacancy(sut, ids['VAC-C'], OFFER);
    // letting policy version 1: interest check 2 days, viewing 7, provisional acceptance 3, documents 7, final acceptance 3
    expect(offer).toMatchObject({ status: 'OPEN', stage: 'INTEREST_CHECK', stageDue: '2026-03-04' });
    const steps: [string, string][] = [];
    for (let i = 0; i < 3; i += 1) {
      const next = must(await sut.gql(ADVANCE, { input: { offerId: offer.id } })).advanceOffer.offer;
      steps.push([next.stage, next.stageDue]);
    }
    expect(steps).toEqual([
      ['VIEWING', '2026-03-09'],
      ['PROVISIONAL_ACCEPTANCE', '2026-03-05'],
      ['DOCUMENTS_CHECK', '2026-03-09'],
    ]);
    const missing = await sut.gql(ADVANCE, { input: { offerId: offer.id, documents: { incomeStatement: true, identity: false } } });
    expect(missing.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'documents', reason: expect.stringMatching(/identity/i) }],
    });
    const final = must(await sut.gql(ADVANCE, { input: { offerId: offer.id, documents: { incomeStatement: true, identity: true } } })).advanceOffer.offer;
    expect(final.stage).toBe('FINAL_ACCEPTANCE');
    const accepted = must(await sut.gql(ADVANCE, { input: { offerId: offer.id } })).advanceOffer;
    expect(accepted.offer).toMatchObject({ status: 'ACCEPTED', stage: null });
    expect(accepted.tenancyId).not.toBeNull();
    const audit = await sut.dataSource.query(
      `SELECT body::jsonb->'payload'->>'to' AS "to" FROM audit_event WHERE type = 'OFFER_STAGE_ADVANCED' AND (subject->>'offerId')::int = $1 ORDER BY seq DESC LIMIT 4`,
      [Number(offer.id)],
    );
    audit.reverse(); // the newest four: on a PostgreSQL server the log outlives earlier tests
    expect(audit.map((a: any) => a.to)).toEqual(['VIEWING', 'PROVISIONAL_ACCEPTANCE', 'DOCUMENTS_CHECK', 'FINAL_ACCEPTANCE']);
  });

  it('expires an overdue stage exactly once, also when the job runs twice at the same time, and offers the vacancy to the next candidate', async () => {
    const offer = await offerVacancy(sut, ids['VAC-P'], OFFER);
    expect(offer.stageDue).toBe('2026-03-04');
    clock.set('2026-03-04');
    expect(must(await sut.gql(DUE)).offersDue).toEqual([{ id: offer.id, stage: 'INTEREST_CHECK', stageDue: '2026-03-04', vacancy: { reference: 'VAC-P' } }]);
    expect((await sut.app.get(OffersService).expireOverdue()).expired).toEqual([]); // due today is not yet overdue
    clock.set('2026-03-05');
    const [{ since }] = await sut.dataSource.query(`SELECT coalesce(max(seq), 0) AS since FROM audit_event`);
    const runs = await Promise.all([sut.app.get(OffersService).expireOverdue(), sut.app.get(OffersService).expireOverdue()]);
    expect(runs.flatMap((r) => r.expired)).toEqual([Number(offer.id)]);
    const offers = must(await sut.gql(`query($v: ID!) { offers(vacancyId: $v) { ${OFFER} } }`, { v: ids['VAC-P'] })).offers;
    expect(offers[0]).toMatchObject({ id: offer.id, status: 'DECLINED', stage: null, refusalReasonCode: 'EXPIRED' });
    // the vacancy moves on once: one new proposal (the next candidate, if any is left: here V-1 was housed by VAC-C)
    const [{ proposals }] = await sut.dataSource.query(`SELECT count(*)::int AS proposals FROM proposal WHERE vacancy_id = $1`, [Number(ids['VAC-P'])]);
    expect(proposals).toBe(2);
    expect(offers.length).toBeLessThanOrEqual(2);
    const [{ n }] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE type = 'OFFER_RESPONSE' AND (subject->>'offerId')::int = $1 AND seq > $2`,
      [Number(offer.id), since],
    );
    expect(n).toBe(1);
    const [event] = await sut.dataSource.query(`SELECT actor FROM audit_event WHERE type = 'OFFER_RESPONSE' AND (subject->>'offerId')::int = $1 AND seq > $2`, [
      Number(offer.id),
      since,
    ]);
    expect(event.actor).toBe('job:offer-deadlines');
  });
});

/** After a restart the overdue stage is still found and expired once; on PostgreSQL two instances share the work. */
describe('the deadline job across restarts and instances', () => {
  it('expires a stage that fell due while the service was down, once', async () => {
    const clock = movableClock('2026-03-02');
    const first = await createTestApp({}, { clock });
    expect((await first.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    const ids = await idsByReference(first);
    const offer = await offerVacancy(first, ids['VAC-C'], OFFER);
    await first.close({ keepData: true });
    clock.set('2026-03-10');
    const second = await createTestApp({}, { clock, reopen: { pgliteDir: first.pgliteDir } });
    try {
      expect((await second.app.get(OffersService).expireOverdue()).expired).toEqual([Number(offer.id)]);
      expect((await second.app.get(OffersService).expireOverdue()).expired).toEqual([]);
    } finally {
      await second.close();
    }
  });

  if (process.env.DATABASE_URL) {
    it('two instances on one PostgreSQL server expire each overdue stage exactly once', async () => {
      const clock = movableClock('2026-03-02');
      const a = await createTestApp({}, { clock });
      expect((await a.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
      const ids = await idsByReference(a);
      const b = await createTestApp({}, { clock, reopen: { pgliteDir: undefined } });
      try {
        const offers = [await offerVacancy(a, ids['VAC-C'], OFFER), await offerVacancy(a, ids['VAC-P'], OFFER)];
        // the log outlives earlier tests on a PostgreSQL server (their offers had the same ids): count from here
        const [{ since }] = await a.dataSource.query(`SELECT coalesce(max(seq), 0) AS since FROM audit_event`);
        clock.set('2026-03-10');
        const runs = await Promise.all([a.app.get(OffersService).expireOverdue(), b.app.get(OffersService).expireOverdue()]);
        expect(
          runs
            .flatMap((r) => r.expired)
            .sort((x, y) => x - y)
            .slice(0, 2),
        ).toEqual(offers.map((o) => Number(o.id)).sort((x, y) => x - y));
        const [{ n }] = await a.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE type = 'OFFER_RESPONSE' AND (subject->>'offerId')::int = ANY($1) AND seq > $2`,
          [offers.map((o) => Number(o.id)), since],
        );
        expect(n).toBe(2);
      } finally {
        await b.close();
        await a.close();
      }
    });
  }
});
