// Waking this process's dispatcher after a commit that queued deliveries
// (src/domain/delivery-signal.ts over src/data/transaction.ts's afterCommit): after the commit,
// never before it, never for a rollback or an attempt that was run again.
import { expect } from 'chai';
import { afterCommit, inTransaction } from '../../src/data/transaction.js';
import { onDeliveriesQueued, signalAfterCommit } from '../../src/domain/delivery-signal.js';
import { db } from '../support/world.js';

describe('after commit', () => {
  let calls: number;
  let unsubscribe: () => void;

  beforeEach(() => {
    calls = 0;
    unsubscribe = onDeliveriesQueued(() => (calls += 1));
  });

  afterEach(() => unsubscribe());

  it('tells the listeners once the transaction commits, not before', async () => {
    const result = await inTransaction(db(), async (trx) => {
      signalAfterCommit(trx);
      await trx.raw('select 1');
      expect(calls, 'before the commit').to.equal(0);
      return 'done';
    });
    expect(result).to.equal('done');
    expect(calls).to.equal(1);
  });

  it('tells nobody about a transaction that rolled back', async () => {
    const failure = new Error('the work failed');
    const error = await inTransaction(db(), async (trx) => {
      signalAfterCommit(trx);
      throw failure;
    }).catch((caught: unknown) => caught);
    expect(error).to.equal(failure);
    expect(calls).to.equal(0);
  });

  it('runs the callbacks of the attempt that committed only, when a deadlock made it run again', async () => {
    const ran: number[] = [];
    let attempt = 0;
    await inTransaction(db(), async (trx) => {
      attempt += 1;
      const thisAttempt = attempt;
      afterCommit(trx, () => ran.push(thisAttempt));
      if (attempt === 1) throw Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    });
    expect(ran).to.deep.equal([2]);
  });

  it('tells the listeners at once about a write outside a transaction (already committed)', () => {
    signalAfterCommit(db());
    expect(calls).to.equal(1);
  });

  it('refuses a transaction it cannot see commit', async () => {
    await db().transaction(async (trx) => {
      expect(() => afterCommit(trx, () => undefined)).to.throw(/not opened by inTransaction/);
    });
  });

  it('tells every listener, and no longer one that unsubscribed', async () => {
    let other = 0;
    const stop = onDeliveriesQueued(() => (other += 1));
    signalAfterCommit(db());
    expect([calls, other]).to.deep.equal([1, 1]);
    stop();
    unsubscribe();
    await inTransaction(db(), async (trx) => signalAfterCommit(trx));
    expect([calls, other]).to.deep.equal([1, 1]);
  });
});
