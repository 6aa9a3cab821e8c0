import { expect } from 'chai';
import { inTransaction } from '../../../src/data/transaction.js';

function flakyDatabase(failures: Error[]) {
  let attempts = 0;
  const db = {
    async transaction<T>(work: (trx: unknown) => Promise<T>): Promise<T> {
      attempts += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return work({});
    },
  };
  return { db: db as never, attempts: () => attempts };
}

const mysqlError = (errno: number) => Object.assign(new Error(`errno ${errno}`), { errno });

describe('transaction retry', () => {
  it('runs the whole transaction again after a deadlock and a lock wait timeout', async () => {
    const { db, attempts } = flakyDatabase([mysqlError(1213), mysqlError(1205)]);
    expect(await inTransaction(db, async () => 'committed')).to.equal('committed');
    expect(attempts()).to.equal(3);
  });

  it('does not retry other errors', async () => {
    const { db, attempts } = flakyDatabase([mysqlError(1062)]);
    let thrown: unknown;
    await inTransaction(db, async () => 'committed').catch((error: unknown) => {
      thrown = error;
    });
    expect((thrown as Error).message).to.equal('errno 1062');
    expect(attempts()).to.equal(1);
  });

  it('runs it again when its connection was lost before it asked to commit', async () => {
    let calls = 0;
    const db = {
      async transaction<T>(work: (trx: unknown) => Promise<T>): Promise<T> {
        return work({});
      },
    };
    const result = await inTransaction(db as never, async () => {
      calls += 1;
      // The writer died under the first attempt's statement.
      if (calls === 1) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'committed';
    });
    expect(result).to.equal('committed');
    expect(calls).to.equal(2);
  });

  it('does not run it again when the connection was lost while committing: that commit may have happened', async () => {
    let calls = 0;
    const db = {
      async transaction<T>(work: (trx: unknown) => Promise<T>): Promise<T> {
        await work({});
        throw Object.assign(new Error('Connection lost: The server closed the connection.'), {
          code: 'PROTOCOL_CONNECTION_LOST',
        });
      },
    };
    const failed = await inTransaction(db as never, async () => {
      calls += 1;
      return 'committed';
    }).catch((error: unknown) => error as { code: string });
    expect(failed).to.have.property('code', 'PROTOCOL_CONNECTION_LOST');
    expect(calls).to.equal(1);
  });

  it('gives up after five attempts', async () => {
    const { db, attempts } = flakyDatabase(Array.from({ length: 10 }, () => mysqlError(1213)));
    let thrown: unknown;
    await inTransaction(db, async () => 'committed').catch((error: unknown) => {
      thrown = error;
    });
    expect((thrown as { errno: number }).errno).to.equal(1213);
    expect(attempts()).to.equal(5);
  });
});
