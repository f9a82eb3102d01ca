import type { OidcConfig } from '../config/app-config.js';
import { ROLES, type Role } from './roles.js';
import { isValidSubject } from './tokens.js';

/** What the verified ID token says about the person, in Woonmix terms; or why it does not make a Woonmix user. */
export type ClaimsVerdict =
  { kind: 'user'; subject: string; roles: Role[] } | { kind: 'no-role'; subject: string; values: string[] } | { kind: 'bad-subject'; reason: string };

/**
 * A claim by name, or by dotted path into nested objects when no claim has the whole name
 * (`realm_access.roles` for Keycloak's realm roles; `https://example.nl/roles` stays one name).
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The claim's values as strings: an array of strings, or one string (some providers send a single role so, or space-separated). */
function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Woonmix roles of the provider's values: through OIDC_ROLE_MAP when configured, else the values
 * that are role names themselves (any case). Values the map does not name give no role.
 */
export function rolesFromValues(values: readonly string[], roleMap: OidcConfig['roleMap']): Role[] {
  const roles = new Set<Role>();
  for (const value of values) {
    if (roleMap) for (const role of Object.hasOwn(roleMap, value) ? roleMap[value] : []) roles.add(role);
    else {
      const role = ROLES.find((r) => r === value.toUpperCase());
      if (role) roles.add(role);
    }
  }
  return ROLES.filter((r) => roles.has(r));
}

/** Judges a verified ID token's claims: the subject (OIDC_SUBJECT_CLAIM) and the roles (OIDC_ROLES_CLAIM, OIDC_ROLE_MAP). */
export function judgeClaims(claims: Readonly<Record<string, unknown>>, config: Pick<OidcConfig, 'rolesClaim' | 'roleMap' | 'subjectClaim'>): ClaimsVerdict {
  const subject = claimAt(claims, config.subjectClaim);
  if (typeof subject !== 'string' || !isValidSubject(subject)) {
    return {
      kind: 'bad-subject',
      reason: `claim ${config.subjectClaim} must be 1-100 letters, digits, ".", "_", "@" or "-" (${subject === undefined ? 'absent' : `got ${JSON.stringify(subject)}`})`,
    };
  }
  const values = valuesOf(claimAt(claims, config.rolesClaim));
  const roles = rolesFromValues(values, config.roleMap);
  return roles.length ? { kind: 'user', subject, roles } : { kind: 'no-role', subject, values };
}
