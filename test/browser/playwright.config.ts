import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Browser tests: the real service (node dist/src/main.js, built by `npm test`'s pretest) on a fresh
 * embedded database with the demo municipality, driven by Debian's Chromium (no browser can be
 * downloaded here; .ci/run installs `chromium` when missing). Screenshots of every screen go to
 * test-results/screenshots (README, "The workplace"); the JSON report feeds CI's totals.
 */
const root = resolve(__dirname, '..', '..');
const port = Number(process.env.BROWSER_TEST_PORT ?? 3199);
// once per run: the workers inherit it from the runner's environment
process.env.WOONMIX_BROWSER_DB ??= mkdtempSync(join(tmpdir(), 'woonmix-browser-'));

export const SCREENSHOTS = join(root, 'test-results', 'screenshots');

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.pw.ts',
  outputDir: join(root, 'test-results', 'browser'),
  // the journeys share one service and its data, in order
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? join(root, 'test-results', 'browser.json') }]],
  // a round proposes for every open vacancy: it runs after the journeys that work on open vacancies
  projects: [
    { name: 'journeys', testIgnore: ['rounds-*.pw.ts', 'admin-*.pw.ts'] },
    // imports add stock and households: after the journeys too, which count what the demo holds
    { name: 'rounds', testMatch: ['rounds-*.pw.ts', 'admin-*.pw.ts'], dependencies: ['journeys'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] },
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: 'node dist/src/main.js',
    cwd: root,
    url: `http://127.0.0.1:${port}/health/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PGLITE_DIR: process.env.WOONMIX_BROWSER_DB,
      SEED_DEMO: 'true',
      DATABASE_URL: '',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
  },
});
