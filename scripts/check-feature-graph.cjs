#!/usr/bin/env node
/**
 * Features may not depend on each other in a cycle (docs/architecture.md): file-level cycles are
 * dependency-cruiser's no-circular rule; this checks the graph of features (src/<feature>/), with the
 * shared kernel (engine, common, config, auth, database) left out. Reads dependency-cruiser's JSON
 * (`depcruise src --output-type json`) on stdin; prints the feature graph's cycles and exits 1 on any.
 * With `--edges`: prints every dependency between features, one "a -> b" per line, sorted (the list
 * docs/architecture.md shows, and test/architecture/architecture-doc.spec.ts holds equal to the code).
 */
const KERNEL = new Set(['engine', 'common', 'config', 'auth', 'database']);
const featureOf = (path) => {
  const m = /^src\/([^/]+)\//.exec(path);
  return m && !KERNEL.has(m[1]) ? m[1] : null;
};

let text = '';
process.stdin.on('data', (c) => (text += c));
process.stdin.on('end', () => {
  const { modules } = JSON.parse(text);
  const edges = new Map(); // "a -> b" -> example import
  for (const m of modules) {
    const a = featureOf(m.source);
    if (!a) continue;
    for (const d of m.dependencies) {
      const b = featureOf(d.resolved);
      if (b && b !== a && !edges.has(`${a} -> ${b}`)) edges.set(`${a} -> ${b}`, `${m.source} -> ${d.resolved}`);
    }
  }
  const next = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ');
    if (!next.has(a)) next.set(a, new Set());
    next.get(a).add(b);
  }
  const reaches = (from, to) => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      for (const n of next.get(stack.pop()) ?? []) {
        if (n === to) return true;
        if (!seen.has(n)) (seen.add(n), stack.push(n));
      }
    }
    return false;
  };
  if (process.argv.includes('--edges')) {
    console.log([...edges.keys()].sort().join('\n'));
    return;
  }
  const cyclic = [...edges.keys()].sort().filter((key) => {
    const [a, b] = key.split(' -> ');
    return reaches(b, a);
  });
  if (cyclic.length === 0) {
    console.log(`feature graph: ${next.size} features, ${edges.size} dependencies, no cycles`);
    return;
  }
  console.error(`feature graph: ${cyclic.length} dependencies on a cycle between features:`);
  for (const key of cyclic) console.error(`  ${key}   (e.g. ${edges.get(key)})`);
  process.exitCode = 1;
});
