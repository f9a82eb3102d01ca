/**
 * The structure's rules, checked by `npm run lint` (dependency-cruiser reads the TypeScript imports,
 * type-only ones included). docs/architecture.md draws what they protect.
 */
/** Shared kernel: importable from anywhere in src/ (no feature depends on another through it). */
const KERNEL = '^src/(engine|common|config|auth|database)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, file by file: a cycle makes modules load half-initialised and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment:
        'src/engine is the framework-free core (rules, model building, simulation, state machines): pure TypeScript, no Nest, ' +
        'no TypeORM, no GraphQL, no pg, no I/O. It may use node:crypto (hashes) and canonicalize (RFC 8785); its test fixtures fast-check.',
      from: { path: '^src/engine/' },
      to: {
        dependencyTypesNot: ['local', 'type-only'],
        pathNot: ['(^|/)node_modules/canonicalize/', '(^|/)node_modules/fast-check/', '^crypto$', '^node:crypto$'],
      },
    },
    {
      name: 'engine-imports-only-engine',
      severity: 'error',
      comment: 'The engine does not reach into the service around it.',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/engine/' },
    },
    {
      name: 'only-solver-adapters-import-solvers',
      severity: 'error',
      comment: 'Solvers sit behind the solver port (src/engine/allocation/solver.port.ts); only their adapters import them.',
      from: { pathNot: '^src/allocation/solvers/' },
      to: { path: '(^|/)node_modules/(highs|javascript-lp-solver)/' },
    },
    {
      name: 'kernel-imports-no-feature',
      severity: 'error',
      comment: 'The shared kernel (engine, common, config, auth, database) knows no feature; the composition root (database/entities.ts) excepted.',
      from: { path: KERNEL, pathNot: '^src/database/entities\\.ts$' },
      to: { path: '^src/', pathNot: KERNEL },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|coverage)/' },
  },
};
