// Reads the runners' JSON result files (jest --json, Playwright's json reporter) and prints
// "N passed, N failed" over all of them (the last line of CI).
const { readFileSync, existsSync } = require('node:fs');
let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    failed += 1;
    console.log(`${file}: missing (the run crashed before writing results)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (r.stats && typeof r.stats.expected === 'number') {
    // Playwright: expected = passed, unexpected = failed, flaky = passed only on a retry (counted as failed: no retries are configured)
    const errors = Array.isArray(r.errors) ? r.errors.length : 0;
    passed += r.stats.expected;
    failed += r.stats.unexpected + r.stats.flaky + errors;
    console.log(`${file}: ${r.stats.expected} passed, ${r.stats.unexpected} failed, ${r.stats.flaky} flaky, ${r.stats.skipped} skipped, ${errors} run errors`);
    continue;
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped, ${r.numRuntimeErrorTestSuites} suites crashed`);
}
console.log(`${passed} passed, ${failed} failed`);
