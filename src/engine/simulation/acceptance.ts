/**
 * Acceptance rates per category from answered offers (the `acceptance` input of a simulation, README
 * "Simulation for managers"): accepted over answered, rounded to 4 decimals, for each category with at
 * least `minAnsweredPerCategory` answered offers; a category with fewer gets no rate (its households
 * accept in the simulation). Sorted by category, so the same offers always give the same input bytes.
 */
export function acceptanceRates(answered: readonly { category: string; accepted: boolean }[], minAnsweredPerCategory: number): Record<string, number> {
  const tally = new Map<string, { answered: number; accepted: number }>();
  for (const o of answered) {
    const t = tally.get(o.category) ?? { answered: 0, accepted: 0 };
    t.answered += 1;
    if (o.accepted) t.accepted += 1;
    tally.set(o.category, t);
  }
  return Object.fromEntries(
    [...tally]
      .filter(([, t]) => t.answered >= minAnsweredPerCategory)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, t]) => [category, Math.round((t.accepted / t.answered) * 10_000) / 10_000]),
  );
}
