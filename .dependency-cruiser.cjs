/**
 * The structure's rules, checked by `npm run lint` (dependency-cruiser reads the TypeScript imports,
 * type-only ones included). docs/architecture.md draws what they protect.
 */
/** Shared kernel: importable from anywhere in src/ (no feature depends on another through it). */
const KERNEL = '^src/(engine|common|config|auth|database)/';

/**
 * What a feature shows other features: its Nest module and services, its entities, loaders, mappers
 * and GraphQL types, and the few helpers listed here (each named for what it offers).
 */
const PUBLIC_SURFACE = [
  '\\.module\\.ts$',
  '\\.service\\.ts$',
  '\\.entit(y|ies)\\.ts$',
  '\\.loaders\\.ts$',
  '\\.mapper\\.ts$',
  '/graphql/[^/]+\\.type\\.ts$',
  // engine facts of households, loaded in one statement (eligibility, allocation, reports, simulation)
  '^src/households/household-facts\\.query\\.ts$',
  '^src/households/household-consistency\\.ts$',
  // who is reading (audience) and what each audience may not select
  '^src/privacy/audience\\.ts$',
  '^src/privacy/disclosure-policy\\.ts$',
  // the dwelling, complex and buurt a rule judges against
  '^src/eligibility/dwelling-context\\.ts$',
  '^src/imports/import-rows\\.ts$',
  '^src/jobs/running-jobs\\.ts$',
  '^src/tenancies/tenancy-overlap\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'web-client-stays-in-the-browser',
      severity: 'error',
      comment: 'The workplace (src/web/client) is a browser bundle that talks to the public GraphQL API only: it imports no service code.',
      from: { path: '^src/web/client/' },
      to: { path: '^(src|test|migrations|scripts)/', pathNot: '^src/web/client/' },
    },
    {
      name: 'service-imports-no-web-client',
      severity: 'error',
      comment: 'The service serves the built client (dist/web) as files; it imports none of its sources.',
      from: { path: '^(src|scripts|test|migrations)/', pathNot: '^src/web/client/' },
      to: { path: '^src/web/client/' },
    },
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
    {
      name: 'features-meet-through-public-surface',
      severity: 'error',
      comment: 'A feature uses another only through its public surface (PUBLIC_SURFACE above); docs/architecture.md lists it per feature.',
      from: { path: '^src/([^/]+)/', pathNot: KERNEL },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', KERNEL, ...PUBLIC_SURFACE] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|coverage)/' },
  },
};
