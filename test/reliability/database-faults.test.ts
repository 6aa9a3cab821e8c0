// Fault tests: the service's pool reaches MySQL through a TCP proxy the test owns, which
// stalls, resets and refuses connections and then comes back. The service runs with its
// default timeouts (DB_STATEMENT_TIMEOUT_MS, DB_ACQUIRE_TIMEOUT_MS, READINESS_TIMEOUT_MS), so
// the times printed here are what an operator gets; the bounds asserted are those timeouts
// (test/support/deadlines.ts). MySQL only: SQLite has no network.
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { dialect } from '../support/database.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { bearer, createOrganization, db, testSecrets, uniqueName } from '../support/world.js';

interface Timed {
  status: number;
  ms: number;
  retryAfter: string | null;
  code?: string;
  detail?: string;
}

// Past this an answer counts as hung: far above every bound asserted below.
const hungAfterMs = 30_000;
// What the request deadline (REQUEST_DEADLINE_MS) answers: a fault the database timeouts
// should have ended first.
const requestDeadlineDetail = 'The service did not answer in time. Retry later.';

describe('database faults through a TCP proxy (MySQL)', function () {
  this.timeout(60_000);
  let proxy: FaultProxy;
  let faultyDb: Database;
  let running: RunningServer;
  let config: ReturnType<typeof loadConfig> & typeof testSecrets;
  let coach: { Authorization: string };
  let coachId: string;
  let athletes: string[];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async function () {
    if (dialect !== 'mysql') this.skip();
    const url = new URL(testDatabase().options.url!);
    proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 3306) });
    // Default timeouts from the configuration, as in production; but /readyz pings afresh on each
    // probe, so that it shows each fault as it happens (its one-second cache of the result is
    // test/foundation/health.test.ts's to test).
    config = {
      ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', READINESS_MAX_AGE_MS: '0' }),
      ...testSecrets,
    };
    faultyDb = createDatabase({
      url: proxy.urlFor(testDatabase().options.url!),
      sqliteFile: '',
      poolMax: 5,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      logger: pino({ level: 'silent' }),
    });
    running = await startServer(config, faultyDb, pino({ level: 'silent' }), { onRequestCompleted: recordResponse });
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    athletes = [];
    for (let i = 0; i < 6; i++) athletes.push(await org.addUser({ role: 'athlete' }));
    process.on('unhandledRejection', onUnhandled);
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await running?.stop();
    await proxy?.close();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'pending') return;
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });

  async function timed(path: string, init: RequestInit = {}): Promise<Timed> {
    const started = performance.now();
    const response = await fetch(`${running.url}${path}`, {
      ...init,
      signal: AbortSignal.timeout(hungAfterMs),
      headers: { ...coach, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    const problem = response.status >= 400 && text ? (JSON.parse(text) as { code?: string; detail?: string }) : {};
    return { status: response.status, ms, retryAfter: response.headers.get('retry-after'), ...problem };
  }

  /**
   * Polls /readyz until it answers 200; returns how long that took. The bound: one connection
   * opened and one readiness ping, each within its timeout.
   */
  function readyAgain(): Promise<number> {
    const limitMs = deadlineFor(config.databaseConnectTimeoutMs + config.readinessTimeoutMs);
    return pollUntil('/readyz 200', limitMs, async () => (await timed('/readyz')).status === 200);
  }

  /** An answer to a request that met a database fault: 503 from a database timeout, in time. */
  function expectDatabaseUnavailable(answer: Timed, boundMs: number) {
    expect(answer).to.include({ status: 503, code: 'service_unavailable', retryAfter: '1' });
    expect(answer.detail).to.not.equal(requestDeadlineDetail);
    expect(answer.ms).to.be.below(deadlineFor(boundMs));
  }

  async function createGroup(members: string[]): Promise<string> {
    const response = await fetch(`${running.url}/api/v1/groups`, {
      method: 'POST',
      headers: { ...coach, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: uniqueName('Faults'), user_id: coachId, members }),
    });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { group_id: string }).group_id;
  }

  it('a stalled database: API 503 with Retry-After within the statement and acquire timeouts, /readyz 503 within its timeout, then ready again', async () => {
    const groupId = await createGroup([athletes[0]!]);
    expect((await timed('/api/v1/groups')).status).to.equal(200);
    expect((await timed('/readyz')).status).to.equal(200);

    proxy.stall();
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => timed('/api/v1/groups')),
      timed(`/api/v1/groups/${groupId}`),
      timed(`/api/v1/groups/${groupId}`, { method: 'PUT', body: JSON.stringify({ members: athletes.slice(0, 2) }) }),
    ]);
    const readyz = await timed('/readyz');
    // Requests that arrive once the pool holds no healthy connection.
    const later = await Promise.all(Array.from({ length: 3 }, () => timed('/api/v1/groups')));
    console.log(
      `      stall: API answers ${[...answers, ...later].map((a) => `${a.status}/${a.ms}ms`).join(', ')}; /readyz ${readyz.status}/${readyz.ms}ms`,
    );
    // In flight: a statement timeout; arriving later: the pool's acquire timeout.
    for (const answer of [...answers, ...later])
      expectDatabaseUnavailable(answer, config.databaseStatementTimeoutMs + config.databaseAcquireTimeoutMs);
    expect(readyz.status).to.equal(503);
    expect(readyz.ms).to.be.below(deadlineFor(config.readinessTimeoutMs));

    proxy.resume();
    const recoveryMs = await readyAgain();
    const first = await timed('/api/v1/groups');
    console.log(
      `      stall: ready again ${recoveryMs} ms after the database came back; first API answer ${first.status}/${first.ms}ms`,
    );
    expect(first.status).to.equal(200);
  });

  it('connections reset and new ones refused: 503 within the acquire timeout, /readyz 503, then ready again', async () => {
    expect((await timed('/api/v1/groups')).status).to.equal(200);
    proxy.refuse();
    proxy.resetAll();
    const answers = await Promise.all(Array.from({ length: 4 }, () => timed('/api/v1/groups')));
    const readyz = await timed('/readyz');
    console.log(
      `      reset+refuse: API answers ${answers.map((a) => `${a.status}/${a.ms}ms`).join(', ')}; /readyz ${readyz.status}/${readyz.ms}ms`,
    );
    for (const answer of answers) expectDatabaseUnavailable(answer, config.databaseAcquireTimeoutMs);
    expect(readyz.status).to.equal(503);
    expect(readyz.ms).to.be.below(deadlineFor(config.readinessTimeoutMs));

    proxy.resume();
    const recoveryMs = await readyAgain();
    console.log(`      reset+refuse: ready again ${recoveryMs} ms after the database came back`);
    expect((await timed('/api/v1/groups')).status).to.equal(200);
  });

  it('membership writes during stalls and resets replay exactly from the audit log', async () => {
    const groupId = await createGroup([]);
    const lists = Array.from({ length: 8 }, (_, i) => athletes.filter((_, index) => (index * (i + 3)) % 4 < 2).sort());
    const statuses: number[] = [];
    for (let i = 0; i < lists.length; i++) {
      const fault = i % 4 === 1 ? 'stall' : i % 4 === 3 ? 'reset' : 'none';
      const write = timed(`/api/v1/groups/${groupId}`, {
        method: 'PUT',
        headers: { 'X-Request-Id': `faults-${i}` },
        body: JSON.stringify({ members: lists[i] }),
      });
      if (fault === 'stall') {
        proxy.stall();
        setTimeout(() => proxy.resume(), 2000);
      }
      if (fault === 'reset') setTimeout(() => proxy.resetAll(), 5);
      const answer = await write;
      statuses.push(answer.status);
      expect([200, 503], `write ${i} (${fault})`).to.include(answer.status);
      if (fault === 'stall') await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2100 - answer.ms)));
    }
    proxy.resume();
    await readyAgain();
    console.log(`      membership writes under faults: ${statuses.join(' ')}`);
    expect(statuses.filter((status) => status === 200).length).to.be.greaterThan(3);

    // The truth, read past the proxy.
    const members = (await db()('group_members')
      .where({ group_id: groupId })
      .orderBy('user_id')
      .pluck('user_id')) as string[];
    const events = await db()('audit_events')
      .where({ group_id: groupId })
      .whereIn('action', ['member.added', 'member.removed'])
      .orderBy('seq');
    const replayed = new Set<string>();
    for (const event of events as { action: string; subject_user_id: string }[]) {
      if (event.action === 'member.added') {
        expect(replayed.has(event.subject_user_id), 'a duplicate member.added').to.equal(false);
        replayed.add(event.subject_user_id);
      } else {
        expect(replayed.has(event.subject_user_id), 'a member.removed of a non-member').to.equal(true);
        replayed.delete(event.subject_user_id);
      }
    }
    expect([...replayed].sort()).to.deep.equal(members);
    // The last write that answered 200 is the list the group holds, unless a later one committed unseen.
    const lastOk = statuses.lastIndexOf(200);
    const laterLists = lists.slice(lastOk).map((list) => list.join());
    expect(laterLists).to.include(members.join());
  });
});
