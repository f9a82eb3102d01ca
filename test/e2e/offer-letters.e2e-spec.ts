import { ImportsService } from '../../src/imports/imports.service.js';
import { caseDataset } from '../fixtures/case-dataset.js';
import { movableClock, must, offerVacancy } from '../helpers/letting-flow.js';
import { TestApp, asRole, createTestApp, idsByReference } from '../helpers/test-app.js';

const ADVANCE = `mutation($input: AdvanceOfferInput!) { advanceOffer(input: $input) { offer { id stage stageDue } } }`;
const LETTER = `query($o: ID!) { offerLetter(offerId: $o) { offerId date templateVersion subject body html blocks { kind text items } } }`;
const ADD_TEMPLATE = `mutation($input: AddOfferLetterTemplateVersionInput!) { addOfferLetterTemplateVersion(input: $input) { version kind effectiveFrom subject body } }`;
const TEMPLATES = `{ offerLetterTemplates { version effectiveFrom subject placeholders } }`;

/**
 * Offer letters from templates (issue 17): the letter of an open offer names the dwelling, the stages
 * with their last days and the documents to bring, in Dutch, from the template version in force on its
 * date; managers add versions (placeholders checked by name, audited); who may read a letter.
 */
describe('offer letters', () => {
  const clock = movableClock('2026-03-02');
  let sut: TestApp;
  let ids: Record<string, string>;
  let offer: { id: string; household: { reference: string } };

  beforeAll(async () => {
    sut = await createTestApp({}, { clock });
    expect((await sut.app.get(ImportsService).importDataset(caseDataset())).errors).toEqual([]);
    ids = await idsByReference(sut);
    offer = await offerVacancy(sut, ids['VAC-C'], 'id status household { reference }');
  });
  afterAll(() => sut?.close());

  it('gives the letter of an open offer: the address, the rent, the stages with their last days and the documents to bring', async () => {
    const [dwelling] = await sut.dataSource.query(`SELECT d.address, d.postcode FROM dwelling d JOIN vacancy v ON v.dwelling_id = d.id WHERE v.id = $1`, [
      Number(ids['VAC-C']),
    ]);
    const letter = must(await sut.gql(LETTER, { o: offer.id })).offerLetter;
    const address = `${dwelling.address}, ${dwelling.postcode.slice(0, 4)} ${dwelling.postcode.slice(4)}`;
    expect(letter).toMatchObject({ offerId: offer.id, date: '2026-03-02', templateVersion: 1, subject: `Aanbieding van de woning ${address}` });
    // letting policy version 1: interest check 2 days, viewing 7, provisional acceptance 3, documents 7, final acceptance 3
    expect(letter.blocks.find((b: any) => b.kind === 'LIST' && b.items[0].startsWith('U laat weten')).items).toEqual([
      'U laat weten of u interesse hebt: uiterlijk woensdag 4 maart 2026 (deze stap loopt nu)',
      'Bezichtiging van de woning: uiterlijk woensdag 11 maart 2026',
      'Voorlopige acceptatie: uiterlijk zaterdag 14 maart 2026',
      'Controle van uw documenten: uiterlijk zaterdag 21 maart 2026',
      'Definitieve acceptatie en huurcontract: uiterlijk dinsdag 24 maart 2026',
    ]);
    expect(letter.body).toContain(`Beste woningzoekende (inschrijving ${offer.household.reference})`);
    expect(letter.body).toMatch(/- een inkomensverklaring van de Belastingdienst/);
    expect(letter.body).toMatch(/- een geldig legitimatiebewijs/);
    expect(letter.body).toMatch(/kale huur per maand/);
    expect(letter.body).toMatch(/€ \d{1,3}(\.\d{3})*,\d{2}/);
    expect(letter.body).toContain('Laat ons uiterlijk woensdag 4 maart 2026 weten');
    // no publication with a viewing date: the viewing is agreed with the household
    expect(letter.body).toContain('U kunt de woning bezichtigen op een moment dat wij met u afspreken.');
    expect(letter.html).toMatch(/^<h1>Aanbieding van de woning /);
    expect(letter.html).toContain('<ul><li>U laat weten of u interesse hebt');
  });

  it('follows the offer: done stages, the current one as stored, the viewing date of the publication, documents received', async () => {
    must(await sut.gql(ADVANCE, { input: { offerId: offer.id } }));
    // the vacancy's publication as stored (the advert's viewing date), as publishVacancy leaves it once the list is made
    await sut.dataSource.query(
      `INSERT INTO vacancy_publication (vacancy_id, opens_on, closes_on, viewing_on, state, published_by)
       VALUES ($1, '2026-02-20', '2026-02-27', '2026-03-06', 'LISTED', 'test-officer')`,
      [Number(ids['VAC-C'])],
    );
    const viewing = must(await sut.gql(LETTER, { o: offer.id })).offerLetter;
    expect(viewing.body).toContain('U kunt de woning bezichtigen vrijdag 6 maart 2026.');
    expect(viewing.body).toContain('- U laat weten of u interesse hebt: afgerond');
    expect(viewing.body).toContain('- Bezichtiging van de woning: uiterlijk maandag 9 maart 2026 (deze stap loopt nu)');
    await sut.dataSource.query(`DELETE FROM vacancy_publication WHERE vacancy_id = $1`, [Number(ids['VAC-C'])]);

    must(await sut.gql(ADVANCE, { input: { offerId: offer.id } }));
    must(await sut.gql(ADVANCE, { input: { offerId: offer.id } }));
    must(await sut.gql(ADVANCE, { input: { offerId: offer.id, documents: { incomeStatement: true, identity: true } } }));
    const final = must(await sut.gql(LETTER, { o: offer.id })).offerLetter;
    expect(final.body).toContain('- Definitieve acceptatie en huurcontract: uiterlijk donderdag 5 maart 2026 (deze stap loopt nu)');
    expect(final.body).toMatch(/- een inkomensverklaring .* \(hebben wij al ontvangen\)/);
    expect(final.body).toMatch(/- een geldig legitimatiebewijs .* \(hebben wij al ontvangen\)/);
  });

  it('shows auditors the household under its pseudonym; officers outside the assignment, managers and partners get no letter', async () => {
    const audited = must(await sut.gql(LETTER, { o: offer.id }, asRole('AUDITOR'))).offerLetter;
    // as a whole word: a pseudonym (PSN-1b5d...) may well contain the characters of a reference such as N-1
    expect(audited.body).not.toMatch(new RegExp(`\\b${offer.household.reference}\\b`));
    expect(audited.body).toMatch(/Beste woningzoekende \(inschrijving PSN-[0-9a-f]{16}\)/);
    const outside = await sut.gql(LETTER, { o: offer.id }, asRole('OFFICER', 'unassigned-officer'));
    expect(outside.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/outside your assignment/) });
    expect(outside.data).toBeNull();
    for (const role of ['MANAGER', 'PARTNER'] as const) {
      const refused = await sut.gql(LETTER, { o: offer.id }, asRole(role));
      expect([role, refused.errors![0].extensions.code]).toEqual([role, 'FORBIDDEN']);
    }
    const missing = await sut.gql(LETTER, { o: '999999' });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses a template with an unknown placeholder, naming the field and the placeholder; officers may not add templates', async () => {
    const input = { effectiveFrom: '2026-03-05', organisation: 'Woonmix', subject: 'Aanbod {{adres}}', body: 'Beste {{naam}},\n\n{{stadia}}' };
    const unknown = await sut.gql(ADD_TEMPLATE, { input });
    expect(unknown.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'body', reason: expect.stringContaining('unknown placeholder {{naam}}') }],
    });
    expect(unknown.errors![0].message).toContain('{{naam}}');
    const past = await sut.gql(ADD_TEMPLATE, { input: { ...input, body: '{{stadia}}', effectiveFrom: '2026-03-01' } });
    expect(past.errors![0].extensions.fields).toEqual([{ field: 'effectiveFrom', reason: expect.stringMatching(/today \(2026-03-02\) or later/) }]);
    const officer = await sut.gql(ADD_TEMPLATE, { input: { ...input, body: '{{stadia}}' } }, asRole('OFFICER'));
    expect(officer.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(must(await sut.gql(TEMPLATES)).offerLetterTemplates.map((t: any) => t.version)).toEqual([1]);
  });

  it('uses a new template version for letters from its effective date on; adding one is audited', async () => {
    const added = must(
      await sut.gql(
        ADD_TEMPLATE,
        {
          input: {
            effectiveFrom: '2026-03-05',
            organisation: 'Woonmix & Co',
            subject: 'Woningaanbod {{adres}}',
            body: '{{aanhef}},\n\nU krijgt een aanbod <b>{{woningtype}}</b>.\n\n{{stadia}}\n\nNeem mee:\n\n{{documenten}}\n\n{{organisatie}}',
            notes: 'Kortere brief',
          },
        },
        asRole('MANAGER'),
      ),
    ).addOfferLetterTemplateVersion;
    expect(added).toMatchObject({ version: 2, kind: 'OFFER', effectiveFrom: '2026-03-05' });
    const [event] = await sut.dataSource.query(
      `SELECT actor, subject, body::jsonb->'payload'->>'effectiveFrom' AS "effectiveFrom" FROM audit_event WHERE type = 'OFFER_LETTER_TEMPLATE_ADDED' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toMatchObject({ actor: 'test-manager', subject: { offerLetterTemplateVersion: 2 }, effectiveFrom: '2026-03-05' });

    expect(must(await sut.gql(LETTER, { o: offer.id })).offerLetter).toMatchObject({
      templateVersion: 1,
      subject: expect.stringMatching(/^Aanbieding van de woning/),
    });
    clock.set('2026-03-05');
    const letter = must(await sut.gql(LETTER, { o: offer.id })).offerLetter;
    expect(letter).toMatchObject({ date: '2026-03-05', templateVersion: 2, subject: expect.stringMatching(/^Woningaanbod /) });
    // the template's own text is escaped in HTML like the facts
    expect(letter.html).toContain('&lt;b&gt;');
    expect(letter.html).toContain('Woonmix &amp; Co');
    expect(letter.html).not.toContain('<b>');
    clock.set('2026-03-02');
  });

  it('gives no letter for an offer that is no longer open', async () => {
    must(
      await sut.gql(
        `mutation($o: ID!) { recordOfferResponse(input: { offerId: $o, response: ACCEPTED, documents: { incomeStatement: true, identity: true } }) { offer { id status } } }`,
        { o: offer.id },
      ),
    );
    const refused = await sut.gql(LETTER, { o: offer.id });
    expect(refused.errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/is ACCEPTED: a letter goes with an open offer/),
    });
  });
});
