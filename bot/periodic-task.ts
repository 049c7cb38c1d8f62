/** How often the housekeeping (retention purge, chat expiry) runs on a worker instance. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs `task` now and then every `intervalMs`, one run at a time; `onError` hears of a run that
 * failed (the next run tries again). Resolves `stop` once a running task has finished.
 */
export function runPeriodically(
  task: (now: Date) => Promise<unknown>,
  options: { intervalMs: number; now: () => Date; onError(error: unknown): void },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    running = task(options.now())
      .then(() => undefined, options.onError)
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref?.();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
