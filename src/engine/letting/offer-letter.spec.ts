import {
  OfferLetterFacts,
  OfferLetterTemplate,
  escapeHtml,
  letterDate,
  letterEuros,
  letterHtml,
  letterText,
  renderOfferLetter,
  stageSchedule,
  templateProblems,
} from './offer-letter.js';
import type { StageDeadlines } from './offer-stages.js';

const DEADLINES: StageDeadlines = { INTEREST_CHECK: 2, VIEWING: 7, PROVISIONAL_ACCEPTANCE: 3, DOCUMENTS_CHECK: 7, FINAL_ACCEPTANCE: 3 };

const FACTS: OfferLetterFacts = {
  date: '2026-03-02',
  household: 'HH-0001',
  dwelling: {
    address: 'Rozenhof 12',
    postcode: '9001AB',
    rooms: 3,
    floorAreaM2: 72,
    accessibility: 'ZERO_STEP',
    complexName: 'Rozenhof',
    netRentCents: 123456,
    serviceCostsCents: 4500,
  },
  offer: { stage: 'INTEREST_CHECK', dueDate: '2026-03-04', documents: {} },
  deadlines: DEADLINES,
  viewingOn: '2026-03-10',
  organisation: 'Woonmix',
};

const template = (body: string, subject = 'Aanbieding {{adres}}'): OfferLetterTemplate => ({ version: 1, subject, body });

function letter(body: string, facts: Partial<OfferLetterFacts> = {}, subject?: string) {
  const result = renderOfferLetter(template(body, subject), { ...FACTS, ...facts });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.letter;
}

