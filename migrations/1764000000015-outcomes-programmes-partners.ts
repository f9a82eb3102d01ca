import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a tenancy ended: the sector's reference data, soort EINDEDETAILREDEN (with its parent
 * EINDEREDEN: ONT ontbinding, OPZ opzegging), as published in Aedes-datastandaarden/vera-referentiedata,
 * Referentiedata.csv at commit 0058411c1cc4e355eb2e616b36faef577942b359 (all 17 codes, none withdrawn;
 * the Dutch names as given there, the English ones ours). Frozen here: a later list is a later migration.
 */
const EINDEDETAILREDEN: [code: string, parent: 'ONT' | 'OPZ', nameNl: string, nameEn: string][] = [
  ['FAI', 'ONT', 'Faillissement', 'Bankruptcy'],
  ['HER', 'OPZ', 'Herstructurering', 'Restructuring of the area (demolition, renovation)'],
  ['KOO', 'OPZ', 'Koop eigen woning', 'Bought a home'],
  ['LEE', 'OPZ', 'Leefbaarheid', 'Liveability (nuisance, insecurity, social climate)'],
  ['NOO', 'ONT', 'Noorderzon', 'Left without notice'],
  ['ONT', 'ONT', 'Ontruiming', 'Eviction'],
  ['OVE', 'ONT', 'Overlijden', 'Death'],
  ['PAS', 'OPZ', 'Meer passende woning', 'A more suitable home'],
  ['PER', 'OPZ', 'Persoonlijke omstandigheden', 'Personal circumstances'],
  ['REG', 'OPZ', 'Regulier', 'Regular (no particular reason, or not known)'],
  ['TER', 'OPZ', 'Terugkoop', 'Buy-back'],
  ['TIJ', 'OPZ', 'Tijdelijke overeenkomst', 'Temporary contract ended'],
  ['VER', 'OPZ', 'Verkoop', 'Sale'],
  ['VOO', 'OPZ', 'Voorzieningen', 'Amenities did not meet needs'],
  ['WER', 'OPZ', 'Werk buiten regio', 'Work outside the region'],
  ['WIJ', 'OPZ', 'Wijziging tenaamstelling', 'Change of tenant name (new contract)'],
  ['WON', 'OPZ', 'Woningruil', 'Home exchange'],
];

/**
 * Whether steering worked (issue 16): outcome indicators and their observations, why tenancies end,
 * programmes with goals and partner actions, and the partners' grants per buurt.
 *
 * - outcome_indicator: what is counted and per what (homes, households, respondents). Seeded with the
 *   six the issue names; the Leefbaarometer nuisance dimension is read from the buurt readings
 *   (neighbourhood_reading.nuisance_class), so it is an indicator of kind CLASS with no observations.
 * - outcome_observation: a count with its denominator for a complex or a buurt over a period; never a
 *   fact about a person. Append-only (a trigger refuses UPDATE and DELETE): a correction is a new row
 *   naming the row it corrects, with a reason; the newest of a chain stands
 *   (src/engine/resilience/dossier.ts, standingObservations).
 * - tenancy.end_reason: coded with the sector's VERA reference data (EINDEDETAILREDEN, below).
 * - programme, programme_goal, programme_action: a programme in one buurt (all its complexes, or some),
 *   its start and review dates, the composition policy version it uses, goals per indicator and the
 *   partners' actions.
 * - partner_grant: a PARTNER reader (welfare, care, municipality, police) sees the dossiers and
 *   priorities of the buurten granted to it, nothing else (README, "Who sees what").
 */
