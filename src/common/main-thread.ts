/** How long a long loop may hold the main thread before other requests get a turn. */
export const MAIN_THREAD_SLICE_MS = 50;

/**
 * For a loop that runs seconds on the main thread (a round over the large region judges and lists
 * 157,000 respondents): `await turn()` on each step gives other requests the thread whenever the
 * loop has held it for MAIN_THREAD_SLICE_MS since the last turn, and costs nothing otherwise.
 */
export function mainThreadTurns(sliceMs = MAIN_THREAD_SLICE_MS): () => Promise<void> {
  let ranSince = performance.now();
  return async () => {
    if (performance.now() - ranSince <= sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    ranSince = performance.now();
  };
}
