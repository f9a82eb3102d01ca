import 'reflect-metadata';
import { createApp } from '../src/bootstrap.js';
import { loadConfigOrExit } from '../src/config/app-config.js';
import { DemoSeederService } from '../src/demo/demo-seeder.service.js';

/** `npm run seed`: replaces stock and waiting list with a freshly generated demo municipality. */
async function main() {
  const config = loadConfigOrExit();
  const app = await createApp({ config: { ...config, seedDemoOnEmpty: false } }, false);
  await app.init();
  const result = await app.get(DemoSeederService).reload(config.demoSeed);
  console.log(`Demo municipality loaded (seed ${config.demoSeed}): ${JSON.stringify(result.counts)}; case complex ${result.caseComplexCode}`);
  await app.close();
}

void main();
