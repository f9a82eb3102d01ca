import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../src/config/app-config.js';
import { ROLES, Role, isRole } from '../src/auth/roles.js';
import { mintToken } from '../src/auth/tokens.js';

/**
 * `npm run token -- --role OFFICER [--role MANAGER] [--subject alice] [--ttl 3600]`: prints a bearer
 * token signed with this environment's secret (AUTH_SECRET, or data/.auth-secret in development).
 */
function main(): void {
  const { values } = parseArgs({
    options: { role: { type: 'string', multiple: true }, subject: { type: 'string' }, ttl: { type: 'string' } },
  });
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || bad.length) {
    console.error(`Give at least one --role of ${ROLES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const ttl = values.ttl ? Number(values.ttl) : config.auth.tokenTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 60) {
    console.error('--ttl must be a whole number of seconds, at least 60');
    process.exit(2);
  }
  const subject = values.subject ?? `local-${roles.join('-').toLowerCase()}`;
  console.log(mintToken(config.auth.secret, { subject, roles: roles as Role[] }, ttl));
}

main();
