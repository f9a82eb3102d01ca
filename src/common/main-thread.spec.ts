import { mainThreadTurns } from './main-thread.js';

describe('mainThreadTurns', () => {
  /** Whether work queued by another request (setImmediate) ran while the loop awaited its turn. */
  const othersRanDuringTurn = async (turn: () => Promise<void>) => {
    let ran = false;
    setImmediate(() => (ran = true));
    await turn();
    const during = ran;
    await new Promise((resolve) => setImmediate(resolve));
    return during;
  };

  it.each([
    ['held longer than the slice: others get the thread', 0, true],
    ['within the slice: the loop goes on without a break', 60_000, false],
  ])('%s', async (_case, sliceMs, expected) => {
    const turn = mainThreadTurns(sliceMs);
    const started = performance.now();
    while (performance.now() - started < 2) {
      // hold the thread a little, as a loop step would
    }
    expect(await othersRanDuringTurn(turn)).toBe(expected);
  });
});
