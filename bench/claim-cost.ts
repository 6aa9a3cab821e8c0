// npm run bench:claims [-- --sizes 10000,100000,1000000] [--rounds 20] [--database groups_bench_claims]
//   [--out bench] [--no-write] [--keep]
// What one claim round of the webhook dispatcher (src/webhooks/claim.ts) costs as the backlog
// at one dead endpoint grows: a scratch database (created, migrated, dropped at the end) holds
// N pending deliveries due now at one endpoint that never answers (enabled, not paused: the
// worst case, since its share is claimed every round) and a few healthy endpoints with a few
// due each. At each N the claim's three steps (dueEndpoints, liveClaims, claimDeliveries) are
// timed over `rounds` rounds, each of which releases its claims so that every round starts
// from the same state; then EXPLAIN of the claim's reads at the largest N. Rows are added with
// INSERT … SELECT from MariaDB's sequence tables, 100,000 a statement, and the table analyzed
// after each size (as InnoDB's automatic statistics would be after that much change).
// Writes `claimCost` into <out>/results.json (when there is one) and re-renders RESULTS.md.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createDatabase, type Database } from '../src/data/database.js';
import { migrateToLatest } from '../src/data/migrate.js';
import { claimDeliveries, dueEndpoints, liveClaims, releaseClaims } from '../src/data/webhook-deliveries-repository.js';
import { shareSlots } from '../src/domain/delivery-shares.js';
import { benchDatabaseUrl, databaseName, poolFor, serverConnection } from './lib/mysql.js';
import { mergeResults } from './lib/results-file.js';
import type { ClaimCostResults, ClaimTiming, PlanRow } from './lib/results.js';
import { benchSecrets, insertEndpoints, percentile } from './lib/webhook-fixtures.js';

export interface ClaimCostOptions {
  /** The scratch database's URL (a groups_bench* name); it is dropped and created. */
  url: string;
  sizes: number[];
  rounds: number;
  healthyEndpoints: number;
  /** Keep the scratch database at the end. */
  keep?: boolean;
  log: (line: string) => void;
}

const DEAD_ORG = 'org_wh_dead';
const DEAD_ENDPOINT = 'whe_wh_dead';
const EVENTS = 1000;
const FILL_CHUNK = 100_000;
/** The dispatcher's defaults (src/config.ts): a fresh dispatcher's free slots and caps. */
const LIMITS = { slots: 64, perEndpoint: 4, perOrganization: 16 };

const timing = (values: number[]): ClaimTiming => ({
  p50: Math.round(percentile(values, 0.5) * 100) / 100,
  max: Math.round(Math.max(...values) * 100) / 100,
});

