// Wakes this process's dispatcher when a transaction that queued deliveries commits, so a
// change made here is sent at once rather than at the next poll. Other processes' changes
// are found by polling (WEBHOOK_POLL_INTERVAL_MS).
import type { Executor } from '../data/database.js';

type Listener = () => void;
const listeners = new Set<Listener>();

export function onDeliveriesQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners once `db` (a transaction, or the database itself) has committed. */
export function signalAfterCommit(db: Executor): void {
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const committed = (db as { executionPromise?: Promise<unknown> }).executionPromise;
  // A rolled-back transaction queued nothing: its rejection is its caller's to handle.
  if (committed) committed.then(notify, () => undefined);
  else notify();
}
