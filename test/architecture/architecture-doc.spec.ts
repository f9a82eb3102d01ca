import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** docs/architecture.md matches the code: its feature graph and its list of feature modules. */
const ROOT = join(__dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

describe('docs/architecture.md', () => {
  it('lists exactly the dependencies between features that the code has', () => {
    const cruise = execFileSync(join(ROOT, 'node_modules', '.bin', 'depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const code = execFileSync('node', [join(ROOT, 'scripts', 'check-feature-graph.cjs'), '--edges'], { input: cruise, encoding: 'utf8' })
      .trim()
      .split('\n');
    const block = /<!-- feature-graph:start -->\s*```text\n([\s\S]*?)```/.exec(doc);
    expect(block).not.toBeNull();
    expect(block![1].trim().split('\n')).toEqual(code);
    expect(code.length).toBeGreaterThan(20);
  }, 120_000);

  it('names every feature that has a module, and each has one', () => {
    const kernel = new Set(['engine', 'common', 'config', 'auth', 'database']);
    const features = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !kernel.has(d.name))
      .map((d) => d.name);
    for (const f of features) {
      expect([f, existsSync(join(ROOT, 'src', f, `${f}.module.ts`))]).toEqual([f, true]);
      expect([f, doc.includes(`| ${f} |`) || doc.includes(`${f},`) || doc.includes(`, ${f} |`)]).toEqual([f, true]);
    }
  });
});
