// The webhook stage of `npm run bench`: how soon a change reaches a receiver, and how many
// deliveries a dispatcher sends a second. A receiver on this machine answers 204 at once; its
// endpoints are registered in the database with their secrets sealed under the run's
// WEBHOOK_SECRETS_KEY (production refuses a loopback target, rightly), so the processes that
// deliver run with WEBHOOK_ALLOW_LOOPBACK in development mode.
//   latency: changes made one after another through the API, from each change's timestamp
//     (taken as its transaction starts) to the receipt of its event; with the dispatcher inside
//     the API process (woken by the commit) and with one on its own (found by its 1 s poll).
//   throughput: deliveries queued in the database, sent by one standalone dispatcher at its
//     default concurrency (WEBHOOK_CONCURRENCY 64) over kept-alive connections, from the first
//     receipt to the last. They are spread over 16 endpoints of 4 organizations, each endpoint
//     its own origin (`e<i>.localhost`, which the dispatcher's resolver answers with loopback):
//     WEBHOOK_ENDPOINT_CONCURRENCY (4) caps one endpoint's attempts in flight and
//     WEBHOOK_ORGANIZATION_CONCURRENCY (16) one organization's, so 16 endpoints in 4
//     organizations are what it takes to fill 64 slots. One endpoint alone is measured too: it
//     shows the cap, not the pipeline's rate.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { startReceiver, type Receiver } from '../test/support/webhook-receiver.js';
import { ChildService } from '../test/support/processes.js';
import { settings as configSettings } from '../src/config.js';
import { benchIds } from './lib/dataset.js';
import { poolFor } from './lib/mysql.js';
import { cpuSeconds, databaseServerPid, startServer, words } from './lib/processes.js';
import { summarizeProfile } from './lib/profile.js';
import type { WebhookResults, WebhookThroughput } from './lib/results.js';
import {
  benchOrganization,
  ensureOrganization,
  insertEndpoints,
  purgeOrganization,
  queueBacklog,
  secretsFromEnv,
  sleep,
  summarize,
} from './lib/webhook-fixtures.js';

export interface WebhookBenchOptions {
  url: string;
  /** The production start command (`…/serve.js`); the dispatcher's is beside it (`…/dispatch.js`). */
  startCommand: string;
  /** The service's environment; WEBHOOK_SECRETS_KEY in it seals the endpoints' secrets. */
  serviceEnv: Record<string, string>;
  token: string;
  logDir: string;
  changes: number;
  /** Deliveries queued for the throughput run over 16 endpoints. */
  deliveries: number;
  /** Deliveries queued for the one-endpoint run; 0 leaves it out. */
  oneEndpointDeliveries: number;
  /** A second throughput run with the dispatcher under `--cpu-prof`, summarized. */
  profileDispatcher?: boolean;
  log: (line: string) => void;
}

const endpointId = 'whe_bench';
const org = benchIds.org(0);
/** The throughput run's organizations: 4 × 4 endpoints fill the default 64 slots. */
const throughputOrgs = [0, 1, 2, 3].map((index) => benchOrganization(`t${index}`));
const ENDPOINTS_PER_ORG = 4;

/** The defaults the dispatcher runs at, from the configuration's own table. */
export const dispatcherDefaults = () => ({
  concurrency: configSettings.webhookConcurrency.default('production'),
  endpointConcurrency: configSettings.webhookEndpointConcurrency.default('production'),
  organizationConcurrency: configSettings.webhookOrganizationConcurrency.default('production'),
  timeoutMs: configSettings.webhookTimeoutMs.default('production'),
  dnsTimeoutMs: configSettings.webhookDnsTimeoutMs.default('production'),
  pollIntervalMs: configSettings.webhookPollIntervalMs.default('production'),
});

async function registerEndpoint(pool: mysql.Pool, env: Record<string, string>, url: string): Promise<void> {
  await pool.query('DELETE FROM webhook_deliveries WHERE org_id = ?', [org]);
  await pool.query('DELETE FROM webhook_endpoints WHERE org_id = ?', [org]);
  await insertEndpoints(pool, secretsFromEnv(env.WEBHOOK_SECRETS_KEY!).box, [{ id: endpointId, orgId: org, url }]);
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
    await sleep(20);
  }
  const deadline = Date.now() + 30_000;
  while (receiver.received.length < created.length && Date.now() < deadline) await sleep(50);
  return receiver.received.map(
    (receipt) => receipt.at - Date.parse((JSON.parse(receipt.body) as { created_at: string }).created_at),
  );
}

/**
 * Queues `count` deliveries over `endpoints` (their ids) and times one standalone dispatcher at
 * its default concurrency sending them: from the first receipt to the last, with the CPU the
 * dispatcher, the database server and this process (the receiver) used meanwhile.
 */
