import type { Language, Phrasebook } from '../common/language.js';
import type { AllocationRoute } from '../model.js';

/**
 * Public accountability of lettings (verantwoording, issue 17): why each dwelling went to whom it went,
 * in codes a seeker can read without a name. A deviation from plain order can only be defended in
 * public when it is published with its ground (the composition policy version for liveability, the
 * coded reason of an override). Pure: from the facts of one letting to its status codes and sentence.
 */
export type LettingStatusCode =
  'PLAIN_ORDER' | 'URGENCY' | 'DIRECT' | 'COMPOSITION' | 'OVERRIDE' | 'NOT_PASSEND' | 'DAEB_ABOVE_LIMIT' | 'LOCAL_TIES' | 'REFUSED_BEFORE';

export interface LettingFacts {
  route: AllocationRoute;
  /** The proposal passed over the first eligible candidate in plain order (null: no proposal known). */
  plainOrderPassedOver: boolean | null;
  /** The officer chose another candidate than proposed, with a coded reason. */
  overrideReasonCode: string | null;
  /** The composition policy version the proposal was made under (for COMPOSITION). */
  compositionPolicyVersion: number | null;
  /** Quota counters the allocation added to (the ledger's counts_as). */
  countsAs: readonly string[];
  /** Offers of this vacancy declined before it was let. */
  refusalsBefore: number;
}

export interface LettingStatus {
  codes: LettingStatusCode[];
  sentence: string;
}

const WORDS: Phrasebook<Record<LettingStatusCode, (f: LettingFacts) => string>> = {
  en: {
    PLAIN_ORDER: () => 'let in the published order',
    URGENCY: () => 'special allocation: urgency',
    DIRECT: () => 'direct allocation (not advertised)',
    COMPOSITION: (f) => `deviating allocation for liveability (composition policy version ${f.compositionPolicyVersion ?? '?'})`,
    OVERRIDE: (f) => `another candidate chosen, reason ${f.overrideReasonCode}`,
    NOT_PASSEND: () => 'not passend: within the margin the law allows',
    DAEB_ABOVE_LIMIT: () => 'income above the DAEB limit: within the free allocation space',
    LOCAL_TIES: () => 'priority for local ties',
    REFUSED_BEFORE: (f) => `${f.refusalsBefore} offer${f.refusalsBefore === 1 ? '' : 's'} refused before`,
  },
  nl: {
    PLAIN_ORDER: () => 'verhuurd in de gepubliceerde volgorde',
    URGENCY: () => 'bijzondere toewijzing: urgentie',
    DIRECT: () => 'directe bemiddeling (niet geadverteerd)',
    COMPOSITION: (f) => `afwijkende toewijzing voor leefbaarheid (samenstellingsbeleid versie ${f.compositionPolicyVersion ?? '?'})`,
    OVERRIDE: (f) => `andere kandidaat gekozen, reden ${f.overrideReasonCode}`,
    NOT_PASSEND: () => 'niet passend: binnen de marge die de wet toestaat',
    DAEB_ABOVE_LIMIT: () => 'inkomen boven de DAEB-grens: binnen de vrije toewijzingsruimte',
    LOCAL_TIES: () => 'voorrang voor lokale binding',
    REFUSED_BEFORE: (f) => `${f.refusalsBefore} keer eerder geweigerd`,
  },
};

export function lettingStatus(f: LettingFacts, language: Language = 'en'): LettingStatus {
  const codes: LettingStatusCode[] = [];
  if (f.route === 'URGENCY') codes.push('URGENCY');
  if (f.route === 'DIRECT') codes.push('DIRECT');
  if (f.overrideReasonCode !== null) codes.push('OVERRIDE');
  else if (f.plainOrderPassedOver === true) codes.push('COMPOSITION');
  if (f.countsAs.includes('passendAboveCap')) codes.push('NOT_PASSEND');
  if (f.countsAs.includes('daebAboveLimit')) codes.push('DAEB_ABOVE_LIMIT');
  if (f.countsAs.includes('localTiesPriority')) codes.push('LOCAL_TIES');
  const deviates = codes.some((c) => c === 'OVERRIDE' || c === 'COMPOSITION' || c === 'URGENCY' || c === 'DIRECT');
  if (!deviates) codes.unshift('PLAIN_ORDER');
  if (f.refusalsBefore > 0) codes.push('REFUSED_BEFORE');
  const say = WORDS[language];
  return { codes, sentence: codes.map((c) => say[c](f)).join('; ') };
}

/** The street of an address without its house number ("Rozenhof 12-A" → "Rozenhof"): a letting is published per street, not per door. */
export function streetOf(address: string): string {
  const match = /^(.*?)\s+\d/.exec(address.trim());
  return (match ? match[1] : address).trim();
}
