/** Values frozen all the way down by deepFreeze: they can be keyed by identity (see isDeeplyFrozen). */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes a value and everything it holds, so one object can be shared by every request that reads
 * it (cached facts, remembered verdicts). Returns the value.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
  deeplyFrozen.add(value);
  return value;
}

/** Whether deepFreeze froze this object: nothing in it can change, so what is derived from it can be kept by identity. */
export function isDeeplyFrozen(value: unknown): value is object {
  return value !== null && typeof value === 'object' && deeplyFrozen.has(value);
}
