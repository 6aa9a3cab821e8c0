// Prometheus metrics (prom-client): requests per operationId and status, the database pool,
// rate-limit refusals, webhook attempts and, for a serving process, Node's process metrics. Each app has its own
// registry, so that many apps in one test process do not share counters. Served on its own
// port (METRICS_PORT, see server.ts), never on the public API port.
import { createServer, type Server } from 'node:http';
import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../data/database.js';

export interface Metrics {
  registry: Registry;
  /** Incremented by the rate limiter once per refused (429) request. */
  rateLimited: Counter<'policy'>;
  observeRequest(request: ObservedRequest): void;
  /** One webhook attempt: what it did to its delivery, why it failed, how long it took. */
  observeWebhookAttempt(attempt: WebhookAttempt): void;
  /** An endpoint paused by its circuit breaker, resumed after a pause, or disabled for failing. */
  webhookEndpointHealth(change: 'paused' | 'resumed' | 'disabled'): void;
  /** How many endpoints are paused now, as a dispatcher last counted them. */
  webhookEndpointsPaused(count: number): void;
}

/** A finished request as the HTTP layer reports it (src/http/request-context.ts). */
export interface ObservedRequest {
  /** openapi.yaml's operationId; undefined outside the spec (probes, docs, unknown paths). */
  operationId: string | undefined;
  status: number;
  durationMs: number;
}

export interface WebhookAttempt {
  /** The delivery afterwards: succeeded, pending (retried later) or failed (for good). */
  outcome: 'succeeded' | 'pending' | 'failed';
  error: string | null;
  durationMs: number;
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export function createMetrics(db: Database, options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  // Requests outside openapi.yaml (probes, docs, unknown paths) share one label value, so that
  // arbitrary paths cannot grow the number of series.
  const labelNames = ['operation_id', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Finished HTTP requests by operationId of openapi.yaml (`none` outside it) and status.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to finished response, by operationId and status.',
    labelNames,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'http_rate_limited_total',
    help: 'Requests refused by the rate limiter (429), by policy (ip, user, public).',
    labelNames: ['policy'] as const,
    registers: [registry],
  });

  // Both label sets are closed (three outcomes; the errors openapi.yaml's WebhookDelivery lists).
  const webhookAttempts = new Counter({
    name: 'webhook_attempts_total',
    help: 'Webhook requests made, by what they left their delivery (succeeded, pending, failed) and error (none, http_status, timeout, …).',
    labelNames: ['outcome', 'error'] as const,
    registers: [registry],
  });
  const webhookDuration = new Histogram({
    name: 'webhook_attempt_duration_seconds',
    help: 'Time from connecting to the end of the answer, per webhook attempt, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const endpointsDisabled = new Counter({
    name: 'webhook_endpoints_disabled_total',
    help: 'Webhook endpoints disabled for failing through the whole retry schedule.',
    registers: [registry],
  });
  const endpointPauses = new Counter({
    name: 'webhook_endpoint_pauses_total',
    help: 'Webhook endpoints paused by their circuit breaker after consecutive failures.',
    registers: [registry],
  });
  const endpointResumes = new Counter({
    name: 'webhook_endpoint_resumes_total',
    help: 'Paused webhook endpoints that answered a probe and were resumed.',
    registers: [registry],
  });
  // Counted by the dispatcher now and then, not at each scrape: a scrape never waits for the database.
  const endpointsPaused = new Gauge({
    name: 'webhook_endpoints_paused',
    help: 'Enabled webhook endpoints paused now, across every dispatcher, as this process’s dispatcher last counted them (every 15 s).',
    registers: [registry],
  });

  // knex's pool is a tarn pool; it is absent after the database was destroyed.
  const pool = () => (db.client as { pool?: TarnPool }).pool;
  const poolGauge = (name: string, help: string, read: (pool: TarnPool) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const current = pool();
        this.set(current ? read(current) : 0);
      },
    });
  poolGauge('db_pool_connections_in_use', 'Database connections lent to a query or transaction.', (p) => p.numUsed());
  poolGauge('db_pool_connections_idle', 'Open database connections waiting in the pool.', (p) => p.numFree());
  poolGauge('db_pool_acquires_pending', 'Queries waiting for a database connection.', (p) => p.numPendingAcquires());
  poolGauge('db_pool_creates_pending', 'Database connections being opened.', (p) => p.numPendingCreates());
  new Gauge({
    name: 'db_pool_connections_max',
    help: 'Most database connections this process opens (DB_POOL_MAX).',
    registers: [registry],
  }).set((db.client as Knex.Client).config.pool?.max ?? 0);

  return {
    registry,
    rateLimited,
    observeRequest({ operationId, status, durationMs }) {
      const labels = { operation_id: operationId ?? 'none', status: String(status) };
      requests.inc(labels);
      duration.observe(labels, durationMs / 1000);
    },
    observeWebhookAttempt({ outcome, error, durationMs }) {
      webhookAttempts.inc({ outcome, error: error ?? 'none' });
      webhookDuration.observe({ outcome }, durationMs / 1000);
    },
    webhookEndpointsPaused(count) {
      endpointsPaused.set(count);
    },
    webhookEndpointHealth(change) {
      ({ paused: endpointPauses, resumed: endpointResumes, disabled: endpointsDisabled })[change].inc();
    },
  };
}

/** A listener that answers GET /metrics in the Prometheus text format, and 404 to anything else. */
export function metricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
}
