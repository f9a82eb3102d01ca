/** @type {import('jest').Config} */
const swcTs = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const swcJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.cjs',
  // engine specs live beside the code; integration and e2e tests under test/
  // *.pg-spec.ts: tests that need the real PostgreSQL server (fault injection: kill -9, server restart),
  // run by `npm run test:pg` (DATABASE_URL set) and so by CI
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    ...(process.env.DATABASE_URL ? ['<rootDir>/test/**/*.pg-spec.ts'] : []),
  ],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  // sources use nodenext-style './x.js' imports; point jest at the .ts file
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swcTs, '^.+\\.(c|m)?js$': swcJs },
  // @nestjs/* 12 is ESM-only and PGlite's CJS build uses dynamic import(): compile both to CJS, the module system jest runs the tests in;
  // so are openid-client and its jose/oauth4webapi, and the tests' OpenID provider (oidc-provider)
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql/pglite|openid-client|oauth4webapi|jose|oidc-provider)/)'],
  testTimeout: 60000,
  // `--coverage` (CI): the service's own code, not its tests or fixtures
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/**/test-fixtures/**'],
};
