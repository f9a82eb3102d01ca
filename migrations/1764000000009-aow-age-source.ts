import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AOW age of 2024-2026 was loaded as "from memory, not checked". Its source is the law itself:
 * Algemene Ouderdomswet art. 7a sets the pensionable age at 67 for 2024, 2025 and 2026 (and the
 * minister set 2027 at 67 under art. 7a, announced five years ahead in November 2021). Only the
 * provenance text changes; the figure (67) was right.
 */
export class AowAgeSource1764000000009 implements MigrationInterface {
  name = 'AowAgeSource1764000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE rule_parameter_year SET sources = jsonb_set(sources, '{aowAge}', to_jsonb($1::text))
        WHERE year IN (2024, 2025, 2026) AND sources->>'aowAge' LIKE 'M: from memory%'`,
      ['S: Algemene Ouderdomswet art. 7a (pensionable age 67 for 2024, 2025 and 2026; 2027 also set at 67)'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE rule_parameter_year SET sources = jsonb_set(sources, '{aowAge}', to_jsonb($1::text))
        WHERE year IN (2024, 2025, 2026) AND sources->>'aowAge' LIKE 'S: Algemene Ouderdomswet%'`,
      ['M: from memory, not checked (rules-nl.md §1)'],
    );
  }
}
