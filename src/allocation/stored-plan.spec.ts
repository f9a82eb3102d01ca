import { PLAN_SCHEMA_VERSION, readStoredPlan, toStoredPlan } from './stored-plan.js';
import type { AllocationPlan } from '../engine/allocation/explain-plan.js';

const plan = {
  status: 'OPTIMAL',
  source: 'FAST_PATH',
  policy: { id: 'P', version: 1, effectiveFrom: '2026-01-01' },
  proposals: [],
  complexes: [],
  quotas: [],
} as unknown as AllocationPlan;

describe('stored plans', () => {
  it('store the engine plan with the version of its shape, and read it back as it was', () => {
    const stored = toStoredPlan(plan);
    expect(stored.schemaVersion).toBe(PLAN_SCHEMA_VERSION);
    expect(readStoredPlan(JSON.parse(JSON.stringify(stored)), 'Proposal 1')).toEqual(plan);
  });

  it.each([
    ['no version', { ...plan }, /Proposal 7: the stored plan has schema version null; this version of Woonmix reads version 1/],
    ['a later version', { ...plan, schemaVersion: 2 }, /schema version 2; this version of Woonmix reads version 1/],
    ['a missing part', { schemaVersion: 1, status: 'OPTIMAL', source: 'SOLVER', policy: {}, complexes: [], quotas: [] }, /lacks proposals/],
    ['not an object', [plan], /not a JSON object/],
  ])('refuses a stored plan with %s, naming it', (_case, stored, message) => {
    expect(() => readStoredPlan(stored, 'Proposal 7')).toThrow(message);
  });
});
