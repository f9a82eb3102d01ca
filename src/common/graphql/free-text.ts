/**
 * Marks a field written by people in words (README, "Who sees what"): clients show it as text, and
 * officers write no special-category facts into it; auditors read it with household references
 * replaced by pseudonyms.
 */
export const FREE_TEXT = 'FREE TEXT (written by an officer; no special-category facts, AVG art. 9).';
