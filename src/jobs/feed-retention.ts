// The change feed's retention as a job of its own: every FEED_PURGE_INTERVAL_MS it deletes the
// events (and their deliveries) older than the feed keeps them, in batches, each batch a short
// transaction. Any number of processes may run it: purges queue for the sequencer row and go
// one at a time. Feed reads and the dispatcher never purge.
import { purgeChangeEvents } from '../data/change-events-repository.js';
import type { Database } from '../data/database.js';
import { FEED_RETENTION_DAYS } from '../domain/change-feed.js';
import type { Logger } from '../logger.js';

export interface FeedRetention {
  /** Purges what is due now (tests call it; the job calls it on its interval). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startFeedRetention(options: {
  db: Database;
  logger: Logger;
  intervalMs: number;
  clock?: () => Date;
}): FeedRetention {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> | undefined;

  async function purgeAll(): Promise<number> {
    const before = new Date(clock().getTime() - FEED_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const purged = await purgeChangeEvents(options.db, before);
      total += purged;
      if (purged === 0) return total;
    }
  }

  const runOnce = () => {
    running ??= purgeAll().finally(() => {
      running = undefined;
    });
    return running;
  };

  const tick = () => {
    runOnce().then(
      (purged) => {
        if (purged > 0) options.logger.info({ purged }, 'purged change events past the feed retention');
      },
      (error: unknown) => options.logger.warn({ err: error }, 'purging change events failed; trying again later'),
    );
  };
  const timer = options.intervalMs > 0 ? setInterval(tick, options.intervalMs) : undefined;
  timer?.unref();
  if (timer) tick();

  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
