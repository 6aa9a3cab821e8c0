// The webhook stage of `npm run bench`: how soon a change reaches a receiver, and how many
// deliveries a dispatcher sends a second. A receiver on this machine answers 204 at once; its
// endpoint is registered in the database (production refuses a loopback target, rightly), so
// the processes that deliver run with WEBHOOK_ALLOW_LOOPBACK in development mode.
//   latency: changes made one after another through the API, from each change's timestamp
//     (taken as its transaction starts) to the receipt of its event; with the dispatcher inside
//     the API process (woken by the commit) and with one on its own (found by its 1 s poll).
//   throughput: deliveries queued in the database, sent by one standalone dispatcher at its
//     default concurrency (8) and at 32, from the first receipt to the last.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { startReceiver, type Receiver } from '../scripts/lib/webhook-receiver.js';
import { ChildService } from '../scripts/lib/processes.js';
import { benchIds } from './lib/dataset.js';
import { poolFor } from './lib/mysql.js';
import { startServer, words } from './lib/processes.js';
import type { WebhookResults } from './lib/results.js';

export interface WebhookBenchOptions {
  url: string;
  /** The production start command (`…/serve.js`); the dispatcher's is beside it (`…/dispatch.js`). */
  startCommand: string;
  serviceEnv: Record<string, string>;
  token: string;
  logDir: string;
  changes: number;
  deliveries: number;
  log: (line: string) => void;
}

const endpointId = 'whe_bench';
const org = benchIds.org(0);

const percentile = (values: number[], fraction: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(fraction * values.length))] ?? 0;

async function registerEndpoint(pool: mysql.Pool, url: string): Promise<void> {
  const now = new Date();
  await pool.query('DELETE FROM webhook_deliveries WHERE org_id = ?', [org]);
  await pool.query('DELETE FROM webhook_endpoints WHERE org_id = ?', [org]);
  await pool.query(
    `INSERT INTO webhook_endpoints (id, org_id, url, description, event_types, status, secret, created_at, updated_at)
     VALUES (?, ?, ?, 'bench receiver', NULL, 'enabled', ?, ?, ?)`,
    [endpointId, org, url, `whsec_${randomBytes(32).toString('base64')}`, now, now],
  );
}

