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

/*
 * Stock and household facts (Eenheden, Publicaties, Kandidaten, Puntenberekeningen, Relaties) and the
 * letting's aftermath (Sancties, Reclamaties): the codes Woonmix writes, and what each code it reads
 * means to it. Where VERA has no field for a fact the rules need, it travels as an extra attribute
 * named woonmix.<field> (Bericht-basis, extra-attributen), listed in the README.
 */

/** EENHEIDSOORT WOO: a dwelling (woonruimte), the only kind Woonmix allocates. */
export const EENHEIDSOORT_WOONRUIMTE = code('WOO', 'Woonruimte');
/** ADRESSOORT EEN: the address of a unit (with its buurt). */
export const ADRESSOORT_EENHEID = code('EEN', 'Eenheidadres');
/** OPPERVLAKTESOORT GBO: gebruiksoppervlakte (NEN 2580), the floor area Woonmix records. */
export const OPPERVLAKTESOORT_GBO = code('GBO', 'Gebruiksoppervlakte');
/** PRIJSCOMPONENTSOORT: net rent (NET, detail KAL kale huur) and service costs (SER). */
export const PRIJSCOMPONENTSOORT = { NET: code('NET', 'Netto Huur'), SER: code('SER', 'Service') } as const;
export const PRIJSCOMPONENTDETAILSOORT_KAL = code('KAL', 'Kale huur');
/** MAATSCHAPPELIJKLABEL: DAEB or not (Woningwet art. 47). */
export const MAATSCHAPPELIJKLABEL = { DAE: code('DAE', 'DAEB'), NDA: code('NDA', 'NIET-DAEB') } as const;

/** TOEGANKELIJKHEIDSLABEL and Woonmix's accessibility, both ways. */
export const TOEGANKELIJKHEIDSLABEL = {
  ZON: code('ZON', 'Woning zonder bijzondere toegankelijkheid'),
  GEL: code('GEL', 'Gelijkvloerse woning'),
  ROA: code('ROA', 'Rollatorwoning'),
  ROL: code('ROL', 'Rolstoelwoning'),
  RUI: code('RUI', 'Extra ruime rolstoelwoning'),
} as const;
export type Accessibility = 'NONE' | 'ZERO_STEP' | 'WHEELCHAIR';
export const ACCESSIBILITY_TO_VERA: Record<Accessibility, VeraCode> = {
  NONE: TOEGANKELIJKHEIDSLABEL.ZON,
  // a rollator home is step-free inside and out (the label's definition): Woonmix's ZERO_STEP
  ZERO_STEP: TOEGANKELIJKHEIDSLABEL.ROA,
  WHEELCHAIR: TOEGANKELIJKHEIDSLABEL.ROL,
};
/** Read: GEL (one floor inside, steps outside allowed) is not step-free, so it reads as NONE. */
export const ACCESSIBILITY_FROM_VERA: Readonly<Record<string, Accessibility>> = {
  ZON: 'NONE',
  GEL: 'NONE',
  ROA: 'ZERO_STEP',
  ROL: 'WHEELCHAIR',
  RUI: 'WHEELCHAIR',
};

/**
 * DOELGROEP of a household at its allocation (Toewijzing.doelgroep) from its composition
 * (src/engine/common/household-profile.ts): one person, with children (gezin), or without.
 */
export const HOUSEHOLD_TYPE_TO_DOELGROEP: Record<'SINGLE' | 'COUPLE' | 'FAMILY' | 'SINGLE_PARENT' | 'OTHER', VeraCode> = {
  SINGLE: code('EEN', 'Persoon'),
  FAMILY: code('GEZ', 'Gezin'),
  SINGLE_PARENT: code('GEZ', 'Gezin'),
  COUPLE: code('HZO', 'Huishouden zonder kinderen'),
  OTHER: code('HZO', 'Huishouden zonder kinderen'),
};

