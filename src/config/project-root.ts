import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The directory holding package.json, whether we run from src/ (jest) or dist/src/ (node). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
