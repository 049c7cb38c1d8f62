import type { Logger } from 'pino';
import { errorSummary } from './logger';

/**
 * Work that runs after a turn has been answered (card updates, notices), so that an invoke is
 * answered at once. Stopping the bot waits for it.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` without waiting; a failure is logged, never thrown. */
  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) =>
        this.logger.error({ err: errorSummary(error), task: name }, 'background task failed'),
      )
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when all started work has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
