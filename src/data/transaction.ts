import type { Knex } from 'knex';
import type { Database } from './database.js';
import { isRetryableTransactionError } from './errors.js';

const attempts = 5;

/** Runs `work` in a transaction, again from the start when MySQL gives it up for a deadlock or lock wait timeout. */
export async function inTransaction<T>(db: Database, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
    }
  }
}
