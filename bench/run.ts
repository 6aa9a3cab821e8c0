// npm run bench [-- --quick] [--only S1,S4-90d] [--connections 32] [--warmup 5] [--duration 12] [--rounds 3]
//   [--database groups_bench] [--large-database groups_bench_2m] [--out bench] [--generate]
//   [--skip cold-start,validation,probe-flood,tracing,webhooks,isolation,claims,profile,anchors,heap]
//   [--compare-pool 32] [--webhooks-only] [--profile-dispatcher]
// --webhooks-only runs the webhook stages alone (bench/webhooks.ts, bench/webhook-isolation.ts,
// bench/claim-cost.ts) and writes their sections into the existing <out>/results.json.
// Starts the service as production does and a floor server for the same statements, drives
// both with autocannon one scenario after another, and writes results.json and RESULTS.md.
// The service starts with the production start command, `node dist/src/cli/serve.js` (`npm run
// bench` builds first); BENCH_START replaces it (the smoke test runs the same entry from src/).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signToken } from '../src/auth/sign-token.js';
import { createDatabase } from '../src/data/database.js';
import { migrateToLatest } from '../src/data/migrate.js';
import { captureRequests, type CaptureRequest } from './lib/capture.js';
import { benchIds } from './lib/dataset.js';
import type { FloorPlan, FloorRoute } from './lib/floor-plan.js';
import { readRoute } from './lib/floor-plan.js';
import { generate } from './lib/generate.js';
import { benchDatabaseUrl, databaseName, poolFor, serverConnection } from './lib/mysql.js';
import {
  cpuSeconds,
  databaseServerPid,
  peakRssMb,
  rssMb,
  runJson,
  startServer,
  words,
  type Started,
} from './lib/processes.js';
import { otlpSink } from './lib/otlp-sink.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile.js';
import { renderMarkdown } from './lib/report.js';
import type { BenchResults, ScenarioResult } from './lib/results.js';
import { measureAnchors, scaleAnchors, type AnchorResult } from './anchors.js';
import { summarizeHeapSnapshot, takeHeapSnapshot, type HeapSummary } from './lib/heap.js';
import {
  growthScenarios,
  mainScenarios,
  memberLists,
  scaleScenarios,
  writeGroups,
  type Scenario,
} from './lib/scenarios.js';
import { measureWebhooks } from './webhooks.js';
import { measureIsolation } from './webhook-isolation.js';
import { measureClaimCost } from './claim-cost.js';
import { mergeResults } from './lib/results-file.js';
import { benchSecrets } from './lib/webhook-fixtures.js';
import type { DriveOptions, DriveResult } from './drive.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    connections: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    database: { type: 'string' },
    'large-database': { type: 'string', default: 'groups_bench_2m' },
    out: { type: 'string', default: 'bench' },
    generate: { type: 'boolean', default: false },
    'profile-scenario': { type: 'string' },
    'compare-pool': { type: 'string' },
    skip: { type: 'string', default: '' },
    'webhooks-only': { type: 'boolean', default: false },
    'profile-dispatcher': { type: 'boolean', default: false },
  },
});

