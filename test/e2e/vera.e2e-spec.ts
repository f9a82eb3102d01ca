import { VeraValidator } from '../../src/vera/vera-validator.js';
import { SECOND_OFFICER, must } from '../helpers/letting-flow.js';
import { TestApp, asRole, createCaseApp } from '../helpers/test-app.js';

const OFFER = `id status household { id reference }`;
const RESPOND = `mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { nextOffer { ${OFFER} } } }`;
const EXPORT = `query($r: VeraResource!, $from: String!, $to: String!) {
  veraExport(resource: $r, from: $from, to: $to) { resource schema specificationVersion count documents } }`;
const ADMIN = asRole('ADMIN', 'vera-admin');

/**
 * VERA-WRV export (issue 19): what Woonmix decided, as the sector's documents. Every document is checked
 * here again, by a validator of the test's own over the same specification.
 */
describe('VERA-WRV export of allocations and offers', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  const validator = VeraValidator.fromFile();
  let refused: { id: string; household: { reference: string } };
  let accepted: { id: string; household: { id: string; reference: string } };
  let objection: { id: string };

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    // policy data for the test: one unjustified refusal blocks (version 1 asks three within twelve months), so a sanction exists
    const [{ document }] = await sut.dataSource.query(`SELECT document FROM letting_policy WHERE version = 1`);
    await sut.dataSource.query(`INSERT INTO letting_policy (version, name, effective_from, document) VALUES (2, 'Streng (test)', '2026-01-01', $1)`, [
      JSON.stringify({ ...document, sanctions: { ...document.sanctions, unjustifiedRefusalsForBlock: 1 } }),
    ]);
    const out = async (offer: any) =>
      offer.status === 'PENDING_APPROVAL'
        ? must(await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { ${OFFER} } }`, { o: offer.id }, SECOND_OFFICER)).approveOffer
        : offer;
    const proposal = must(await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] })).proposeAllocation;
    objection = must(
      await sut.gql(`mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`, {
        input: { vacancyId: ids['VAC-C'], householdId: 'N-2', grounds: 'Ik sta langer ingeschreven dan de gekozen kandidaat.' },
      }),
    ).fileObjection;
    refused = await out(
      must(await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { ${OFFER} } }`, { p: proposal.id })).decideProposal,
    );
    const next = must(
      await sut.gql(RESPOND, { input: { offerId: refused.id, response: 'DECLINED', reason: 'wil een andere buurt', refusalReasonCode: 'LOCATION' } }),
    );
    accepted = await out(next.recordOfferResponse.nextOffer);
    must(
      await sut.gql(`mutation($input: OfferResponseInput!) { recordOfferResponse(input: $input) { tenancyId } }`, {
        input: { offerId: accepted.id, response: 'ACCEPTED', documents: { incomeStatement: true, identity: true } },
      }),
    );
  });
  afterAll(() => sut.close());

  const exported = async (resource: string): Promise<{ schema: string; specificationVersion: string; count: number; documents: Record<string, any>[] }> => {
    const answer = must(await sut.gql(EXPORT, { r: resource, from: '2026-01-01', to: '2026-12-31' }, ADMIN)).veraExport;
    const documents = JSON.parse(answer.documents) as Record<string, any>[];
    // the test's own check of every document against the specification
    documents.forEach((d, i) => expect(validator.validate(answer.schema, d, `/${i}`)).toEqual([]));
    return { ...answer, documents };
  };

  it('exports each offer as an Aanbieding: a coded refusal with its VERA reason, an accepted offer as toegewezen', async () => {
    const { schema, specificationVersion, count, documents } = await exported('AANBIEDINGEN');
    expect([schema, specificationVersion]).toEqual(['Aanbiedingen-Aanbiedingbericht', validator.version]);
    expect(count).toBe(documents.length);
    expect(documents.find((d) => d.id === refused.id)).toEqual({
      id: refused.id,
      // LOCATION is mapped to WOB by the refusal reason's own data (letting_reason.vera_detail_status)
      status: { code: 'GEW', naam: 'Geweigerd' },
      detailStatus: { code: 'WOB', naam: 'Woonomgeving bevalt niet' },
      publicatie: { code: 'VAC-C' },
      relatie: { code: refused.household.reference },
    });
    expect(documents.find((d) => d.id === accepted.id)).toMatchObject({ status: { code: 'TOE' }, relatie: { code: accepted.household.reference } });
    expect(documents.find((d) => d.id === accepted.id)!.detailStatus).toBeUndefined();
  });

  it('exports the allocation as a Toewijzing with the income and rent its tests used, its passend category and the DAEB target group', async () => {
    const { schema, documents } = await exported('TOEWIJZINGEN');
    expect(schema).toBe('Toewijzingen-Toewijzingbericht');
    const [fact] = await sut.dataSource.query(
      `SELECT a.id, to_char(a.allocation_date, 'YYYY-MM-DD') AS day, a.counts_as, d.net_rent_cents, h.taxable_income_cents, (SELECT count(*) FROM household_member m WHERE m.household_id = h.id)::int AS size
         FROM allocation a JOIN dwelling d ON d.id = a.dwelling_id JOIN household h ON h.id = a.household_id
        WHERE a.vacancy_id = $1`,
      [ids['VAC-C']],
    );
    const toewijzing = documents.find((d) => d.id === String(fact.id))!;
    const passend = fact.counts_as.includes('passendAboveCap') ? 'NIE' : fact.counts_as.includes('passendWithinCap') ? 'PAS' : 'NVT';
    expect(toewijzing).toMatchObject({
      code: 'VAC-C',
      datum: `${fact.day}T00:00:00Z`,
      kandidaat: { code: accepted.household.reference },
      huishoudgrootte: fact.size,
      rekenhuur: Number(fact.net_rent_cents) / 100,
      rekeninkomen: Number(fact.taxable_income_cents) / 100,
      passendheidsoort: { code: passend },
      'extra-attributen': [{ naam: 'woonmix.daebDoelgroep', waarde: fact.counts_as.includes('daebInTargetGroup') ? 'BINNEN' : 'BOVEN' }],
    });
  });

  it('exports the block after the unjustified refusal as a Sanctie, its kind as the association maps it (policy data)', async () => {
    const first = await exported('SANCTIES');
    expect(first.schema).toBe('Sancties-Sanctiebericht');
    const [block] = await sut.dataSource.query(
      `SELECT s.id, to_char(s.from_date, 'YYYY-MM-DD') AS from, to_char(s.until_date, 'YYYY-MM-DD') AS until FROM sanction s JOIN household h ON h.id = s.household_id
        WHERE h.reference = $1 AND s.kind = 'BLOCK'`,
      [refused.household.reference],
    );
    expect(first.documents).toContainEqual({
      id: String(block.id),
      soort: { code: 'MIL', naam: 'Milde sanctie' },
      status: { code: 'DEF', naam: 'Definitief' },
      begindatum: block.from,
      einddatum: block.until,
      inschrijving: { soort: { code: 'INS', naam: 'Inschrijving' }, code: refused.household.reference },
    });
    // the association maps its blocks to VERA's heavy sanction instead: the export follows its data
    await sut.dataSource.query(`UPDATE vera_sanction_kind SET vera_code = 'ZWA' WHERE kind = 'BLOCK'`);
    const second = await exported('SANCTIES');
    expect(second.documents.find((d) => d.id === String(block.id))!.soort).toEqual({ code: 'ZWA', naam: 'Zware sanctie' });
    await sut.dataSource.query(`UPDATE vera_sanction_kind SET vera_code = 'MIL' WHERE kind = 'BLOCK'`);
  });

  it('exports the objection as a Reclamatie (bezwaar) with its state; the grounds stay in Woonmix', async () => {
    const { schema, documents } = await exported('RECLAMATIES');
    expect(schema).toBe('Reclamaties-Reclamatiebericht');
    expect(documents.find((d) => d.id === objection.id)).toEqual({
      id: objection.id,
      soort: { code: 'BEZ', naam: 'Bezwaar' },
      status: { code: 'ING', naam: 'Ingediend' },
      begindatum: '2026-03-02',
      relatie: { soort: { code: 'GRO', naam: 'Relatiegroep' }, code: 'N-2' },
    });
    expect(JSON.stringify(documents)).not.toContain('langer ingeschreven');
  });

  it('records each export in the audit trail: who, which resource and period, how many documents', async () => {
    const before = Number((await sut.dataSource.query(`SELECT coalesce(max(seq), 0) AS max FROM audit_event`))[0].max);
    const { count } = await exported('AANBIEDINGEN');
    const events = await sut.dataSource.query(`SELECT actor, type, subject, body FROM audit_event WHERE seq > $1 AND type = 'DATA_EXPORTED'`, [before]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'vera-admin', subject: { format: 'VERA-WRV', resource: 'AANBIEDINGEN' } });
    expect(JSON.parse(events[0].body).payload).toMatchObject({ from: '2026-01-01', to: '2026-12-31', count });
  });

  it('is the administrator’s: an officer, a manager or an auditor is refused', async () => {
    for (const role of ['OFFICER', 'MANAGER', 'AUDITOR'] as const) {
      const answer = await sut.gql(EXPORT, { r: 'TOEWIJZINGEN', from: '2026-01-01', to: '2026-12-31' }, asRole(role));
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it.each([
    ['a period that ends before it starts', { from: '2026-06-01', to: '2026-05-31' }, 'to', 'must not be before from'],
    ['a period longer than a year', { from: '2025-01-01', to: '2026-12-31' }, 'to', 'the period may hold at most 366 days; export longer ones in parts'],
    ['a day that is not a date', { from: '2026-02-30', to: '2026-12-31' }, 'from', expect.stringMatching(/date/)],
  ])('refuses %s, naming the field', async (_case, period, field, reason) => {
    const answer = await sut.gql(EXPORT, { r: 'TOEWIJZINGEN', ...period }, ADMIN);
    expect(answer.data).toBeNull();
    expect(answer.errors![0].extensions.fields).toEqual([{ field, reason }]);
  });
});