export class OutcomesProgrammesPartners1764000000015 implements MigrationInterface {
  name = 'OutcomesProgrammesPartners1764000000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_indicator (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        name_nl text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('COUNT', 'CLASS')),
        basis text CHECK (basis IN ('DWELLINGS', 'HOUSEHOLDS', 'RESPONDENTS')),
        lower_is_better boolean NOT NULL,
        description text NOT NULL,
        CHECK ((kind = 'COUNT') = (basis IS NOT NULL))
      )`);
    const indicators: [string, string, string, string, string | null, boolean, string][] = [
      ['NUISANCE_REPORTS', 'Overlastmeldingen', 'Nuisance reports', 'COUNT', 'DWELLINGS', true, 'Nuisance reports received about the complex or buurt, per 100 homes per year'],
      ['ARREARS', 'Huishoudens met huurachterstand', 'Households in arrears', 'COUNT', 'HOUSEHOLDS', true, 'Households with rent arrears at the end of the period, per 100 households'],
      ['TURNOVER', 'Mutaties (huur opgezegd)', 'Turnover (tenancies ended)', 'COUNT', 'DWELLINGS', true, 'Tenancies that ended in the period, per 100 homes per year'],
      ['EVICTIONS', 'Ontruimingen', 'Evictions', 'COUNT', 'DWELLINGS', true, 'Evictions carried out in the period, per 100 homes per year'],
      ['COMPLAINTS', 'Klachten', 'Complaints', 'COUNT', 'DWELLINGS', true, 'Complaints about living conditions received, per 100 homes per year'],
      ['RESIDENT_SATISFACTION', 'Tevreden bewoners', 'Satisfied residents', 'COUNT', 'RESPONDENTS', false, 'Respondents of the resident survey who are satisfied, per 100 respondents'],
      [
        'LBM_NUISANCE',
        'Leefbaarometer: overlast en onveiligheid',
        'Leefbaarometer: nuisance and insecurity',
        'CLASS',
        null,
        false,
        'The buurt readings\u2019 Leefbaarometer dimension class (1-9, higher is better); read from neighbourhood_reading, not observed here',
      ],
    ];
    for (const row of indicators)
      await q.query(
        `INSERT INTO outcome_indicator (code, name_nl, name_en, kind, basis, lower_is_better, description) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        row,
      );

    await q.query(`
      CREATE TABLE outcome_observation (
        id serial PRIMARY KEY,
        indicator_code text NOT NULL REFERENCES outcome_indicator(code),
        complex_id integer REFERENCES complex(id),
        neighbourhood_id integer REFERENCES neighbourhood(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        denominator integer NOT NULL CHECK (denominator > 0),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
        corrects_id integer UNIQUE REFERENCES outcome_observation(id),
        correction_reason text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((complex_id IS NULL) <> (neighbourhood_id IS NULL)),
        CHECK (period_end >= period_start),
        CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
      )`);
    // one first observation per indicator, scope and period; corrections follow it
    await q.query(
      `CREATE UNIQUE INDEX outcome_observation_one_per_period ON outcome_observation
         (indicator_code, coalesce(complex_id, 0), coalesce(neighbourhood_id, 0), period_start, period_end) WHERE corrects_id IS NULL`,
    );
    await q.query(`CREATE INDEX outcome_observation_complex_idx ON outcome_observation (complex_id, indicator_code, period_start)`);
    await q.query(`CREATE INDEX outcome_observation_buurt_idx ON outcome_observation (neighbourhood_id, indicator_code, period_start)`);
    await q.query(`
      CREATE FUNCTION outcome_observation_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'outcome observations are append-only: correct one by adding a row (corrects_id)';
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER outcome_observation_no_update_or_delete BEFORE UPDATE OR DELETE ON outcome_observation
        FOR EACH ROW EXECUTE FUNCTION outcome_observation_append_only()`);

    await q.query(`
      CREATE TABLE tenancy_end_reason (
        -- the VERA EINDEDETAILREDEN code itself
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        -- its VERA EINDEREDEN: ONT ontbinding, OPZ opzegging
        vera_end_reason text NOT NULL CHECK (vera_end_reason IN ('ONT', 'OPZ', 'VER')),
        name_nl text NOT NULL,
        name_en text NOT NULL
      )`);
    for (const row of EINDEDETAILREDEN)
      await q.query(`INSERT INTO tenancy_end_reason (code, vera_end_reason, name_nl, name_en) VALUES ($1, $2, $3, $4)`, row);
    await q.query(`ALTER TABLE tenancy ADD COLUMN end_reason text REFERENCES tenancy_end_reason(code)`);
    await q.query(`ALTER TABLE tenancy ADD CONSTRAINT tenancy_end_reason_needs_end CHECK (end_reason IS NULL OR end_date IS NOT NULL)`);

    await q.query(`
      CREATE TABLE programme (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 3 AND 120),
        neighbourhood_id integer NOT NULL REFERENCES neighbourhood(id),
        -- empty: every complex of the buurt
        complex_ids integer[] NOT NULL DEFAULT '{}',
        start_date date NOT NULL,
        review_date date NOT NULL,
        composition_policy_version integer NOT NULL CHECK (composition_policy_version >= 1),
        description text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (review_date > start_date)
      )`);
    await q.query(`
      CREATE TABLE programme_goal (
        id serial PRIMARY KEY,
        programme_id integer NOT NULL REFERENCES programme(id),
        indicator_code text NOT NULL REFERENCES outcome_indicator(code),
        -- per 100 homes per year, or per 100 households or respondents (the indicator's basis)
        target numeric(10, 2) NOT NULL CHECK (target >= 0),
        by_date date NOT NULL,
        UNIQUE (programme_id, indicator_code, by_date)
      )`);
    await q.query(`
      CREATE TABLE programme_action (
        id serial PRIMARY KEY,
        programme_id integer NOT NULL REFERENCES programme(id),
        partner text NOT NULL CHECK (length(partner) BETWEEN 2 AND 120),
        action text NOT NULL CHECK (length(action) BETWEEN 3 AND 500),
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'DROPPED')),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX programme_buurt_idx ON programme (neighbourhood_id)`);

    await q.query(`
      CREATE TABLE partner_grant (
        id serial PRIMARY KEY,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        organisation text NOT NULL CHECK (length(organisation) BETWEEN 2 AND 120),
        neighbourhood_id integer NOT NULL REFERENCES neighbourhood(id),
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_by text,
        revoked_at timestamptz,
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX partner_grant_one_open ON partner_grant (subject, neighbourhood_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_grant`);
    await q.query(`DROP TABLE programme_action`);
    await q.query(`DROP TABLE programme_goal`);
    await q.query(`DROP TABLE programme`);
    await q.query(`ALTER TABLE tenancy DROP CONSTRAINT tenancy_end_reason_needs_end`);
    await q.query(`ALTER TABLE tenancy DROP COLUMN end_reason`);
    await q.query(`DROP TABLE tenancy_end_reason`);
    await q.query(`DROP TRIGGER outcome_observation_no_update_or_delete ON outcome_observation`);
    await q.query(`DROP FUNCTION outcome_observation_append_only()`);
    await q.query(`DROP TABLE outcome_observation`);
    await q.query(`DROP TABLE outcome_indicator`);
  }
}
