/**
 * Roles (README, "Who sees what"): officers propose and decide; managers change policies and run simulations;
 * auditors read the log, rationales and reports and change nothing; admins manage parameters,
 * imports and the housing stock. Partners (welfare, care, the municipality, the police in a buurt's
 * deep-dive sessions) read the dossiers and priorities of the buurten granted to them, nothing else.
 */
export const ROLES = ['OFFICER', 'MANAGER', 'AUDITOR', 'ADMIN', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: the token's subject and roles, or the service itself (jobs, migrations, demo). */
export interface Actor {
  subject: string;
  roles: readonly Role[];
}

export const SYSTEM_ACTOR: Actor = { subject: 'system', roles: [] };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