/** DOELGROEP of a dwelling from its labels (the first that applies); labels themselves travel exactly as woonmix.labels. */
export const DOELGROEP = {
  SEN: code('SEN', 'Senioren'),
  JON: code('JON', 'Jongeren'),
  GEZ: code('GEZ', 'Gezin'),
} as const;
export const LABEL_TO_DOELGROEP: ReadonlyArray<readonly [label: string, doelgroep: VeraCode]> = [
  ['SENIOR_65', DOELGROEP.SEN],
  ['SENIOR_55', DOELGROEP.SEN],
  ['YOUTH', DOELGROEP.JON],
  ['FAMILY', DOELGROEP.GEZ],
];
/**
 * Read, when a document has no woonmix.labels: JON and GEZ are Woonmix's YOUTH and FAMILY. SEN names no
 * age, and Woonmix's senior labels do (55 or 65): such a dwelling gets no label rather than a guessed
 * age, and the import says so.
 */
export const LABEL_FROM_DOELGROEP: Readonly<Record<string, string>> = { JON: 'YOUTH', GEZ: 'FAMILY' };

/** PUBLICATIEMODEL and Woonmix's allocation routes. */
export const PUBLICATIEMODEL = {
  AAN: code('AAN', 'Aanbodmodel'),
  LOT: code('LOT', 'Lotingmodel'),
  DIS: code('DIS', 'Distributiemodel'),
} as const;
export type AllocationRouteCode = 'REGULAR' | 'URGENCY' | 'DIRECT' | 'LOTTERY' | 'POINTS';
/** Written: the model of each route; URGENCY and POINTS have none of their own, so the route also travels as woonmix.route. */
export const ROUTE_TO_MODEL: Record<AllocationRouteCode, VeraCode> = {
  REGULAR: PUBLICATIEMODEL.AAN,
  POINTS: PUBLICATIEMODEL.AAN,
  LOTTERY: PUBLICATIEMODEL.LOT,
  DIRECT: PUBLICATIEMODEL.DIS,
  URGENCY: PUBLICATIEMODEL.DIS,
};
/** Read: models Woonmix allocates by; EER (first come), OPT, VRI (free sector) and WON (swap) are not. */
export const ROUTE_FROM_MODEL: Readonly<Record<string, AllocationRouteCode>> = { AAN: 'REGULAR', LOT: 'LOTTERY', DIS: 'DIRECT' };

/** RELATIESOORT, and RELATIEDETAILSOORT HUI: a household is a group (GRO) of persons (NAT). */
export const RELATIESOORT = { NAT: code('NAT', 'Natuurlijk persoon'), GRO: code('GRO', 'Relatiegroep') } as const;
export const RELATIEDETAILSOORT_HUISHOUDEN = code('HUI', 'Huishouden');

/** RELATIEROLSOORT: a member's role in the household, both ways. */
export type MemberRole = 'APPLICANT' | 'PARTNER' | 'CHILD' | 'CO_RESIDENT';
export const ROLE_TO_VERA: Record<MemberRole, VeraCode> = {
  APPLICANT: code('WON', 'Woningzoekende'),
  PARTNER: code('MED', 'Mede aanvrager'),
  // KIN is withdrawn ("VERVALLEN - Gebruik Medebewoner", 1-1-2022, Referentiedata.csv): a child is a
  // medebewoner; vera-stock.mapping.ts tells the two apart on reading (woonmix.role, else the age)
  CHILD: code('MBW', 'Medebewoner'),
  CO_RESIDENT: code('MBW', 'Medebewoner'),
};
/** RELATIEROLSOORT MBW, written for children and other co-residents alike. */
export const MEDEBEWONER = 'MBW';
export const ROLE_FROM_VERA: Readonly<Record<string, MemberRole>> = {
  WON: 'APPLICANT',
  AAN: 'APPLICANT',
  HOO: 'APPLICANT',
  MED: 'PARTNER',
  MDH: 'PARTNER',
  KIN: 'CHILD',
  MBW: 'CO_RESIDENT',
  BEW: 'CO_RESIDENT',
  VOL: 'CO_RESIDENT',
};

