import 'reflect-metadata';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILE } from '../src/app.module.js';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';

/** Writes schema.gql from the code-first types (no server started, no demo data loaded). */
async function main() {
  const config = { ...loadConfig({ ...process.env, NODE_ENV: 'test' }), database: { kind: 'pglite' as const, dataDir: 'memory://' } };
  const app = await createApp({ config }, false);
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  writeFileSync(SCHEMA_FILE, `# Generated from the code-first types by \`npm run schema\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`);
  await app.close();
  console.log(`wrote ${SCHEMA_FILE}`);
}

void main();
