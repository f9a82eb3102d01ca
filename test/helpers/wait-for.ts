export interface WaitForOptions<T> {
  /** When the probed value is what we wait for (default: truthy). */
  until?: (value: T) => boolean;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between probes (default 100 ms). */
  intervalMs?: number;
  /** What is awaited, in words, for the failure message ("round 7 to complete"). */
  what?: string;
  /** How to show the last value in the failure message (default: JSON, cut at 500 characters). */
  show?: (value: T) => string;
}

const defaultShow = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
};

/**
 * Polls `probe` until its value satisfies `until`, and returns that value; fails once `timeoutMs`
 * has passed, naming what was awaited and the last value seen. Use it in place of a fixed sleep
 * when a test waits for something to happen: it goes on as soon as it has, and a slow machine
 * gets the whole deadline instead of a guess. An error thrown by the probe fails at once.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitForOptions<T> = {}): Promise<T> {
  const { until = (v: T) => Boolean(v), timeoutMs = 10_000, intervalMs = 100, what = 'the condition', show = defaultShow } = options;
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (let probes = 1; ; probes += 1) {
    const value = await probe();
    if (until(value)) return value;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(`waitFor: ${what} did not happen within ${timeoutMs} ms (${probes} probes over ${Date.now() - started} ms); last seen: ${show(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
}
