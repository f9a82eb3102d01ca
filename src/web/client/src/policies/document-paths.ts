/**
 * Policy documents (JSON) as fields with paths, for reading them, comparing two versions and mapping
 * the API's field problems onto a form. Paths are dot-separated (`quotas.passendWeight`,
 * `defaultsByResilienceClass.1.0.basisPoints`); the API writes list positions as `[0]` or `.0`
 * (src/engine/allocation/composition-policy-document.ts, src/engine/eligibility/local-policy-document.validation.ts).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldChange {
  path: string;
  kind: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: Json | undefined;
  after: Json | undefined;
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The API's path of a field, in the form's notation: no `document.` prefix, `[n]` as `.n`. */
export function formPath(apiField: string): string {
  return apiField
    .replace(/^document\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/**
 * A list item's key for comparing versions: its `id` or `code` when every item has a distinct one
 * (so a target moved in the list is not read as changed), otherwise its position.
 */
function itemKeys(list: Json[]): string[] {
  for (const field of ['id', 'code']) {
    const keys = list.map((item) => (isObject(item) && typeof item[field] === 'string' ? (item[field] as string) : null));
    if (keys.every((k) => k !== null) && new Set(keys).size === keys.length) return keys as string[];
  }
  return list.map((_, i) => String(i));
}

/** Every leaf of a document with its path; lists of plain values are one leaf (they are read as a set of words). */
export function leaves(doc: Json, prefix = ''): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (value: Json, path: string) => {
    if (isObject(value)) {
      const keys = Object.keys(value).sort();
      if (keys.length === 0) out.set(path, value);
      for (const key of keys) walk(value[key], path ? `${path}.${key}` : key);
    } else if (Array.isArray(value) && value.some((v) => isObject(v) || Array.isArray(v))) {
      const keys = itemKeys(value);
      value.forEach((item, i) => walk(item, `${path}.${keys[i]}`));
    } else out.set(path, value);
  };
  walk(doc, prefix);
  return out;
}

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from one version's document to the next, field by field, in path order. */
export function documentChanges(before: Json, after: Json): FieldChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const hasFieldsUnder = (side: Map<string, Json>, path: string) => [...side.keys()].some((k) => k.startsWith(`${path}.`));
  const emptyContainer = (v: Json | undefined) => (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
  const changes: FieldChange[] = [];
  for (const path of paths) {
    // a list emptied (or filled) is told by the fields of its items, not once more as a whole
    if ((emptyContainer(a.get(path)) && hasFieldsUnder(b, path)) || (emptyContainer(b.get(path)) && hasFieldsUnder(a, path))) continue;
    const x = a.get(path);
    const y = b.get(path);
    if (!a.has(path)) changes.push({ path, kind: 'ADDED', before: undefined, after: y });
    else if (!b.has(path)) changes.push({ path, kind: 'REMOVED', before: x, after: undefined });
    else if (!same(x, y)) changes.push({ path, kind: 'CHANGED', before: x, after: y });
  }
  return changes;
}

/** The value at a form path (undefined when absent). */
export function valueAt(doc: Json, path: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const part of path === '' ? [] : path.split('.')) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** A copy of the document with the value at a form path replaced (or removed when `value` is undefined). */
export function withValueAt(doc: Json, path: string, value: Json | undefined): Json {
  const parts = path.split('.');
  const recurse = (node: Json, i: number): Json => {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      const index = Number(part);
      const copy = [...node];
      if (last) {
        if (value === undefined) copy.splice(index, 1);
        else copy[index] = value;
      } else copy[index] = recurse(copy[index], i + 1);
      return copy;
    }
    const copy: { [key: string]: Json } = isObject(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete copy[part];
      else copy[part] = value;
    } else copy[part] = recurse(copy[part] ?? {}, i + 1);
    return copy;
  };
  return path === '' ? (value ?? null) : recurse(doc, 0);
}