const quick = values.quick;
const settings = {
  connections: Number(values.connections ?? (quick ? 4 : 32)),
  warmupSeconds: Number(values.warmup ?? (quick ? 0 : 5)),
  durationSeconds: Number(values.duration ?? (quick ? 1 : 12)),
  /** Alternating slices per target and scenario. */
  rounds: Number(values.rounds ?? (quick ? 1 : 3)),
};
const startCommand = process.env.BENCH_START ?? 'node dist/src/cli/serve.js';
if (!process.env.BENCH_START && !existsSync('dist/src/cli/serve.js')) {
  console.error('bench: no production build; run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}
const tsx = ['node', '--import', 'tsx'];
const outDir = values.out;
const logDir = mkdtempSync(join(tmpdir(), 'groups-bench-'));
const only = values.only?.split(',');
const skip = new Set(values.skip.split(','));
const selected = (scenario: Scenario) => !only || only.includes(scenario.id);
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const mainUrl = benchDatabaseUrl(values.database);
let anchorResults: AnchorResult[] = [];
const largeUrl = benchDatabaseUrl(values['large-database']);
/** WEBHOOK_SECRETS_KEY of this run: production needs one, and the webhook stages seal their endpoints' secrets with it. */
const webhookSecrets = benchSecrets();
const secrets = {
  jwtSecret: randomBytes(32).toString('hex'),
  pageTokenSecret: randomBytes(32).toString('hex'),
  webhookSecretsKey: webhookSecrets.env,
};

async function databaseReady(url: string): Promise<boolean> {
  const connection = await serverConnection(url);
  try {
    const [rows] = (await connection.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
      [databaseName(url), 'activities'],
    )) as unknown as [unknown[]];
    if (rows.length === 0) return false;
    const [orgs] = (await connection.query(`SELECT id FROM \`${databaseName(url)}\`.organizations WHERE id = ?`, [
      benchIds.org(0),
    ])) as unknown as [unknown[]];
    return orgs.length > 0;
  } finally {
    await connection.end();
  }
}

/** Brings a benchmark database to the current schema, as an operator's deploy step would. */
async function migrate(url: string): Promise<void> {
  const db = createDatabase({ url, sqliteFile: '', poolMax: 1 });
  try {
    await migrateToLatest(db, { secretsKeys: webhookSecrets.keys });
  } finally {
    await db.destroy();
  }
}

async function activityCount(url: string): Promise<number> {
  const pool = poolFor(url, 1);
  const [[row]] = (await pool.query('SELECT COUNT(*) AS n FROM activities')) as unknown as [[{ n: number }]];
  await pool.end();
  return Number(row.n);
}

/**
 * Waits until no statement runs on this database (up to 60 s): requests the load generator
 * abandoned at the end of a slice may still be running, and would slow the next slice or undo
 * a reset.
 */
async function waitForQuietDatabase(url: string): Promise<void> {
  const pool = poolFor(url, 1);
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 60_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [[row]] = (await pool.query(
      "SELECT COUNT(*) AS busy FROM information_schema.processlist WHERE db = ? AND command <> 'Sleep' AND id <> CONNECTION_ID()",
      [databaseName(url)],
    )) as unknown as [[{ busy: number }]];
    quiet = Number(row.busy) === 0 ? quiet + 1 : 0;
  }
  await pool.end();
}

/** Puts the write scenarios' data back: S5's groups hold list A, S6's leftovers are gone. */
async function resetWrites(url: string): Promise<void> {
  const pool = poolFor(url, 1);
  const { a } = memberLists();
  const org = benchIds.org(0);
  await pool.query('DELETE FROM group_members WHERE org_id = ? AND group_id IN (?) AND user_id NOT IN (?)', [
    org,
    writeGroups,
    a,
  ]);
  const rows = writeGroups.flatMap((group) => a.map((user) => [group, user, org, new Date('2024-01-01T00:00:00Z')]));
  await pool.query('INSERT IGNORE INTO group_members (group_id, user_id, org_id, created_at) VALUES ?', [rows]);
  await pool.query("DELETE FROM `groups` WHERE org_id = ? AND name LIKE 'S6 %'", [org]);
  await pool.end();
}

const tokens = new Map<string, string>();
async function tokenFor(userId: string): Promise<string> {
  let token = tokens.get(userId);
  if (!token) {
    token = await signToken({ secret: secrets.jwtSecret, userId, ttlSeconds: 24 * 3600 });
    tokens.set(userId, token);
  }
  return token;
}

