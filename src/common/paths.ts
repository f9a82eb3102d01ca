import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `path` lies below the directory `base` (both resolved, links followed): not `base` itself and
 * not above it. A name may start with dots (`..backup.json` is inside); only `..` as a whole step leaves.
 */
export function isInsideDirectory(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
