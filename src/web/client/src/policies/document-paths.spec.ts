import { describe, expect, it } from '@jest/globals';
import { documentChanges, formPath, leaves, valueAt, withValueAt, type Json } from './document-paths';

const target = (id: string, basisPoints: number) => ({
  id,
  label: `target ${id}`,
  dimension: 'INCOME_BAND',
  categories: ['A'],
  bound: 'MAX',
  basisPoints,
  weight: 10,
});

describe('formPath: the API field of a problem, as the form names its input', () => {
  it.each([
    ['document.quotas.passendWeight', 'quotas.passendWeight'],
    ['document.defaultsByResilienceClass.1[0].basisPoints', 'defaultsByResilienceClass.1.0.basisPoints'],
    ['document.labels.SENIOR_55.fallback.1.minAge', 'labels.SENIOR_55.fallback.1.minAge'],
    ['document', ''],
    ['effectiveFrom', 'effectiveFrom'],
  ])('%s -> %s', (api, form) => expect(formPath(api)).toBe(form));
});

describe('documentChanges: what changed between two versions', () => {
  it.each<[string, Json, Json, ReturnType<typeof documentChanges>]>([
    ['nothing', { a: 1, b: { c: true } }, { b: { c: true }, a: 1 }, []],
    ['a value', { a: 1 }, { a: 2 }, [{ path: 'a', kind: 'CHANGED', before: 1, after: 2 }]],
    [
      'a nested boolean',
      { d: { protectUrgent: true } },
      { d: { protectUrgent: false } },
      [{ path: 'd.protectUrgent', kind: 'CHANGED', before: true, after: false }],
    ],
    [
      'a field added and one removed',
      { a: 1 },
      { b: 2 },
      [
        { path: 'a', kind: 'REMOVED', before: 1, after: undefined },
        { path: 'b', kind: 'ADDED', before: undefined, after: 2 },
      ],
    ],
    ['a list of words is one field', { c: ['X', 'Y'] }, { c: ['X'] }, [{ path: 'c', kind: 'CHANGED', before: ['X', 'Y'], after: ['X'] }]],
    [
      'targets are matched by id, not by place in the list',
      { t: [target('LOW', 3000), target('HIGH', 2000)] },
      { t: [target('HIGH', 2500), target('LOW', 3000)] },
      [{ path: 't.HIGH.basisPoints', kind: 'CHANGED', before: 2000, after: 2500 }],
    ],
    [
      'a target removed shows each of its fields',
      { t: [target('LOW', 3000)] },
      { t: [] },
      Object.entries(target('LOW', 3000))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => ({ path: `t.LOW.${k}`, kind: 'REMOVED' as const, before: v as Json, after: undefined })),
    ],
    [
      'items without ids are matched by position',
      { n: [{ minPersons: 1 }, { minPersons: 2 }] },
      { n: [{ minPersons: 1 }, { minPersons: 3 }] },
      [{ path: 'n.1.minPersons', kind: 'CHANGED', before: 2, after: 3 }],
    ],
  ])('%s', (_name, before, after, expected) => expect(documentChanges(before, after)).toEqual(expected));

  it('a document compared with itself has no changes, whatever its shape', () => {
    const doc: Json = { a: [{ id: 'X', v: [1, 2] }], b: { c: null, d: {} }, e: 'text' };
    expect(documentChanges(doc, structuredClone(doc))).toEqual([]);
    expect([...leaves(doc).keys()]).toEqual(['a.X.id', 'a.X.v', 'b.c', 'b.d', 'e']);
  });
});

describe('valueAt and withValueAt: reading and writing one field of a form', () => {
  const doc: Json = { quotas: { weight: 5 }, list: [{ a: 1 }, { a: 2 }] };
  it.each<[string, Json | undefined, Json]>([
    ['quotas.weight', 7, { quotas: { weight: 7 }, list: [{ a: 1 }, { a: 2 }] }],
    ['list.1.a', 9, { quotas: { weight: 5 }, list: [{ a: 1 }, { a: 9 }] }],
    ['list.0', undefined, { quotas: { weight: 5 }, list: [{ a: 2 }] }],
    ['quotas.new', true, { quotas: { weight: 5, new: true }, list: [{ a: 1 }, { a: 2 }] }],
    ['quotas', undefined, { list: [{ a: 1 }, { a: 2 }] }],
  ])('%s := %j', (path, value, expected) => {
    expect(withValueAt(doc, path, value)).toEqual(expected);
    if (value !== undefined) expect(valueAt(withValueAt(doc, path, value), path)).toEqual(value);
  });
  it('leaves the original as it was', () => {
    const copy = structuredClone(doc);
    withValueAt(doc, 'list.1.a', 42);
    expect(doc).toEqual(copy);
  });
  it('reads nothing where there is nothing', () => expect(valueAt(doc, 'quotas.weight.deeper')).toBeUndefined());
});
