import { countOf, pluralWord, formatBasisPoints, formatDate, formatEuros } from './format.js';

describe('formatEuros', () => {
  it.each([
    [0, '€0'],
    [5, '€0.05'],
    [93_293, '€932.93'],
    [100_000, '€1,000'],
    [5_691_000, '€56,910'],
    [18_463_300, '€184,633'],
    [123_456_789, '€1,234,567.89'],
    [-71_302, '-€713.02'],
  ])('%i cents -> %s', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });
});

describe('formatBasisPoints', () => {
  it.each([
    [750, '7.5%'],
    [1500, '15%'],
    [9250, '92.5%'],
    [9333, '93.33%'],
    [5, '0.05%'],
    [0, '0%'],
    [10_000, '100%'],
  ])('%i bp -> %s', (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-01-01', '1 January 2026'],
    ['2025-12-31', '31 December 2025'],
  ])('%s -> %s', (date, text) => {
    expect(formatDate(date)).toBe(text);
  });
});

describe('pluralWord and countOf', () => {
  it.each([
    [0, 'places', '0 places'],
    [1, 'place', '1 place'],
    [2, 'places', '2 places'],
  ])('%i -> %s / %s', (n, word, counted) => {
    expect(pluralWord(n, 'place', 'places')).toBe(word);
    expect(countOf(n, 'place', 'places')).toBe(counted);
  });
});
