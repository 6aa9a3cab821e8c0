// GET /metrics scraped as Prometheus would: on its own port (METRICS_PORT), never on the API's,
// with values that move when requests are made and connections are held.
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { dialect } from '../support/database.js';
import { testDatabase } from '../support/hooks.js';
import { recordResponse } from '../support/spec-coverage.js';
import { bearer, createOrganization, testSecrets } from '../support/world.js';

/** The value of one series in a Prometheus text exposition, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics', () => {
  let running: RunningServer;
  let db: Database;
  let coach: { Authorization: string };

  const scrape = async () => {
    const response = await fetch(`${running.metricsUrl}/metrics`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  before(async () => {
    const config = {
      ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', DB_POOL_MAX: '7' }),
      ...testSecrets,
    };
    db = createDatabase({ ...testDatabase().options, poolMax: config.databasePoolMax });
    running = await startServer(config, db, pino({ level: 'silent' }), { onRequestCompleted: recordResponse });
    const org = await createOrganization();
    coach = await bearer(await org.addUser({ role: 'coach' }));
  });

  after(async () => {
    await running?.stop();
  });

  it('counts requests and their durations per operationId and status', async () => {
    const ok = 'http_requests_total{operation_id="listGroups",status="200"}';
    const missing = 'http_requests_total{operation_id="getGroup",status="404"}';
    const before = await scrape();
    expect((await fetch(`${running.url}/api/v1/groups`, { headers: coach })).status).to.equal(200);
    expect((await fetch(`${running.url}/api/v1/groups`, { headers: coach })).status).to.equal(200);
    expect(
      (await fetch(`${running.url}/api/v1/groups/grp_nonexistent000000000000`, { headers: coach })).status,
    ).to.equal(404);
    const after = await scrape();
    expect(sample(after, ok) - sample(before, ok)).to.equal(2);
    expect(sample(after, missing) - sample(before, missing)).to.equal(1);
    const count = 'http_request_duration_seconds_count{operation_id="listGroups",status="200"}';
    expect(sample(after, count) - sample(before, count)).to.equal(2);
    expect(
      sample(after, 'http_request_duration_seconds_bucket{le="+Inf",operation_id="listGroups",status="200"}'),
    ).to.equal(sample(after, count));
    expect(sample(after, 'http_request_duration_seconds_sum{operation_id="listGroups",status="200"}')).to.be.above(0);
  });

  it('labels requests outside openapi.yaml `none`, whatever their path', async () => {
    const series = 'http_requests_total{operation_id="none",status="404"}';
    const before = sample(await scrape(), series);
    await fetch(`${running.url}/no/such/path/${Date.now()}`);
    const after = await scrape();
    expect(sample(after, series) - before).to.equal(1);
    expect(after).not.to.contain('/no/such/path');
  });

  it('shows the database pool: connections in use while a transaction holds one, and the maximum', async () => {
    // The embedded SQLite database always has one connection.
    expect(sample(await scrape(), 'db_pool_connections_max')).to.equal(dialect === 'sqlite' ? 1 : 7);
    const transaction = await db.transaction();
    try {
      await transaction.raw('select 1');
      expect(sample(await scrape(), 'db_pool_connections_in_use')).to.equal(1);
    } finally {
      await transaction.rollback();
    }
    const idle = await scrape();
    expect(sample(idle, 'db_pool_connections_in_use')).to.equal(0);
    expect(sample(idle, 'db_pool_connections_idle')).to.be.at.least(1);
    expect(sample(idle, 'db_pool_acquires_pending')).to.equal(0);
  });

  it('counts rate-limit refusals the rate limiter reports', async () => {
    const before = sample(await scrape(), 'http_rate_limited_total');
    running.metrics.rateLimited.inc();
    expect(sample(await scrape(), 'http_rate_limited_total') - before).to.equal(1);
  });

  it("includes the process's metrics", async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).to.be.above(0);
    expect(sample(text, 'process_resident_memory_bytes')).to.be.above(0);
    expect(text).to.contain('nodejs_eventloop_lag_seconds');
  });

  it('is not served on the API port, and answers 404 to anything but GET /metrics', async () => {
    const api = await fetch(`${running.url}/metrics`);
    expect(api.status).to.equal(404);
    expect(api.headers.get('content-type')).to.contain('application/problem+json');
    expect((await fetch(`${running.metricsUrl}/`)).status).to.equal(404);
    expect((await fetch(`${running.metricsUrl}/metrics`, { method: 'POST' })).status).to.equal(404);
  });

  it('has no listener unless METRICS_PORT is set', async () => {
    const config = { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }), ...testSecrets };
    const plain = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }));
    try {
      expect(plain.metricsUrl).to.equal(undefined);
    } finally {
      await plain.stop();
    }
  });
});
