import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database and port 3000', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({ nodeEnv: 'development', port: 3000, seedDemoOnEmpty: true });
    expect(sut.database.kind).toBe('pglite');
  });

  it('uses the real server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/woonmix' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/woonmix',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer between 0 and 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer between 0 and 65535 (got "70000")'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)'],
    [{ DATABASE_URL: 'mysql://h/db' }, 'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://")'],
    [{ DATABASE_URL: 'postgres://h:5432' }, 'DATABASE_URL must name a database (postgres://user@host:port/database)'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test (got "staging")'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false (got "maybe")'],
    [{ DEMO_SCALE: 'huge' }, 'DEMO_SCALE must be demo or large (got "huge")'],
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

describe('loadConfig: sign-in with an OpenID Connect provider', () => {
  const OIDC = { OIDC_ISSUER: 'https://login.example.nl/realms/woonmix', OIDC_CLIENT_ID: 'woonmix', PUBLIC_URL: 'https://woonmix.example.nl/' };

  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads the provider, the client and the claim mapping', () => {
    const sut = loadConfig({
      ...OIDC,
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'woonmix-officer=OFFICER, woonmix-beheer=ADMIN, woonmix-beheer=manager',
      OIDC_PROVIDER_NAME: 'Keycloak',
    }).oidc;
    expect(sut).toEqual({
      issuer: 'https://login.example.nl/realms/woonmix',
      clientId: 'woonmix',
      clientSecret: 's3cret',
      redirectUri: 'https://woonmix.example.nl/auth/oidc/callback',
      scopes: 'openid profile',
      rolesClaim: 'realm_access.roles',
      roleMap: { 'woonmix-officer': ['OFFICER'], 'woonmix-beheer': ['ADMIN', 'MANAGER'] },
      subjectClaim: 'sub',
      providerName: 'Keycloak',
      allowInsecureRequests: false,
    });
  });

  it('allows plain http only for an issuer on the loopback address', () => {
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/w' }).oidc).toMatchObject({
      allowInsecureRequests: true,
      providerName: '127.0.0.1:8080',
    });
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://localhost:8080' }).oidc?.allowInsecureRequests).toBe(true);
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'woonmix' }, "OIDC_ISSUER must be set when OIDC_CLIENT_ID is (the provider's issuer, e.g. https://login.example.nl/realms/woonmix)"],
    [{ ...OIDC, OIDC_ISSUER: 'login.example.nl' }, 'OIDC_ISSUER must be an http(s) URL (got "login.example.nl")'],
    [{ ...OIDC, OIDC_ISSUER: 'http://login.example.nl' }, 'OIDC_ISSUER must use https:// (plain http only on localhost; got "http://login.example.nl")'],
    [{ ...OIDC, OIDC_ISSUER: 'https://login.example.nl/?x=1' }, 'OIDC_ISSUER must be the issuer identifier, without ?query or #fragment'],
    [{ ...OIDC, OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID must be set when OIDC_ISSUER is (the client id registered for Woonmix at the provider)'],
    [
      { ...OIDC, PUBLIC_URL: undefined },
      'OIDC_REDIRECT_URI or PUBLIC_URL must be set when OIDC_ISSUER is (the address users reach Woonmix at, e.g. https://woonmix.example.nl)',
    ],
    [
      { ...OIDC, OIDC_REDIRECT_URI: 'https://woonmix.example.nl/callback' },
      'OIDC_REDIRECT_URI must lead to Woonmix\'s /auth/oidc/callback (got "https://woonmix.example.nl/callback")',
    ],
    [
      { ...OIDC, NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), PUBLIC_URL: 'http://woonmix.example.nl' },
      'PUBLIC_URL must use https:// in production (got "http://woonmix.example.nl/auth/oidc/callback")',
    ],
    [{ ...OIDC, OIDC_SCOPES: 'profile email' }, 'OIDC_SCOPES must include openid (got "profile email")'],
    [{ ...OIDC, OIDC_ROLES_CLAIM: 'realm access' }, 'OIDC_ROLES_CLAIM must be a claim name or dotted path without spaces (got "realm access")'],
    [
      { ...OIDC, OIDC_ROLE_MAP: 'woonmix-officer=KING' },
      'OIDC_ROLE_MAP entries must read providerValue=ROLE with ROLE one of OFFICER, MANAGER, AUDITOR, ADMIN, PARTNER (got "woonmix-officer=KING")',
    ],
    [
      { ...OIDC, OIDC_ROLE_MAP: 'OFFICER' },
      'OIDC_ROLE_MAP entries must read providerValue=ROLE with ROLE one of OFFICER, MANAGER, AUDITOR, ADMIN, PARTNER (got "OFFICER")',
    ],
    [{ ...OIDC, OIDC_ROLE_MAP: ' , ' }, 'OIDC_ROLE_MAP must name at least one providerValue=ROLE'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
