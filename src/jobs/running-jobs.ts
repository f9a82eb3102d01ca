/**
 * The jobs this instance is running, each with the AbortController that stops it: a cancel from
 * any instance, or this instance stopping, aborts the work (worker threads included).
 */
export class RunningJobs {
  private readonly running = new Map<number, { controller: AbortController; done: Promise<unknown> }>();

  /** Runs `work` for `id` until it settles; while it runs, `abort(id)` reaches its controller. */
  async run<T>(id: number, work: (controller: AbortController) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const done = work(controller);
    this.running.set(id, { controller, done: done.catch(() => undefined) });
    try {
      return await done;
    } finally {
      this.running.delete(id);
    }
  }

  abort(id: number, reason: Error): void {
    this.running.get(id)?.controller.abort(reason);
  }

  /** Stopping: abort everything and wait for the aborted work to finish its writes. */
  async abortAll(reason: () => Error): Promise<void> {
    const running = [...this.running.values()];
    for (const r of running) r.controller.abort(reason());
    await Promise.allSettled(running.map((r) => r.done));
  }
}