/** INKOMENSSOORT BRU: the yearly income the DAEB and passend tests read; INKOMENSBRON both ways. */
export const INKOMENSSOORT_BRUTO = code('BRU', 'Bruto jaarinkomen');
export type IncomeSource = 'WORK' | 'BENEFIT' | 'PENSION' | 'STUDENT' | 'OTHER';
export const INKOMENSBRON = {
  ARB: code('ARB', 'Arbeid'),
  SOC: code('SOC', 'Sociale uitkering'),
  STU: code('STU', 'Studiefinanciering'),
  AND: code('AND', 'Anders'),
} as const;
/** PENSION has no code of its own (AND): it also travels as woonmix.incomeSource. */
export const INCOME_SOURCE_TO_VERA: Record<IncomeSource, VeraCode> = {
  WORK: INKOMENSBRON.ARB,
  BENEFIT: INKOMENSBRON.SOC,
  STUDENT: INKOMENSBRON.STU,
  PENSION: INKOMENSBRON.AND,
  OTHER: INKOMENSBRON.AND,
};
export const INCOME_SOURCE_FROM_VERA: Readonly<Record<string, IncomeSource>> = { ARB: 'WORK', SOC: 'BENEFIT', STU: 'STUDENT', AND: 'OTHER' };

/** OVEREENKOMSTSOORT INS: the registration (inschrijving) a household's points and sanctions belong to. */
export const OVEREENKOMSTSOORT_INSCHRIJVING = code('INS', 'Inschrijving');
/** KANDIDAATSTATUS REA: a respondent (gereageerd). */
export const KANDIDAATSTATUS_GEREAGEERD = code('REA', 'Gereageerd');

/** SANCTIESTATUS of a Woonmix sanction's state: active ones are final (DEF), lifted ones withdrawn (ING). */
export const SANCTIESTATUS = { AAN: code('AAN', 'Aangemaakt'), DEF: code('DEF', 'Definitief'), ING: code('ING', 'Ingetrokken') } as const;
export const SANCTION_STATE_TO_VERA: Record<'ACTIVE' | 'LIFT_REQUESTED' | 'LIFTED' | 'EXPIRED', VeraCode> = {
  ACTIVE: SANCTIESTATUS.DEF,
  // a lift asked for but not yet approved (four eyes) still applies
  LIFT_REQUESTED: SANCTIESTATUS.DEF,
  LIFTED: SANCTIESTATUS.ING,
  // ran its course: it was final, its end date says it is over
  EXPIRED: SANCTIESTATUS.DEF,
};
/** SANCTIESOORT codes (the kind a Woonmix sanction is exported as is the association's policy: table vera_sanction_kind). */
export const SANCTIESOORT: Readonly<Record<string, VeraCode>> = {
  MIL: code('MIL', 'Milde sanctie'),
  NOS: code('NOS', 'No-show sanctie'),
  ZWA: code('ZWA', 'Zware sanctie'),
};

/** RECLAMATIESOORT BEZ (an objection to a letting) and RECLAMATIESTATUS of each objection state. */
export const RECLAMATIESOORT_BEZWAAR = code('BEZ', 'Bezwaar');
export const RECLAMATIESTATUS = {
  ING: code('ING', 'Ingediend'),
  INB: code('INB', 'In behandeling'),
  TOE: code('TOE', 'Toegekend'),
  AFG: code('AFG', 'Afgewezen'),
} as const;
/** WITHDRAWN has no VERA status (none means "taken back by the filer"): it is written without one, as woonmix.status. */
export const OBJECTION_STATE_TO_VERA: Record<'OPEN' | 'UNDER_REVIEW' | 'UPHELD' | 'REJECTED' | 'WITHDRAWN', VeraCode | null> = {
  OPEN: RECLAMATIESTATUS.ING,
  UNDER_REVIEW: RECLAMATIESTATUS.INB,
  UPHELD: RECLAMATIESTATUS.TOE,
  REJECTED: RECLAMATIESTATUS.AFG,
  WITHDRAWN: null,
};
