import { amsterdamDate } from './clock.js';

describe('amsterdamDate', () => {
  it.each([
    ['2025-12-31T22:59:59Z', '2025-12-31'], // 23:59:59 in Amsterdam (CET, UTC+1)
    ['2025-12-31T23:00:00Z', '2026-01-01'], // midnight in Amsterdam: the new year's limits apply
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST (UTC+2)
    ['2026-06-30T22:00:00Z', '2026-07-01'],
  ])('%s is %s in the Netherlands', (instant, date) => {
    expect(amsterdamDate(new Date(instant))).toBe(date);
  });
});
