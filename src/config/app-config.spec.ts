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
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
