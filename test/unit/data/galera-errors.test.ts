// How the errors a MariaDB Galera node gives (as mysql2 reports them) are classified. The
// cluster test (npm run cluster:test) meets them for real; these pin the mapping.
import { expect } from 'chai';
import { classifyDatabaseError, isRetryableTransactionError } from '../../../src/data/errors.js';
import { toAppError } from '../../../src/http/problem.js';

const driverError = (fields: { code: string; errno: number; sqlState: string; message: string }) =>
  Object.assign(new Error(fields.message), fields);

describe('Galera errors', () => {
  it('maps "WSREP has not yet prepared node for application use" to 503', () => {
    const notReady = driverError({
      code: 'ER_UNKNOWN_COM_ERROR',
      errno: 1047,
      sqlState: '08S01',
      message: 'WSREP has not yet prepared node for application use',
    });
    expect(classifyDatabaseError(notReady)).to.equal('unavailable');
    const problem = toAppError(notReady);
    expect(problem).to.include({ status: 503, code: 'service_unavailable' });
    expect(problem.headers).to.deep.equal({ 'Retry-After': '1' });
  });

  it('retries a certification failure, which Galera reports as a deadlock', () => {
    const certificationFailure = driverError({
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
      sqlState: '40001',
      message: 'Deadlock found when trying to get lock; try restarting transaction',
    });
    expect(isRetryableTransactionError(certificationFailure)).to.equal(true);
  });
});
