import { LARGE_APPLICANT_POOL, runsPerTask } from './simulation-runner.service.js';

describe('runsPerTask', () => {
  it.each([
    // [runs, applicants, threads, runs per task]
    [500, 5_000, 2, 25],
    [10, 5_000, 2, 25],
    [500, LARGE_APPLICANT_POOL - 1, 2, 25],
    [500, LARGE_APPLICANT_POOL, 2, 125],
    [500, 139_368, 2, 125],
    [500, 139_368, 8, 32],
    [40, 139_368, 2, 25],
    [2000, 139_368, 0, 1000],
  ])('%i runs over %i applicants on %i threads: %i a task', (runs, applicants, threads, expected) => {
    expect(runsPerTask(runs, applicants, threads)).toBe(expected);
  });
});
