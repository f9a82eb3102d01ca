import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the service's schema (schema.gql, written by `npm run schema`): an operation
// that asks for a field the schema no longer has fails here, and a changed type fails the typecheck.
// Paths are relative to the project root (npm run web:types runs there).
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['src/web/client/src/**/*.{ts,tsx}', '!src/web/client/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/web/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
  },
};
export default config;