/** Creates groups one after another and returns each change's event time → receipt, in ms. */
async function changeToDelivery(options: WebhookBenchOptions, apiUrl: string, receiver: Receiver): Promise<number[]> {
  receiver.received.length = 0;
  const created: string[] = [];
  for (let index = 0; index < options.changes; index++) {
    const response = await fetch(`${apiUrl}/api/v1/groups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `S6 hook ${randomBytes(6).toString('hex')}`, user_id: benchIds.coach(0) }),
    });
    if (response.status !== 200) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    created.push(((await response.json()) as { group_id: string }).group_id);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const deadline = Date.now() + 30_000;
  while (receiver.received.length < created.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return receiver.received.map(
    (receipt) => receipt.at - Date.parse((JSON.parse(receipt.body) as { created_at: string }).created_at),
  );
}

/** Queues `count` deliveries of the organization's events and times one dispatcher sending them. */
async function deliveriesPerSecond(
  options: WebhookBenchOptions,
  pool: mysql.Pool,
  receiver: Receiver,
  concurrency: number,
): Promise<number> {
  const [events] = await pool.query<mysql.RowDataPacket[]>('SELECT id FROM change_events WHERE org_id = ? LIMIT 50', [
    org,
  ]);
  if (events.length === 0) throw new Error('no events to deliver');
  const now = new Date();
  const rows = Array.from({ length: options.deliveries }, (_, index) => [
    `whd_bench_${concurrency}_${index}`,
    org,
    endpointId,
    events[index % events.length]!.id as string,
    true,
    'pending',
    0,
    now,
    now,
  ]);
  await pool.query(
    'INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_id, redelivery, status, attempts, next_attempt_at, created_at) VALUES ?',
    [rows],
  );
  receiver.received.length = 0;
  const dispatcher = startDispatcher(options, `dispatch-${concurrency}.log`, {
    WEBHOOK_CONCURRENCY: String(concurrency),
  });
  try {
    const deadline = Date.now() + 120_000;
    while (receiver.received.length < options.deliveries && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (receiver.received.length < options.deliveries)
      throw new Error(`${receiver.received.length} of ${options.deliveries} deliveries in 120 s`);
    const first = receiver.received[0]!.at;
    const last = receiver.received.at(-1)!.at;
    return Math.round(((options.deliveries - 1) / Math.max(1, last - first)) * 1000);
  } finally {
    await dispatcher.stop();
  }
}

function startDispatcher(
  options: WebhookBenchOptions,
  logFile: string,
  extra: Record<string, string> = {},
): ChildService {
  return ChildService.start({
    command: words(options.startCommand.replace(/serve\.(js|ts)$/, 'dispatch.$1')),
    env: {
      ...options.serviceEnv,
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      MIGRATE_ON_START: 'false',
      ...extra,
    },
    logFile: join(options.logDir, logFile),
  });
}

export async function measureWebhooks(options: WebhookBenchOptions): Promise<WebhookResults> {
  const receiver = await startReceiver([{ status: 204 }]);
  const pool = poolFor(options.url, 2);
  try {
    await registerEndpoint(pool, `${receiver.url}/bench`);

    // The dispatcher inside the API process, as `serve` runs it by default.
    const inside = await startServer(
      words(options.startCommand),
      {
        ...options.serviceEnv,
        NODE_ENV: 'development',
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        MIGRATE_ON_START: 'false',
        VALIDATE_RESPONSES: 'false',
      },
      join(options.logDir, 'webhooks-inside.log'),
    );
    let insideMs: number[];
    try {
      insideMs = await changeToDelivery(options, inside.url, receiver);
    } finally {
      await inside.process.stop();
    }
    options.log(
      `webhooks, dispatcher in the API process: p50 ${percentile(insideMs, 0.5)} ms, p95 ${percentile(insideMs, 0.95)} ms`,
    );

    // A dispatcher on its own, the API processes with theirs off.
    const api = await startServer(
      words(options.startCommand),
      { ...options.serviceEnv, WEBHOOK_DISPATCHER: 'false' },
      join(options.logDir, 'webhooks-api.log'),
    );
    const dispatcher = startDispatcher(options, 'webhooks-standalone.log');
    let standaloneMs: number[];
    try {
      standaloneMs = await changeToDelivery(options, api.url, receiver);
    } finally {
      await dispatcher.stop();
      await api.process.stop();
    }
    options.log(
      `webhooks, standalone dispatcher: p50 ${percentile(standaloneMs, 0.5)} ms, p95 ${percentile(standaloneMs, 0.95)} ms`,
    );

    const perSecond8 = await deliveriesPerSecond(options, pool, receiver, 8);
    const perSecond32 = await deliveriesPerSecond(options, pool, receiver, 32);
    options.log(`webhooks: ${perSecond8} deliveries/s at concurrency 8, ${perSecond32} at 32`);
    const summary = (values: number[]) => ({
      p50: percentile(values, 0.5),
      p95: percentile(values, 0.95),
      max: Math.max(...values),
      samples: values.length,
    });
    return {
      changes: options.changes,
      deliveries: options.deliveries,
      latencyInsideApiMs: summary(insideMs),
      latencyStandaloneMs: summary(standaloneMs),
      deliveriesPerSecond: { concurrency8: perSecond8, concurrency32: perSecond32 },
    };
  } finally {
    await pool.query('DELETE FROM webhook_deliveries WHERE org_id = ?', [org]);
    await pool.query('DELETE FROM webhook_endpoints WHERE org_id = ?', [org]);
    await pool.end();
    await receiver.close();
  }
}
