import { VeraValidator } from './vera-validator.js';

const validator = VeraValidator.fromFile();

describe('VeraValidator: documents against the VERA-WRV 4.3.0 component schemas', () => {
  it('reads the vendored specification and compiles every component schema', () => {
    expect(validator.version).toMatch(/^4\.3\.0/);
    const names = validator.schemaNames();
    expect(names.length).toBeGreaterThan(200);
    for (const name of names) expect(() => validator.validate(name, {})).not.toThrow();
  });

  it.each([
    [
      'a Toewijzing with the allocation test values',
      'Toewijzingen-Toewijzingbericht',
      {
        idExtern: 'A-1',
        datum: '2026-03-02T00:00:00Z',
        rekenhuur: 650.43,
        rekeninkomen: 31000,
        huishoudgrootte: 2,
        passendheidsoort: { code: 'PAS', naam: 'Passend' },
      },
    ],
    [
      'a person (RELATIESOORT NAT) with a birth date',
      'Relaties-Relatiebericht',
      { idExtern: 'P-1', soort: { code: 'NAT' }, geboortedatum: '1980-01-01', achternaam: 'Jansen' },
    ],
    [
      'a household (RELATIESOORT GRO) with its members as references',
      'Relaties-Relatiebericht',
      { idExtern: 'H-1', soort: { code: 'GRO' }, naam: 'Huishouden Jansen', relaties: [{ idExtern: 'P-1' }] },
    ],
    [
      'a dwelling with an address of a unit (ADRESSOORT EEN) in a buurt',
      'Eenheden-Eenheidbericht',
      { idExtern: 'E-1', adres: { soort: { code: 'EEN' }, huisnummer: '12', postcode: '7311AB', buurt: { code: 'BU02000101' } }, kamersAantal: 3 },
    ],
    ['an offer refused for its rent', 'Aanbiedingen-Aanbiedingbericht', { idExtern: 'O-1', status: { code: 'GEW' }, detailStatus: { code: 'HUU' } }],
  ])('%s follows the specification', (_case, schema, document) => {
    expect(validator.validate(schema, document)).toEqual([]);
  });

  it.each([
    [
      'money as a string',
      'Toewijzingen-Toewijzingbericht',
      { rekenhuur: '650.43' },
      '/rekenhuur',
      'type at #/components/schemas/Toewijzingen-Toewijzing/properties/rekenhuur/type',
    ],
    [
      'a date-time without its time',
      'Toewijzingen-Toewijzingbericht',
      { datum: '2026-03-02' },
      '/datum',
      'format at #/components/schemas/Toewijzingen-Toewijzing/properties/datum/format',
    ],
    [
      'a household size with decimals',
      'Toewijzingen-Toewijzingbericht',
      { huishoudgrootte: 2.5 },
      '/huishoudgrootte',
      'type at #/components/schemas/Toewijzingen-Toewijzing/properties/huishoudgrootte/type',
    ],
    [
      'a code list value that is not an object',
      'Aanbiedingen-Aanbiedingbericht',
      { status: 'GEW' },
      '/status',
      'type at #/components/schemas/Referentiedata/type',
    ],
    [
      'a null (the specification has no nullable fields)',
      'Toewijzingen-Toewijzingbericht',
      { rekeninkomen: null },
      '/rekeninkomen',
      'type at #/components/schemas/Toewijzingen-Toewijzing/properties/rekeninkomen/type',
    ],
    // the branch of the person: its birth date is checked as a date
    [
      'a person with a Dutch-written birth date',
      'Relaties-Relatiebericht',
      { soort: { code: 'NAT' }, geboortedatum: '01-01-1980' },
      '/geboortedatum',
      'format at #/components/schemas/Relaties-NatuurlijkPersoon/allOf/1/properties/geboortedatum/format',
    ],
    [
      'an address of a unit whose buurt is a string',
      'Eenheden-Eenheidbericht',
      { adres: { soort: { code: 'EEN' }, buurt: 'BU02000101' } },
      '/adres/buurt',
      'type at #/components/schemas/Eenheden-Buurt/type',
    ],
  ])('%s: a problem at its JSON pointer naming the rule', (_case, schema, document, pointer, rule) => {
    const problems = validator.validate(schema, document);
    expect(problems).toContainEqual(expect.objectContaining({ pointer, rule }));
  });

  it('names the place in a list of documents by the prefix it is given', () => {
    expect(validator.validate('Toewijzingen-Toewijzingbericht', { rekenhuur: 'x' }, '/3')).toEqual([
      { pointer: '/3/rekenhuur', rule: 'type at #/components/schemas/Toewijzingen-Toewijzing/properties/rekenhuur/type', reason: 'must be number' },
    ]);
  });

  it('an unknown schema name is a programming error, not a document problem', () => {
    expect(() => validator.validate('Toewijzingen-Bestaatniet', {})).toThrow(/no component schema Toewijzingen-Bestaatniet/);
  });
});
