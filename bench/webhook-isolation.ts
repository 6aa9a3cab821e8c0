// The noisy-neighbour stage of `npm run bench`: does one organization's dead endpoint slow
// another organization's webhooks? The service starts as production does (`serve`, the
// dispatcher inside the API process, the dispatcher's default concurrency settings), in
// development mode with WEBHOOK_ALLOW_LOOPBACK so that its receivers may be on this machine.
// Org B has one healthy endpoint (a local receiver answering 204 at once); org A has a dead
// one. B's change → receipt latency (from the change's timestamp to the receipt, as in
// bench/webhooks.ts) is measured over changes made through the API at a fixed pace, first
// without A's backlog, then with 1,000 of A's deliveries due, in the same process.
//   tcp: A's endpoint is a TCP server that accepts and never answers: each attempt holds a
//     connection until WEBHOOK_TIMEOUT_MS. Recorded: the most connections it held at once
//     (WEBHOOK_ENDPOINT_CONCURRENCY at most) and whether A's endpoint was paused.
//   dns: the service resolves webhook hosts with the benchmark's own name server
//     (WEBHOOK_DNS_SERVERS; test/support/dns-server.ts), which answers b.good.test → 127.0.0.1
//     and never answers names under blackhole.test. A has 8 endpoints there with the backlog
//     spread over them, and while B is measured A's admin registers new endpoints under the
//     zone at 2 a second through the API: the first ones wait for the lookup that never
//     answers, the 17th and later are refused (409 webhook_endpoint_limit_reached) before any
//     lookup. B's endpoint is https (only loopback addresses may be http), so the receiver
//     sits behind a TLS front with a self-signed certificate the service trusts
//     (NODE_EXTRA_CA_CERTS).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { startReceiver, type Receiver } from '../test/support/webhook-receiver.js';
import { startDnsServer, type DnsServer } from '../test/support/dns-server.js';
import { poolFor } from './lib/mysql.js';
import { startServer, words } from './lib/processes.js';
import type { NeighbourVariant, WebhookIsolationResults } from './lib/results.js';
import {
  benchOrganization,
  ensureOrganization,
  insertEndpoints,
  purgeOrganization,
  queueBacklog,
  secretsFromEnv,
  selfSignedCertificate,
  sleep,
  startBlackHole,
  startTlsFront,
  summarize,
  type BenchEndpoint,
  type BlackHole,
} from './lib/webhook-fixtures.js';
import { dispatcherDefaults } from './webhooks.js';

export interface IsolationBenchOptions {
  url: string;
  startCommand: string;
  serviceEnv: Record<string, string>;
  tokenFor: (userId: string) => Promise<string>;
  logDir: string;
  log: (line: string) => void;
  variants: ('tcp' | 'dns')[];
  /** B's changes per measurement, one every `intervalMs`. */
  changes: number;
  intervalMs: number;
  /** A's deliveries queued, due at once. */
  backlog: number;
  /** A's endpoints under the black-hole zone (dns). */
  dnsEndpoints: number;
  /** New endpoints registered under the zone a second during the measurement (dns); 0: none. */
  registerPerSecond: number;
  /** After the measurement, how long to wait for A's first pause when none came yet; 0: no wait. */
  pauseWaitMs: number;
}

const orgA = benchOrganization('a');
const orgB = benchOrganization('b');
const GOOD_NAME = 'b.good.test';
const BLACK_HOLE_ZONE = 'blackhole.test';
const round2 = (value: number) => Math.round(value * 100) / 100;

interface Paced {
  latencies: number[];
  missing: number;
}

/**
 * Org B's admin creates `count` groups through the API, one every `intervalMs` (one after
 * another when a change takes longer), then waits up to 30 s for each group.created delivery:
 * change time → receipt, ms.
 */
async function pacedChanges(
  apiUrl: string,
  token: string,
  receiver: Receiver,
  count: number,
  intervalMs: number,
): Promise<Paced> {
  const groups = new Set<string>();
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = started + index * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const response = await fetch(`${apiUrl}/api/v1/groups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `Hook ${randomBytes(6).toString('hex')}`, user_id: orgB.admin }),
    });
    if (response.status !== 200) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    groups.add(((await response.json()) as { group_id: string }).group_id);
  }
  const latencies = new Map<string, number>();
  const deadline = Date.now() + 30_000;
  let seen = 0;
  while (latencies.size < groups.size && Date.now() < deadline) {
    for (; seen < receiver.received.length; seen++) {
      const body = JSON.parse(receiver.received[seen]!.body) as { type: string; group_id?: string; created_at: string };
      if (body.type === 'group.created' && body.group_id && groups.has(body.group_id) && !latencies.has(body.group_id))
        latencies.set(body.group_id, receiver.received[seen]!.at - Date.parse(body.created_at));
    }
    if (latencies.size < groups.size) await sleep(20);
  }
  return { latencies: [...latencies.values()], missing: groups.size - latencies.size };
}

interface EndpointView {
  id: string;
  consecutive_failures: number;
  paused_until: string | null;
}

async function neighbourEndpoints(apiUrl: string, token: string): Promise<EndpointView[]> {
  const response = await fetch(`${apiUrl}/api/v1/webhook-endpoints`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`listing endpoints answered ${response.status}`);
  return ((await response.json()) as { endpoints: EndpointView[] }).endpoints;
}

interface Registration {
  status: number | 'error';
  ms: number;
}

/** A's admin registers endpoints under the black-hole zone at `perSecond` until stop(). */
function registerEndpoints(apiUrl: string, token: string, perSecond: number) {
  const sent: Promise<Registration>[] = [];
  const tag = randomBytes(3).toString('hex');
  const register = () => {
    const index = sent.length;
    const started = performance.now();
    sent.push(
      fetch(`${apiUrl}/api/v1/webhook-endpoints`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: `https://new-${tag}-${index}.${BLACK_HOLE_ZONE}/hook` }),
      }).then(
        async (response) => {
          await response.text();
          return { status: response.status, ms: Math.round(performance.now() - started) };
        },
        () => ({ status: 'error' as const, ms: Math.round(performance.now() - started) }),
      ),
    );
  };
  register();
  const timer = setInterval(register, 1000 / perSecond);
  return {
    async stop(): Promise<Registration[]> {
      clearInterval(timer);
      return Promise.all(sent);
    },
  };
}

