// npx tsx bench/dispatch-parts.ts [--deliveries 6000] [--concurrency 64] [--database groups_bench_parts]
// Where a dispatcher's time goes, part by part, with the service's own functions in this one
// process (a scratch database, created, migrated and dropped): the same backlog as the
// throughput run of bench/webhooks.ts (16 endpoints in 4 organizations, each its own origin,
// a receiver answering at once), then
//   claim:  claimFairShare rounds with the dispatcher's limits until everything is claimed;
//   send:   each claimed delivery signed and sent over the kept-alive transport, `concurrency`
//           at a time (the receiver runs in this process too);
//   record: each attempt recorded as the dispatcher records it (recordAttemptWithHealth: a
//           transaction that updates the delivery and reads the endpoint's row locked),
//           `concurrency` at a time, on a pool of DB_POOL_MAX's default (10);
//   record, delivery row alone: the same deliveries claimed again and recorded by recordAttempt
//           alone (one UPDATE, no transaction, no endpoint row) — what recording costs without
//           the health bookkeeping.
// Each part's rate, and the CPU this process and the database server used per delivery.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type mysql from 'mysql2/promise';
import { startReceiver } from '../test/support/webhook-receiver.js';
import { settings } from '../src/config.js';
import { createDatabase, type Database } from '../src/data/database.js';
import { migrateToLatest } from '../src/data/migrate.js';
import { recordAttempt, type ClaimedDelivery } from '../src/data/webhook-deliveries-repository.js';
import { signingSecrets } from '../src/domain/signing-secrets.js';
import { eventResource } from '../src/wire/events.js';
import { claimFairShare } from '../src/webhooks/claim.js';
import { attemptRecord } from '../src/webhooks/dispatcher.js';
import { createHostResolver } from '../src/webhooks/host-resolver.js';
import { recordAttemptWithHealth } from '../src/webhooks/record-attempt.js';
import { createSuccessBatch } from '../src/webhooks/success-batch.js';
import { createWebhookTransport, type SendResult } from '../src/webhooks/send.js';
import { signedHeaders } from '../src/webhooks/signing.js';
import { benchDatabaseUrl, databaseName, poolFor, serverConnection } from './lib/mysql.js';
import { cpuSeconds, databaseServerPid } from './lib/processes.js';
import {
  benchOrganization,
  benchSecrets,
  ensureOrganization,
  insertEndpoints,
  queueBacklog,
} from './lib/webhook-fixtures.js';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '6000' },
    concurrency: { type: 'string', default: '64' },
    database: { type: 'string', default: 'groups_bench_parts' },
  },
});
const deliveries = Number(values.deliveries);
const concurrency = Number(values.concurrency);
const url = benchDatabaseUrl(values.database);
const limits = {
  slots: settings.webhookConcurrency.default('production'),
  perEndpoint: settings.webhookEndpointConcurrency.default('production'),
  perOrganization: settings.webhookOrganizationConcurrency.default('production'),
};
const dbPid = databaseServerPid();

