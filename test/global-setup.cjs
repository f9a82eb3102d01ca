// Runs once per `jest` run, outside the test sandbox. Creates (or reuses) an initdb'ed PGlite
// template dir so each test file copies it (~0.2 s) instead of a fresh initdb (3-7 s).
// Cached under node_modules/.cache, keyed by the PGlite version (a PGlite upgrade may change the data
// directory's format, so a template is only reused by the version that made it).
const { existsSync, mkdirSync, rmSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.DATABASE_URL) return;
  const pkg = join(__dirname, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const dir = join(__dirname, '..', 'node_modules', '.cache', `pglite-template-${version}`);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { PGlite } = require('@electric-sql/pglite');
    const db = await PGlite.create(dir);
    await db.close();
  }
  process.env.PGLITE_TEMPLATE_DIR = dir; // inherited by the jest workers
};
