import type { QuotaCounterKey } from '../engine/eligibility/rule-outcome.js';

/**
 * VERA reference data (code lists) Woonmix writes, and how its own values map onto them. Codes and
 * names as published in Aedes-datastandaarden/vera-referentiedata, Referentiedata.csv (commit
 * dd5fa1e958ddb9345eff8a4c17af6bd4bc6ddbce); the README's "VERA-WRV" section shows this table.
 * A refusal reason is the association's own data: its VERA code is kept with it (table
 * letting_reason, column vera_detail_status), not here.
 */
export interface VeraCode {
  code: string;
  naam: string;
}

const code = (c: string, naam: string): VeraCode => ({ code: c, naam });

/** AANBIEDINGSTATUS: the state of an offer. */
export const AANBIEDINGSTATUS = {
  AAN: code('AAN', 'Aangeboden'),
  GEW: code('GEW', 'Geweigerd'),
  ING: code('ING', 'Ingetrokken'),
  TOE: code('TOE', 'Toegewezen'),
} as const;

/** AANBIEDINGDETAILSTATUS: why an offer was refused (parent GEW) or withdrawn (parent ING). */
export const AANBIEDINGDETAILSTATUS: Readonly<Record<string, VeraCode & { parent: keyof typeof AANBIEDINGSTATUS }>> = {
  AND: { ...code('AND', 'Andere woning geaccepteerd'), parent: 'ING' },
  ANV: { ...code('ANV', 'Anderen krijgen voorrang'), parent: 'GEW' },
  BUI: { ...code('BUI', 'Buitenruimte bevalt niet'), parent: 'GEW' },
  COO: { ...code('COO', 'Cooptatie mislukt'), parent: 'ING' },
  DOC: { ...code('DOC', 'Documenten niet aangeleverd'), parent: 'ING' },
  DON: { ...code('DON', 'Documenten niet akkoord'), parent: 'ING' },
  GEE: { ...code('GEE', 'Geen belangstelling meer'), parent: 'GEW' },
  GEG: { ...code('GEG', 'Gegevens onjuist'), parent: 'ING' },
  HUU: { ...code('HUU', 'Huurprijs te hoog'), parent: 'GEW' },
  INH: { ...code('INH', 'Inkomen te hoog'), parent: 'ING' },
  INL: { ...code('INL', 'Inkomen te laag'), parent: 'ING' },
  NIE: { ...code('NIE', 'Niet verschenen bij afspraak'), parent: 'ING' },
  ONG: { ...code('ONG', 'Ongeschikt als huurder'), parent: 'ING' },
  ONT: { ...code('ONT', 'Onterecht aangeboden'), parent: 'ING' },
  PAO: { ...code('PAO', 'Parkeer, bergingruimte onvoldoende'), parent: 'GEW' },
  PER: { ...code('PER', 'Persoonlijke omstandigheden'), parent: 'GEW' },
  REA: { ...code('REA', 'Reactietermijn verlopen'), parent: 'ING' },
  TOE: { ...code('TOE', 'Toewijzing andere kandidaat'), parent: 'ING' },
  WBN: { ...code('WBN', 'Woning bevalt niet'), parent: 'GEW' },
  WKN: { ...code('WKN', 'Woningkwaliteit bevalt niet'), parent: 'GEW' },
  WOB: { ...code('WOB', 'Woonomgeving bevalt niet'), parent: 'GEW' },
};

/** PASSENDHEIDSSOORT: was the allocation passend (Woningwet art. 46 lid 2)? */
export const PASSENDHEIDSSOORT = {
  PAS: code('PAS', 'Passend'),
  NIE: code('NIE', 'Niet passend'),
  NVT: code('NVT', 'Passendheidtoets niet van toepassing'),
} as const;

/** VOORRANGSOORT: the priority a household was housed with. */
export const VOORRANGSOORT = {
  URG: code('URG', 'Urgentie'),
  BIN: code('BIN', 'Binding'),
  IND: code('IND', 'Indicatie'),
} as const;

/** The passend category of an allocation from the portfolio counters it was recorded under. */
export function passendheidOf(countsAs: readonly QuotaCounterKey[]): VeraCode {
  if (countsAs.includes('passendAboveCap')) return PASSENDHEIDSSOORT.NIE;
  if (countsAs.includes('passendWithinCap')) return PASSENDHEIDSSOORT.PAS;
  return PASSENDHEIDSSOORT.NVT;
}

/** The VERA state of an offer, and its detail when a coded reason maps to one (null: none known). */
export function aanbiedingStatusOf(
  status: 'PENDING_APPROVAL' | 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN',
  veraDetailStatus: string | null,
): { status: VeraCode; detailStatus: VeraCode | null } {
  const detail = veraDetailStatus ? (AANBIEDINGDETAILSTATUS[veraDetailStatus] ?? null) : null;
  switch (status) {
    case 'PENDING_APPROVAL':
    case 'OPEN':
      return { status: AANBIEDINGSTATUS.AAN, detailStatus: null };
    case 'ACCEPTED':
      return { status: AANBIEDINGSTATUS.TOE, detailStatus: null };
    case 'DECLINED':
    case 'WITHDRAWN': {
      // a reason's code says refused or withdrawn (its parent): no response in time is a withdrawal in VERA
      if (detail) return { status: AANBIEDINGSTATUS[detail.parent], detailStatus: { code: detail.code, naam: detail.naam } };
      return { status: status === 'DECLINED' ? AANBIEDINGSTATUS.GEW : AANBIEDINGSTATUS.ING, detailStatus: null };
    }
  }
}