async function scratch(action: 'create' | 'drop'): Promise<void> {
  const connection = await serverConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
    if (action === 'create')
      await connection.query(`CREATE DATABASE \`${databaseName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await connection.end();
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function pooled<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Part {
  part: string;
  perSecond: number;
  processCpuMs: number;
  databaseCpuMs: number | undefined;
  note?: string;
}

async function timed(part: string, count: number, work: () => Promise<string | void>): Promise<Part> {
  const cpu = process.cpuUsage();
  const db0 = dbPid ? cpuSeconds(dbPid) : 0;
  const started = performance.now();
  const note = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const per = (ms: number) => Math.round((ms / count) * 1000) / 1000;
  return {
    part,
    perSecond: Math.round(count / seconds),
    processCpuMs: per((used.user + used.system) / 1000),
    databaseCpuMs: dbPid ? per((cpuSeconds(dbPid) - db0) * 1000) : undefined,
    ...(note ? { note } : {}),
  };
}

async function claimAll(db: Database): Promise<{ claimed: ClaimedDelivery[]; rounds: number }> {
  const claimed: ClaimedDelivery[] = [];
  let rounds = 0;
  for (;;) {
    const now = new Date();
    const round = await claimFairShare(db, {
      token: randomBytes(12).toString('base64url'),
      now,
      claimedUntil: new Date(now.getTime() + 600_000),
      // Every claim's attempts still "in flight": lift the caps so that one pass claims all.
      limits: { slots: limits.slots, perEndpoint: deliveries, perOrganization: deliveries },
    });
    rounds++;
    if (round.length === 0) return { claimed, rounds };
    claimed.push(...round);
  }
}

/** The four parts, in order, on a migrated scratch database with the receiver up. */
async function measureParts(db: Database, pool: mysql.Pool, receiverUrl: string): Promise<Part[]> {
  await migrateToLatest(db);
  const secrets = benchSecrets();
  const orgs = [0, 1, 2, 3].map((index) => benchOrganization(`p${index}`));
  const port = new URL(receiverUrl).port;
  const endpoints = orgs.flatMap((org, o) =>
    [0, 1, 2, 3].map((e) => ({
      id: `whe_wh_p${o}_${e}`,
      orgId: org.id,
      url: `http://e${o * 4 + e}.localhost:${port}/p`,
    })),
  );
  for (const org of orgs) await ensureOrganization(pool, org);
  await insertEndpoints(pool, secrets.box, endpoints);
  for (const org of orgs)
    await queueBacklog(pool, {
      orgId: org.id,
      endpointIds: endpoints.filter((e) => e.orgId === org.id).map((e) => e.id),
      count: deliveries / orgs.length,
      events: 50,
    });

  // Claim: rounds of the dispatcher's slots (64) until nothing is left.
  let claimed: ClaimedDelivery[] = [];
  const claim = await timed('claim (claimFairShare, 64 slots a round)', deliveries, async () => {
    const all = await claimAll(db);
    claimed = all.claimed;
    return `${all.rounds} rounds, ${Math.round(deliveries / all.rounds)} deliveries a round`;
  });

  // Send: sign and POST each, as the dispatcher's attempt does.
  const transport = createWebhookTransport({
    targets: { allowLoopback: true },
    resolve: createHostResolver({ servers: [], timeoutMs: 2000 }),
  });
  const results = new Map<string, SendResult>();
  const send = await timed(
    'send (open secret, sign, POST over keep-alive; the receiver is in this process)',
    deliveries,
    () =>
      pooled(claimed, concurrency, async (delivery) => {
        const body = JSON.stringify(eventResource(delivery.event));
        const now = new Date();
        const opened = signingSecrets(delivery, now).map((stored) => secrets.box.open(stored, delivery.endpointId));
        results.set(
          delivery.id,
          await transport.send(
            { url: delivery.url, headers: signedHeaders(delivery.event.id, body, opened, now), body },
            { timeoutMs: 10_000 },
          ),
        );
      }),
  );
  transport.close();

  // Record, as the dispatcher does.
  const record = await timed(
    'record (recordAttemptWithHealth: successes batched, others with the endpoint row locked)',
    deliveries,
    () => {
      const successes = createSuccessBatch(db);
      return pooled(claimed, concurrency, (delivery) =>
        recordAttemptWithHealth(
          db,
          delivery,
          attemptRecord(delivery, results.get(delivery.id)!, new Date()),
          successes,
        ),
      );
    },
  );

  // The same deliveries pending and claimed again, recorded by the delivery's UPDATE alone.
  await pool.query(
    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = NOW(3) - INTERVAL 1 SECOND, claim_token = NULL, claimed_until = NULL WHERE org_id IN (?)",
    [orgs.map((org) => org.id)],
  );
  claimed = (await claimAll(db)).claimed;
  const recordAlone = await timed('record, the delivery row alone (recordAttempt: one UPDATE)', deliveries, () =>
    pooled(claimed, concurrency, (delivery) =>
      recordAttempt(db, delivery, attemptRecord(delivery, results.get(delivery.id)!, new Date())),
    ),
  );
  return [claim, send, record, recordAlone];
}

await scratch('create');
const db = createDatabase({ url, sqliteFile: '', poolMax: settings.databasePoolMax.default('production') });
const pool = poolFor(url, 2);
const receiver = await startReceiver([{ status: 204 }]);
const parts = await measureParts(db, pool, receiver.url).finally(async () => {
  await receiver.close();
  await pool.end();
  await db.destroy();
  await scratch('drop');
});

console.log(
  `${deliveries} deliveries, 16 endpoints in 4 organizations, ${concurrency} at a time, pool of ${settings.databasePoolMax.default('production')}\n`,
);
console.log('| part | per second | this process CPU ms per delivery | database server CPU ms per delivery | |');
console.log('|---|---:|---:|---:|---|');
for (const part of parts)
  console.log(
    `| ${part.part} | ${part.perSecond} | ${part.processCpuMs} | ${part.databaseCpuMs ?? '—'} | ${part.note ?? ''} |`,
  );
