// npm run bench:bounds [-- --quick] [--out bench]
// The speed and memory budgets of hostile input, which functional tests leave to this file
// because they depend on the machine (test/support/deadlines.ts says why). The app runs in this
// process, configured as production runs it, on an embedded SQLite file of its own; each row is
// measured, compared with its budget and written to bounds.json. Exits 1 if a budget is missed.
// Run it on an otherwise idle machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { signToken } from '../src/auth/sign-token.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/data/database.js';
import { migrateToLatest } from '../src/data/migrate.js';
import { findDuplicateKey } from '../src/http/duplicate-keys.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'bench' } },
});
const zoneSpellings = values.quick ? 400 : 4000;

export interface BoundRow {
  id: string;
  what: string;
  measured: number;
  budget: number;
  unit: string;
  met: boolean;
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** RSS in MB after full collections, once the allocator has had a moment to return pages. */
async function settledRssMb(): Promise<number> {
  collectGarbage();
  await delay(200);
  collectGarbage();
  return process.memoryUsage().rss / 2 ** 20;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

const folder = mkdtempSync(join(tmpdir(), 'groups-bounds-'));
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: 'mysql://unused@127.0.0.1/unused', // production insists; the app below gets SQLite
  AUTH_JWT_SECRET: 'bounds-jwt-secret-0123456789abcdef01234567',
  PAGE_TOKEN_SECRET: 'bounds-page-token-secret-0123456789abcdef',
  // Production insists; nothing here seals a secret (32 bytes, base64).
  WEBHOOK_SECRETS_KEY: `bounds:${Buffer.alloc(32, 7).toString('base64')}`,
  RATE_LIMIT_PER_IP: '0',
  RATE_LIMIT_PER_USER: '0',
  RATE_LIMIT_PUBLIC_PER_IP: '0',
});
const db = createDatabase({ url: undefined, sqliteFile: join(folder, 'bounds.sqlite'), poolMax: 1 });
await migrateToLatest(db);
const now = new Date();
await db('organizations').insert({ id: 'org_bounds', name: 'Bounds', created_at: now });
await db('users').insert({
  id: 'usr_bounds_coach',
  org_id: 'org_bounds',
  name: 'Coach',
  role: 'coach',
  status: 'active',
  timezone: null,
  created_at: now,
});
const app = createApp({ config, db, logger: pino({ level: 'silent' }) });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const token = await signToken({ secret: config.jwtSecret!, userId: 'usr_bounds_coach', ttlSeconds: 3600 });
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const row = (id: string, what: string, measured: number, budget: number, unit: string): BoundRow => ({
  id,
  what,
  measured: Math.round(measured * 10) / 10,
  budget,
  unit,
  met: measured < budget,
});

const created = (await (
  await fetch(`${base}/api/v1/groups`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Bounds', user_id: 'usr_bounds_coach' }),
  })
).json()) as { group_id: string };

// 1. Four creates of 25,000 ids at once (under the 256 kB body limit), /healthz beside them.
const ids = Array.from({ length: 25_000 }, (_, index) => `usr_${index.toString(36)}`);
const hugeBody = JSON.stringify({ name: 'Huge', user_id: 'usr_bounds_coach', members: ids });
await fetch(`${base}/api/v1/groups`, { method: 'POST', headers, body: '{}' }); // the validator compiles once
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const [health, ...creates] = await Promise.all([
  delay(20).then(() => timed(() => fetch(`${base}/healthz`))),
  ...Array.from({ length: 4 }, () =>
    timed(() => fetch(`${base}/api/v1/groups`, { method: 'POST', headers, body: hugeBody })),
  ),
]);
loop.disable();
if (creates.some(({ result }) => result.status !== 400)) throw new Error('a 25,000-id create was not refused');
const hugeListRows = [
  row(
    'huge-list',
    'slowest of 4 concurrent creates with 25,000 ids, refused 400',
    Math.max(...creates.map((c) => c.ms)),
    1000,
    'ms',
  ),
  row('huge-list-health', '/healthz beside them', health.ms, 1000, 'ms'),
  row('huge-list-stall', 'longest event-loop stall meanwhile', loop.max / 1e6, 500, 'ms'),
];

// 2. The duplicate-key scan of a body at the size limit, against JSON.parse of the same text.
const objects = Object.fromEntries(Array.from({ length: 9000 }, (_, index) => [`k${index}`, { v: index }]));
const text = JSON.stringify({ members: Array.from({ length: 5000 }, (_, index) => `usr_${index}`), objects });
const best = (work: () => unknown) => {
  let fastest = Infinity;
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
};
const parseMs = best(() => JSON.parse(text));
const scanMs = best(() => findDuplicateKey(text));
const scanRow = row(
  'duplicate-key-scan',
  `duplicate-key scan of ${Math.round(text.length / 1024)} kB, in JSON.parse times`,
  scanMs / parseMs,
  10,
  '×',
);

// 3. Distinct letter cases of long zone names: each cost ~20-30 kB before zone names were
// canonicalized and the caches bounded. Most to a group that does not exist, one in ten to one
// the coach reads.
const zones = ['America/Argentina/ComodRivadavia', 'America/Indiana/Indianapolis', 'America/North_Dakota/New_Salem'];
const spelling = (zone: string, n: number) =>
  [...zone].map((char, index) => ((n >> (index % 24)) & 1 ? char.toUpperCase() : char.toLowerCase())).join('');
async function flood(offset: number): Promise<void> {
  for (let i = offset; i < offset + zoneSpellings; i += 8) {
    await Promise.all(
      Array.from({ length: 8 }, (_, j) => {
        const n = i + j;
        const group = n % 10 === 0 ? created.group_id : 'grp_doesnotexist0000';
        const zone = encodeURIComponent(spelling(zones[n % zones.length]!, n));
        return fetch(`${base}/api/v1/groups/${group}/stats?timezone=${zone}`, { headers }).then(async (r) => {
          await r.arrayBuffer();
          if (r.status !== (group === created.group_id ? 200 : 404)) throw new Error(`stats in ${zone}: ${r.status}`);
        });
      }),
    );
  }
}
// A first round of other spellings warms the JIT, the HTTP client's pool and SQLite's cache.
await flood(zoneSpellings);
const rssBefore = await settledRssMb();
const floodLoop = monitorEventLoopDelay({ resolution: 10 });
floodLoop.enable();
await flood(0);
floodLoop.disable();
const rssGrowth = (await settledRssMb()) - rssBefore;
const rows = [
  ...hugeListRows,
  scanRow,
  row('zone-spellings-rss', `RSS growth over ${zoneSpellings} time zone spellings`, rssGrowth, 50, 'MB'),
  row('zone-spellings-stall', 'longest event-loop stall meanwhile', floodLoop.max / 1e6, 500, 'ms'),
];

server.close();
await db.destroy();
rmSync(folder, { recursive: true, force: true });

const file = join(values.out, 'bounds.json');
writeFileSync(
  file,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), quick: values.quick, rows }, null, 2)}\n`,
);
console.log('| bound | measured | budget | met |\n|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.what} | ${r.measured} ${r.unit} | < ${r.budget} ${r.unit} | ${r.met ? 'yes' : 'NO'} |`);
console.log(`wrote ${file}`);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
