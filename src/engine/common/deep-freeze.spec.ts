import { deepFreeze, isDeeplyFrozen } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes every level, and marks the value', () => {
    const value = { a: { b: [1, { c: 2 }] } };
    expect(isDeeplyFrozen(value)).toBe(false);
    deepFreeze(value);
    expect(isDeeplyFrozen(value)).toBe(true);
    expect(() => {
      (value.a.b[1] as { c: number }).c = 3;
    }).toThrow(TypeError);
    expect(() => (value.a.b as unknown[]).push(4)).toThrow(TypeError);
  });

  it('freezes the inside of an object someone froze only on the outside', () => {
    const inner = { c: 1 };
    const outer = Object.freeze({ inner });
    expect(isDeeplyFrozen(outer)).toBe(false);
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(true);
    expect(isDeeplyFrozen(outer)).toBe(true);
  });

  it.each([null, 1, 'x', undefined])('leaves %p as it is', (v) => {
    expect(deepFreeze(v)).toBe(v);
    expect(isDeeplyFrozen(v)).toBe(false);
  });
});

describe('the mark of deepFreeze', () => {
  it('marks what it froze without JSON, keys or a copy seeing the mark', () => {
    const value = deepFreeze({ a: 1, b: [2] });
    expect(JSON.stringify(value)).toBe('{"a":1,"b":[2]}');
    expect(Object.keys(value)).toEqual(['a', 'b']);
    expect(isDeeplyFrozen({ ...value })).toBe(false);
    expect(Object.isFrozen(value.b)).toBe(true);
  });
});