async function createScratch(url: string): Promise<void> {
  const connection = await serverConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
    await connection.query(`CREATE DATABASE \`${databaseName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await connection.end();
  }
}

async function dropScratch(url: string): Promise<void> {
  const connection = await serverConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
  } finally {
    await connection.end();
  }
}

type Phase = 'dueEndpoints' | 'liveClaims' | 'claimDeliveries' | 'release';

/** One claim round, step by step as claimFairShare takes them, then its claims released. */
async function claimRound(
  db: Database,
  onPhase: (phase: Phase) => void = () => undefined,
  release = true,
): Promise<{ due: number; live: number; claim: number; claimed: number; token: string }> {
  const now = new Date();
  const token = `bench${Math.random().toString(36).slice(2, 14)}`;
  const t0 = performance.now();
  onPhase('dueEndpoints');
  const due = await dueEndpoints(db, now);
  const t1 = performance.now();
  onPhase('liveClaims');
  const live = await liveClaims(db, now);
  const t2 = performance.now();
  onPhase('claimDeliveries');
  const claimed = await claimDeliveries(db, {
    token,
    now,
    claimedUntil: new Date(now.getTime() + 40_000),
    shares: shareSlots(due, live, LIMITS),
  });
  const t3 = performance.now();
  onPhase('release');
  if (release) await releaseClaims(db, token);
  return { due: t1 - t0, live: t2 - t1, claim: t3 - t2, claimed: claimed.length, token };
}

const describe = (phase: Phase, sql: string): string => {
  if (phase === 'dueEndpoints') return "dueEndpoints: each enabled endpoint's earliest pending delivery";
  if (phase === 'liveClaims') return 'liveClaims: live claims per endpoint and organization';
  if (/union all/i.test(sql) || /^select `id` from \(select `id` from `webhook_deliveries`/i.test(sql))
    return "claimDeliveries: each claimed endpoint's earliest due deliveries (one range read per endpoint)";
  if (/count\(\*\)/i.test(sql)) return "claimDeliveries: the claimed endpoints' live claims, under their row locks";
  return 'claimDeliveries: the claimed rows with their endpoint and event';
};

/**
 * The claim's SELECTs as Knex sent them in one round, each run again under MariaDB's ANALYZE:
 * EXPLAIN's plan with the rows each step really read (r_rows; per execution for a dependent
 * subquery).
 */
async function explainRound(db: Database): Promise<ClaimCostResults['explain']> {
  const statements: { phase: Phase; sql: string; bindings: unknown[] }[] = [];
  let phase: Phase = 'dueEndpoints';
  const listen = (query: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*select/i.test(query.sql)) statements.push({ phase, sql: query.sql, bindings: query.bindings ?? [] });
  };
  db.on('query', listen);
  let token: string;
  try {
    // Its claims are kept until the reads have run again, so that the last one finds them.
    ({ token } = await claimRound(db, (next) => (phase = next), false));
  } finally {
    db.off('query', listen);
  }
  const explained: ClaimCostResults['explain'] = [];
  for (const statement of statements) {
    const [rows] = (await db.raw(`ANALYZE ${statement.sql}`, statement.bindings as never[])) as [PlanRow[]];
    explained.push({
      statement: describe(statement.phase, statement.sql),
      sql: statement.sql,
      plan: rows.map((row) => ({
        id: row.id,
        select_type: row.select_type,
        table: row.table,
        type: row.type,
        key: row.key,
        rows: row.rows,
        r_rows: row.r_rows,
        Extra: row.Extra,
      })),
    });
  }
  await releaseClaims(db, token);
  return explained;
}

export async function measureClaimCost(options: ClaimCostOptions): Promise<ClaimCostResults> {
  const loadAverageBefore = loadavg();
  const sizes = [...options.sizes].sort((a, b) => a - b);
  await createScratch(options.url);
  const db = createDatabase({ url: options.url, sqliteFile: '', poolMax: 2 });
  const pool = poolFor(options.url, 2);
  try {
    await migrateToLatest(db);
    const secrets = benchSecrets();
    const at = new Date('2024-01-01T00:00:00Z');
    const healthy = Array.from({ length: options.healthyEndpoints }, (_, index) => ({
      org: `org_wh_well${index}`,
      endpoint: `whe_wh_well${index}`,
    }));
    const orgs = [DEAD_ORG, ...healthy.map((h) => h.org)];
    await pool.query('INSERT INTO organizations (id, name, created_at) VALUES ?', [orgs.map((id) => [id, id, at])]);
    await insertEndpoints(pool, secrets.box, [
      { id: DEAD_ENDPOINT, orgId: DEAD_ORG, url: 'https://dead.example/hook' },
      ...healthy.map((h) => ({ id: h.endpoint, orgId: h.org, url: `https://${h.endpoint}.example/hook` })),
    ]);
    const now = new Date();
    // The events the deliveries point at (a foreign key): EVENTS of the dead organization, one
    // per healthy endpoint's organization.
    await pool.query(
      `INSERT INTO change_events (id, org_id, subject_id, subject_sequence, type, data, created_at, feed_position)
       SELECT CONCAT('evt_c_', seq), ?, CONCAT('grp_c_', seq), 1, 'group.created', '{}', ?, seq FROM seq_0_to_${EVENTS - 1}`,
      [DEAD_ORG, now],
    );
    for (const [index, h] of healthy.entries()) {
      await pool.query(
        `INSERT INTO change_events (id, org_id, subject_id, subject_sequence, type, data, created_at, feed_position)
         VALUES (?, ?, ?, 1, 'group.created', '{}', ?, ?)`,
        [`evt_c_well${index}`, h.org, `grp_c_well${index}`, now, EVENTS + index],
      );
      // A few due each.
      await pool.query(
        `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_id, redelivery, status, attempts, next_attempt_at, created_at)
         SELECT CONCAT('whd_c_well${index}_', seq), ?, ?, ?, 0, 'pending', 0, ?, ? FROM seq_1_to_3`,
        [h.org, h.endpoint, `evt_c_well${index}`, now, now],
      );
    }
    await pool.query('UPDATE change_feed_sequencer SET last_position = ? WHERE id = 1', [EVENTS + healthy.length]);

    const rows: ClaimCostResults['rows'] = [];
    let filled = 0;
    for (const size of sizes) {
      const fillStarted = performance.now();
      for (let from = filled + 1; from <= size; from += FILL_CHUNK) {
        const to = Math.min(size, from + FILL_CHUNK - 1);
        // Due over the last hour, as a backlog that built up; ids in order, as a primary key's
        // inserts would be appended anyway with time-ordered ids.
        await pool.query(
          `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_id, redelivery, status, attempts, next_attempt_at, created_at)
           SELECT CONCAT('whd_c_', LPAD(seq, 8, '0')), ?, ?, CONCAT('evt_c_', seq % ${EVENTS}), 0, 'pending', 0,
                  DATE_SUB(?, INTERVAL (seq % 3600000) * 1000 MICROSECOND), DATE_SUB(?, INTERVAL (seq % 3600000) * 1000 MICROSECOND)
           FROM seq_${from}_to_${to}`,
          [DEAD_ORG, DEAD_ENDPOINT, now, now],
        );
      }
      await pool.query('ANALYZE TABLE webhook_deliveries');
      const fillSeconds = Math.round((performance.now() - fillStarted) / 100) / 10;
      filled = size;
      // A warm-up round, then the measured ones.
      await claimRound(db);
      const rounds = [];
      for (let round = 0; round < options.rounds; round++) rounds.push(await claimRound(db));
      const row = {
        pending: size,
        fillSeconds,
        claimed: rounds[0]!.claimed,
        totalMs: timing(rounds.map((r) => r.due + r.live + r.claim)),
        dueEndpointsMs: timing(rounds.map((r) => r.due)),
        liveClaimsMs: timing(rounds.map((r) => r.live)),
        claimDeliveriesMs: timing(rounds.map((r) => r.claim)),
      };
      rows.push(row);
      options.log(
        `claim cost at ${size.toLocaleString('en-US')} pending (filled in ${fillSeconds} s): p50 ${row.totalMs.p50} ms, max ${row.totalMs.max} ms (dueEndpoints ${row.dueEndpointsMs.p50}, liveClaims ${row.liveClaimsMs.p50}, claimDeliveries ${row.claimDeliveriesMs.p50}); ${row.claimed} claimed a round`,
      );
    }
    const explain = await explainRound(db);
    return {
      measuredAt: new Date().toISOString(),
      loadAverageBefore: loadAverageBefore.map((n) => Math.round(n * 100) / 100),
      loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100),
      database: databaseName(options.url),
      rounds: options.rounds,
      healthyEndpoints: options.healthyEndpoints,
      rows,
      growth: Math.round((rows.at(-1)!.totalMs.p50 / Math.max(0.01, rows[0]!.totalMs.p50)) * 100) / 100,
      explain,
    };
  } finally {
    await pool.end();
    await db.destroy();
    if (!options.keep) await dropScratch(options.url);
  }
}

