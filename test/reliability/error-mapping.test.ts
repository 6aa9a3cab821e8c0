// Driver errors are recognised by their codes and answer the right problem: transient ones
// 503 with Retry-After (and a detail that says which), a duplicate key stays the service's.
import Sqlite from 'better-sqlite3';
import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import { classifyDatabaseError, databaseProblem, isUniqueViolation } from '../../src/data/errors.js';
import { dialect } from '../support/database.js';
import { deadlineFor } from '../support/deadlines.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createGroupVia, createOrganization, db, testApp, uniqueName } from '../support/world.js';

const driverError = (fields: Record<string, unknown>) => Object.assign(new Error('driver error'), fields);

describe('database error mapping', () => {
  it('classifies errors by driver code, not by message', () => {
    const cases: [Record<string, unknown>, string | undefined][] = [
      [{ code: 'ER_DUP_ENTRY', errno: 1062 }, 'duplicate'],
      [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, 'duplicate'],
      [{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }, 'busy'],
      [{ code: 'ER_LOCK_DEADLOCK', errno: 1213 }, 'busy'],
      [{ code: 'SQLITE_BUSY' }, 'busy'],
      [{ code: 'ER_STATEMENT_TIMEOUT', errno: 1969 }, 'timeout'],
      [{ code: 'ER_QUERY_TIMEOUT', errno: 3024 }, 'timeout'],
      [{ code: 'PROTOCOL_SEQUENCE_TIMEOUT' }, 'timeout'],
      [{ name: 'KnexTimeoutError' }, 'timeout'],
      [{ code: 'ECONNREFUSED' }, 'unavailable'],
      [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'unavailable'],
      [{ code: 'ER_SERVER_SHUTDOWN', errno: 1053 }, 'unavailable'],
      [{ code: 'ER_PARSE_ERROR', errno: 1064 }, undefined],
      [{ message: 'Duplicate entry for key x' }, undefined],
    ];
    for (const [fields, expected] of cases)
      expect(classifyDatabaseError(driverError(fields)), JSON.stringify(fields)).to.equal(expected);
  });

  it('answers busy, timeout and unreachable with distinct details, each 503 with Retry-After', () => {
    const details = [{ code: 'SQLITE_BUSY' }, { errno: 1969 }, { code: 'ECONNRESET' }].map((fields) => {
      const problem = databaseProblem(driverError(fields))!;
      expect(problem).to.include({ status: 503, code: 'service_unavailable' });
      expect(problem.headers).to.deep.equal({ 'Retry-After': '1' });
      return problem.message;
    });
    expect(details).to.deep.equal([
      'The database is busy. Retry shortly.',
      'The database did not answer in time. Retry later.',
      'The service cannot reach its database. Retry later.',
    ]);
    expect(databaseProblem(driverError({ errno: 1062, code: 'ER_DUP_ENTRY' }))).to.equal(undefined);
  });

  it('names the violated key from the driver message only for a unique violation', () => {
    const mysql = driverError({
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlMessage: "Duplicate entry 'org_1-x' for key 'groups_org_id_name_key_unique'",
    });
    expect(isUniqueViolation(mysql, 'name_key')).to.equal(true);
    expect(isUniqueViolation(mysql, 'owner')).to.equal(false);
    const sqlite = driverError({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    sqlite.message = 'insert into `groups` … - UNIQUE constraint failed: groups.org_id, groups.name_key';
    expect(isUniqueViolation(sqlite, 'name_key')).to.equal(true);
    expect(isUniqueViolation(driverError({ message: "for key 'name_key'" }), 'name_key')).to.equal(false);
  });

  it('a statement stuck behind a row lock is cancelled by the server and answers 503 (MySQL)', async function () {
    if (dialect !== 'mysql') this.skip();
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const groupId = await createGroupVia(testApp().request, coach, { name: uniqueName('Locked'), user_id: coachId });
    const statementTimeoutMs = 400;
    const shortDb = createDatabase({ ...testDatabase().options, statementTimeoutMs });
    const { request } = testApp({ db: shortDb });
    const locker = await db().transaction();
    try {
      await locker('groups').where({ id: groupId }).forUpdate();
      const started = performance.now();
      const response = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(coach)
        .send({ description: 'waits for the lock' });
      const ms = Math.round(performance.now() - started);
      console.log(`      lock wait cancelled by max_statement_time=0.4s: ${response.status} after ${ms} ms`);
      expect(response.status).to.equal(503);
      expect(response.headers['retry-after']).to.equal('1');
      expect(response.body.detail).to.equal('The database did not answer in time. Retry later.');
      expect(ms).to.be.below(deadlineFor(statementTimeoutMs));
    } finally {
      await locker.rollback();
      await shortDb.destroy();
    }
  });

  it('a write that finds the database locked answers 503 busy, not "cannot reach" (SQLite)', async function () {
    if (dialect !== 'sqlite') this.skip();
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const shortDb = createDatabase({ ...testDatabase().options, statementTimeoutMs: 200 });
    const other = new Sqlite(testDatabase().options.sqliteFile);
    try {
      other.exec('BEGIN IMMEDIATE');
      const response = await testApp({ db: shortDb })
        .request.post('/api/v1/groups')
        .set(coach)
        .send({ name: uniqueName('Busy'), user_id: coachId });
      expect(response.status).to.equal(503);
      expect(response.headers['retry-after']).to.equal('1');
      expect(response.body).to.include({ code: 'service_unavailable', detail: 'The database is busy. Retry shortly.' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await shortDb.destroy();
    }
  });
});