describe('offer letter', () => {
  describe.each([
    [0, '€ 0,00'],
    [5, '€ 0,05'],
    [65000, '€ 650,00'],
    [123456, '€ 1.234,56'],
    [123456789, '€ 1.234.567,89'],
    [-1050, '-€ 10,50'],
  ])('money in cents %d', (cents, written) => {
    it(`is written ${written}`, () => expect(letterEuros(cents)).toBe(written));
  });

  describe.each([
    ['2026-03-04', 'woensdag 4 maart 2026'],
    ['2026-12-31', 'donderdag 31 december 2026'],
    ['2024-02-29', 'donderdag 29 februari 2024'],
  ])('date %s', (date, written) => {
    it(`is written ${written}`, () => expect(letterDate(date)).toBe(written));
  });

  describe.each<[string, string, Record<string, unknown>]>([
    ['address with postcode', '{{adres}}', { text: 'Rozenhof 12, 9001 AB' }],
    ['dwelling type', '{{woningtype}}', { text: '3-kamerwoning van 72 m², nultredenwoning, complex Rozenhof' }],
    ['rent and service costs', '{{huurprijs}}', { text: '€ 1.234,56 kale huur per maand, plus € 45,00 servicekosten (samen € 1.279,56)' }],
    ['salutation names the household as given', '{{aanhef}},', { text: 'Beste woningzoekende (inschrijving HH-0001),' }],
    ['viewing date', 'Bezichtiging op {{bezichtiging}}.', { text: 'Bezichtiging op dinsdag 10 maart 2026.' }],
    ['reply term: the current stage’s last day', 'Uiterlijk {{reactietermijn}}.', { text: 'Uiterlijk woensdag 4 maart 2026.' }],
    ['organisation and date', '{{organisatie}}, {{ datum }}', { text: 'Woonmix, maandag 2 maart 2026' }],
    [
      'a list inside a sentence',
      'Mee: {{documenten}}.',
      { text: expect.stringMatching(/^Mee: een inkomensverklaring .*; een geldig legitimatiebewijs .*\.$/) },
    ],
  ])('placeholder: %s', (_name, body, block) => {
    it('is filled in', () => expect(letter(body).blocks).toEqual([{ kind: 'PARAGRAPH', ...block }]));
  });

  it('has no service costs sentence when there are none', () => {
    expect(letter('{{huurprijs}}', { dwelling: { ...FACTS.dwelling, serviceCostsCents: 0 } }).blocks).toEqual([
      { kind: 'PARAGRAPH', text: '€ 1.234,56 kale huur per maand' },
    ]);
  });

  it('says a viewing will be agreed when the publication has no viewing date', () => {
    expect(letter('Bezichtiging {{bezichtiging}}.', { viewingOn: null }).blocks).toEqual([
      { kind: 'PARAGRAPH', text: 'Bezichtiging op een moment dat wij met u afspreken.' },
    ]);
  });

  describe.each<[string, OfferLetterFacts['offer'], string[]]>([
    [
      'from the first stage: each later stage due as if every stage took its days',
      { stage: 'INTEREST_CHECK', dueDate: '2026-03-04', documents: {} },
      [
        'U laat weten of u interesse hebt: uiterlijk woensdag 4 maart 2026 (deze stap loopt nu)',
        'Bezichtiging van de woning: uiterlijk woensdag 11 maart 2026',
        'Voorlopige acceptatie: uiterlijk zaterdag 14 maart 2026',
        'Controle van uw documenten: uiterlijk zaterdag 21 maart 2026',
        'Definitieve acceptatie en huurcontract: uiterlijk dinsdag 24 maart 2026',
      ],
    ],
    [
      'in the documents check: earlier stages done',
      { stage: 'DOCUMENTS_CHECK', dueDate: '2026-03-09', documents: {} },
      [
        'U laat weten of u interesse hebt: afgerond',
        'Bezichtiging van de woning: afgerond',
        'Voorlopige acceptatie: afgerond',
        'Controle van uw documenten: uiterlijk maandag 9 maart 2026 (deze stap loopt nu)',
        'Definitieve acceptatie en huurcontract: uiterlijk donderdag 12 maart 2026',
      ],
    ],
  ])('stages %s', (_name, offer, items) => {
    it('are a list when the paragraph is only {{stadia}}', () => expect(letter('{{stadia}}', { offer }).blocks).toEqual([{ kind: 'LIST', items }]));
  });

  it('lists the documents to bring, saying which were received', () => {
    const [block] = letter('{{ documenten }}', { offer: { ...FACTS.offer, documents: { identity: true } } }).blocks;
    expect(block).toEqual({
      kind: 'LIST',
      items: [
        expect.stringMatching(/^een inkomensverklaring van de Belastingdienst .*meeverhuist$/),
        expect.stringMatching(/legitimatiebewijs.*\(hebben wij al ontvangen\)$/),
      ],
    });
  });

  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const result = letter('{{aanhef}},\r\n\r\nRegel een\nregel twee\n\n\n{{stadia}}\n\nMet vriendelijke groet,\n{{organisatie}}');
    expect(result.blocks.map((b) => b.kind)).toEqual(['PARAGRAPH', 'PARAGRAPH', 'LIST', 'PARAGRAPH']);
    expect(result.blocks[1]).toEqual({ kind: 'PARAGRAPH', text: 'Regel een\nregel twee' });
    expect(result).toMatchObject({ templateVersion: 1, subject: 'Aanbieding Rozenhof 12, 9001 AB' });
    expect(letterText(result)).toMatch(/^Aanbieding Rozenhof 12, 9001 AB\n\nBeste woningzoekende .*\n\n- U laat weten/s);
  });

  describe.each<[string, Pick<OfferLetterTemplate, 'subject' | 'body'>, { field: string; reason: RegExp }[]]>([
    [
      'unknown placeholder in the body, named',
      { subject: 'Aanbieding', body: 'Hallo {{naam}} en {{ naam }}' },
      [{ field: 'body', reason: /unknown placeholder \{\{naam\}\}/ }],
    ],
    ['unknown placeholder in the subject', { subject: 'Voor {{huurder}}', body: '{{adres}}' }, [{ field: 'subject', reason: /\{\{huurder\}\}/ }]],
    ['a placeholder in another case', { subject: 'Aanbieding', body: '{{Adres}}' }, [{ field: 'body', reason: /\{\{Adres\}\}/ }]],
    ['an open brace', { subject: 'Aanbieding', body: 'Zie {{adres' }, [{ field: 'body', reason: /does not close/ }]],
    ['an empty subject', { subject: '  ', body: 'Tekst' }, [{ field: 'subject', reason: /empty/ }]],
    ['a list in the subject', { subject: '{{stadia}}', body: 'Tekst' }, [{ field: 'subject', reason: /list/ }]],
    [
      'every known placeholder',
      {
        subject: '{{adres}}',
        body: '{{aanhef}} {{woningtype}} {{huurprijs}} {{stadia}} {{documenten}} {{bezichtiging}} {{reactietermijn}} {{organisatie}} {{datum}}',
      },
      [],
    ],
  ])('template check: %s', (_name, t, expected) => {
    it('gives its problems', () => {
      const problems = templateProblems(t);
      expect(problems).toEqual(expected.map((e) => ({ field: e.field, reason: expect.stringMatching(e.reason) })));
    });
  });

  it('gives no letter for a template with an unknown placeholder, naming it', () => {
    const result = renderOfferLetter(template('Beste {{naam}},'), FACTS);
    expect(result).toEqual({ ok: false, problems: [{ field: 'body', reason: expect.stringContaining('{{naam}}') }] });
  });

  describe.each([
    ['the facts', { dwelling: { ...FACTS.dwelling, address: '<script>alert("x")</script> & Zn\'s' } }, 'Aanbieding {{adres}}', '{{adres}}'],
    ['the template', {}, 'Aanbieding <b>{{adres}}</b>', '<img src=x onerror=alert(1)> {{organisatie}}'],
  ])('HTML: text from %s', (_name, facts, subject, body) => {
    it('is escaped', () => {
      const html = letterHtml(letter(body, facts, subject));
      expect(html).not.toMatch(/<(script|img|b)[ >]/);
      expect(html).toMatch(/&lt;(script|img|b)/);
      expect(html.startsWith('<h1>')).toBe(true);
    });
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes lists as HTML lists and line breaks as <br>', () => {
    expect(letterHtml(letter('a\nb\n\n{{stadia}}', { offer: { stage: 'FINAL_ACCEPTANCE', dueDate: '2026-03-04', documents: {} } }))).toBe(
      [
        '<h1>Aanbieding Rozenhof 12, 9001 AB</h1>',
        '<p>a<br>b</p>',
        '<ul><li>U laat weten of u interesse hebt: afgerond</li><li>Bezichtiging van de woning: afgerond</li><li>Voorlopige acceptatie: afgerond</li>' +
          '<li>Controle van uw documenten: afgerond</li><li>Definitieve acceptatie en huurcontract: uiterlijk woensdag 4 maart 2026 (deze stap loopt nu)</li></ul>',
      ].join('\n'),
    );
  });

  it('is deterministic: the same template and facts give the same letter', () => {
    const body = '{{aanhef}}\n\n{{stadia}}\n\n{{documenten}}';
    expect(renderOfferLetter(template(body), FACTS)).toEqual(renderOfferLetter(template(body), structuredClone(FACTS)));
  });

  it('schedules from the stored due date of the current stage', () => {
    expect(stageSchedule({ stage: 'VIEWING', dueDate: '2026-03-09', documents: {} }, DEADLINES).map((s) => [s.state, s.dueDate])).toEqual([
      ['DONE', null],
      ['NOW', '2026-03-09'],
      ['LATER', '2026-03-12'],
      ['LATER', '2026-03-19'],
      ['LATER', '2026-03-22'],
    ]);
  });
});
