// The metrics listener and registry on their own, each test building its own: process
// metrics only when asked for, 404 to anything but GET /metrics, 500 when a collector fails.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { Gauge } from 'prom-client';
import { createMetrics, metricsServer, type Metrics } from '../../src/observability/metrics.js';
import { db } from '../support/world.js';

async function withListener(metrics: Metrics, use: (url: string) => Promise<void>): Promise<void> {
  const server: Server = metricsServer(metrics);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}

describe('metrics registry and listener', () => {
  it("adds Node's process metrics to the app's own registry only when asked to", async () => {
    const withProcess = await createMetrics(db(), { processMetrics: true }).registry.metrics();
    expect(withProcess).to.match(/^process_cpu_user_seconds_total \d/m);
    expect(withProcess).to.contain('nodejs_eventloop_lag_seconds');

    for (const metrics of [createMetrics(db()), createMetrics(db(), { processMetrics: false })]) {
      const text = await metrics.registry.metrics();
      expect(text).to.contain('http_requests_total');
      expect(text).not.to.contain('process_cpu_user_seconds_total');
      expect(text).not.to.contain('nodejs_');
    }
  });

  it('answers GET /metrics, query or not, in the Prometheus text format', async () => {
    const metrics = createMetrics(db());
    await withListener(metrics, async (url) => {
      for (const path of ['/metrics', '/metrics?debug=1']) {
        const response = await fetch(`${url}${path}`);
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.equal(metrics.registry.contentType);
        expect(await response.text()).to.equal(await metrics.registry.metrics());
      }
    });
  });

  it('answers a plain-text 404 to other paths and methods', async () => {
    await withListener(createMetrics(db()), async (url) => {
      const requests: [string, RequestInit][] = [
        ['/', {}],
        ['/metricsx', {}],
        ['/metrics/', {}],
        ['/other?x=/metrics', {}],
        ['/metrics', { method: 'POST', body: '' }],
        ['/metrics', { method: 'DELETE' }],
      ];
      for (const [path, init] of requests) {
        const response = await fetch(`${url}${path}`, init);
        expect(response.status, `${init.method ?? 'GET'} ${path}`).to.equal(404);
        expect(response.headers.get('content-type')).to.equal('text/plain');
        expect(await response.text()).to.equal('Not found\n');
      }
    });
  });

  it('answers a plain-text 500 naming the error when a collector fails', async () => {
    const metrics = createMetrics(db());
    new Gauge({
      name: 'failing_gauge',
      help: 'A collector that throws.',
      registers: [metrics.registry],
      collect() {
        throw new Error('collector failed');
      },
    });
    await withListener(metrics, async (url) => {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).to.equal(500);
      expect(response.headers.get('content-type')).to.equal('text/plain');
      expect(await response.text()).to.equal('Error: collector failed\n');
    });
  });
});
