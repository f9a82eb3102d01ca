// ESLint flat config: type-aware rules for what the compiler cannot see (promises nobody awaits,
// promises where a callback must not return one) and jest hygiene (no focused or disabled tests,
// expectations that assert). The engine's purity is also checked by .dependency-cruiser.cjs.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/**', 'src/web/client/src/gql/**', 'test-results/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // unused names are allowed when they say so (a leading underscore), e.g. a destructured field left out on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // the workplace's browser client (its own tsconfig): hooks used as React requires
    files: ['src/web/client/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // for the React Compiler, which this client does not use (TanStack Table's hook is fine without it)
      'react-hooks/incompatible-library': 'off',
      // table cells and API answers are typed by their columns and the generated operations
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // the framework-free core: no environment, no clock (src/engine/README in docs/architecture.md)
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.spec.ts', 'src/engine/**/test-fixtures/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The engine is pure: configuration and time come in as arguments.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The engine has no clock: pass the date in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine has no clock: pass the date in.' },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The engine is deterministic: use a seeded generator.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.pg-spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/valid-expect': 'error',
      // helpers that assert (expectGraphqlError, fc.assert, ...) count as expectations
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '*.expect*', 'assert*', 'fc.assert'] }],
      // set-up that checks what it set up (beforeAll) is an expectation in a test block
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['beforeAll', 'beforeEach', 'afterAll', 'afterEach'] }],
      // table- and property-driven tests branch on the case on purpose
      'jest/no-conditional-expect': 'off',
      // responses of a GraphQL API under test are untyped JSON
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
