import { jsonDifferences } from './json-diff.js';

describe('jsonDifferences', () => {
  it.each([
    ['equal documents', { a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, []],
    ['a changed leaf', { a: { b: 1 } }, { a: { b: 2 } }, [{ path: '$.a.b', recorded: 1, replayed: 2 }]],
    ['a missing key', { a: 1, b: 2 }, { a: 1 }, [{ path: '$.b', recorded: 2, replayed: undefined }]],
    ['a longer array', [1], [1, 2], [{ path: '$[1]', recorded: undefined, replayed: 2 }]],
    ['object against array', { a: [] }, { a: {} }, [{ path: '$.a', recorded: [], replayed: {} }]],
  ])('%s', (_name, a, b, expected) => expect(jsonDifferences(a, b)).toEqual(expected));

  it('stops at the limit', () => {
    expect(jsonDifferences([1, 2, 3, 4], [5, 6, 7, 8], 2).map((d) => d.path)).toEqual(['$[0]', '$[1]']);
  });
});
