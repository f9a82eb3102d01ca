import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refusal reason for an offer whose stage lapsed after the household had answered the interest
 * check (viewing, provisional acceptance, documents, final acceptance): the offer still ends and the
 * vacancy goes to the next candidate, but whether such a lapse counts against the household is the
 * association's policy, not a given (the stage may have lapsed because nobody recorded the viewing).
 * Starting value: justified, so it leads to no sanction; EXPIRED stays the lapse of the interest check
 * itself (the household did not answer the offer). Exported as REA like EXPIRED (migration 021).
 */
export class StageLapseReason1764000000023 implements MigrationInterface {
  name = 'StageLapseReason1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO letting_reason (kind, code, name_nl, name_en, justified, vera_detail_status)
       VALUES ('REFUSAL', 'STAGE_LAPSED', 'Termijn verstreken na getoonde interesse', 'A later stage lapsed after the household showed interest', true, 'REA')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM letting_reason WHERE kind = 'REFUSAL' AND code = 'STAGE_LAPSED'`);
  }
}
