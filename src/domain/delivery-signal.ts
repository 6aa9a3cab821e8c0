// Wakes this process's dispatcher when a transaction that queued deliveries commits, so a
// change made here is sent at once rather than at the next poll. Other processes' changes
// are found by polling (WEBHOOK_POLL_INTERVAL_MS).
import type { Executor } from '../data/database.js';
import { afterCommit } from '../data/transaction.js';

type Listener = () => void;
const listeners = new Set<Listener>();

export function onDeliveriesQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners once `db` (a transaction of inTransaction, or the database itself) has committed. */
export function signalAfterCommit(db: Executor): void {
  afterCommit(db, () => {
    for (const listener of listeners) listener();
  });
}
