import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The letting process around the decision (issue 17), first part: a vacancy's publication with its
 * reaction window, and the candidate list made when the window closes.
 *
 * - vacancy_publication: when seekers may respond (opens_on .. closes_on, both days included), the
 *   viewing date and the conditions shown to them; its state (src/engine/letting/publication.ts). The
 *   model is the vacancy's route. A LOTTERY publication keeps the seed of its draw, published with
 *   the letting so anyone can check it (lettingsAccountability).
 * - candidate: the ranked list of respondents made at closing: a stable position by the published
 *   order, the verdict of the rules (eligible or not, with reasons) and the key it was ordered by;
 *   its state (src/engine/letting/candidates.ts). candidate_event keeps every transition.
 * - letting_reason: coded reasons to skip a candidate or for a refusal, as policy data (the law leaves
 *   them to the association and its region); refusal reasons say whether they are justified.
 */
export class PublicationAndCandidateLists1764000000016 implements MigrationInterface {
  name = 'PublicationAndCandidateLists1764000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vacancy_publication (
        vacancy_id integer PRIMARY KEY REFERENCES vacancy(id),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        viewing_on date,
        conditions text NOT NULL DEFAULT '' CHECK (length(conditions) <= 2000),
        state text NOT NULL CHECK (state IN ('PUBLISHED', 'CLOSED', 'LISTED', 'WITHDRAWN')),
        lottery_seed text,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        listed_at timestamptz,
        CHECK (closes_on >= opens_on)
      )`);
    await q.query(`
      CREATE TABLE candidate (
        id serial PRIMARY KEY,
        vacancy_id integer NOT NULL REFERENCES vacancy(id),
        household_id integer NOT NULL REFERENCES household(id),
        position integer NOT NULL CHECK (position >= 1),
        state text NOT NULL CHECK (state IN ('PLACED', 'SKIPPED', 'INVITED', 'OFFERED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
        eligible boolean NOT NULL,
        -- the rules that exclude it (ids) and the verdict's summary, in the record's English
        hard_failures text[] NOT NULL DEFAULT '{}',
        summary text NOT NULL,
        -- what the published order compared: priority tier, registration date, points, lottery rank
        order_key jsonb NOT NULL,
        reason_code text,
        UNIQUE (vacancy_id, household_id),
        UNIQUE (vacancy_id, position)
      )`);
    await q.query(`CREATE INDEX candidate_household_idx ON candidate (household_id)`);
    await q.query(`
      CREATE TABLE candidate_event (
        id serial PRIMARY KEY,
        candidate_id integer NOT NULL REFERENCES candidate(id),
        from_state text NOT NULL,
        to_state text NOT NULL,
        event text NOT NULL,
        reason_code text,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL
      )`);
    await q.query(`CREATE INDEX candidate_event_candidate_idx ON candidate_event (candidate_id, id)`);
    await q.query(`
      CREATE TABLE letting_reason (
        kind text NOT NULL CHECK (kind IN ('SKIP', 'REFUSAL')),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        name_nl text NOT NULL,
        name_en text NOT NULL,
        -- refusals: whether the refusal counts as justified (policy: sanctions count the unjustified ones)
        justified boolean,
        PRIMARY KEY (kind, code),
        CHECK ((kind = 'REFUSAL') = (justified IS NOT NULL))
      )`);
    // a starting set for the association to change (policy data, no legal source)
    const reasons: [string, string, string, string, boolean | null][] = [
      ['SKIP', 'NOT_ELIGIBLE', 'Voldoet niet aan de voorwaarden', 'Does not meet the conditions', null],
      ['SKIP', 'NO_CONTACT', 'Niet bereikbaar binnen de termijn', 'Not reachable within the period', null],
      ['SKIP', 'DOCUMENTS_MISSING', 'Stukken niet op tijd aangeleverd', 'Documents not supplied in time', null],
      ['SKIP', 'COMPOSITION', 'Woningzoekende past niet in de samenstelling (gedifferentieerd toewijzen)', 'Does not fit the composition (differentiated allocation)', null],
      ['SKIP', 'OTHER_OFFER', 'Heeft al een ander aanbod', 'Already holds another offer', null],
      ['REFUSAL', 'MEDICAL', 'Medische reden (onderbouwd)', 'Medical reason (substantiated)', true],
      ['REFUSAL', 'NOT_SUITABLE', 'Woning aantoonbaar ongeschikt', 'Dwelling shown to be unsuitable', true],
      ['REFUSAL', 'PERSONAL_CHANGE', 'Persoonlijke omstandigheden gewijzigd', 'Personal circumstances changed', true],
      ['REFUSAL', 'LOCATION', 'Ligging of buurt', 'Location or neighbourhood', false],
      ['REFUSAL', 'DWELLING_TYPE', 'Type of indeling woning', 'Type or layout of the dwelling', false],
      ['REFUSAL', 'NO_RESPONSE', 'Niet gereageerd', 'No response', false],
      ['REFUSAL', 'EXPIRED', 'Termijn verstreken', 'Deadline passed', false],
    ];
    for (const r of reasons) await q.query(`INSERT INTO letting_reason (kind, code, name_nl, name_en, justified) VALUES ($1, $2, $3, $4, $5)`, r);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letting_reason`);
    await q.query(`DROP TABLE candidate_event`);
    await q.query(`DROP TABLE candidate`);
    await q.query(`DROP TABLE vacancy_publication`);
  }
}
