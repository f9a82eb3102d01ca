import { DEFAULT_SOLVE_OPTIONS, OPTIONS_BEFORE_FULL_RECORDING, effectiveSolveOptions } from '../engine/allocation/solve-allocation.js';
import { replayOptions } from './replay.service.js';

describe('replayOptions: a proposal is recomputed with the options it was made with', () => {
  it.each([
    [
      'a basis from before every option was recorded (the time limit alone)',
      { timeLimitMs: 10_000 },
      { ...OPTIONS_BEFORE_FULL_RECORDING, timeLimitMs: 10_000 },
    ],
    ['a basis that records every option', effectiveSolveOptions({ timeLimitMs: 10_000 }), { ...DEFAULT_SOLVE_OPTIONS, timeLimitMs: 10_000 }],
    [
      'a basis that records some options: those are kept, the rest filled',
      { timeLimitMs: 5, mergeIdenticalRows: true },
      { timeLimitMs: 5, integralUnfilled: false, mergeIdenticalRows: true },
    ],
  ])('%s', (_case, solveOptions, expected) => {
    expect(replayOptions({ solveOptions })).toEqual(expected);
  });

  it('the options filled in for an older basis are the behaviour before them, not the defaults of today', () => {
    for (const [key, value] of Object.entries(OPTIONS_BEFORE_FULL_RECORDING))
      expect([key, value]).not.toEqual([key, DEFAULT_SOLVE_OPTIONS[key as keyof typeof DEFAULT_SOLVE_OPTIONS]]);
  });
});
