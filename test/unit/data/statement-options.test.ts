// withStatementOptions (src/data/database.ts) on a stand-in for a mysql2 connection: which
// protocol a statement goes by, the timeout every statement carries, and a prepared statement
// whose preparation never answers (mysql2 times only its execution).
import { expect } from 'chai';
import { withStatementOptions, type MysqlConnection } from '../../../src/data/database.js';

type Callback = (error: (Error & { code?: string }) | null, ...results: unknown[]) => void;

function fakeConnection(answer: 'at once' | 'never' | 'timeout') {
  const calls: { method: 'query' | 'execute'; options: Record<string, unknown>; values: unknown }[] = [];
  let destroyed = 0;
  const respond = (callback: Callback) => {
    if (answer === 'at once') setImmediate(() => callback(null, [[1]], []));
    if (answer === 'timeout')
      setImmediate(() => callback(Object.assign(new Error('late'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })));
  };
  const connection = {
    query(options: Record<string, unknown>, values: unknown, callback: Callback) {
      calls.push({ method: 'query', options, values });
      respond(callback);
    },
    execute(options: Record<string, unknown>, values: unknown, callback: Callback) {
      calls.push({ method: 'execute', options, values });
      respond(callback);
    },
    destroy() {
      destroyed += 1;
    },
  };
  return { connection: connection as unknown as MysqlConnection, calls, destroyed: () => destroyed };
}

const send = (connection: MysqlConnection, options: { sql: string; prepared?: boolean }) =>
  new Promise<{ error: (Error & { code?: string }) | null; results: unknown[] }>((resolve) => {
    connection.query(options, ['v'], (error, ...results) => resolve({ error, results }));
  });

describe('withStatementOptions', () => {
  it('sends a plain statement as a query and a prepared one as an execute, each with the timeout', async () => {
    const { connection, calls } = fakeConnection('at once');
    withStatementOptions(connection, 1750);
    const plain = await send(connection, { sql: 'select 1' });
    const prepared = await send(connection, { sql: 'select ?', prepared: true });
    expect(plain).to.deep.equal({ error: null, results: [[[1]], []] });
    expect(prepared).to.deep.equal({ error: null, results: [[[1]], []] });
    expect(calls).to.deep.equal([
      { method: 'query', options: { timeout: 1750, sql: 'select 1' }, values: ['v'] },
      { method: 'execute', options: { timeout: 1750, sql: 'select ?' }, values: ['v'] },
    ]);
  });

  it('destroys the connection when mysql2 reports a timeout, and passes the error on', async () => {
    const { connection, destroyed } = fakeConnection('timeout');
    withStatementOptions(connection, 1750);
    const { error } = await send(connection, { sql: 'select 1' });
    expect(error?.code).to.equal('PROTOCOL_SEQUENCE_TIMEOUT');
    expect(destroyed()).to.equal(1);
  });

  it('gives up on a prepared statement that never answers, preparation included, once', async () => {
    const { connection, destroyed } = fakeConnection('never');
    withStatementOptions(connection, 30);
    const { error } = await send(connection, { sql: 'select ?', prepared: true });
    expect(error?.message).to.equal('Query inactivity timeout');
    expect(error?.code).to.equal('PROTOCOL_SEQUENCE_TIMEOUT');
    expect(destroyed()).to.equal(1);
  });
});