async function runVariant(
  kind: 'tcp' | 'dns',
  options: IsolationBenchOptions,
  pool: mysql.Pool,
): Promise<NeighbourVariant> {
  const defaults = dispatcherDefaults();
  const box = secretsFromEnv(options.serviceEnv.WEBHOOK_SECRETS_KEY!).box;
  for (const org of [orgA, orgB]) {
    await ensureOrganization(pool, org);
    await purgeOrganization(pool, org.id);
  }
  const receiver = await startReceiver([{ status: 204 }]);
  const closers: (() => Promise<void>)[] = [];
  let hole: BlackHole | undefined;
  let dns: DnsServer | undefined;
  let endpointB: string;
  let endpointsA: BenchEndpoint[];
  const env: Record<string, string> = {};
  if (kind === 'tcp') {
    hole = await startBlackHole();
    closers.push(() => hole!.close());
    endpointsA = [{ id: 'whe_wh_a_0', orgId: orgA.id, url: `${hole.url}/a` }];
    endpointB = `${receiver.url}/b`;
  } else {
    dns = await startDnsServer({
      answers: { [GOOD_NAME]: { a: ['127.0.0.1'], ttl: 300 } },
      blackHoleSuffixes: [BLACK_HOLE_ZONE],
    });
    closers.push(() => dns!.close());
    const tls = selfSignedCertificate(GOOD_NAME);
    closers.push(() => {
      rmSync(tls.dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const front = await startTlsFront(Number(new URL(receiver.url).port), tls);
    closers.push(() => front.close());
    endpointsA = Array.from({ length: options.dnsEndpoints }, (_, index) => ({
      id: `whe_wh_a_${index}`,
      orgId: orgA.id,
      url: `https://h${index}.${BLACK_HOLE_ZONE}/hook`,
    }));
    endpointB = `https://${GOOD_NAME}:${front.port}/b`;
    env.WEBHOOK_DNS_SERVERS = `127.0.0.1:${dns.port}`;
    env.NODE_EXTRA_CA_CERTS = tls.certFile;
  }
  await insertEndpoints(pool, box, [...endpointsA, { id: 'whe_wh_b', orgId: orgB.id, url: endpointB }]);
  const service = await startServer(
    words(options.startCommand),
    {
      ...options.serviceEnv,
      NODE_ENV: 'development',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      MIGRATE_ON_START: 'false',
      VALIDATE_RESPONSES: 'false',
      ...env,
    },
    join(options.logDir, `isolation-${kind}.log`),
  );
  try {
    const tokenA = await options.tokenFor(orgA.admin);
    const tokenB = await options.tokenFor(orgB.admin);
    // Warm-up (not counted): the first requests, connections and, for dns, B's name.
    await pacedChanges(service.url, tokenB, receiver, 3, 50);
    const without = await pacedChanges(service.url, tokenB, receiver, options.changes, options.intervalMs);

    const queuedAt = Date.now();
    await queueBacklog(pool, { orgId: orgA.id, endpointIds: endpointsA.map((e) => e.id), count: options.backlog });
    // The dispatcher finds the backlog at its next poll (1 s): B is measured once A holds slots.
    const engaged = Date.now() + 5000;
    while (Date.now() < engaged) {
      if (hole && hole.open() >= defaults.endpointConcurrency) break;
      if (dns && dns.queries.some((question) => question.includes(`.${BLACK_HOLE_ZONE}/`))) break;
      await sleep(20);
    }
    const registering =
      kind === 'dns' && options.registerPerSecond > 0
        ? registerEndpoints(service.url, tokenA, options.registerPerSecond)
        : undefined;
    const withNeighbour = await pacedChanges(service.url, tokenB, receiver, options.changes, options.intervalMs);
    const registrations = await registering?.stop();

    const pausedCount = async () =>
      (await neighbourEndpoints(service.url, tokenA)).filter((endpoint) => endpoint.paused_until !== null).length;
    const pauseDeadline = Date.now() + options.pauseWaitMs;
    while (options.pauseWaitMs > 0 && (await pausedCount()) === 0 && Date.now() < pauseDeadline) await sleep(250);
    const state = await neighbourEndpoints(service.url, tokenA);
    const [[recorded]] = await pool.query<mysql.RowDataPacket[]>(
      'SELECT COALESCE(SUM(attempts), 0) AS attempts FROM webhook_deliveries WHERE org_id = ?',
      [orgA.id],
    );
    const [[firstPause]] = await pool.query<mysql.RowDataPacket[]>(
      'SELECT MIN(paused_since) AS at FROM webhook_endpoints WHERE org_id = ?',
      [orgA.id],
    );
    const withoutMs = summarize(without.latencies);
    const withMs = summarize(withNeighbour.latencies);
    const result: NeighbourVariant = {
      neighbour: kind,
      backlog: options.backlog,
      neighbourEndpoints: endpointsA.length,
      changes: options.changes,
      intervalMs: options.intervalMs,
      withoutMs,
      withMs,
      missing: { without: without.missing, with: withNeighbour.missing },
      ratioP50: round2(withMs.p50 / Math.max(1, withoutMs.p50)),
      ratioP95: round2(withMs.p95 / Math.max(1, withoutMs.p95)),
      neighbourState: {
        endpoints: state.length,
        paused: state.filter((endpoint) => endpoint.paused_until !== null).length,
        mostConsecutiveFailures: Math.max(0, ...state.map((endpoint) => endpoint.consecutive_failures)),
        attempts: Number(recorded!.attempts),
        ...(firstPause!.at ? { firstPausedAfterMs: new Date(firstPause!.at as Date).getTime() - queuedAt } : {}),
      },
    };
    if (hole) result.blackHole = { mostConnections: hole.most, accepted: hole.accepted };
    if (dns) result.dnsBlackHoleQuestions = dns.queries.filter((q) => q.includes(`.${BLACK_HOLE_ZONE}/`)).length;
    if (registrations) {
      const created = registrations.filter((r) => r.status === 200 || r.status === 201);
      const limited = registrations.filter((r) => r.status === 409);
      const other: Record<string, number> = {};
      for (const r of registrations)
        if (!created.includes(r) && !limited.includes(r)) other[String(r.status)] = (other[String(r.status)] ?? 0) + 1;
      result.registrations = {
        perSecond: options.registerPerSecond,
        sent: registrations.length,
        created: created.length,
        createdMs: summarize(created.map((r) => r.ms)),
        limitReached: limited.length,
        limitReachedMs: summarize(limited.map((r) => r.ms)),
        limitReachedAfterLookup: limited.filter((r) => r.ms > 500).length,
        other,
      };
    }
    return result;
  } finally {
    // The dead receivers go first, so that the attempts still waiting on them end at once.
    for (const close of closers) await close();
    await service.process.stop();
    await receiver.close();
    for (const org of [orgA, orgB]) await purgeOrganization(pool, org.id);
  }
}

const line = (variant: NeighbourVariant) =>
  `org B p50/p95 ${variant.withoutMs.p50}/${variant.withoutMs.p95} ms alone, ${variant.withMs.p50}/${variant.withMs.p95} ms beside the neighbour (p95 ×${variant.ratioP95}); A: ${variant.neighbourState.paused}/${variant.neighbourState.endpoints} endpoints paused, ${variant.neighbourState.attempts} attempts${
    variant.blackHole ? `, black hole held ${variant.blackHole.mostConnections} connections at most` : ''
  }${
    variant.registrations
      ? `; registrations: ${variant.registrations.created} created (p50 ${variant.registrations.createdMs.p50} ms), ${variant.registrations.limitReached} refused 409 (p50 ${variant.registrations.limitReachedMs.p50} ms, max ${variant.registrations.limitReachedMs.max} ms)`
      : ''
  }`;

export async function measureIsolation(options: IsolationBenchOptions): Promise<WebhookIsolationResults> {
  const loadAverageBefore = loadavg();
  const pool = poolFor(options.url, 2);
  const defaults = dispatcherDefaults();
  const results: WebhookIsolationResults = {
    measuredAt: new Date().toISOString(),
    startCommand: options.startCommand,
    loadAverageBefore: loadAverageBefore.map(round2),
    loadAverageAfter: [],
    dispatcher: {
      concurrency: defaults.concurrency,
      endpointConcurrency: defaults.endpointConcurrency,
      organizationConcurrency: defaults.organizationConcurrency,
      timeoutMs: defaults.timeoutMs,
      dnsTimeoutMs: defaults.dnsTimeoutMs,
    },
  };
  try {
    for (const kind of options.variants) {
      results[kind] = await runVariant(kind, options, pool);
      options.log(`webhook isolation, ${kind} black hole: ${line(results[kind])}`);
    }
  } finally {
    await pool.end();
  }
  results.loadAverageAfter = loadavg().map(round2);
  return results;
}
