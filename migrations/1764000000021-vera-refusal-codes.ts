import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refusal reason (letting_reason, kind REFUSAL) names the VERA AANBIEDINGDETAILSTATUS code it is
 * exported as (src/vera/vera-codes.ts; Aedes-datastandaarden/vera-referentiedata, Referentiedata.csv):
 * the reasons are the association's own data, so is their VERA code. The starting set's codes:
 * medical and changed personal circumstances PER (persoonlijke omstandigheden), an unsuitable dwelling
 * or its type WBN (woning bevalt niet), the location WOB (woonomgeving bevalt niet), no response or a
 * deadline passed REA (reactietermijn verlopen, a withdrawal in VERA). Skip reasons have none.
 */
export class VeraRefusalCodes1764000000021 implements MigrationInterface {
  name = 'VeraRefusalCodes1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letting_reason
      ADD COLUMN vera_detail_status text CHECK (vera_detail_status ~ '^[A-Z]{3}$'),
      ADD CONSTRAINT letting_reason_vera_only_for_refusals CHECK (vera_detail_status IS NULL OR kind = 'REFUSAL')`);
    const codes: [string, string][] = [
      ['MEDICAL', 'PER'],
      ['NOT_SUITABLE', 'WBN'],
      ['PERSONAL_CHANGE', 'PER'],
      ['LOCATION', 'WOB'],
      ['DWELLING_TYPE', 'WBN'],
      ['NO_RESPONSE', 'REA'],
      ['EXPIRED', 'REA'],
    ];
    for (const [code, vera] of codes) await q.query(`UPDATE letting_reason SET vera_detail_status = $2 WHERE kind = 'REFUSAL' AND code = $1`, [code, vera]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE letting_reason DROP CONSTRAINT letting_reason_vera_only_for_refusals, DROP COLUMN vera_detail_status`);
  }
}