/** The table printed by the command. */
export function claimCostTable(results: ClaimCostResults): string {
  const lines = [
    '| pending at the dead endpoint | filled in s | claim round p50 / max ms | dueEndpoints p50 ms | liveClaims p50 ms | claimDeliveries p50 ms | claimed a round |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.rows.map(
      (row) =>
        `| ${row.pending.toLocaleString('en-US')} | ${row.fillSeconds} | ${row.totalMs.p50} / ${row.totalMs.max} | ${row.dueEndpointsMs.p50} | ${row.liveClaimsMs.p50} | ${row.claimDeliveriesMs.p50} | ${row.claimed} |`,
    ),
  ];
  return lines.join('\n');
}

export function explainText(results: ClaimCostResults): string {
  return results.explain
    .map(
      (entry) =>
        `${entry.statement}\n  ${entry.sql}\n${entry.plan
          .map(
            (row) =>
              `    ${row.id ?? ''} ${row.select_type} ${row.table ?? ''} type=${row.type ?? ''} key=${row.key ?? ''} rows=${row.rows ?? ''} r_rows=${row.r_rows ?? ''} ${row.Extra ?? ''}`,
          )
          .join('\n')}`,
    )
    .join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,1000000' },
      rounds: { type: 'string', default: '20' },
      healthy: { type: 'string', default: '5' },
      database: { type: 'string', default: 'groups_bench_claims' },
      out: { type: 'string', default: 'bench' },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => console.log(`[claims ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const results = await measureClaimCost({
    url: benchDatabaseUrl(values.database),
    sizes: values.sizes.split(',').map(Number),
    rounds: Number(values.rounds),
    healthyEndpoints: Number(values.healthy),
    keep: values.keep,
    log,
  });
  console.log(`\n${claimCostTable(results)}\n`);
  console.log(`growth, largest ÷ smallest p50: ×${results.growth} (target ≤ ×2)\n`);
  console.log(explainText(results));
  if (!values['no-write']) {
    if (mergeResults(values.out, { claimCost: results }))
      log(`wrote claimCost into ${values.out}/results.json and RESULTS.md`);
    else log(`no ${values.out}/results.json to write into; nothing written`);
  }
}
