import { VeraResource } from './graphql/vera.type.js';

/** The VERA-WRV component schema each resource's documents follow (a bericht: the resource with Bericht-basis). */
export const VERA_SCHEMA: Record<VeraResource, string> = {
  [VeraResource.EENHEDEN]: 'Eenheden-Eenheidbericht',
  [VeraResource.PUBLICATIES]: 'Publicaties-Publicatiebericht',
  [VeraResource.KANDIDATEN]: 'Kandidaten-Kandidaatbericht',
  [VeraResource.PUNTENBEREKENINGEN]: 'Puntenberekeningen-Puntenberekeningbericht',
  [VeraResource.RELATIES]: 'Relaties-Relatiebericht',
  [VeraResource.TOEWIJZINGEN]: 'Toewijzingen-Toewijzingbericht',
  [VeraResource.AANBIEDINGEN]: 'Aanbiedingen-Aanbiedingbericht',
  [VeraResource.SANCTIES]: 'Sancties-Sanctiebericht',
  [VeraResource.RECLAMATIES]: 'Reclamaties-Reclamatiebericht',
};

/** What Woonmix reads: its stock, vacancies, respondents, points and households. */
export const IMPORTABLE_RESOURCES = [
  VeraResource.EENHEDEN,
  VeraResource.PUBLICATIES,
  VeraResource.KANDIDATEN,
  VeraResource.PUNTENBEREKENINGEN,
  VeraResource.RELATIES,
];
/** Resources exported for a period (what was decided in it); the others are exported as they stand today. */
export const PERIOD_RESOURCES = [VeraResource.TOEWIJZINGEN, VeraResource.AANBIEDINGEN, VeraResource.SANCTIES, VeraResource.RECLAMATIES];
