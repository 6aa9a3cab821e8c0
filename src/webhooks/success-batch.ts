// Successes at healthy endpoints are most of what a busy dispatcher records, each a delivery's
// row and nothing else (src/domain/endpoint-health.ts, recordsOnlyTheDelivery). Those that
// finish within a couple of milliseconds of each other are written in one statement: one
// round trip and one commit for a batch instead of one each, which is what bounded how many
// deliveries a second one dispatcher sent (docs/webhooks.md, Measured).
import type { Database } from '../data/database.js';
import { isRetryableTransactionError } from '../data/errors.js';
import { recordSuccesses, type RecordedSuccess } from '../data/webhook-deliveries-repository.js';

export interface SuccessBatch {
  /** Resolves once the success is written: true, or false when its claim had lapsed. */
  record(success: RecordedSuccess): Promise<boolean>;
}

interface Waiting {
  success: RecordedSuccess;
  settle: (recorded: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * A deadlock or a Galera certification conflict is tried again, as a transaction would be: a
 * batch given up is up to 64 deliveries sent again once their claims lapse.
 */
async function recordWithRetries(db: Database, successes: RecordedSuccess[]): Promise<Set<string>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordSuccesses(db, successes);
    } catch (error) {
      if (attempt >= 5 || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
    }
  }
}

export function createSuccessBatch(
  db: Database,
  options: { maxBatch?: number; maxWaitMs?: number } = {},
): SuccessBatch {
  const maxBatch = options.maxBatch ?? 64;
  const maxWaitMs = options.maxWaitMs ?? 2;
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    recordWithRetries(
      db,
      batch.map((entry) => entry.success),
    ).then(
      (recorded) => {
        for (const entry of batch) entry.settle(recorded.has(entry.success.id));
      },
      (error: unknown) => {
        for (const entry of batch) entry.fail(error);
      },
    );
  };

  return {
    record(success) {
      return new Promise<boolean>((settle, fail) => {
        waiting.push({ success, settle, fail });
        if (waiting.length >= maxBatch) flush();
        else timer ??= setTimeout(flush, maxWaitMs);
      });
    },
  };
}
