export * from './highs.solver.js';
export * from './jsl.solver.js';
export * from './routing.solver.js';