/** Captures every scenario's statements from the service and builds the floor's plan. */
async function floorPlan(url: string, scenarios: Scenario[]): Promise<FloorPlan> {
  const routes: FloorRoute[] = [];
  const requests: CaptureRequest[] = [];
  const reads = scenarios.filter((scenario) => scenario.kind === 'read');
  for (const scenario of reads)
    requests.push({
      method: 'GET',
      path: scenario.path!,
      token: await tokenFor(scenario.userId),
      requestId: 'bench-capture-read',
    });
  const captured = await captureRequests(url, secrets, requests);
  routes.push(...captured.map((request, index) => readRoute(request, reads[index]!.userId)));
  const coach = benchIds.coach(0);
  const token = await tokenFor(coach);
  if (scenarios.some((scenario) => scenario.kind === 'replace-members')) {
    const { a, b } = memberLists();
    const group = writeGroups[0]!;
    const [toB, toA] = await captureRequests(url, secrets, [
      { method: 'PUT', path: `/api/v1/groups/${group}`, token, body: { members: b }, requestId: 'bench-capture-s5b' },
      { method: 'PUT', path: `/api/v1/groups/${group}`, token, body: { members: a }, requestId: 'bench-capture-s5a' },
    ]);
    for (const [capture, list, requestId] of [
      [toB!, b, 'bench-capture-s5b'],
      [toA!, a, 'bench-capture-s5a'],
    ] as const)
      routes.push({
        kind: 'replace-members',
        batches: capture.batches,
        body: capture.body,
        groupId: group,
        requestId,
        membersKey: [...list].sort().join(','),
      });
  }
  if (scenarios.some((scenario) => scenario.kind === 'create-delete')) {
    const name = `S6 capture ${randomBytes(4).toString('hex')}`;
    const [created] = await captureRequests(url, secrets, [
      {
        method: 'POST',
        path: '/api/v1/groups',
        token,
        body: { name, user_id: coach, privacy: 'public' },
        requestId: 'bench-capture-s6c',
      },
    ]);
    const groupId = (created!.body as { group_id: string }).group_id;
    const [deleted] = await captureRequests(url, secrets, [
      { method: 'DELETE', path: `/api/v1/groups/${groupId}`, token, requestId: 'bench-capture-s6d' },
    ]);
    routes.push({
      kind: 'create',
      batches: created!.batches,
      body: created!.body,
      groupId,
      name,
      requestId: 'bench-capture-s6c',
    });
    routes.push({
      kind: 'delete',
      batches: deleted!.batches,
      body: deleted!.body,
      groupId,
      requestId: 'bench-capture-s6d',
    });
  }
  return { routes };
}

function serviceEnv(url: string, validateResponses: boolean): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    AUTH_JWT_SECRET: secrets.jwtSecret,
    PAGE_TOKEN_SECRET: secrets.pageTokenSecret,
    WEBHOOK_SECRETS_KEY: webhookSecrets.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    VALIDATE_RESPONSES: String(validateResponses),
    // One client from one address sends thousands of requests a second: production's per-IP
    // and per-user limits would answer most of them 429. The floor has no limiter either.
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_USER: '0',
  };
}

async function driveOnce(
  target: Started,
  scenario: Scenario,
  measure: number,
  warmup: number,
  onMeasureStart?: () => void,
): Promise<DriveResult> {
  const url = scenario.database === 'main' ? mainUrl : largeUrl;
  const reset = async () => {
    await waitForQuietDatabase(url);
    if (scenario.kind !== 'read') await resetWrites(url);
  };
  await reset();
  const options: DriveOptions = {
    url: target.url,
    connections: Math.min(settings.connections, scenario.connections ?? settings.connections),
    warmupSeconds: 0,
    durationSeconds: measure,
    token: await tokenFor(scenario.userId),
    kind: scenario.kind,
    ...(scenario.path ? { path: scenario.path } : {}),
    ...(scenario.kind === 'replace-members'
      ? { groups: writeGroups, lists: [memberLists().a, memberLists().b] as [string[], string[]] }
      : {}),
    ...(scenario.kind === 'create-delete' ? { ownerId: scenario.userId, tag: randomBytes(3).toString('hex') } : {}),
  };
  const driver = (seconds: number) =>
    runJson<DriveResult>(
      [...tsx, 'bench/drive.ts', JSON.stringify({ ...options, durationSeconds: seconds })],
      seconds * 1000 + 60_000,
    );
  if (warmup > 0) {
    await driver(warmup);
    await reset();
  }
  onMeasureStart?.();
  // CPU used by the target and by the database during the measured run only.
  const before = [cpuSeconds(target.process.pid), dbPid ? cpuSeconds(dbPid) : 0];
  const result = await driver(measure);
  const after = [cpuSeconds(target.process.pid), dbPid ? cpuSeconds(dbPid) : 0];
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 1000) / Math.max(result.requests, 1)) / 1000;
  return {
    ...result,
    cpuMsPerRequest: perRequest(after[0]! - before[0]!),
    ...(dbPid ? { dbCpuMsPerRequest: perRequest(after[1]! - before[1]!) } : {}),
  };
}

