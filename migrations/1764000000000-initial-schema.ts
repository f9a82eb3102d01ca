import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Initial schema: stock (neighbourhoods, complexes, dwellings), waiting list (households), tenancies,
 * vacancies with respondents, the resilience class scale and the yearly legal parameters.
 * Written by hand so that the same SQL runs on PGlite (PostgreSQL 18 in WASM) and PostgreSQL 15.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resilience_class (
        class integer PRIMARY KEY CHECK (class BETWEEN 1 AND 9),
        label text NOT NULL,
        description text NOT NULL
      );
      -- Woonmix' own 5-step reading of the Aedes veerkrachtkaarten (signalling, not absolute; docs/domain.md §6.1).
      INSERT INTO resilience_class (class, label, description) VALUES
        (1, 'Zeer laag', 'Very low: concentration of vulnerable residents coincides with rising nuisance/insecurity'),
        (2, 'Laag', 'Low: vulnerable share or nuisance clearly above the municipal average'),
        (3, 'Gemiddeld', 'Average for the municipality'),
        (4, 'Bovengemiddeld', 'Above average: room to absorb some vulnerable inflow'),
        (5, 'Hoog', 'High: the buurt absorbs vulnerable inflow without rising nuisance');

      CREATE TABLE neighbourhood (
        id serial PRIMARY KEY,
        buurt_code text NOT NULL UNIQUE CHECK (buurt_code ~ '^BU[0-9]{8}$'),
        name text NOT NULL,
        municipality_code text NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
        municipality_name text NOT NULL,
        resilience_class integer NOT NULL REFERENCES resilience_class(class),
        resilience_score numeric(6,2),
        resilience_source text NOT NULL,
        resilience_year integer NOT NULL CHECK (resilience_year BETWEEN 2000 AND 2100)
      );

      CREATE TABLE complex (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        neighbourhood_id integer NOT NULL REFERENCES neighbourhood(id)
      );
      CREATE INDEX complex_neighbourhood_idx ON complex(neighbourhood_id);

      CREATE TABLE dwelling (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        complex_id integer NOT NULL REFERENCES complex(id),
        address text NOT NULL,
        postcode text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
        rooms integer NOT NULL CHECK (rooms BETWEEN 1 AND 20),
        floor_area_m2 integer NOT NULL CHECK (floor_area_m2 BETWEEN 10 AND 1000),
        net_rent_cents integer NOT NULL CHECK (net_rent_cents >= 0),
        service_costs_cents integer NOT NULL DEFAULT 0 CHECK (service_costs_cents >= 0),
        is_daeb boolean NOT NULL,
        accessibility text NOT NULL CHECK (accessibility IN ('NONE','ZERO_STEP','WHEELCHAIR')),
        labels text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX dwelling_complex_idx ON dwelling(complex_id);

      CREATE TABLE household (
        id serial PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        taxable_income_cents bigint NOT NULL CHECK (taxable_income_cents >= 0),
        income_year integer NOT NULL CHECK (income_year BETWEEN 2000 AND 2100),
        income_source text NOT NULL CHECK (income_source IN ('WORK','BENEFIT','PENSION','STUDENT','OTHER')),
        box3_assets_cents bigint CHECK (box3_assets_cents >= 0),
        registration_date date NOT NULL,
        urgency_category text,
        urgency_granted date,
        urgency_expires date,
        support_needs text[] NOT NULL DEFAULT '{}',
        local_ties_municipality_code text CHECK (local_ties_municipality_code ~ '^GM[0-9]{4}$'),
        local_ties_years integer CHECK (local_ties_years BETWEEN 0 AND 120),
        indication_kind text CHECK (indication_kind IN ('MEDICAL','WMO')),
        indication_accessibility text CHECK (indication_accessibility IN ('ZERO_STEP','WHEELCHAIR')),
        preferences jsonb NOT NULL DEFAULT '{}',
        on_waiting_list boolean NOT NULL DEFAULT true,
        CHECK ((urgency_category IS NULL) = (urgency_granted IS NULL)),
        CHECK (urgency_expires IS NULL OR urgency_granted IS NOT NULL AND urgency_expires >= urgency_granted),
        CHECK ((indication_kind IS NULL) = (indication_accessibility IS NULL))
      );
      CREATE INDEX household_waiting_idx ON household(on_waiting_list, registration_date, id);

      CREATE TABLE household_member (
        id serial PRIMARY KEY,
        household_id integer NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        position integer NOT NULL,
        role text NOT NULL CHECK (role IN ('APPLICANT','PARTNER','CHILD','CO_RESIDENT')),
        birth_date date NOT NULL,
        UNIQUE (household_id, position)
      );

      CREATE TABLE tenancy (
        id serial PRIMARY KEY,
        household_id integer NOT NULL REFERENCES household(id),
        dwelling_id integer NOT NULL REFERENCES dwelling(id),
        start_date date NOT NULL,
        end_date date,
        allocation_route text CHECK (allocation_route IN ('REGULAR','URGENCY','DIRECT','LOTTERY')),
        CHECK (end_date IS NULL OR end_date >= start_date)
      );
      -- One current tenancy per dwelling and per household; history rows keep their end date.
      CREATE UNIQUE INDEX tenancy_one_current_per_dwelling ON tenancy(dwelling_id) WHERE end_date IS NULL;
      CREATE UNIQUE INDEX tenancy_one_current_per_household ON tenancy(household_id) WHERE end_date IS NULL;
      CREATE INDEX tenancy_dwelling_idx ON tenancy(dwelling_id, start_date);

      CREATE TABLE vacancy (
        id serial PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        dwelling_id integer NOT NULL REFERENCES dwelling(id),
        available_from date NOT NULL,
        route text NOT NULL CHECK (route IN ('REGULAR','URGENCY','DIRECT','LOTTERY')),
        status text NOT NULL CHECK (status IN ('OPEN','PROPOSED','OFFERED','ALLOCATED','WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- A dwelling has at most one vacancy in progress.
      CREATE UNIQUE INDEX vacancy_one_active_per_dwelling ON vacancy(dwelling_id)
        WHERE status IN ('OPEN','PROPOSED','OFFERED');
      CREATE INDEX vacancy_status_idx ON vacancy(status, id);

      CREATE TABLE vacancy_response (
        vacancy_id integer NOT NULL REFERENCES vacancy(id) ON DELETE CASCADE,
        household_id integer NOT NULL REFERENCES household(id),
        responded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vacancy_id, household_id)
      );
      CREATE INDEX vacancy_response_household_idx ON vacancy_response(household_id);

      -- Legal parameters per calendar year (effective 1 January). Values and sources: docs/domain.md §2.
      CREATE TABLE rule_parameter_year (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        daeb_income_limit_single_cents bigint NOT NULL CHECK (daeb_income_limit_single_cents > 0),
        daeb_income_limit_multi_cents bigint NOT NULL CHECK (daeb_income_limit_multi_cents > 0),
        daeb_rent_limit_cents integer NOT NULL CHECK (daeb_rent_limit_cents > 0),
        passend_income_single_below_aow_cents bigint NOT NULL CHECK (passend_income_single_below_aow_cents > 0),
        passend_income_multi_below_aow_cents bigint NOT NULL CHECK (passend_income_multi_below_aow_cents > 0),
        passend_income_single_aow_cents bigint NOT NULL CHECK (passend_income_single_aow_cents > 0),
        passend_income_multi_aow_cents bigint NOT NULL CHECK (passend_income_multi_aow_cents > 0),
        rent_cap_low_cents integer NOT NULL CHECK (rent_cap_low_cents > 0),
        rent_cap_high_cents integer NOT NULL CHECK (rent_cap_high_cents >= rent_cap_low_cents),
        quality_discount_limit_cents integer NOT NULL CHECK (quality_discount_limit_cents > 0),
        youth_age_limit integer NOT NULL CHECK (youth_age_limit BETWEEN 16 AND 30),
        aow_age_years integer NOT NULL CHECK (aow_age_years BETWEEN 60 AND 75),
        aow_age_months integer NOT NULL DEFAULT 0 CHECK (aow_age_months BETWEEN 0 AND 11),
        middle_segment_limit_cents integer,
        elderly_asset_limit_single_cents bigint,
        elderly_asset_limit_multi_cents bigint,
        sources jsonb NOT NULL,
        CHECK (rent_cap_high_cents <= daeb_rent_limit_cents),
        CHECK (quality_discount_limit_cents <= rent_cap_low_cents),
        CHECK (daeb_income_limit_multi_cents >= daeb_income_limit_single_cents)
      );
    `);
    // Published figures (docs/domain.md §2.1), confidence per field in "sources" (§2.2). The AOW age 67 was
    // loaded as "M:"; migration 1764000000009 later set its source to the law.
    await q.query(`
      INSERT INTO rule_parameter_year VALUES
      (2024, 4769900, 5267100, 87966, 2772500, 3762500, 2722500, 3667500, 65043, 69707, 45447, 23, 67, 0, NULL,
        14021300, 17730100,
        '{"daebIncome":"S: aedes.nl de-toewijzingsregels; ilent.nl","daebRent":"S: ilent.nl","passendIncome":"S: woonnetrijnmond.nl (2024)","rentCaps":"S: woonbond.nl","qualityDiscount":"S: woonbond.nl","youthAge":"S: huurtoeslag youth age 23 before 2026","aowAge":"M: from memory, not checked (rules-nl.md §1)","elderlyAssetLimit":"S: woonnetrijnmond.nl"}'),
      (2025, 4966900, 5484700, 90007, 2837500, 3850000, 2777500, 3735000, 68296, 73193, 47720, 23, 67, 0, 118482,
        NULL, NULL,
        '{"daebIncome":"S: rijksoverheid.nl 2024-11-18 indexering inkomensgrenzen 2025","daebRent":"S: idem","passendIncome":"S: idem (openrijk.nl copy)","rentCaps":"S: idem","qualityDiscount":"S: idem (<23)","youthAge":"S: idem","aowAge":"M: from memory, not checked (rules-nl.md §1)","middleSegment":"S: idem (186 WWS points)","elderlyAssetLimit":"not found for 2025"}'),
      (2026, 5153700, 5691000, 93293, 2940000, 3992500, 2877500, 3865000, 71302, 76414, 49820, 21, 67, 0, NULL,
        14601100, 18463300,
        '{"daebIncome":"S: rijksoverheid.nl 2025-11-25 indexering inkomensgrenzen 2026","daebRent":"S: idem","passendIncome":"S: idem","rentCaps":"S2: low cap cents cut off in source; high cap secondary only","qualityDiscount":"S: wbowonen.nl; S2","youthAge":"S: huurtoeslag reform 2026 (<21)","aowAge":"M: from memory, not checked (rules-nl.md §1)","middleSegment":"not found for 2026","elderlyAssetLimit":"S2"}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE rule_parameter_year;
      DROP TABLE vacancy_response;
      DROP TABLE vacancy;
      DROP TABLE tenancy;
      DROP TABLE household_member;
      DROP TABLE household;
      DROP TABLE dwelling;
      DROP TABLE complex;
      DROP TABLE neighbourhood;
      DROP TABLE resilience_class;
    `);
  }
}
