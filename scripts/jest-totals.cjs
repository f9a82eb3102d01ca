// Reads jest --json result files and prints "N passed, N failed" over all of them (last line of CI).
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
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped, ${r.numRuntimeErrorTestSuites} suites crashed`);
}
console.log(`${passed} passed, ${failed} failed`);
