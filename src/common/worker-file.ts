import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../config/project-root.js';

/**
 * The compiled JavaScript of a worker module that sits next to `callerFile`: beside it when running
 * from dist/, else its twin under dist/ (jest runs the TypeScript sources, and a worker thread cannot
 * load TypeScript; `npm test` builds first).
 */
export function compiledWorkerFile(callerFile: string, workerBaseName: string): string {
  const callerDir = join(callerFile, '..');
  const beside = join(callerDir, `${workerBaseName}.js`);
  if (callerFile.endsWith('.js') && existsSync(beside)) return beside;
  const root = projectRoot(callerDir);
  const built = join(root, 'dist', relative(root, callerDir), `${workerBaseName}.js`);
  if (!existsSync(built)) throw new Error(`Worker ${workerBaseName} not built (${built}): run npm run build`);
  return built;
}
