import type { Knex } from 'knex';
import type { Database, Executor } from './database.js';
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
    const committed: (() => void)[] = [];
    let committing = false;
    let result: T;
    try {
      result = await db.transaction(async (trx) => {
        onCommit.set(trx, committed);
        const result = await work(trx);
        committing = true;
        return result;
      });
    } catch (error) {
      const lostBeforeCommit = !committing && classifyDatabaseError(error) === 'unavailable';
      if (attempt >= attempts || !(isRetryableTransactionError(error) || lostBeforeCommit)) throw error;
      const backoff = lostBeforeCommit ? 100 * 2 ** (attempt - 1) : 5 * 2 ** attempt * Math.random();
      await new Promise((resolve) => setTimeout(resolve, backoff));
      continue;
    }
    for (const callback of committed)
      try {
        callback();
      } catch (error) {
        // The work committed: a failing listener must not turn it into an error for the caller.
        process.emitWarning(error instanceof Error ? error : String(error), 'AfterCommitWarning');
      }
    return result;
  }
}

/** What each open transaction of inTransaction runs once it has committed (its attempt's own list). */
const onCommit = new WeakMap<Executor, (() => void)[]>();

/**
 * Runs `callback` once `db` has committed: after the commit of a transaction that
 * inTransaction opened (never for an attempt that rolled back), at once for the database
 * itself, whose statements commit as they run. A nested transaction (`trx.transaction()`) is
 * refused: its commit is only a savepoint's.
 */
export function afterCommit(db: Executor, callback: () => void): void {
  if (!db.isTransaction) return callback();
  const callbacks = onCommit.get(db);
  // Knex's own record of a commit is not public: only transactions opened here are known.
  if (!callbacks) throw new Error('afterCommit: the transaction was not opened by inTransaction');
  callbacks.push(callback);
}