async function deliveriesPerSecond(
  options: WebhookBenchOptions,
  pool: mysql.Pool,
  receiver: Receiver,
  run: { label: string; endpoints: { id: string; orgId: string }[]; count: number; profileDir?: string },
): Promise<WebhookThroughput> {
  const byOrg = new Map<string, string[]>();
  for (const endpoint of run.endpoints) byOrg.set(endpoint.orgId, [...(byOrg.get(endpoint.orgId) ?? []), endpoint.id]);
  const perOrg = Math.ceil(run.count / byOrg.size);
  const runTag = randomBytes(4).toString('hex');
  let queued = 0;
  for (const [orgId, endpointIds] of byOrg) {
    const count = Math.min(perOrg, run.count - queued);
    await queueBacklog(pool, { orgId, endpointIds, count, events: 50, tag: `${runTag}o${queued}` });
    queued += count;
  }
  receiver.received.length = 0;
  const spawned = performance.now();
  const dispatcher = startDispatcher(options, `dispatch-${run.label}.log`, {}, run.profileDir);
  const dbPid = databaseServerPid();
  try {
    const deadline = Date.now() + 180_000;
    while (receiver.received.length === 0 && Date.now() < deadline) await sleep(5);
    const firstSeenMs = performance.now() - spawned;
    const statusBefore = await serverStatus(pool);
    const cpuBefore = {
      dispatcher: cpuSeconds(dispatcher.pid),
      database: dbPid ? cpuSeconds(dbPid) : 0,
      receiver: process.cpuUsage(),
    };
    while (receiver.received.length < run.count && Date.now() < deadline) await sleep(20);
    const cpu = {
      dispatcher: cpuSeconds(dispatcher.pid) - cpuBefore.dispatcher,
      database: dbPid ? cpuSeconds(dbPid) - cpuBefore.database : undefined,
      receiver: (() => {
        const used = process.cpuUsage(cpuBefore.receiver);
        return (used.user + used.system) / 1e6;
      })(),
    };
    const statusAfter = await serverStatus(pool);
    if (receiver.received.length < run.count)
      throw new Error(`${receiver.received.length} of ${run.count} deliveries in 180 s`);
    const first = receiver.received[0]!.at;
    const last = receiver.received.at(-1)!.at;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const perDelivery = (value: number) => Math.round((value * 1e6) / run.count) / 1000;
    const result: WebhookThroughput = {
      deliveries: run.count,
      endpoints: run.endpoints.length,
      organizations: byOrg.size,
      perSecond: Math.round((run.count - 1) / seconds),
      seconds: Math.round(seconds * 100) / 100,
      cpuMsPerDelivery: {
        dispatcher: perDelivery(cpu.dispatcher),
        ...(cpu.database === undefined ? {} : { database: perDelivery(cpu.database) }),
        receiver: perDelivery(cpu.receiver),
      },
      databasePerDelivery: Object.fromEntries(
        Object.keys(statusAfter).map((name) => [
          name,
          Math.round(((statusAfter[name]! - (statusBefore[name] ?? 0)) / run.count) * 100) / 100,
        ]),
      ),
    };
    await dispatcher.stop();
    // Every delivery sent once: a claim that lapsed (an attempt recorded late) would send one again.
    const [[recorded]] = await pool.query<mysql.RowDataPacket[]>(
      "SELECT COALESCE(SUM(attempts), 0) AS attempts, COALESCE(SUM(status = 'succeeded'), 0) AS succeeded FROM webhook_deliveries WHERE org_id IN (?) AND id LIKE ?",
      [[...byOrg.keys()], `whd_wh_${runTag}%`],
    );
    result.attempts = Number(recorded!.attempts);
    result.succeeded = Number(recorded!.succeeded);
    if (run.profileDir) {
      const file = readdirSync(run.profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) result.profile = summarizeProfile(join(run.profileDir, file), { fromMs: firstSeenMs, top: 12 });
    }
    return result;
  } finally {
    await dispatcher.stop();
  }
}

/**
 * The database server's counters the throughput is read against (server-wide: other work on the
 * same server counts too). Innodb_row_lock_time is in ms.
 */
const STATUS = [
  'Questions',
  'Com_select',
  'Com_update',
  'Com_commit',
  'Com_rollback',
  'Innodb_row_lock_waits',
  'Innodb_row_lock_time',
  'Innodb_data_fsyncs',
];

async function serverStatus(pool: mysql.Pool): Promise<Record<string, number>> {
  const [rows] = await pool.query<mysql.RowDataPacket[]>('SHOW GLOBAL STATUS WHERE Variable_name IN (?)', [STATUS]);
  return Object.fromEntries(rows.map((row) => [String(row.Variable_name), Number(row.Value)]));
}

