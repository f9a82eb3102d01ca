/** One place where two JSON documents differ: a JSON path and the two values (undefined: absent). */
export interface JsonDifference {
  path: string;
  recorded: unknown;
  replayed: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first `limit` differences between two JSON values, depth first, keys in sorted order. */
export function jsonDifferences(recorded: unknown, replayed: unknown, limit = 20, path = '$'): JsonDifference[] {
  const out: JsonDifference[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (out.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) walk(a[i], b[i], `${at}[${i}]`);
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[key], b[key], `${at}.${key}`);
      return;
    }
    if (!Object.is(a, b)) out.push({ path: at, recorded: a, replayed: b });
  };
  walk(recorded, replayed, path);
  return out;
}
