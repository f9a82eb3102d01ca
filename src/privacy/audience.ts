import type { Actor } from '../auth/roles.js';

/**
 * What a reader may see of households, from the roles on their token (README, "Who sees what"):
 * - OPERATIONAL (officers, admins): references and facts; special-category data only inside their
 *   assignment (admins: association-wide), every such read recorded;
 * - PSEUDONYMOUS (auditors): every household under a keyed pseudonym; rule verdicts with the values
 *   they compared; no special-category facts, no other income or birth date;
 * - AGGREGATE (managers, and partners, who besides read only their granted buurten's dossiers and
 *   priorities): shares and counts only; no household at all.
 * An actor with several roles reads as the most operational of them.
 */
export type Audience = 'OPERATIONAL' | 'PSEUDONYMOUS' | 'AGGREGATE';

export function audienceOf(actor: Pick<Actor, 'roles'>): Audience {
  if (actor.roles.some((r) => r === 'OFFICER' || r === 'ADMIN')) return 'OPERATIONAL';
  if (actor.roles.includes('AUDITOR')) return 'PSEUDONYMOUS';
  return 'AGGREGATE';
}
