import type { AllocationPlan } from '../engine/allocation/explain-plan.js';

/**
 * The JSON shape of a stored plan (proposal.plan, allocation_round.plan): the engine's plan with the
 * version of its shape. Raise the version when the shape changes, and teach `readStoredPlan` the old
 * one (migrations/1764000000010-plan-schema-version.ts gave the plans stored before it version 1).
 */
export const PLAN_SCHEMA_VERSION = 1;

export function toStoredPlan(plan: AllocationPlan): Record<string, unknown> {
  return { schemaVersion: PLAN_SCHEMA_VERSION, ...plan };
}

/** A stored plan as the engine's plan; refuses a shape this version does not know, naming it. */
export function readStoredPlan(stored: unknown, where: string): AllocationPlan {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) throw new Error(`${where}: the stored plan is not a JSON object`);
  const { schemaVersion, ...plan } = stored as { schemaVersion?: unknown } & Record<string, unknown>;
  if (schemaVersion !== PLAN_SCHEMA_VERSION) {
    throw new Error(
      `${where}: the stored plan has schema version ${JSON.stringify(schemaVersion ?? null)}; this version of Woonmix reads version ${PLAN_SCHEMA_VERSION}`,
    );
  }
  const missing = (['status', 'source', 'policy', 'proposals', 'complexes', 'quotas'] as const).filter((k) => !(k in plan));
  if (missing.length > 0 || !Array.isArray(plan.proposals)) throw new Error(`${where}: the stored plan lacks ${missing.join(', ') || 'a proposals list'}`);
  return plan as unknown as AllocationPlan;
}
