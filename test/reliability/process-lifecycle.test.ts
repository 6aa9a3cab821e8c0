// Start-up without the database and shutdown under a stalled one, as an operator meets them:
// `src/cli/start.ts` in a child process, its MySQL reached through the test's fault proxy,
// real signals. MySQL only (the embedded SQLite file is always there).
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_MAX_RETRY_DELAY_MS } from '../../src/data/wait-for-database.js';
import { dialect } from '../support/database.js';
import { deadlineFor, pollUntil } from '../support/deadlines.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { testDatabase } from '../support/hooks.js';
import { ServiceProcess } from '../support/service-process.js';
import { bearer, createOrganization } from '../support/world.js';

async function get(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body, ms: Math.round(performance.now() - started) };
}

const defaults = loadConfig({ NODE_ENV: 'test' });

describe('process lifecycle with the database behind a fault proxy (MySQL)', function () {
  this.timeout(60_000);
  let proxy: FaultProxy;
  let service: ServiceProcess | undefined;
  let databaseUrl: string;

  before(async function () {
    if (dialect !== 'mysql') this.skip();
    const url = new URL(testDatabase().options.url!);
    proxy = await FaultProxy.start({ host: url.hostname, port: Number(url.port || 3306) });
    databaseUrl = proxy.urlFor(testDatabase().options.url!);
  });

  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    proxy?.resume();
  });

  after(async () => {
    await proxy?.close();
  });

  it('starts without its database: /healthz 200, /readyz 503 naming what it waits for, then ready once the database answers', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    proxy.refuse();
    service = ServiceProcess.start({ DATABASE_URL: databaseUrl, SHUTDOWN_TIMEOUT_MS: '3000' });
    const { url } = (await service.waitForLog('listening')) as { url: string };
    const waiting = await service.waitForLog(/^waiting for the database at /);
    expect(waiting.msg).to.match(/^waiting for the database at 127\.0\.0\.1:\d+\/groups_test_\w+; retrying in \d+ ms$/);

    expect((await get(`${url}/healthz`)).status).to.equal(200);
    const notReady = await get(`${url}/readyz`);
    expect(notReady.status).to.equal(503);
    expect(notReady.body.detail).to.match(/^The service is starting: waiting for the database at 127\.0\.0\.1:/);
    const api = await get(`${url}/api/v1/groups`, coach);
    expect(api.status).to.equal(503);

    proxy.resume();
    // The bound: the longest wait between connection attempts, then one connection opened.
    const readyMs = await pollUntil(
      '/readyz 200',
      deadlineFor(DEFAULT_MAX_RETRY_DELAY_MS + defaults.databaseConnectTimeoutMs),
      async () => (await get(`${url}/readyz`)).status === 200,
    );
    const attempts = service.logs.filter((line) => /^waiting for the database/.test(String(line.msg))).length;
    console.log(
      `      start without database: ${attempts} retries logged; ready ${readyMs} ms after the database appeared`,
    );
    expect((await get(`${url}/api/v1/groups`, coach)).status).to.equal(200);

    const signalled = service.signal('SIGTERM');
    const exit = await service.exited;
    console.log(`      start without database: exit ${exit.code} ${Math.round(exit.at - signalled)} ms after SIGTERM`);
    expect(exit.code).to.equal(0);
  });

  it('SIGTERM with a stalled database: in-flight requests end and the process exits within SHUTDOWN_TIMEOUT_MS', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    // Statement timeouts and the deadline far beyond the shutdown budget (and its allowance for
    // a loaded machine): only shutdown can end this.
    const shutdownTimeoutMs = 2000;
    service = ServiceProcess.start({
      DATABASE_URL: databaseUrl,
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_ACQUIRE_TIMEOUT_MS: '30000',
      DB_CONNECT_TIMEOUT_MS: '30000',
      REQUEST_DEADLINE_MS: '30000',
    });
    const { url } = (await service.waitForLog('listening')) as { url: string };
    await service.waitForLog('ready');
    expect((await get(`${url}/api/v1/groups`, coach)).status).to.equal(200);

    proxy.stall();
    const inFlight = Array.from({ length: 3 }, () =>
      fetch(`${url}/api/v1/groups`, { headers: coach, signal: AbortSignal.timeout(15_000) }).then(
        (response) => `${response.status}`,
        (error: Error) => (error.name === 'TimeoutError' ? 'hung' : 'connection closed'),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = service.signal('SIGTERM');
    const exit = await service.exited;
    const exitMs = Math.round(exit.at - signalled);
    const outcomes = await Promise.all(inFlight);
    console.log(
      `      SIGTERM under a stalled database: exit ${exit.code} after ${exitMs} ms; in flight: ${outcomes.join(', ')}`,
    );
    expect(exit.code).to.equal(0);
    expect(exitMs).to.be.below(deadlineFor(shutdownTimeoutMs));
    expect(outcomes).to.not.include('hung');
    expect(service.logs.map((line) => line.msg)).to.include('shutdown timeout reached; closing remaining connections');
  });
});
