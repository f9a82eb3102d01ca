import { daysBetween } from './dates.js';

describe('daysBetween', () => {
  it.each([
    ['2026-03-02', '2026-03-02', 0],
    ['2026-02-28', '2026-03-01', 1],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2026-01-01', '2025-01-01', -365],
  ])('%s -> %s = %i', (from, to, days) => expect(daysBetween(from, to)).toBe(days));
});
