// Waking this process's dispatcher after a commit that queued deliveries
// (src/domain/delivery-signal.ts): after the commit, never before it, never for a rollback.
import { expect } from 'chai';
import type { Executor } from '../../../src/data/database.js';
import { onDeliveriesQueued, signalAfterCommit } from '../../../src/domain/delivery-signal.js';

/** A transaction as Knex hands it out: its executionPromise settles when it commits or rolls back. */
function transaction(): { trx: Executor; commit: () => void; rollBack: () => void } {
  let commit!: () => void;
  let rollBack!: () => void;
  const executionPromise = new Promise<void>((resolve, reject) => {
    commit = resolve;
    rollBack = () => reject(new Error('rolled back'));
  });
  return { trx: { executionPromise } as unknown as Executor, commit, rollBack };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('delivery signal', () => {
  let calls: number;
  let unsubscribe: () => void;

  beforeEach(() => {
    calls = 0;
    unsubscribe = onDeliveriesQueued(() => (calls += 1));
  });

  afterEach(() => unsubscribe());

  it('tells the listeners once the transaction commits, not before', async () => {
    const { trx, commit } = transaction();
    signalAfterCommit(trx);
    await settled();
    expect(calls, 'before the commit').to.equal(0);
    commit();
    await settled();
    expect(calls).to.equal(1);
  });

  it('tells nobody about a transaction that rolled back, and leaves no unhandled rejection', async () => {
    const { trx, rollBack } = transaction();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      signalAfterCommit(trx);
      rollBack();
      await settled();
      await settled();
      expect(calls).to.equal(0);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('tells the listeners at once about a write outside a transaction (already committed)', () => {
    signalAfterCommit({} as Executor);
    expect(calls).to.equal(1);
  });

  it('tells every listener, and no longer one that unsubscribed', async () => {
    let other = 0;
    const stop = onDeliveriesQueued(() => (other += 1));
    signalAfterCommit({} as Executor);
    expect([calls, other]).to.deep.equal([1, 1]);
    stop();
    unsubscribe();
    const { trx, commit } = transaction();
    signalAfterCommit(trx);
    commit();
    await settled();
    expect([calls, other]).to.deep.equal([1, 1]);
  });
});
