/**
 * The lottery seed of a vacancy: FNV-1a (32 bit) of its reference. Recorded with every proposal, so
 * a LOTTERY ranking can be replayed, and the same vacancy always draws the same tickets.
 */
export function seedForVacancy(reference: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < reference.length; i++) {
    hash ^= reference.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
