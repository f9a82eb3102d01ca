import 'reflect-metadata';
import { createApp } from '../src/bootstrap.js';
import { loadConfigOrExit } from '../src/config/app-config.js';
import { DemoSeederService } from '../src/demo/demo-seeder.service.js';

/** `npm run seed`: replaces stock and waiting list with a freshly generated demo municipality (DEMO_SCALE=large: the large region, issue 18). */
async function main() {
  const config = loadConfigOrExit();
  const app = await createApp({ config: { ...config, seedDemoOnEmpty: false } }, false);
  await app.init();
  const result = await app.get(DemoSeederService).reload(config.demoSeed, config.demoScale, (line) => console.log(line));
  console.log(
    `Demo municipality loaded (seed ${config.demoSeed}, scale ${config.demoScale}): ${JSON.stringify(result.counts)}; case complex ${result.caseComplexCode}`,
  );
  await app.close();
}

void main();