const dbPid = databaseServerPid();

/** Slices of one target combined: rates over the summed time, the median p50 and p95, the worst p99. */
function combine(slices: DriveResult[]): DriveResult {
  const sum = (pick: (slice: DriveResult) => number) => slices.reduce((total, slice) => total + pick(slice), 0);
  const requests = sum((slice) => slice.requests);
  const seconds = sum((slice) => slice.seconds);
  const median = (pick: (slice: DriveResult) => number) =>
    slices.map(pick).sort((a, b) => a - b)[Math.floor(slices.length / 2)]!;
  return {
    requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
    seconds,
    requests,
    latencyP50: median((slice) => slice.latencyP50),
    latencyP95: median((slice) => slice.latencyP95 ?? 0),
    latencyP99: Math.max(...slices.map((slice) => slice.latencyP99)),
    latencyMean: Math.round((sum((slice) => slice.latencyMean * slice.requests) / Math.max(requests, 1)) * 100) / 100,
    cpuMsPerRequest:
      Math.round((sum((slice) => (slice.cpuMsPerRequest ?? 0) * slice.requests) / Math.max(requests, 1)) * 1000) / 1000,
    dbCpuMsPerRequest:
      Math.round((sum((slice) => (slice.dbCpuMsPerRequest ?? 0) * slice.requests) / Math.max(requests, 1)) * 1000) /
      1000,
    errors: sum((slice) => slice.errors),
    timeouts: sum((slice) => slice.timeouts),
    non2xx: sum((slice) => slice.non2xx),
  };
}

/**
 * Measures two targets on one scenario in alternating slices (A, B, A, B, …) after a warm-up
 * of each, so that a change in the machine's load during the run falls on both alike.
 */
async function compare(a: Started, b: Started, scenario: Scenario): Promise<[DriveResult, DriveResult]> {
  const slice = settings.durationSeconds / settings.rounds;
  const slicesA: DriveResult[] = [];
  const slicesB: DriveResult[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    const warmup = round === 0 ? settings.warmupSeconds : 0;
    slicesA.push(await driveOnce(a, scenario, slice, warmup));
    slicesB.push(await driveOnce(b, scenario, slice, warmup));
  }
  return [combine(slicesA), combine(slicesB)];
}

/** B's throughput as a fraction of A's, to two decimals. */
function throughputRatio(a: DriveResult, b: DriveResult): number {
  return Math.round((b.requestsPerSecond / a.requestsPerSecond) * 100) / 100;
}

interface SetResults {
  results: ScenarioResult[];
  peakRssMb?: number;
  /** The service's RSS after its last scenario. */
  endRssMb?: number;
  heap?: HeapSummary;
}

