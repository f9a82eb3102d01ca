import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offer letters from templates (issue 17): the association's own texts for the letter that goes with
 * an offer (src/engine/letting/offer-letter.ts), versioned policy data like letting_policy. The text
 * is the association's, not the law's; version 1 is a starting point to change. The template in force
 * on the letter's date is used. Placeholders: {{aanhef}}, {{adres}}, {{woningtype}}, {{huurprijs}},
 * {{stadia}}, {{documenten}}, {{bezichtiging}}, {{reactietermijn}}, {{organisatie}}, {{datum}}.
 */
export class OfferLetterTemplates1764000000018 implements MigrationInterface {
  name = 'OfferLetterTemplates1764000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offer_letter_template (
        version integer NOT NULL CHECK (version >= 1),
        -- OFFER: the invitation that goes with an offer, with all its stages
        kind text NOT NULL CHECK (kind IN ('OFFER')),
        effective_from date NOT NULL,
        locale text NOT NULL DEFAULT 'nl' CHECK (locale = 'nl'),
        organisation text NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        notes text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (version, kind)
      )`);
    await q.query(
      `INSERT INTO offer_letter_template (version, kind, effective_from, organisation, subject, body, notes, created_by)
       VALUES (1, 'OFFER', '2000-01-01', $1, $2, $3, $4, 'migration')`,
      [
        'Woonmix woningcorporatie',
        'Aanbieding van de woning {{adres}}',
        [
          '{{aanhef}},',
          'Wij bieden u de woning {{adres}} aan: een {{woningtype}}. De huur is {{huurprijs}}.',
          'Laat ons uiterlijk {{reactietermijn}} weten of u de woning wilt. Horen wij niets van u, dan vervalt de aanbieding en bieden wij de woning aan de volgende woningzoekende aan.',
          'U kunt de woning bezichtigen {{bezichtiging}}.',
          'De stappen tot het huurcontract, elk met de laatste dag:',
          '{{stadia}}',
          'Rondt u een stap eerder af, dan schuiven de data van de volgende stappen mee naar voren.',
          'Neem voor de controle van uw gegevens mee:',
          '{{documenten}}',
          'Hebt u vragen? Neem dan contact met ons op en noem uw inschrijving.',
          'Met vriendelijke groet,\n{{organisatie}}\n{{datum}}',
        ].join('\n\n'),
        'Startversie (aan te passen): de eigen tekst van de corporatie, geen wettelijke tekst.',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer_letter_template`);
  }
}
