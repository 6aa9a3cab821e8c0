import type { Knex } from 'knex';
import type { Database } from './database.js';
import { classifyDatabaseError, isRetryableTransactionError } from './errors.js';

const attempts = 5;

/**
 * Runs `work` in a transaction, again from the start when MySQL gives it up for a deadlock or
 * lock wait timeout, and when its connection was lost before it asked to commit: then nothing
 * of it committed (a writer that died takes its open transactions with it), and a new
 * connection reaches the writer that took over (deploy/: HAProxy marks a dead writer down
 * within about half a second). A connection lost while committing is not retried: whether
 * that commit happened is unknown.
 */
export async function inTransaction<T>(db: Database, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return await db.transaction(async (trx) => {
        const result = await work(trx);
        committing = true;
        return result;
      });
    } catch (error) {
      const lostBeforeCommit = !committing && classifyDatabaseError(error) === 'unavailable';
      if (attempt >= attempts || !(isRetryableTransactionError(error) || lostBeforeCommit)) throw error;
      const backoff = lostBeforeCommit ? 100 * 2 ** (attempt - 1) : 5 * 2 ** attempt * Math.random();
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