/** The start command, with a heap snapshot on SIGUSR2 when it is node's (written into logDir). */
function serviceCommand(): string[] {
  const command = words(startCommand);
  if (command[0] !== 'node' || skip.has('heap')) return command;
  return ['node', '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${logDir}`, ...command.slice(1)];
}

async function runSet(url: string, scenarios: Scenario[], label: string): Promise<SetResults> {
  log(`${label}: capturing the service's statements for ${scenarios.map((s) => s.id).join(', ')}`);
  await resetWrites(url);
  const plan = await floorPlan(url, scenarios);
  const planFile = join(logDir, `plan-${label}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const service = await startServer(serviceCommand(), serviceEnv(url, false), join(logDir, `service-${label}.log`));
  const floor = await startServer(
    [...tsx, 'bench/floor.ts', planFile],
    { DATABASE_URL: url, AUTH_JWT_SECRET: secrets.jwtSecret, DB_POOL_MAX: process.env.DB_POOL_MAX ?? '10' },
    join(logDir, `floor-${label}.log`),
  );
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      const [onService, onFloor] = await compare(service, floor, scenario);
      const ratio = throughputRatio(onFloor, onService);
      log(
        `${scenario.id}: service ${onService.requestsPerSecond} req/s, floor ${onFloor.requestsPerSecond} req/s, ratio ${ratio}`,
      );
      results.push({
        id: scenario.id,
        title: scenario.title,
        ...(scenario.target ? { target: scenario.target } : {}),
        service: onService,
        floor: onFloor,
        ratio,
      });
    }
    const peak = peakRssMb(service.process.pid);
    const end = rssMb(service.process.pid);
    const heap = serviceCommand()[1]?.startsWith('--heapsnapshot-signal')
      ? summarizeHeapSnapshot(await takeHeapSnapshot(service.process.pid, logDir))
      : undefined;
    if (heap) log(`${label}: heap ${heap.totalMb} MB: ${heap.top.map((h) => `${h.holder} ${h.mb}`).join(', ')}`);
    return {
      results,
      ...(peak === undefined ? {} : { peakRssMb: peak }),
      ...(end === undefined ? {} : { endRssMb: end }),
      ...(heap ? { heap } : {}),
    };
  } finally {
    await service.process.stop();
    await floor.process.stop();
  }
}

async function coldStart(url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = await startServer(words(startCommand), serviceEnv(url, false), join(logDir, 'cold-start.log'));
    times.push(Math.round(started.readyMs));
    await started.process.stop();
  }
  return times;
}

/**
 * One feature switched on against off: two services, `on` started with `onEnv` over the usual
 * environment, the scenarios driven in alternating slices; each result's floor is the service
 * with the feature off.
 */
async function featureCost(
  feature: { name: string; idSuffix: string; onEnv: Record<string, string> },
  url: string,
  scenarios: Scenario[],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const off = await startServer(words(startCommand), serviceEnv(url, false), join(logDir, `${feature.name}-off.log`));
  const on = await startServer(
    words(startCommand),
    { ...serviceEnv(url, false), ...feature.onEnv },
    join(logDir, `${feature.name}-on.log`),
  );
  try {
    for (const scenario of scenarios) {
      const [without, withFeature] = await compare(off, on, scenario);
      const ratio = throughputRatio(without, withFeature);
      log(`${scenario.id} ${feature.name} on ÷ off: ${ratio}`);
      results.push({
        id: `${scenario.id} (${feature.idSuffix})`,
        title: scenario.title,
        service: withFeature,
        floor: without,
        ratio,
      });
    }
  } finally {
    await off.process.stop();
    await on.process.stop();
  }
  return results;
}

const validationCost = (url: string, scenarios: Scenario[]) =>
  featureCost(
    { name: 'validation', idSuffix: 'responses validated', onEnv: { VALIDATE_RESPONSES: 'true' } },
    url,
    scenarios,
  );

/**
 * The API's latency alone and beside a flood of /readyz probes on the same process: 64
 * connections at 40 probes/s each, the ~2,600 probes/s that took the old /readyz (a `select 1`
 * per probe) from 12 to 235 ms of API latency. Probes now answer from a health result at most a
 * second old, so the flood must not slow the API (target: p50 within 20%). The generous limit
 * for probes is off here, as the API's limits are, so that every probe reaches /readyz.
 */
async function probeFlood(url: string, scenario: Scenario): Promise<ScenarioResult[]> {
  const service = await startServer(
    words(startCommand),
    { ...serviceEnv(url, false), RATE_LIMIT_PUBLIC_PER_IP: '0' },
    join(logDir, 'probe-flood.log'),
  );
  try {
    const alone = await driveOnce(service, scenario, settings.durationSeconds, settings.warmupSeconds);
    const floodSeconds = settings.warmupSeconds + settings.durationSeconds + 2;
    const flood = runJson<DriveResult>(
      [
        ...tsx,
        'bench/drive.ts',
        JSON.stringify({
          url: service.url,
          connections: 64,
          warmupSeconds: 0,
          durationSeconds: floodSeconds,
          token: '',
          kind: 'read',
          path: '/readyz',
          connectionRate: 40,
        } satisfies DriveOptions),
      ],
      floodSeconds * 1000 + 60_000,
    );
    const beside = await driveOnce(service, scenario, settings.durationSeconds, settings.warmupSeconds);
    const probes = await flood;
    log(
      `${scenario.id} beside ${num(probes.requestsPerSecond)} /readyz req/s: p50 ${beside.latencyP50} ms against ${alone.latencyP50} ms alone`,
    );
    return [
      {
        id: `${scenario.id} beside a /readyz flood`,
        title: `${scenario.title}, with 64 connections probing /readyz (${num(probes.requestsPerSecond)} probes/s)`,
        service: beside,
        floor: alone,
        ratio: throughputRatio(alone, beside),
      },
    ];
  } finally {
    await service.process.stop();
  }
}

/** The scenarios on a service with tracing off and one exporting every request's spans to a sink. */
async function tracingCost(url: string, scenarios: Scenario[]): Promise<ScenarioResult[]> {
  const sink = await otlpSink();
  try {
    const results = await featureCost(
      { name: 'tracing', idSuffix: 'traced', onEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } },
      url,
      scenarios,
    );
    log(`tracing: ${sink.batches()} span batches received`);
    return results;
  } finally {
    await sink.close();
  }
}

const num = (value: number) => Math.round(value).toLocaleString('en-US');

async function profile(url: string, scenario: Scenario): Promise<ProfileSummary | undefined> {
  const command = words(startCommand);
  if (command[0] !== 'node') return undefined;
  const dir = join(logDir, 'profile');
  mkdirSync(dir, { recursive: true });
  const spawned = performance.now();
  const service = await startServer(
    ['node', '--cpu-prof', `--cpu-prof-dir=${dir}`, ...command.slice(1)],
    serviceEnv(url, false),
    join(logDir, 'profile.log'),
  );
  let measuredFromMs = 0;
  try {
    await driveOnce(service, scenario, settings.durationSeconds, settings.warmupSeconds, () => {
      measuredFromMs = performance.now() - spawned;
    });
  } finally {
    await service.process.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  // Start-up and warm-up are left out: the profile is of the measured run.
  return file ? summarizeProfile(join(dir, file), { fromMs: measuredFromMs }) : undefined;
}

/** The anchors (bench/anchors.ts) of the given scenarios, or of all, one after another on one connection. */
async function anchorsOn(url: string, ids?: Set<string>): Promise<AnchorResult[]> {
  const anchors = (await scaleAnchors(url, new Date())).filter((anchor) => !ids || ids.has(anchor.id));
  log(`anchors: ${anchors.length} statements on ${databaseName(url)}, one connection`);
  return measureAnchors(url, anchors, {
    warmupSeconds: quick ? 0.1 : 1,
    seconds: quick ? 0.2 : Math.max(1, settings.durationSeconds / 3),
    dbPid,
  });
}

async function mariadbVersion(url: string): Promise<string> {
  const connection = await serverConnection(url);
  const [[row]] = (await connection.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
  await connection.end();
  return row.v;
}

/** The webhook stages: latency and throughput, a dead neighbour beside a healthy endpoint, a claim's cost against the backlog. */
async function webhookStages(): Promise<Pick<BenchResults, 'webhooks' | 'webhookIsolation' | 'claimCost'>> {
  const webhooks = skip.has('webhooks')
    ? undefined
    : await measureWebhooks({
        url: mainUrl,
        startCommand,
        serviceEnv: serviceEnv(mainUrl, false),
        token: await tokenFor(benchIds.coach(0)),
        logDir,
        changes: quick ? 10 : 200,
        deliveries: quick ? 200 : 6000,
        oneEndpointDeliveries: quick ? 20 : 1000,
        profileDispatcher: values['profile-dispatcher'],
        log,
      });
  await resetWrites(mainUrl);
  const webhookIsolation = skip.has('isolation')
    ? undefined
    : await measureIsolation({
        url: mainUrl,
        startCommand,
        serviceEnv: serviceEnv(mainUrl, false),
        tokenFor,
        logDir,
        log,
        variants: ['tcp', 'dns'],
        changes: quick ? 5 : 60,
        intervalMs: quick ? 100 : 400,
        backlog: 1000,
        dnsEndpoints: 8,
        registerPerSecond: 2,
        pauseWaitMs: quick ? 0 : 30_000,
      });
  const claimCost = skip.has('claims')
    ? undefined
    : await measureClaimCost({
        url: benchDatabaseUrl(`${databaseName(mainUrl)}_claims`),
        sizes: quick ? [1000, 10_000] : [10_000, 100_000, 1_000_000],
        rounds: quick ? 3 : 20,
        healthyEndpoints: 5,
        log,
      });
  return { webhooks, webhookIsolation, claimCost };
}

// ---- the run ----
if (values.generate || quick) {
  if (values.generate || !(await databaseReady(mainUrl))) {
    log(`generating tiny data into ${databaseName(mainUrl)}`);
    await generate(
      { orgs: 1, athletes: 120, groups: 30, days: 100, seed: 1, endDate: new Date().toISOString().slice(0, 10) },
      mainUrl,
      () => undefined,
    );
  }
}
if (!(await databaseReady(mainUrl))) {
  console.error(
    `${databaseName(mainUrl)} has no benchmark data: run npm run bench:data first (see README, Benchmark).`,
  );
  process.exit(1);
}
const startedAt = new Date();
const loadBefore = loadavg();
await migrate(mainUrl);
const mainActivities = await activityCount(mainUrl);
log(
  `main database ${databaseName(mainUrl)}: ${mainActivities} activities; start command: ${startCommand}; logs in ${logDir}`,
);
if (values['webhooks-only']) {
  const sections = await webhookStages();
  if (!mergeResults(outDir, sections)) {
    console.error(`bench: no ${join(outDir, 'results.json')} to write the webhook stages into`);
    process.exit(1);
  }
  log(`wrote the webhook stages into ${join(outDir, 'results.json')} and ${join(outDir, 'RESULTS.md')}`);
  process.exit(0);
}

const coldStartMs = skip.has('cold-start') ? [] : await coldStart(mainUrl, quick ? 1 : 3);
log(`cold start to /readyz 200: ${coldStartMs.join(', ')} ms`);

const main = await runSet(
  mainUrl,
  [...mainScenarios, ...growthScenarios.filter((s) => s.database === 'main')].filter(selected),
  'main',
);
let large: (SetResults & { activities: number }) | undefined;
const largeScenarios = [...growthScenarios.filter((s) => s.database === 'large'), ...scaleScenarios].filter(selected);
if (!quick && largeScenarios.length > 0 && (await databaseReady(largeUrl))) {
  await migrate(largeUrl);
  const activities = await activityCount(largeUrl);
  log(`large database ${databaseName(largeUrl)}: ${activities} activities`);
  large = { ...(await runSet(largeUrl, largeScenarios, 'large')), activities };
  if (!skip.has('anchors')) anchorResults = await anchorsOn(largeUrl, new Set(largeScenarios.map((s) => s.id)));
} else if (!quick && largeScenarios.length > 0)
  log(`skipping the 2,000,000-activity growth: ${databaseName(largeUrl)} has no benchmark data`);
// Quick mode has no large data: the anchors run on the tiny data, so that their statements are tried.
if (quick && !skip.has('anchors')) anchorResults = await anchorsOn(mainUrl);

const validationScenarios = mainScenarios.filter((s) => s.id === 'S1' || s.id === 'S4-90d').filter(selected);
const validation =
  validationScenarios.length > 0 && !skip.has('validation') ? await validationCost(mainUrl, validationScenarios) : [];

const operationsScenarios = mainScenarios.filter((s) => s.id === 'S1' || s.id === 'S4-90d').filter(selected);
const probeFloodResults =
  operationsScenarios.length > 0 && !skip.has('probe-flood') ? await probeFlood(mainUrl, operationsScenarios[0]!) : [];
const tracing =
  operationsScenarios.length > 0 && !skip.has('tracing') ? await tracingCost(mainUrl, operationsScenarios) : [];

// Optional A/B of the service's pool size (DB_POOL_MAX) on S1, S4-90d and S5, same run.
const poolComparison: ScenarioResult[] = [];
if (values['compare-pool']) {
  const size = values['compare-pool'];
  const base = process.env.DB_POOL_MAX ?? '10';
  const a = await startServer(
    words(startCommand),
    { ...serviceEnv(mainUrl, false), DB_POOL_MAX: base },
    join(logDir, 'pool-a.log'),
  );
  const b = await startServer(
    words(startCommand),
    { ...serviceEnv(mainUrl, false), DB_POOL_MAX: size },
    join(logDir, 'pool-b.log'),
  );
  try {
    for (const scenario of mainScenarios.filter((s) => ['S1', 'S4-90d', 'S5'].includes(s.id))) {
      const [withBase, withSize] = await compare(a, b, scenario);
      const ratio = throughputRatio(withBase, withSize);
      log(`${scenario.id} pool ${size} ÷ pool ${base}: ${ratio}`);
      poolComparison.push({
        id: `${scenario.id} (pool ${size} vs ${base})`,
        title: scenario.title,
        service: withSize,
        floor: withBase,
        ratio,
      });
    }
  } finally {
    await a.process.stop();
    await b.process.stop();
  }
}

const webhookSections = await webhookStages();

const readScenarios = main.results.filter(
  (result) => result.ratio !== undefined && mainScenarios.some((s) => s.id === result.id),
);
const slowest = values['profile-scenario'] ?? [...readScenarios].sort((a, b) => a.ratio! - b.ratio!)[0]?.id;
const profileScenario = mainScenarios.find((s) => s.id === slowest);
const profileSummary = profileScenario && !skip.has('profile') ? await profile(mainUrl, profileScenario) : undefined;
if (profileSummary) log(`profiled ${profileScenario!.id}`);

const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    mariadb: await mariadbVersion(mainUrl),
    loadAverageBefore: loadBefore.map((n) => Math.round(n * 100) / 100),
    loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100),
  },
  settings: { ...settings, quick, startCommand, poolMax: Number(process.env.DB_POOL_MAX ?? 10) },
  data: {
    main: { database: databaseName(mainUrl), activities: mainActivities },
    ...(large ? { large: { database: databaseName(largeUrl), activities: large.activities } } : {}),
  },
  coldStartMs,
  peakRssMb: Math.max(main.peakRssMb ?? 0, large?.peakRssMb ?? 0),
  memory: {
    main: { peakRssMb: main.peakRssMb, endRssMb: main.endRssMb, heap: main.heap },
    ...(large ? { large: { peakRssMb: large.peakRssMb, endRssMb: large.endRssMb, heap: large.heap } } : {}),
  },
  anchors: anchorResults,
  scenarios: [...main.results, ...(large?.results ?? [])],
  validation,
  probeFlood: probeFloodResults,
  tracing,
  poolComparison,
  ...webhookSections,
  profile: profileScenario && profileSummary ? { scenario: profileScenario.id, ...profileSummary } : undefined,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, 'RESULTS.md'), renderMarkdown(results));
log(`wrote ${join(outDir, 'results.json')} and ${join(outDir, 'RESULTS.md')}`);
