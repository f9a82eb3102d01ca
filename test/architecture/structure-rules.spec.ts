import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The structure's rules catch what they are for: each case writes a small project that breaks one
 * rule, with this repository's configurations (.dependency-cruiser.cjs, eslint.config.mjs), and runs
 * the tools `npm run lint` runs.
 */
const ROOT = join(__dirname, '..', '..');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'woonmix-rules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const config of ['.dependency-cruiser.cjs', 'eslint.config.mjs', 'tsconfig.json']) copyFileSync(join(ROOT, config), join(dir, config));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function run(dir: string, bin: string, args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(join(ROOT, 'node_modules', '.bin', bin), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const depcruise = (dir: string) => run(dir, 'depcruise', ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
const eslint = (dir: string) => run(dir, 'eslint', ['src']);

describe('structure rules (npm run lint)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const make = (files: Record<string, string>) => {
    const dir = project(files);
    dirs.push(dir);
    return dir;
  };

  it.each([
    [
      'an engine file importing Nest',
      { 'src/engine/bad.ts': "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n" },
      'engine-is-pure',
    ],
    ['an engine file importing TypeORM', { 'src/engine/bad.ts': "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n" }, 'engine-is-pure'],
    ['an engine file reading a file', { 'src/engine/bad.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" }, 'engine-is-pure'],
    [
      'an engine file reaching into a feature',
      { 'src/engine/bad.ts': "import { y } from '../households/y.js';\nexport const x = y;\n", 'src/households/y.ts': 'export const y = 1;\n' },
      'engine-imports-only-engine',
    ],
    ['a feature importing a solver', { 'src/reports/bad.ts': "import highs from 'highs';\nexport const x = highs;\n" }, 'only-solver-adapters-import-solvers'],
    [
      'the kernel importing a feature',
      { 'src/common/bad.ts': "import { y } from '../households/y.js';\nexport const x = y;\n", 'src/households/y.ts': 'export const y = 1;\n' },
      'kernel-imports-no-feature',
    ],
    [
      "a feature reaching past another one's public surface",
      {
        'src/reports/bad.ts': "import { y } from '../households/private-helper.js';\nexport const x = y;\n",
        'src/households/private-helper.ts': 'export const y = 1;\n',
      },
      'features-meet-through-public-surface',
    ],
    [
      'an import cycle',
      {
        'src/reports/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'src/reports/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      },
      'no-circular',
    ],
  ])(
    'dependency-cruiser refuses %s',
    (_case, files, rule) => {
      const result = depcruise(make(files));
      expect(result.ok).toBe(false);
      expect(result.output).toContain(rule);
    },
    60_000,
  );

  it('dependency-cruiser accepts a clean engine file and a feature using the engine', () => {
    const result = depcruise(
      make({
        'src/engine/ok.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
        'src/reports/ok.ts': "import { h } from '../engine/ok.js';\nexport const x = h;\n",
      }),
    );
    expect(result).toMatchObject({ ok: true });
  }, 60_000);

  it('the feature graph check refuses two features that depend on each other through their public surfaces', () => {
    const dir = make({
      'src/reports/reports.service.ts': "import { h } from '../households/households.service.js';\nexport const r = () => h;\n",
      'src/households/households.service.ts': "import { x } from '../reports/reports.mapper.js';\nexport const h = () => x;\n",
      'src/reports/reports.mapper.ts': 'export const x = 1;\n',
    });
    const json = run(dir, 'depcruise', ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json']);
    expect(json.output).toContain('"modules"');
    let output: string;
    let ok = true;
    try {
      output = execFileSync('node', [join(ROOT, 'scripts', 'check-feature-graph.cjs')], { input: json.output, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      ok = false;
      output = String((e as { stderr?: string }).stderr);
    }
    expect(ok).toBe(false);
    expect(output).toMatch(/households -> reports/);
    expect(output).toMatch(/reports -> households/);
  }, 60_000);

  it.each([
    ['reads the environment', 'export const port = process.env.PORT;\n', 'no-restricted-globals'],
    ['reads the clock', 'export const now = () => Date.now();\n', 'The engine has no clock'],
    ['draws an unseeded random number', 'export const r = () => Math.random();\n', 'seeded generator'],
    ['leaves a promise unawaited', 'async function f() { return 1; }\nexport function g() { f(); }\n', 'no-floating-promises'],
  ])(
    'ESLint refuses an engine file that %s',
    (_case, text, finding) => {
      const result = eslint(make({ 'src/engine/bad.ts': text }));
      expect(result.ok).toBe(false);
      expect(result.output).toContain(finding);
    },
    60_000,
  );
});
