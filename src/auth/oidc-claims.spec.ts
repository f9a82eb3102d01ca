import { claimAt, judgeClaims, rolesFromValues } from './oidc-claims.js';

const MAP = { 'woonmix-officer': ['OFFICER'], 'woonmix-beheer': ['ADMIN', 'MANAGER'], Auditors: ['AUDITOR'] } as const;
const roleMap = Object.fromEntries(Object.entries(MAP).map(([k, v]) => [k, [...v]]));

describe('claimAt', () => {
  const claims = {
    roles: ['a'],
    realm_access: { roles: ['officer'] },
    'https://woonmix.nl/roles': ['b'],
    resource_access: { woonmix: { roles: ['c'] } },
  };
  it.each([
    ['roles', ['a']],
    ['realm_access.roles', ['officer']],
    ['https://woonmix.nl/roles', ['b']],
    ['resource_access.woonmix.roles', ['c']],
    ['realm_access.missing', undefined],
    ['roles.length', undefined],
    ['__proto__', undefined],
    ['constructor.name', undefined],
  ])('%s -> %j', (path, expected) => {
    expect(claimAt(claims, path)).toEqual(expected);
  });
});

describe('rolesFromValues', () => {
  it.each([
    [['woonmix-officer'], roleMap, ['OFFICER']],
    [['woonmix-beheer', 'woonmix-officer'], roleMap, ['OFFICER', 'MANAGER', 'ADMIN']],
    [['Auditors', 'auditors'], roleMap, ['AUDITOR']],
    [['OFFICER'], roleMap, []],
    [['constructor', 'toString', '__proto__'], roleMap, []],
    [['officer', 'Auditor', 'unknown'], null, ['OFFICER', 'AUDITOR']],
    [[], null, []],
  ])('%j with map %j -> %j', (values, map, expected) => {
    expect(rolesFromValues(values, map)).toEqual(expected);
  });
});

describe('judgeClaims', () => {
  const keycloak = { rolesClaim: 'realm_access.roles', roleMap, subjectClaim: 'preferred_username' };
  it.each([
    [
      { preferred_username: 'j.devries', realm_access: { roles: ['woonmix-officer', 'offline_access'] } },
      { kind: 'user', subject: 'j.devries', roles: ['OFFICER'] },
    ],
    [
      { preferred_username: 'j.devries', realm_access: { roles: ['offline_access'] } },
      { kind: 'no-role', subject: 'j.devries', values: ['offline_access'] },
    ],
    [{ preferred_username: 'j.devries' }, { kind: 'no-role', subject: 'j.devries', values: [] }],
    [
      { preferred_username: 'j.devries', realm_access: { roles: 'woonmix-officer woonmix-beheer' } },
      { kind: 'user', subject: 'j.devries', roles: ['OFFICER', 'MANAGER', 'ADMIN'] },
    ],
    [{ preferred_username: 'J de Vries', realm_access: { roles: ['woonmix-officer'] } }, { kind: 'bad-subject' }],
    [{ sub: 'x', realm_access: { roles: ['woonmix-officer'] } }, { kind: 'bad-subject' }],
    [{ preferred_username: 42, realm_access: { roles: ['woonmix-officer'] } }, { kind: 'bad-subject' }],
  ])('%j -> %j', (claims, expected) => {
    expect(judgeClaims(claims, keycloak)).toMatchObject(expected);
  });
});