export function startDispatcher(
  options: Pick<WebhookBenchOptions, 'startCommand' | 'serviceEnv' | 'logDir'>,
  logFile: string,
  extra: Record<string, string> = {},
  profileDir?: string,
): ChildService {
  const command = words(options.startCommand.replace(/serve\.(js|ts)$/, 'dispatch.$1'));
  if (profileDir && command[0] === 'node') command.splice(1, 0, '--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  return ChildService.start({
    command,
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
  const loadAverageBefore = loadavg();
  const receiver = await startReceiver([{ status: 204 }]);
  const pool = poolFor(options.url, 4);
  const box = secretsFromEnv(options.serviceEnv.WEBHOOK_SECRETS_KEY!).box;
  try {
    await registerEndpoint(pool, options.serviceEnv, `${receiver.url}/bench`);

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
    const insideSummary = summarize(insideMs);
    options.log(`webhooks, dispatcher in the API process: p50 ${insideSummary.p50} ms, p95 ${insideSummary.p95} ms`);

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
    const standaloneSummary = summarize(standaloneMs);
    options.log(`webhooks, standalone dispatcher: p50 ${standaloneSummary.p50} ms, p95 ${standaloneSummary.p95} ms`);

    // Throughput: 16 endpoints, each its own origin, in 4 organizations.
    const port = new URL(receiver.url).port;
    const spread = throughputOrgs.flatMap((bench, o) =>
      Array.from({ length: ENDPOINTS_PER_ORG }, (_, e) => ({
        id: `whe_wh_t${o}_${e}`,
        orgId: bench.id,
        url: `http://e${o * ENDPOINTS_PER_ORG + e}.localhost:${port}/t`,
      })),
    );
    for (const bench of throughputOrgs) {
      await ensureOrganization(pool, bench);
      await purgeOrganization(pool, bench.id);
    }
    await insertEndpoints(pool, box, spread);
    const throughput: NonNullable<WebhookResults['throughput']> = {
      spread: await deliveriesPerSecond(options, pool, receiver, {
        label: 'spread',
        endpoints: spread,
        count: options.deliveries,
      }),
    };
    const rate = (result: WebhookThroughput) =>
      `${result.perSecond} deliveries/s (${result.deliveries} over ${result.endpoints} endpoints of ${result.organizations} organizations; CPU ms per delivery: dispatcher ${result.cpuMsPerDelivery?.dispatcher}, database ${result.cpuMsPerDelivery?.database ?? '—'}, receiver ${result.cpuMsPerDelivery?.receiver})`;
    options.log(`webhooks, one standalone dispatcher at its defaults: ${rate(throughput.spread)}`);
    if (options.oneEndpointDeliveries > 0) {
      throughput.oneEndpoint = await deliveriesPerSecond(options, pool, receiver, {
        label: 'one-endpoint',
        endpoints: spread.slice(0, 1),
        count: options.oneEndpointDeliveries,
      });
      options.log(`webhooks, one endpoint alone: ${rate(throughput.oneEndpoint)}`);
    }
    if (options.profileDispatcher) {
      const profileDir = join(options.logDir, 'dispatch-profile');
      const profiled = await deliveriesPerSecond(options, pool, receiver, {
        label: 'spread-profiled',
        endpoints: spread,
        count: options.deliveries,
        profileDir,
      });
      throughput.profiled = profiled;
      options.log(
        `webhooks, profiled run: ${profiled.perSecond}/s; top self: ${profiled.profile?.topSelf
          .slice(0, 5)
          .map((line) => `${line.name} ${line.percent}%`)
          .join(', ')}`,
      );
    }
    const defaults = dispatcherDefaults();
    return {
      measuredAt: new Date().toISOString(),
      startCommand: options.startCommand,
      loadAverageBefore: loadAverageBefore.map((n) => Math.round(n * 100) / 100),
      loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100),
      changes: options.changes,
      deliveries: options.deliveries,
      latencyInsideApiMs: insideSummary,
      latencyStandaloneMs: standaloneSummary,
      dispatcher: {
        concurrency: defaults.concurrency,
        endpointConcurrency: defaults.endpointConcurrency,
        organizationConcurrency: defaults.organizationConcurrency,
      },
      throughput,
    };
  } finally {
    await pool.query('DELETE FROM webhook_deliveries WHERE org_id = ?', [org]);
    await pool.query('DELETE FROM webhook_endpoints WHERE org_id = ?', [org]);
    for (const bench of throughputOrgs) await purgeOrganization(pool, bench.id);
    await pool.end();
    await receiver.close();
  }
}
