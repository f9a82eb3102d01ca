/**
 * Marks a field written by people in words (README, "Who sees what"): clients show it as text, and
 * officers write no special-category facts into it; auditors read it with household references
 * replaced by pseudonyms.
 */
export const FREE_TEXT = 'FREE TEXT (written by an officer; no special-category facts, AVG art. 9).';

/** Marks free text the partners of a buurt read in its dossier (programmes and their actions). */
export const PARTNER_TEXT =
  'FREE TEXT shown to the partners granted the buurt (welfare, care, the municipality, the police): about the buurt and the work, never about a household (no name, address or household reference; AVG art. 5(1)(c) and 9). A household reference in it is refused.';
