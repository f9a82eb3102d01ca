import { waitFor } from './wait-for.js';

describe('waitFor (test helper)', () => {
  it('returns the first value that satisfies the condition, probing until then', async () => {
    let probes = 0;
    const sut = await waitFor(() => (probes += 1), { until: (n) => n >= 3, intervalMs: 1, timeoutMs: 5000 });
    expect({ sut, probes }).toEqual({ sut: 3, probes: 3 });
  });

  it('waits for a truthy value when no condition is given', async () => {
    let probes = 0;
    expect(await waitFor(async () => ((probes += 1) === 2 ? 'ready' : ''), { intervalMs: 1 })).toBe('ready');
  });

  it('fails after the deadline, naming what it waited for and the last value seen', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => ({ status: 'QUEUED' }), { until: (r) => r.status === 'DONE', timeoutMs: 60, intervalMs: 10, what: 'round 7 to finish' }),
    ).rejects.toThrow(/^waitFor: round 7 to finish did not happen within 60 ms \(\d+ probes over \d+ ms\); last seen: \{"status":"QUEUED"\}$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it('fails at once with the error of a probe that throws', async () => {
    let probes = 0;
    await expect(
      waitFor(
        () => {
          probes += 1;
          throw new Error('no answer');
        },
        { timeoutMs: 5000 },
      ),
    ).rejects.toThrow('no answer');
    expect(probes).toBe(1);
  });
});
